package io.github.chainrule.nn.optim;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every optimizer against the course's update formulas, computed here by hand with plain arrays, step by
 * step over several steps with a fresh random gradient each time (bias correction included).
 */
class OptimizerTest {
    private static final int STEPS = 6;

    /** Two parameters W (3,2) and b (3,1) with random values. */
    private static Map<String, Tensor> parameters(Random rng) {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("layer1.W", Tensor.randn(rng, 3, 2).requiresGrad());
        p.put("layer1.b", Tensor.randn(rng, 3, 1).requiresGrad());
        return p;
    }

    /** Sets each parameter's gradient to a chosen G: the gradient of J = Σ p ⊙ G is exactly G. */
    private static void setGradients(Map<String, Tensor> params, Map<String, Tensor> grads) {
        params.values().forEach(Tensor::zeroGrad);
        Tensor J = Tensor.scalar(0);
        for (String name : params.keySet()) {
            J = J.add(params.get(name).mul(grads.get(name)).sum());
        }
        J.backward();
    }

    /** A hand-written optimizer step on one parameter: returns the new values from the old and the gradient. */
    private interface HandStep {
        double[] apply(String name, double[] theta, double[] g, int t);
    }

    private static void assertMatchesByHand(Function<Map<String, Tensor>, Optimizer> make, HandStep byHand, long seed) {
        Random rng = new Random(seed);
        Map<String, Tensor> params = parameters(rng);
        Map<String, double[]> expected = new LinkedHashMap<>();
        params.forEach((n, p) -> expected.put(n, p.toArray()));
        Optimizer opt = make.apply(params);
        for (int t = 1; t <= STEPS; t++) {
            Map<String, Tensor> grads = new LinkedHashMap<>();
            params.forEach((n, p) -> grads.put(n, Tensor.randn(rng, p.shape().dims())));
            setGradients(params, grads);
            opt.step();
            assertEquals(t, opt.stepCount());
            for (String n : params.keySet()) {
                expected.put(n, byHand.apply(n, expected.get(n), grads.get(n).toArray(), t));
                assertArrayEquals(expected.get(n), params.get(n).toArray(), 1e-12, n + " after step " + t);
            }
        }
    }

    @Property(tries = 20)
    void gradientDescentMatchesTheCoursesUpdate(@ForAll @DoubleRange(min = 0.001, max = 1) @Scale(4) double alpha, @ForAll long seed) {
        assertMatchesByHand(p -> new GradientDescent(p, alpha), (n, theta, g, t) -> {
            double[] out = theta.clone();
            for (int i = 0; i < out.length; i++) {
                out[i] -= alpha * g[i];                           // W := W − α·dW
            }
            return out;
        }, seed);
    }

    @Property(tries = 20)
    void momentumMatchesTheCoursesUpdate(@ForAll @DoubleRange(min = 0.001, max = 1) @Scale(4) double alpha,
                                         @ForAll @DoubleRange(min = 0, max = 0.99) @Scale(4) double beta, @ForAll long seed) {
        Map<String, double[]> v = new LinkedHashMap<>();
        assertMatchesByHand(p -> new Momentum(p, alpha, beta), (n, theta, g, t) -> {
            double[] vs = v.computeIfAbsent(n, k -> new double[g.length]);
            double[] out = theta.clone();
            for (int i = 0; i < out.length; i++) {
                vs[i] = beta * vs[i] + (1 - beta) * g[i];       // v_dW = β·v_dW + (1 − β)·dW
                out[i] -= alpha * vs[i];                          // W := W − α·v_dW
            }
            return out;
        }, seed);
    }

    @Property(tries = 20)
    void rmspropMatchesTheCoursesUpdate(@ForAll @DoubleRange(min = 0.001, max = 1) @Scale(4) double alpha,
                                        @ForAll @DoubleRange(min = 0, max = 0.999) @Scale(4) double beta2, @ForAll long seed) {
        double eps = 1e-8;
        Map<String, double[]> s = new LinkedHashMap<>();
        assertMatchesByHand(p -> new RMSprop(p, alpha, beta2, eps), (n, theta, g, t) -> {
            double[] ss = s.computeIfAbsent(n, k -> new double[g.length]);
            double[] out = theta.clone();
            for (int i = 0; i < out.length; i++) {
                ss[i] = beta2 * ss[i] + (1 - beta2) * g[i] * g[i];   // s_dW = β₂·s_dW + (1 − β₂)·dW²
                out[i] -= alpha * g[i] / (Math.sqrt(ss[i]) + eps);   // W := W − α·dW / (√s_dW + ε)
            }
            return out;
        }, seed);
    }

