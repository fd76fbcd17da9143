package io.github.chainrule.nn;

import io.github.chainrule.Tensor;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.gradcheck.ModelGradCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * GELU, SiLU and ELU as nn activations: values and slopes against numbers worked out by hand from the
 * formulas (Φ from erf, σ, e^z; computed once in double precision and written down here), NaN through, and a
 * whole-model gradient check through a Dense layer and an ActivationLayer using each.
 */
class NewActivationsTest {
    private static final double[] Z = {-2, -0.5, 0, 1, 1.5};

    @Test
    void geluIsZTimesTheNormalDistributionFunctionAndItsSlopeIsPhiPlusZTimesTheDensity() {
        assertValuesAndSlopes(Activation.GELU,
                new double[] {-0.04550026389635842, -0.15426876936299344, 0.0, 0.8413447460685429, 1.399789198096713},
                new double[] {-0.08523180107819692, 0.13250487534383712, 0.5, 1.0833154705876864, 1.1274691922299795});
    }

    @Test
    void siluIsZTimesSigmoidAndItsSlopeIsSigmoidTimesOnePlusZTimesOneMinusSigmoid() {
        assertValuesAndSlopes(Activation.SILU,
                new double[] {-0.2384058440442351, -0.1887703343990727, 0.0, 0.7310585786300049, 1.2263617142904655},
                new double[] {-0.09078424878489547, 0.2600388126973482, 0.5, 0.9276705118714869, 1.041294154299143});
    }

    @Test
    void eluIsZAboveZeroAndExpMinusOneBelowWithSlopeExpZ() {
        assertValuesAndSlopes(Activation.ELU,
                new double[] {-0.8646647167633873, -0.3934693402873666, 0.0, 1, 1.5},
                new double[] {0.1353352832366127, 0.6065306597126334, 1.0, 1.0, 1.0});
    }

    @Test
    void eluWithAlphaScalesTheNegativeSideAndIsNamedByAlpha() {
        assertValuesAndSlopes(Activation.elu(0.5),
                new double[] {-0.43233235838169365, -0.1967346701436833, 0.0, 1, 1.5},
                new double[] {0.5 * 0.1353352832366127, 0.5 * 0.6065306597126334, 0.5, 1.0, 1.0});
        assertEquals("elu(0.5)", Activation.elu(0.5).name());
        assertEquals("elu", Activation.ELU.name());
        assertEquals("gelu", Activation.GELU.name());
        assertEquals("silu", Activation.SILU.name());
    }

    @Test
    void eluRefusesANonFiniteAlphaNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Activation.elu(Double.NaN));
        assertTrue(e.getMessage().contains("elu") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("newActivations")
    void aNaNInputGivesNaNOut(Activation g) {
        double[] out = g.apply(Tensor.of(new double[] {Double.NaN, 1}, 2, 1)).toArray();
        assertTrue(Double.isNaN(out[0]), g + " gave " + out[0] + " for NaN");
        assertTrue(Double.isFinite(out[1]));
    }

    @ParameterizedTest
    @MethodSource("newActivations")
    void aDenseLayerUsingItPassesTheWholeModelGradientCheck(Activation g) {
        Random rng = new Random(7);
        Sequential model = new Sequential(new Dense(3, 4, g, Initializer.he(), rng),
                new Dense(4, 1, Activation.SIGMOID, Initializer.xavier(), rng));
        perturbAll(model, rng);
        Tensor X = Tensor.randn(rng, 3, 6);
        Tensor Y = Tensor.of(new double[] {1, 0, 1, 1, 0, 0}, 1, 6);
        ModelGradCheck.of(model).check(() -> Costs.binaryCrossEntropy(model.forward(X), Y)).assertPassed();
    }

    @ParameterizedTest
    @MethodSource("newActivations")
    void anActivationLayerUsingItPassesTheWholeModelGradientCheck(Activation g) {
        Random rng = new Random(8);
        Sequential model = new Sequential(new Dense(3, 4, Initializer.he(), rng), g.asLayer(),
                new Dense(4, 2, Initializer.xavier(), rng));
        perturbAll(model, rng);
        Tensor X = Tensor.randn(rng, 3, 5);
        Tensor Y = Tensor.randn(rng, 2, 5);
        ModelGradCheck.of(model).check(() -> Costs.meanSquaredError(model.forward(X), Y)).assertPassed();
    }

    static Stream<Activation> newActivations() {
        return Stream.of(Activation.GELU, Activation.SILU, Activation.ELU, Activation.elu(0.5));
    }

    /** Checks g(Z) and dΣg/dZ (the slope at each z, from backward) against the hand-computed numbers. */
    private static void assertValuesAndSlopes(Activation g, double[] values, double[] slopes) {
        Tensor z = Tensor.of(Z.clone(), Z.length, 1).requiresGrad();
        Tensor a = g.apply(z);
        assertArrayEquals(values, a.toArray(), 1e-15, g + " values");
        a.sum().backward();
        assertArrayEquals(slopes, z.grad().toArray(), 1e-15, g + " slopes");
        Tensor viaLayer = g.asLayer().forward(Tensor.of(Z.clone(), Z.length, 1));
        assertArrayEquals(values, viaLayer.toArray(), 1e-15, g + " as a layer");
    }

    /** Moves every parameter off its initial value (biases start at 0), so no gradient is trivially 0. */
    private static void perturbAll(Layer model, Random rng) {
        for (Tensor p : model.parameters()) {
            double[] v = p.detach().buffer();
            for (int i = 0; i < v.length; i++) {
                v[i] += 0.3 * rng.nextGaussian();
            }
        }
    }
}
