package io.github.chainrule.nn.cost;

import io.github.chainrule.Tensor;
import io.github.chainrule.gradcheck.GradCheck;
import io.github.chainrule.nn.SuiteChecks;
import io.github.chainrule.nn.Activation;
import io.github.chainrule.nn.Dense;
import io.github.chainrule.nn.Initializer;
import io.github.chainrule.nn.Sequential;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.IntRange;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** L2 and L1 penalties: values, gradients, and that biases are left alone. */
class RegularizerProperties {

    @Property(tries = 30)
    void l2PenaltyGradientMatchesCenteredDifferencesAndIsLambdaOverMTimesW(
            @ForAll @DoubleRange(min = 0.01, max = 5) @Scale(4) double lambda, @ForAll @IntRange(min = 1, max = 50) int m,
            @ForAll long seed) {
        Random rng = new Random(seed);
        Tensor W1 = Tensor.randn(rng, 3, 2);
        Tensor W2 = Tensor.randn(rng, 1, 3);
        Regularizer l2 = Regularizer.l2(lambda);
        GradCheck.of(w -> l2.penalty(List.of(w[0], w[1]), m)).epsilon(SuiteChecks.EPSILON).check(W1, W2).assertPassed();
        Tensor w = W1.copy().requiresGrad();
        l2.penalty(List.of(w), m).backward();
        for (int i = 0; i < 6; i++) {
            assertEquals(lambda / m * W1.toArray()[i], w.grad().toArray()[i], 1e-12);   // the course's (λ/m)·W
        }
    }

    @Property(tries = 30)
    void l1PenaltyGradientMatchesCenteredDifferences(@ForAll @DoubleRange(min = 0.01, max = 5) @Scale(4) double lambda,
                                                     @ForAll @IntRange(min = 1, max = 50) int m, @ForAll long seed) {
        Random rng = new Random(seed);
        Tensor W1 = Tensor.randn(rng, 3, 2);
        GradCheck.of(w -> Regularizer.l1(lambda).penalty(List.of(w[0]), m)).epsilon(SuiteChecks.EPSILON).check(W1).assertPassed();
    }

    @Property(tries = 20)
    void regularizedCostGradientOfAWholeNetworkMatchesCenteredDifferences(@ForAll @DoubleRange(min = 0.01, max = 2) @Scale(4) double lambda,
                                                                         @ForAll long seed) {
        Random rng = new Random(seed);
        Sequential model = new Sequential(new Dense(3, 4, Activation.TANH, Initializer.xavier(), rng),
                new Dense(4, 1, Activation.SIGMOID, Initializer.xavier(), rng));
        Tensor X = Tensor.randn(rng, 3, 5);
        Tensor Y = Tensor.of(new double[] {1, 0, 1, 1, 0}, 1, 5);
        for (Regularizer reg : List.of(Regularizer.l2(lambda), Regularizer.l1(lambda))) {
            GradCheck.checkParameters(() -> Costs.binaryCrossEntropy(model.forward(X), Y).add(reg.penalty(model, 5)),
                    model.namedParameters(), 1e-7, 1e-7).assertPassed();
        }
    }

    @Example
    void l2IsLambdaOverTwoMTimesTheSquaredFrobeniusNormsOfTheWeightsOnly() {
        Dense layer = new Dense(Tensor.matrix(new double[][] {{1, 2}, {3, 4}}), Tensor.matrix(new double[][] {{10}, {20}}),
                Activation.RELU);
        Dense out = new Dense(Tensor.matrix(new double[][] {{-1, 1}}), Tensor.matrix(new double[][] {{5}}), Activation.SIGMOID);
        Sequential model = new Sequential(layer, out);
        // ‖W1‖² = 1 + 4 + 9 + 16 = 30, ‖W2‖² = 2; the biases do not count
        assertEquals(0.7 / (2 * 4) * 32, Regularizer.l2(0.7).penalty(model, 4).item(), 1e-15);
        assertEquals(0.7 / (2 * 4) * (10 + 2), Regularizer.l1(0.7).penalty(model, 4).item(), 1e-15);
        Regularizer.l2(0.7).penalty(model, 4).backward();
        assertFalse(layer.b().hasGrad(), "biases are not penalized");
    }

    @Example
    void noneIsZero() {
        assertEquals(0.0, Regularizer.none().penalty(List.of(Tensor.ones(2, 2)), 3).item());
    }

    @Example
    void negativeLambdaAndNonPositiveMAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Regularizer.l2(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Regularizer.l2(1).penalty(List.of(Tensor.ones(1, 1)), 0));
        assertEquals("l2: the number of examples m must be positive, got 0", e.getMessage());
    }
}
