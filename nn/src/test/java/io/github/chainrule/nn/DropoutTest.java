package io.github.chainrule.nn;

import io.github.chainrule.Tensor;
import io.github.chainrule.gradcheck.GradCheck;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inverted dropout: statistics in training, identity in evaluation, seeded, and its gradient. */
class DropoutTest {

    /**
     * With N = 100000 units, the kept fraction has standard deviation √(p(1−p)/N) ≤ 0.0016, and the mean of
     * the outputs (inputs all 1) has standard deviation √((1−p)/(pN)); 5 standard deviations bound both.
     */
    @Property(tries = 10)
    void keptFractionIsKeepProbAndTheExpectationIsPreserved(@ForAll @DoubleRange(min = 0.2, max = 0.95) @Scale(4) double keepProb,
                                                            @ForAll long seed) {
        int rows = 100;
        int m = 1000;
        Dropout dropout = new Dropout(keepProb, new Random(seed));
        double[] out = dropout.forward(Tensor.ones(rows, m)).toArray();
        int kept = 0;
        double sum = 0;
        for (double v : out) {
            if (v != 0) {
                kept++;
                assertEquals(1 / keepProb, v, 1e-12, "kept units are scaled by 1/keepProb");
            }
            sum += v;
        }
        int n = rows * m;
        double fractionSd = Math.sqrt(keepProb * (1 - keepProb) / n);
        assertEquals(keepProb, kept / (double) n, 5 * fractionSd);
        double meanSd = Math.sqrt((1 - keepProb) / (keepProb * n));
        assertEquals(1.0, sum / n, 5 * meanSd);
    }

    @Example
    void evaluationModeIsTheIdentity() {
        Dropout dropout = new Dropout(0.5, new Random(1));
        dropout.eval();
        Tensor A = Tensor.randn(new Random(2), 4, 5);
        assertSame(A, dropout.forward(A));
    }

    @Example
    void inASequenceEvalSwitchesDropoutOffAndTrainOn() {
        Sequential model = new Sequential(new Dropout(0.5, new Random(1)));
        Tensor A = Tensor.ones(10, 10);
        model.eval();
        assertArrayEquals(A.toArray(), model.forward(A).toArray());
        model.train();
        // 100 units kept with probability 1/2 each: all kept has probability 2^-100
        assertTrue(java.util.Arrays.stream(model.forward(A).toArray()).anyMatch(v -> v == 0.0));
    }

    @Example
    void theSameSeedGivesTheSameMasks() {
        Tensor A = Tensor.ones(6, 7);
        Dropout a = new Dropout(0.6, new Random(42));
        Dropout b = new Dropout(0.6, new Random(42));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(a.forward(A).toArray(), b.forward(A).toArray());
        }
    }

    @Example
    void keepProbOneKeepsEverything() {
        Tensor A = Tensor.randn(new Random(3), 3, 3);
        assertSame(A, new Dropout(1.0, new Random(1)).forward(A));
    }

    @Example
    void keepProbOutsideZeroOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(0, new Random(1)));
        assertTrue(e.getMessage().contains("keepProb must be in (0, 1], got 0.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5, new Random(1)));
    }

    /** The course's backward step: dA_prev = dA ⊙ D / keepProb, units dropped forward get no gradient. */
    @Property(tries = 30)
    void dropoutBackwardWithAFixedMaskMatchesCenteredDifferences(@ForAll @DoubleRange(min = 0.3, max = 0.9) @Scale(4) double keepProb,
                                                                 @ForAll long seed) {
        Random rng = new Random(seed);
        Tensor A = Tensor.randn(rng, 4, 5);
        Tensor D = Dropout.mask(A, keepProb, rng);
        GradCheck.of(x -> Dropout.apply(x[0].tanh(), D, keepProb)).check(A).assertPassed();
    }

    @Example
    void droppedUnitsGetNoGradientAndKeptOnesAreScaled() {
        Tensor A = Tensor.ones(3, 4).requiresGrad();
        Tensor D = Dropout.mask(A, 0.5, new Random(5));
        Dropout.apply(A, D, 0.5).sum().backward();
        for (int i = 0; i < 12; i++) {
            assertEquals(D.toArray()[i] / 0.5, A.grad().toArray()[i], 0);
        }
    }
}
