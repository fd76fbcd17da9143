package io.github.chainrule.nn.optim;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AdamW's decoupled decay, coupled (L2) decay for the other optimizers, parameter groups and gradient
 * clipping, each against the formula computed here by hand on plain arrays.
 */
class WeightDecayAndClippingTest {
    private static Map<String, Tensor> parameters(Random rng) {
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("layer1.W", Tensor.randn(rng, 3, 2).requiresGrad());
        p.put("layer1.b", Tensor.randn(rng, 3, 1).requiresGrad());
        return p;
    }

    /** Gives each parameter gradient G: the gradient of J = Σ p ⊙ G is exactly G. */
    private static Map<String, double[]> setGradients(Map<String, Tensor> params, Random rng) {
        Map<String, double[]> grads = new LinkedHashMap<>();
        params.values().forEach(Tensor::zeroGrad);
        Tensor J = Tensor.scalar(0);
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            Tensor g = Tensor.randn(rng, e.getValue().shape().dims()).mul(3);
            grads.put(e.getKey(), g.toArray());
            J = J.add(e.getValue().mul(g).sum());
        }
        J.backward();
        return grads;
    }

    @Test
    void adamWDecaysTheWeightsByAlphaLambdaThenTakesAdamsStepOnTheRawGradient() {
        Random rng = new Random(3);
        Map<String, Tensor> params = parameters(rng);
        double alpha = 0.01;
        double lambda = 0.1;
        AdamW opt = new AdamW(params, alpha, lambda);
        Map<String, double[]> theta = new LinkedHashMap<>();
        Map<String, double[]> v = new LinkedHashMap<>();
        Map<String, double[]> s = new LinkedHashMap<>();
        params.forEach((n, p) -> {
            theta.put(n, p.toArray());
            v.put(n, new double[p.size()]);
            s.put(n, new double[p.size()]);
        });
        for (int t = 1; t <= 5; t++) {
            Map<String, double[]> g = setGradients(params, rng);
            opt.step();
            for (String n : params.keySet()) {
                double[] th = theta.get(n);
                for (int i = 0; i < th.length; i++) {
                    double gi = g.get(n)[i];
                    v.get(n)[i] = 0.9 * v.get(n)[i] + 0.1 * gi;
                    s.get(n)[i] = 0.999 * s.get(n)[i] + 0.001 * gi * gi;
                    double vc = v.get(n)[i] / (1 - Math.pow(0.9, t));
                    double sc = s.get(n)[i] / (1 - Math.pow(0.999, t));
                    th[i] = th[i] * (1 - alpha * lambda);               // decoupled: on the weight itself
                    th[i] -= alpha * vc / (Math.sqrt(sc) + 1e-8);      // Adam on dW alone
                }
                assertArrayEquals(th, params.get(n).toArray(), 1e-12, n + " at step " + t);
            }
        }
    }

    @Test
    void gradientDescentWithWeightDecayStepsOnTheL2Gradient() {
        Random rng = new Random(5);
        Map<String, Tensor> params = parameters(rng);
        Optimizer opt = new GradientDescent(params, 0.1).configure(ParameterGroup.all().weightDecay(0.5));
        Map<String, double[]> before = new LinkedHashMap<>();
        params.forEach((n, p) -> before.put(n, p.toArray()));
        Map<String, double[]> g = setGradients(params, rng);
        opt.step();
        for (String n : params.keySet()) {
            double[] expected = before.get(n).clone();
            for (int i = 0; i < expected.length; i++) {
                expected[i] -= 0.1 * (g.get(n)[i] + 0.5 * before.get(n)[i]);   // W − α(dW + λW)
            }
            assertArrayEquals(expected, params.get(n).toArray(), 1e-14, n);
        }
    }

    @Test
    void aParameterGroupScalesItsLearningRateAndExemptsItsMembersFromDecay() {
        Random rng = new Random(7);
        Map<String, Tensor> params = parameters(rng);
        Optimizer opt = new GradientDescent(params, 0.1)
                .configure(ParameterGroup.all().weightDecay(0.5))
                .configure(ParameterGroup.matching("biases", n -> n.endsWith(".b")).weightDecay(0).learningRateScale(2));
        assertEquals(0.1, opt.learningRate("layer1.W"), 0);
        assertEquals(0.2, opt.learningRate("layer1.b"), 1e-15);
        assertEquals(0.5, opt.weightDecay("layer1.W"), 0);
        assertEquals(0.0, opt.weightDecay("layer1.b"), 0);
        double[] b = params.get("layer1.b").toArray();
        Map<String, double[]> g = setGradients(params, rng);
        opt.step();
        for (int i = 0; i < b.length; i++) {
            b[i] -= 0.2 * g.get("layer1.b")[i];
        }
        assertArrayEquals(b, params.get("layer1.b").toArray(), 1e-14);
        opt.setLearningRate(0.05);   // a schedule moves every group in proportion
        assertEquals(0.1, opt.learningRate("layer1.b"), 1e-15);
    }

    @Test
    void aGroupThatMatchesNoParameterIsRefusedNamingTheGroup() {
        Optimizer opt = new GradientDescent(parameters(new Random(1)), 0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> opt.configure(ParameterGroup.named("layer9.W").weightDecay(0.1)));
        assertTrue(e.getMessage().contains("layer9.W") && e.getMessage().contains("layer1.W"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParameterGroup.all().weightDecay(-1));
        assertThrows(IllegalArgumentException.class, () -> ParameterGroup.all().learningRateScale(0));
    }

    @Test
    void clippingByGlobalNormRescalesEveryGradientByMaxOverTheNormWhenTheNormIsAbove() {
        Random rng = new Random(11);
        Map<String, Tensor> params = parameters(rng);
        Optimizer opt = new GradientDescent(params, 1.0).clipGradients(GradientClipping.byGlobalNorm(1.0));
        Map<String, double[]> before = new LinkedHashMap<>();
        params.forEach((n, p) -> before.put(n, p.toArray()));
        Map<String, double[]> g = setGradients(params, rng);
        double sq = 0;
        for (double[] gs : g.values()) {
            for (double x : gs) {
                sq += x * x;
            }
        }
        double norm = Math.sqrt(sq);
        assertTrue(norm > 1, "the drawn gradients are large enough to clip: " + norm);
        Map<String, double[]> heldBefore = new LinkedHashMap<>();
        params.forEach((n, p) -> heldBefore.put(n, p.grad().toArray()));
        opt.step();
        for (String n : params.keySet()) {
            double[] expected = before.get(n).clone();
            for (int i = 0; i < expected.length; i++) {
                expected[i] -= g.get(n)[i] / norm;    // W − α·dW·max/‖g‖ with α = max = 1
            }
            assertArrayEquals(expected, params.get(n).toArray(), 1e-14, n);
            assertArrayEquals(heldBefore.get(n), params.get(n).grad().toArray(), 0, "the held gradient is unchanged");
        }
    }

    @Test
    void clippingByGlobalNormLeavesSmallGradientsAsTheyAre() {
        Map<String, Tensor> grads = Map.of("w", Tensor.vector(0.3, 0.4));   // norm 0.5
        Map<String, Tensor> out = GradientClipping.byGlobalNorm(1).apply(grads);
        assertSame(grads.get("w"), out.get("w"));
        assertEquals(0.5, GradientClipping.globalNorm(grads), 1e-15);
    }

    @Test
    void clippingByValueClampsEachElement() {
        Map<String, Tensor> out = GradientClipping.byValue(0.5).apply(Map.of("w", Tensor.vector(-2, 0.1, 0.7, -0.5)));
        assertArrayEquals(new double[] {-0.5, 0.1, 0.5, -0.5}, out.get("w").toArray(), 0);
    }

    @Test
    void clippingANonFiniteGradientIsRefusedNamingTheParameter() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GradientClipping.byGlobalNorm(1).apply(Map.of("layer2.W", Tensor.vector(1, Double.NaN))));
        assertTrue(e.getMessage().contains("layer2.W"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.byValue(0));
    }
}
