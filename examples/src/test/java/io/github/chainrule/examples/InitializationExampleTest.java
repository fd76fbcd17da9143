package io.github.chainrule.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitializationExampleTest {
    @TempDir
    Path out;

    @Test
    void zerosKeepHiddenUnitsIdenticalAndTheCostFlatWhileHeLearns() throws IOException {
        // Fewer iterations than the program's 15000 at 0.01, and a larger step to make up for them.
        InitializationExample program = new InitializationExample().iterations(2000).learningRate(0.05);
        program.options().out(out).quiet(true);
        InitializationExample.Result r = program.run();
        InitializationExample.Outcome zeros = r.outcomes().get("zeros");
        InitializationExample.Outcome large = r.outcomes().get("random * 10");
        InitializationExample.Outcome he = r.outcomes().get("He");
        assertTrue(zeros.hiddenUnitsIdentical(), "zeros never break the symmetry");
        assertEquals(Math.log(2), zeros.costs()[0], 1e-12);
        assertTrue(zeros.costRange() < 1e-9, "the cost stays flat at log 2: range " + zeros.costRange());
        assertEquals(0.5, zeros.trainAccuracy(), 1e-12);
        assertFalse(large.hiddenUnitsIdentical());
        assertFalse(he.hiddenUnitsIdentical());
        assertTrue(large.costs()[0] > 10 * he.costs()[0], "randn * 10 starts with a huge cost: " + large.costs()[0]);
        assertTrue(he.trainAccuracy() > zeros.trainAccuracy() + 0.3, "He learns: " + he.trainAccuracy());
        Pictures.assertWrote(out, r.files(), "initialization_cost.png", "initialization_boundaries.png");
    }
}