    @Property(tries = 20)
    void adamMatchesTheCoursesUpdateWithBiasCorrection(@ForAll @DoubleRange(min = 0.001, max = 0.5) @Scale(4) double alpha,
                                                       @ForAll @DoubleRange(min = 0, max = 0.99) @Scale(4) double beta1,
                                                       @ForAll @DoubleRange(min = 0.5, max = 0.9999) @Scale(4) double beta2,
                                                       @ForAll long seed) {
        double eps = 1e-8;
        Map<String, double[]> v = new LinkedHashMap<>();
        Map<String, double[]> s = new LinkedHashMap<>();
        assertMatchesByHand(p -> new Adam(p, alpha, beta1, beta2, eps), (n, theta, g, t) -> {
            double[] vs = v.computeIfAbsent(n, k -> new double[g.length]);
            double[] ss = s.computeIfAbsent(n, k -> new double[g.length]);
            double[] out = theta.clone();
            for (int i = 0; i < out.length; i++) {
                vs[i] = beta1 * vs[i] + (1 - beta1) * g[i];
                ss[i] = beta2 * ss[i] + (1 - beta2) * g[i] * g[i];
                double vCorrected = vs[i] / (1 - Math.pow(beta1, t));
                double sCorrected = ss[i] / (1 - Math.pow(beta2, t));
                out[i] -= alpha * vCorrected / (Math.sqrt(sCorrected) + eps);
            }
            return out;
        }, seed);
    }

    @Example
    void adamsFirstStepMovesEachParameterByAlphaAgainstTheGradientsSign() {
        // with bias correction, v̂ = dW and ŝ = dW² on step 1, so the step is α·dW/(|dW| + ε) ≈ α·sign(dW)
        Map<String, Tensor> p = parameters(new Random(1));
        double[] before = p.get("layer1.W").toArray();
        Map<String, Tensor> g = new LinkedHashMap<>();
        p.forEach((n, t) -> g.put(n, Tensor.randn(new Random(2), t.shape().dims())));
        setGradients(p, g);
        new Adam(p, 0.01).step();
        double[] after = p.get("layer1.W").toArray();
        double[] gw = g.get("layer1.W").toArray();
        for (int i = 0; i < before.length; i++) {
            assertEquals(-0.01 * gw[i] / (Math.abs(gw[i]) + 1e-8), after[i] - before[i], 1e-15);
        }
    }

    @Example
    void stepWithoutAGradientNamesTheParameter() {
        Map<String, Tensor> p = parameters(new Random(1));
        p.get("layer1.W").sum().backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Adam(p, 0.01).step());
        assertTrue(e.getMessage().contains("no gradient for layer1.b"), e.getMessage());
    }

    @Example
    void badHyperparametersAreRefused() {
        Map<String, Tensor> p = parameters(new Random(1));
        assertThrows(IllegalArgumentException.class, () -> new GradientDescent(p, 0));
        assertThrows(IllegalArgumentException.class, () -> new Momentum(p, 0.1, 1.0));
        assertThrows(IllegalArgumentException.class, () -> new RMSprop(p, 0.1, 0.9, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Adam(p, 0.1, -0.1, 0.999, 1e-8));
        assertEquals("Adam: β₁ must be in [0, 1), got -0.1", e.getMessage());
    }

    // ---------------------------------------------------------------- state

    @Example
    void savedAndRestoredAdamContinuesExactlyAsAnUninterruptedOne() {
        Random rng = new Random(4);
        Map<String, Tensor> a = parameters(new Random(3));
        Map<String, Tensor> b = parameters(new Random(3));
        Adam first = new Adam(a, 0.05);
        Adam uninterrupted = new Adam(b, 0.05);
        Map<String, Tensor> grads = new LinkedHashMap<>();
        for (int t = 0; t < 3; t++) {
            a.forEach((n, p) -> grads.put(n, Tensor.randn(rng, p.shape().dims())));
            setGradients(a, grads);
            first.step();
            setGradients(b, grads);
            uninterrupted.step();
        }
        Map<String, Tensor> saved = first.stateDict();
        assertEquals(java.util.List.of("t", "layer1.W.v", "layer1.W.s", "layer1.b.v", "layer1.b.s"),
                java.util.List.copyOf(saved.keySet()));
        assertEquals(3.0, saved.get("t").item());
        // a fresh optimizer on the same parameters, resumed from the saved state
        Adam resumed = new Adam(a, 0.05);
        resumed.loadStateDict(saved);
        assertEquals(3, resumed.stepCount());
        for (int t = 0; t < 3; t++) {
            a.forEach((n, p) -> grads.put(n, Tensor.randn(rng, p.shape().dims())));
            setGradients(a, grads);
            resumed.step();
            setGradients(b, grads);
            uninterrupted.step();
        }
        for (String n : a.keySet()) {
            assertArrayEquals(b.get(n).toArray(), a.get(n).toArray(), 0.0, n);
        }
    }

    @Example
    void loadStateDictNamesWhatIsWrong() {
        Map<String, Tensor> p = parameters(new Random(1));
        Momentum opt = new Momentum(p, 0.1);
        Map<String, Tensor> state = new LinkedHashMap<>(opt.stateDict());
        state.put("layer1.W.v", Tensor.zeros(2, 3));
        state.remove("t");
        state.put("layer1.W.s", Tensor.zeros(3, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(state));
        assertTrue(e.getMessage().contains("missing 't'"), e.getMessage());
        assertTrue(e.getMessage().contains("'layer1.W.v' has shape (2,3) but should have (3,2)"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected 'layer1.W.s'"), e.getMessage());
    }

    @Example
    void learningRateCanBeChangedBetweenSteps() {
        Map<String, Tensor> p = parameters(new Random(1));
        GradientDescent gd = new GradientDescent(p, 0.5);
        gd.setLearningRate(0.25);
        assertEquals(0.25, gd.learningRate());
        assertEquals(0.5, gd.initialLearningRate());
        assertEquals(Shape.of(3, 2), p.get("layer1.W").shape());
    }
}
