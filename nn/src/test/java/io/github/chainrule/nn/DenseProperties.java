package io.github.chainrule.nn;

import io.github.chainrule.Tensor;
import io.github.chainrule.gradcheck.GradCheck;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.List;
import java.util.Random;

/** The dense layer's gradients, with respect to its input A and to its parameters W and b, against centered differences. */
class DenseProperties {

    @Provide
    Arbitrary<Activation> activations() {
        return Arbitraries.of(List.of(Activation.SIGMOID, Activation.TANH, Activation.RELU, Activation.LEAKY_RELU,
                Activation.SOFTMAX, Activation.IDENTITY));
    }

    @Property(tries = 40)
    void denseLayerGradientWithRespectToItsInputMatchesCenteredDifferences(
            @ForAll @IntRange(min = 1, max = 5) int nPrev, @ForAll @IntRange(min = 1, max = 5) int n,
            @ForAll @IntRange(min = 1, max = 4) int m, @ForAll("activations") Activation g, @ForAll long seed) {
        Random rng = new Random(seed);
        Dense layer = new Dense(nPrev, n, g, Initializer.xavier(), rng);
        GradCheck.of(x -> layer.forward(x[0])).epsilon(SuiteChecks.EPSILON).check(Tensor.randn(rng, nPrev, m)).assertPassed();
    }

    @Property(tries = 40)
    void denseLayerParameterGradientsMatchCenteredDifferences(
            @ForAll @IntRange(min = 1, max = 5) int nPrev, @ForAll @IntRange(min = 1, max = 5) int n,
            @ForAll @IntRange(min = 1, max = 4) int m, @ForAll("activations") Activation g, @ForAll long seed) {
        Random rng = new Random(seed);
        Dense layer = new Dense(nPrev, n, g, Initializer.xavier(), rng);
        Tensor A = Tensor.randn(rng, nPrev, m);
        Tensor r = Tensor.randn(rng, n, m);
        GradCheck.checkParameters(() -> layer.forward(A).mul(r).sum(), layer.namedParameters(), 1e-7, 1e-7)
                .assertPassed();
    }
}
