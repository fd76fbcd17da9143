package io.github.chainrule.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizationExampleTest {
    @TempDir
    Path out;

    @Test
    void adamReachesALowerCostThanMiniBatchGradientDescentInTheSameEpochs() throws IOException {
        OptimizationExample program = new OptimizationExample().epochs(300);
        program.options().out(out).quiet(true);
        OptimizationExample.Result r = program.run();
        assertEquals(6, r.outcomes().size());
        OptimizationExample.Outcome gd = r.outcomes().get("mini-batch gradient descent");
        OptimizationExample.Outcome adam = r.outcomes().get("Adam");
        assertEquals(300, gd.costs().length);
        assertEquals(300, adam.costs().length);
        assertTrue(adam.finalCost() < gd.finalCost(), "Adam " + adam.finalCost() + " vs GD " + gd.finalCost());
        assertTrue(r.outcomes().get("mini-batch gradient descent with decay").finalCost() < gd.finalCost(),
                "a larger, decaying learning rate gets gradient descent further");
        Pictures.assertWrote(out, r.files(), "optimization_cost.png", "optimization_decay_cost.png");
    }
}
