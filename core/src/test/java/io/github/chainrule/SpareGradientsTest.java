package io.github.chainrule;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/**
 * The in-place pass keeps finished gradient arrays of at least {@link SpareGradients#MIN_DOUBLES} doubles for
 * later tensors of the same size, in the same pass and in the thread's later passes. A kept array must start
 * from zero when it is handed out again, and no array anyone can still see (a captured or retained gradient, a
 * leaf's gradient) may ever be kept: each test here would see such an array change under it.
 */
class SpareGradientsTest {
    private static final int N = 2 * SpareGradients.MIN_DOUBLES;

    private static Tensor randn(long seed) {
        return Tensor.randn(new Random(seed), N);
    }

    /** A chain of same-sized ops with kernels, so that each finished array can serve the next. */
    private static Tensor chain(Tensor x, Tensor c) {
        return x.mul(3).relu().mul(c).tanh().mul(x).relu().mul(c).sum();
    }

    @Test
    void aPassAfterAnotherGetsTheSameGradientAsTheRecordedRules() {
        Tensor c = randn(1);
        for (int pass = 0; pass < 4; pass++) {
            double[] values = randn(10 + pass).toArray();
            Tensor x = Tensor.vector(values.clone()).requiresGrad();
            double[] inPlace = Autograd.grad(chain(x, c), x)[0].toArray();
            Tensor y = Tensor.vector(values.clone()).requiresGrad();
            double[] recorded = Autograd.grad(chain(y, c), GradOptions.createGraph(), y)[0].toArray();
            assertArrayEquals(recorded, inPlace, 1e-12, "pass " + pass);
        }
    }

    @Test
    void gradientsHandedOutByOnePassStayAsTheyWereThroughLaterPasses() {
        Tensor c = randn(2);
        Tensor x = randn(3).requiresGrad();
        Tensor hidden = x.mul(3).relu().mul(c).retainGrad();
        hidden.tanh().mul(c).relu().mul(c).sum().backward();
        Tensor xGrad = x.grad();
        Tensor hiddenGrad = hidden.grad();
        double[] xBefore = xGrad.toArray();
        double[] hiddenBefore = hiddenGrad.toArray();
        Tensor z = randn(4).requiresGrad();
        Tensor captured = Autograd.grad(chain(z, c), z)[0];
        double[] capturedBefore = captured.toArray();
        for (int pass = 0; pass < 3; pass++) {
            Tensor w = randn(20 + pass).requiresGrad();
            chain(w, c).backward();
            Tensor v = w.detach().requiresGrad();
            Autograd.grad(chain(v, c.mul(2)), v);
        }
        assertArrayEquals(xBefore, xGrad.toArray(), 0.0);
        assertArrayEquals(hiddenBefore, hiddenGrad.toArray(), 0.0);
        assertArrayEquals(capturedBefore, captured.toArray(), 0.0);
    }

    @Test
    void aKeptArrayIsHandedOutOnceAndZeroed() {
        SpareGradients spares = SpareGradients.ofThread();
        double[] g = new double[N + 1];
        java.util.Arrays.fill(g, 7.0);
        spares.keep(g);
        double[] first = spares.zeros(N + 1);
        double[] second = spares.zeros(N + 1);
        assertNotSame(first, second);
        assertEquals(0.0, first[0]);
        assertEquals(0.0, first[N]);
    }

    @Test
    void smallArraysAreNotKept() {
        SpareGradients spares = SpareGradients.ofThread();
        double[] g = new double[SpareGradients.MIN_DOUBLES - 1];
        spares.keep(g);
        assertNotSame(g, spares.zeros(g.length));
    }
}
