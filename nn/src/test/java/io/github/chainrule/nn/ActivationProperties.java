package io.github.chainrule.nn;

import io.github.chainrule.Tensor;
import io.github.chainrule.gradcheck.GradCheck;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each activation's values, and its derivative (from autodiff) against centered differences. */
class ActivationProperties {

    @Provide
    Arbitrary<Activation> activations() {
        return Arbitraries.of(List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.LEAKY_RELU,
                Activation.leakyRelu(0.2), Activation.SOFTMAX, Activation.IDENTITY, Activation.GELU, Activation.SILU,
                Activation.ELU, Activation.elu(0.5)));
    }

    @Property(tries = 40)
    void everyActivationsBackwardMatchesCenteredDifferences(@ForAll("activations") Activation g,
                                                           @ForAll @IntRange(min = 1, max = 5) int n,
                                                           @ForAll @IntRange(min = 1, max = 4) int m,
                                                           @ForAll long seed) {
        Tensor Z = Tensor.randn(new Random(seed), n, m).mul(2);
        GradCheck.of(z -> g.apply(z[0])).epsilon(SuiteChecks.EPSILON).check(Z).assertPassed();
    }

    @Property(tries = 30)
    void anActivationLayerBackwardMatchesCenteredDifferences(@ForAll("activations") Activation g, @ForAll long seed) {
        Layer layer = g.asLayer();
        Tensor Z = Tensor.randn(new Random(seed), 3, 4);
        GradCheck.of(z -> layer.forward(z[0])).epsilon(SuiteChecks.EPSILON).check(Z).assertPassed();
    }

    @Property(tries = 30)
    void softmaxColumnsArePositiveAndSumToOne(@ForAll @IntRange(min = 1, max = 6) int classes,
                                              @ForAll @IntRange(min = 1, max = 5) int m, @ForAll long seed) {
        Tensor A = Activation.SOFTMAX.apply(Tensor.randn(new Random(seed), classes, m).mul(30));
        for (int j = 0; j < m; j++) {
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                assertTrue(A.get(k, j) >= 0);
                sum += A.get(k, j);
            }
            assertEquals(1.0, sum, 1e-12);
        }
    }

    @Example
    void activationValuesMatchTheirDefinitions() {
        Tensor Z = Tensor.vector(-2, -0.5, 0, 1.5).reshape(4, 1);
        double[] z = Z.toArray();
        double[] sig = Activation.SIGMOID.apply(Z).toArray();
        double[] tanh = Activation.TANH.apply(Z).toArray();
        double[] relu = Activation.RELU.apply(Z).toArray();
        double[] leaky = Activation.LEAKY_RELU.apply(Z).toArray();
        double[] id = Activation.IDENTITY.apply(Z).toArray();
        for (int i = 0; i < z.length; i++) {
            assertEquals(1 / (1 + Math.exp(-z[i])), sig[i], 1e-15);
            assertEquals(Math.tanh(z[i]), tanh[i], 1e-15);
            assertEquals(Math.max(0, z[i]), relu[i], 0);
            assertEquals(Math.max(0.01 * z[i], z[i]), leaky[i], 0);
            assertEquals(z[i], id[i], 0);
        }
    }

    @Example
    void softmaxWorksOverAxisZeroTheClasses() {
        Tensor Z = Tensor.matrix(new double[][] {{1, 0}, {2, 0}, {3, 0}});
        Tensor A = Activation.SOFTMAX.apply(Z);
        double denom = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertEquals(Math.exp(3) / denom, A.get(2, 0), 1e-15);
        assertEquals(1.0 / 3, A.get(0, 1), 1e-15);
    }

    @Example
    void reluDerivativeAtZeroIsOneAsTheCourseTakesIt() {
        Tensor Z = Tensor.zeros(1, 1).requiresGrad();
        Activation.RELU.apply(Z).sum().backward();
        assertEquals(1.0, Z.grad().item());
    }
}
