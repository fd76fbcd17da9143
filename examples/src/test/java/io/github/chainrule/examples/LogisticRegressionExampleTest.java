package io.github.chainrule.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LogisticRegressionExampleTest {
    /**
     * scikit-learn 1.2.1's LogisticRegression (defaults, max_iter=10000) on the same seed-1 split and
     * standardization, measured once with Debian's python3-sklearn (the command is in examples/README.md).
     */
    static final double SKLEARN_TEST_ACCURACY = 112.0 / 114;

    @TempDir
    Path out;

    @Test
    void testAccuracyIsWithinOnePointOfScikitLearnOnTheSameSplit() throws IOException {
        LogisticRegressionExample program = new LogisticRegressionExample();
        program.options().out(out).quiet(true);
        LogisticRegressionExample.Result r = program.run();
        assertEquals(455, r.trainSize());
        assertEquals(114, r.testSize());
        assertTrue(Math.abs(r.testAccuracy() - SKLEARN_TEST_ACCURACY) <= 0.01,
                "test accuracy " + r.testAccuracy() + " vs scikit-learn's " + SKLEARN_TEST_ACCURACY);
        assertEquals(Math.log(2), r.costs()[0], 1e-12, "w = 0, b = 0 start at cost log 2");
        double[] small = r.costsByRate().get(0.0001);
        double[] mid = r.costsByRate().get(0.001);
        double[] large = r.costsByRate().get(0.01);
        assertTrue(large[large.length - 1] < mid[mid.length - 1] && mid[mid.length - 1] < small[small.length - 1],
                "a larger learning rate reaches a lower cost in the same iterations");
        Pictures.assertWrote(out, r.files(), "logistic_regression_learning_rates.png");
    }

    @Test
    void twoRunsWithTheSameSeedGiveTheSameNumbers() {
        LogisticRegressionExample a = new LogisticRegressionExample().iterations(50);
        a.options().out(out.resolve("a")).quiet(true).seed(7);
        LogisticRegressionExample b = new LogisticRegressionExample().iterations(50);
        b.options().out(out.resolve("b")).quiet(true).seed(7);
        LogisticRegressionExample.Result ra = a.run();
        LogisticRegressionExample.Result rb = b.run();
        assertArrayEquals(ra.costs(), rb.costs());
        assertEquals(ra.testAccuracy(), rb.testAccuracy());
    }
}
