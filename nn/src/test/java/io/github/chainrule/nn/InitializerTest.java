package io.github.chainrule.nn;

import io.github.chainrule.GradMode;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.nn.cost.Costs;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The course's initializations: scales, seeding, and why zeros do not work. */
class InitializerTest {

    private static double std(Tensor t) {
        double[] v = t.toArray();
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
        }
        return Math.sqrt(var / v.length);
    }

    @Test
    void eachInitializerHasTheCoursesScale() {
        int n = 200;
        int nPrev = 300;
        Random rng = new Random(1);
        // 60000 draws: the sample standard deviation is within about 0.3% of the true one.
        assertEquals(0.01, std(Initializer.smallRandom().weights(n, nPrev, rng)), 0.01 * 0.02);
        assertEquals(Math.sqrt(1.0 / nPrev), std(Initializer.xavier().weights(n, nPrev, rng)), Math.sqrt(1.0 / nPrev) * 0.02);
        assertEquals(Math.sqrt(2.0 / (nPrev + n)), std(Initializer.glorot().weights(n, nPrev, rng)), Math.sqrt(2.0 / (nPrev + n)) * 0.02);
        assertEquals(Math.sqrt(2.0 / nPrev), std(Initializer.he().weights(n, nPrev, rng)), Math.sqrt(2.0 / nPrev) * 0.02);
        assertEquals(0.0, std(Initializer.zeros().weights(n, nPrev, rng)));
    }

    @Test
    void heIsTheStandardNormalDrawTimesSqrtTwoOverNPrev() {
        Tensor w = Initializer.he().weights(3, 5, new Random(9));
        Tensor z = Tensor.randn(new Random(9), 3, 5);
        assertEquals(Shape.of(3, 5), w.shape());
        for (int i = 0; i < 15; i++) {
            assertEquals(z.toArray()[i] * Math.sqrt(2.0 / 5), w.toArray()[i], 1e-15);
        }
    }

    @Test
    void theSameSeedGivesTheSameWeightsAndAnotherSeedDifferentOnes() {
        assertArrayEquals(Initializer.he().weights(4, 6, new Random(3)).toArray(),
                Initializer.he().weights(4, 6, new Random(3)).toArray());
        assertNotEquals(Initializer.he().weights(4, 6, new Random(3)).get(0, 0),
                Initializer.he().weights(4, 6, new Random(4)).get(0, 0));
    }

    @Test
    void biasesStartAtZero() {
        Dense layer = new Dense(4, 3, Activation.RELU, Initializer.he(), new Random(1));
        assertArrayEquals(new double[3], layer.b().toArray());
    }

    @Test
    void nonPositiveSizesAreRefusedWithTheirValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Initializer.he().weights(0, 3, new Random(1)));
        assertTrue(e.getMessage().contains("n[l] = 0"), e.getMessage());
    }

    /**
     * The course's lesson on symmetry: initialized with zeros, every hidden unit computes the same function,
     * receives the same gradient, and so stays identical to the others however long it trains.
     */
    @Test
    void withZeroInitializationEveryHiddenUnitStaysIdenticalAfterTraining() {
        Random rng = new Random(7);
        Tensor X = Tensor.randn(rng, 2, 40);
        Tensor Y = X.slice(0, 0, 1).mul(X.slice(0, 1, 2)).sigmoid();   // some nonlinear target in (0, 1)
        Dense hidden = new Dense(2, 4, Activation.TANH, Initializer.zeros(), rng);
        Dense out = new Dense(4, 1, Activation.SIGMOID, Initializer.zeros(), rng);
        Sequential model = new Sequential(hidden, out);
        for (int i = 0; i < 200; i++) {
            model.zeroGrad();
            Costs.binaryCrossEntropy(model.forward(X), Y).backward();
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                for (Tensor p : model.parameters()) {
                    p.subInPlace(p.grad().mul(0.5));
                }
            }
        }
        // the output layer did learn something (its bias moved)...
        assertNotEquals(0.0, out.b().item());
        // ...but the hidden units are clones: every row of W[1], every entry of b[1], every column of W[2] equal
        for (int unit = 1; unit < 4; unit++) {
            assertEquals(hidden.W().get(0, 0), hidden.W().get(unit, 0));
            assertEquals(hidden.W().get(0, 1), hidden.W().get(unit, 1));
            assertEquals(hidden.b().get(0, 0), hidden.b().get(unit, 0));
            assertEquals(out.W().get(0, 0), out.W().get(0, unit));
        }
    }

    /** The contrast: random initialization breaks the symmetry, and the hidden units differ after training. */
    @Test
    void withRandomInitializationHiddenUnitsDiffer() {
        Random rng = new Random(7);
        Dense hidden = new Dense(2, 4, Activation.TANH, Initializer.smallRandom(), rng);
        assertNotEquals(hidden.W().get(0, 0), hidden.W().get(1, 0));
    }
}
