package io.github.chainrule.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanarExampleTest {
    @TempDir
    Path out;

    @Test
    void aTanhHiddenLayerSeparatesTheFlowerThatLogisticRegressionCannot() throws IOException {
        PlanarExample program = new PlanarExample().iterations(3000).sweepIterations(1500);
        program.options().out(out).quiet(true);
        PlanarExample.Result r = program.run();
        assertTrue(r.logisticAccuracy() < 0.7, "a straight line cannot separate the petals: " + r.logisticAccuracy());
        assertTrue(r.networkAccuracy() > 0.85, "4 tanh units can: " + r.networkAccuracy());
        assertEquals(List.of(1, 2, 3, 4, 5, 20, 50), List.copyOf(r.sweepAccuracy().keySet()));
        assertTrue(r.sweepAccuracy().get(1) < r.sweepAccuracy().get(5),
                "one hidden unit is too few: " + r.sweepAccuracy());
        Pictures.assertWrote(out, r.files(), "planar_logistic_regression.png", "planar_hidden_4.png",
                "planar_hidden_sizes.png");
    }
}
