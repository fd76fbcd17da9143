package io.github.chainrule.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SoftmaxExampleTest {
    @TempDir
    Path out;

    /** The targets, with the program's default settings: one hidden layer, at least 97% and 95%. */
    @Test
    void oneHiddenLayerReaches97PercentOnDigitsAnd95OnMnist() throws IOException {
        SoftmaxExample program = new SoftmaxExample();
        program.options().out(out).quiet(true);
        SoftmaxExample.Result r = program.run();
        assertTrue(r.digits().testAccuracy() >= 0.97, "8x8 digits test accuracy " + r.digits().testAccuracy());
        assertTrue(r.mnist().testAccuracy() >= 0.95, "MNIST test accuracy " + r.mnist().testAccuracy());
        for (SoftmaxExample.Outcome o : new SoftmaxExample.Outcome[] {r.digits(), r.mnist()}) {
            int total = Arrays.stream(o.confusion()).flatMapToInt(Arrays::stream).sum();
            int diagonal = 0;
            for (int k = 0; k < 10; k++) {
                diagonal += o.confusion()[k][k];
            }
            assertEquals(o.testSize(), total, "every test example is counted once");
            assertEquals(o.testAccuracy(), (double) diagonal / total, 1e-12, "the diagonal holds the right answers");
        }
        Pictures.assertWrote(out, r.files(), "softmax_digits_confusion.png", "softmax_digits_misclassified.png",
                "softmax_mnist_confusion.png", "softmax_mnist_misclassified.png");
    }
}
