package io.github.chainrule;

import io.github.chainrule.kernel.SpareArrays;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-place pass keeps finished gradient arrays of at least {@link SpareArrays#MIN_DOUBLES} doubles (in the
 * thread's {@link SpareArrays}) for later tensors of the same size, in the same pass and in the thread's later
 * passes. A kept array must start from zero when it is handed out again, and no array anyone can still see (a
 * captured or retained gradient, a leaf's gradient) may ever be kept: each test here would see such an array
 * change under it.
 */
class SpareArraysTest {
    private static final int N = 2 * SpareArrays.MIN_DOUBLES;

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
    void aKeptArrayIsHandedOutOnceWithWhatItHeld() {
        SpareArrays spares = SpareArrays.ofThread();
        double[] g = new double[N + 1];
        java.util.Arrays.fill(g, 7.0);
        spares.keep(g);
        assertSame(g, spares.take(N + 1));
        assertNull(spares.take(N + 1));
        assertEquals(7.0, g[N]);
    }

    @Test
    void aNullArrayIsRefusedNamingTheMethodAndANegativeLengthFindsNothing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpareArrays.shared().keep(null));
        assertTrue(e.getMessage().contains("SpareArrays.keep"), e.getMessage());
        assertNull(SpareArrays.shared().take(-1));
        assertNull(SpareArrays.shared().take(0));
    }

    @Test
    void smallArraysAreNotKept() {
        SpareArrays spares = SpareArrays.ofThread();
        spares.keep(new double[SpareArrays.MIN_DOUBLES - 1]);
        assertNull(spares.take(SpareArrays.MIN_DOUBLES - 1));
    }

    @Test
    void aPoolKeepsAtMostItsDoublesInAll() {
        SpareArrays spares = SpareArrays.shared();
        int big = (int) (SpareArrays.MAX_DOUBLES / 2 + 1);
        double[] first = new double[big];
        double[] second = new double[big];
        spares.keep(first);
        spares.keep(second);   // both would pass the limit: the first makes room
        assertSame(second, spares.take(big));
        assertNull(spares.take(big));
    }
}
