package io.github.chainrule;

import io.github.chainrule.gradcheck.GradCheck;
import io.github.chainrule.ops.ExampleOps;
import io.github.chainrule.ops.OpRegistry;
import io.github.chainrule.ops.Attrs;
import io.github.chainrule.viz.Dot;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How reverse mode behaves: accumulation, scopes, graph lifetime, higher order, and the tools around it. */
class AutodiffBehaviourTest {

    /** A tensor used twice receives the sum of both paths' gradients (the multivariable chain rule). */
    @Test
    void aTensorUsedTwiceGetsTheSumOfBothContributions() {
        Tensor b = Tensor.scalar(3).requiresGrad();
        Tensor c = Tensor.scalar(2).requiresGrad();
        Tensor J = b.mul(c).add(b.square());      // J = bc + b²: dJ/db = c + 2b = 8
        J.backward();
        assertEquals(8.0, b.grad().item());
        assertEquals(3.0, c.grad().item());
        Tensor x = Tensor.scalar(5).requiresGrad();
        x.add(x).backward();                      // micrograd's classic: a + a
        assertEquals(2.0, x.grad().item());
    }

    /** Gradients accumulate across backward passes until zeroGrad resets them, as PyTorch's do. */
    @Test
    void gradientsAccumulateAcrossBackwardCallsAndZeroGradResetsThem() {
        Tensor w = Tensor.vector(1, 2).requiresGrad();
        w.mul(3).sum().backward();
        w.mul(3).sum().backward();
        assertArrayEquals(new double[] {6, 6}, w.grad().toArray());
        w.zeroGrad();
        assertFalse(w.hasGrad());
        w.square().sum().backward();
        assertArrayEquals(new double[] {2, 4}, w.grad().toArray());
    }

    @Test
    void backwardFromANonScalarWithoutAGradientSaysWhatToPass() {
        Tensor y = Tensor.vector(1, 2).requiresGrad().mul(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("backward") && e.getMessage().contains("(2,)")
                && e.getMessage().contains("backward(gradient)"), e.getMessage());
    }

    /** backward(g) from a non-scalar y accumulates the vector-Jacobian product gᵀ·∂y/∂x. */
    @Test
    void backwardWithAnExplicitUpstreamGradientComputesTheVectorJacobianProduct() {
        Tensor x = Tensor.vector(1, 2, 3).requiresGrad();
        Tensor y = x.square();                                    // ∂y/∂x = diag(2x)
        y.backward(Tensor.vector(1, 10, 100));
        assertArrayEquals(new double[] {2, 40, 600}, x.grad().toArray());
        Tensor z = Tensor.vector(1, 2).requiresGrad();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> z.mul(2).backward(Tensor.vector(1, 2, 3)));
        assertTrue(e.getMessage().contains("(3,)") && e.getMessage().contains("(2,)"), e.getMessage());
    }

    @Test
    void detachCutsTheGraphSoNoGradientFlowsThroughIt() {
        Tensor x = Tensor.scalar(3).requiresGrad();
        Tensor y = x.mul(x.detach());                             // d/dx of x·c with c = 3 held constant
        y.backward();
        assertEquals(3.0, x.grad().item());
        assertFalse(x.mul(2).detach().isGradRequired());
    }

    /** Under noGrad nothing is recorded, on this thread only; another thread keeps recording. */
    @Test
    void noGradRecordsNothingAndIsConfinedToItsThread() throws Exception {
        Tensor x = Tensor.scalar(2).requiresGrad();
        AtomicReference<Boolean> otherThreadRecorded = new AtomicReference<>();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Tensor y = x.mul(3);
            assertFalse(y.isGradRequired());
            assertNull(y.op());
            Thread other = new Thread(() -> otherThreadRecorded.set(x.mul(3).isGradRequired()));
            other.start();
            other.join();
        }
        assertTrue(otherThreadRecorded.get(), "a no-grad scope leaked into another thread");
        assertTrue(x.mul(3).isGradRequired(), "closing the scope restores recording");
    }

    /** The mirror image: while another thread sits in a no-grad scope, this thread keeps recording, and nested scopes restore. */
    @Test
    void anotherThreadsNoGradScopeDoesNotStopThisThreadRecording() throws Exception {
        Tensor x = Tensor.scalar(2).requiresGrad();
        java.util.concurrent.CountDownLatch inScope = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        AtomicReference<Boolean> otherRecorded = new AtomicReference<>();
        Thread other = new Thread(() -> {
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                otherRecorded.set(x.mul(3).isGradRequired());
                inScope.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        other.start();
        inScope.await();
        assertTrue(x.mul(3).isGradRequired(), "this thread stopped recording while another was in noGrad");
        try (Anomaly.Scope a = Anomaly.enable(); GradMode.Scope g = GradMode.noGrad()) {
            assertFalse(x.mul(3).isGradRequired());
            assertTrue(Anomaly.isEnabled());
        }
        assertTrue(x.mul(3).isGradRequired());
        assertFalse(Anomaly.isEnabled());
        done.countDown();
        other.join();
        assertFalse(otherRecorded.get(), "the other thread's no-grad scope did not apply to it");
        assertTrue(x.mul(3).isGradRequired());
    }

    @Test
    void retainGraphAllowsASecondBackwardAndWithoutItTheSecondFailsClearly() {
        Tensor x = Tensor.scalar(2).requiresGrad();
        Tensor y = x.exp().mul(3);
        y.backward(null, true, false);
        y.backward();
        assertEquals(2 * 3 * Math.exp(2), x.grad().item(), 1e-12);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("freed") && e.getMessage().contains("retainGraph"), e.getMessage());
    }

    /** Topological order without recursion: a chain of a million ops backpropagates on a default-size thread stack. */
    @Test
    void aChainOfAMillionNodesBackpropagatesOnTheDefaultStack() throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Double> grad = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Tensor x = Tensor.scalar(1.5).requiresGrad();
                Tensor y = x;
                for (int i = 0; i < 1_000_000; i++) {
                    y = y.neg();                                   // (−1)^1,000,000 · x = x
                }
                y.backward();
                grad.set(x.grad().item());
            } catch (Throwable e) {
                failure.set(e);
            }
        });                                                        // default stack size
        t.start();
        t.join();
        assertNull(failure.get(), () -> "failed with " + failure.get());
        assertEquals(1.0, grad.get());
    }

    /** With createGraph the gradient is a graph itself: d/dx (3x²) = 6x, so d²(x³)/dx² = 6x. */
    @Test
    void createGraphGivesTheSecondDerivativeOfXCubedAsSixX() {
        Tensor x = Tensor.scalar(1.5).requiresGrad();
        Tensor y = x.pow(3);
        Tensor dy = Autograd.grad(y, null, new Tensor[] {x}, true, true, false)[0];
        assertEquals(3 * 1.5 * 1.5, dy.item(), 1e-12);
        assertTrue(dy.isGradRequired());
        Tensor d2y = Autograd.grad(dy, x)[0];
        assertEquals(6 * 1.5, d2y.item(), 1e-12);
    }

    /**
     * A gradient penalty, as in WGAN-GP: loss = (‖∇ₓ f‖ − 1)² with f = w·x summed, so ∇ₓ f = w and
     * d loss / dw = 2(‖w‖ − 1)·w/‖w‖: differentiating through a gradient.
     */
    @Test
    void aGradientPenaltyIsDifferentiatedThroughTheGradient() {
        Tensor w = Tensor.vector(3, 4).requiresGrad();
        Tensor x = Tensor.vector(1, -2).requiresGrad();
        Tensor f = w.mul(x).sum();
        Tensor gx = Autograd.grad(f, null, new Tensor[] {x}, true, true, false)[0];
        Tensor penalty = gx.square().sum().sqrt().sub(1).square();
        penalty.backward();
        double norm = 5;
        assertArrayEquals(new double[] {2 * (norm - 1) * 3 / norm, 2 * (norm - 1) * 4 / norm}, w.grad().toArray(), 1e-12);
    }

    @Test
    void autogradGradReturnsGradientsWithoutAccumulatingIntoGrad() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        Tensor[] g = Autograd.grad(x.square().sum(), x);
        assertArrayEquals(new double[] {2, 4}, g[0].toArray());
        assertFalse(x.hasGrad());
    }

    /** Jacobian, Hessian and Hessian-vector product of small functions, against hand-computed values. */
    @Test
    void jacobianHessianAndHvpMatchHandComputedValues() {
        Tensor x = Tensor.vector(1, 2);
        // f(x) = (x0·x1, x0²): J = [[x1, x0], [2x0, 0]]
        Tensor jac = Autograd.jacobian(t -> Tensor.concat(0, t.slice(0, 0, 1).mul(t.slice(0, 1, 2)), t.slice(0, 0, 1).square()), x);
        assertEquals(Shape.of(2, 2), jac.shape());
        assertArrayEquals(new double[] {2, 1, 2, 0}, jac.toArray(), 1e-12);
        // g(x) = x0²·x1 + x1³: H = [[2x1, 2x0], [2x0, 6x1]] = [[4, 2], [2, 12]]
        java.util.function.Function<Tensor, Tensor> g = t -> t.slice(0, 0, 1).square().mul(t.slice(0, 1, 2)).add(t.slice(0, 1, 2).pow(3)).sum();
        assertArrayEquals(new double[] {4, 2, 2, 12}, Autograd.hessian(g, x).toArray(), 1e-12);
        assertArrayEquals(new double[] {4 * 1 + 2 * -1, 2 * 1 + 12 * -1}, Autograd.hvp(g, x, Tensor.vector(1, -1)).toArray(), 1e-12);
    }

    /** Anomaly mode names the first op whose value turns NaN: the log of a negative number, in forward. */
    @Test
    void anomalyModeNamesLogOfANegativeNumberInForward() {
        Tensor x = Tensor.vector(1, -2).requiresGrad();
        try (Anomaly.Scope ignored = Anomaly.enable()) {
            Anomaly.AnomalyException e = assertThrows(Anomaly.AnomalyException.class, () -> x.mul(1).log().sum());
            assertTrue(e.getMessage().startsWith("log:") && e.getMessage().contains("NaN") && e.getMessage().contains("-2.0"),
                    e.getMessage());
        }
        assertTrue(Double.isNaN(x.log().get(1)), "outside the scope, log(−2) is NaN silently");
    }

    /** In backward, the first op whose gradient turns NaN is named: sqrt at 0 sends back 1/(2√0) = ∞, then 0·∞. */
    @Test
    void anomalyModeNamesTheFirstOpWhoseGradientBecomesNonFinite() {
        Tensor x = Tensor.vector(0, 4).requiresGrad();
        Tensor y = x.sqrt().sum();
        try (Anomaly.Scope ignored = Anomaly.enable()) {
            Anomaly.AnomalyException e = assertThrows(Anomaly.AnomalyException.class, y::backward);
            assertTrue(e.getMessage().startsWith("sqrt: backward") && e.getMessage().contains("Infinity"), e.getMessage());
        }
    }

    /** A user's op is registered, called by name, differentiated and gradient-checked like a built-in. */
    @Test
    void aRegisteredCustomOpIsCalledByNameAndPassesFirstAndSecondOrderChecks() {
        ExampleOps.registerOnce();
        assertEquals("x³", OpRegistry.get("test_cube").forward());
        Tensor x = Tensor.vector(1, -2).requiresGrad();
        Tensor y = OpRegistry.call("test_cube", Attrs.NONE, x);
        assertEquals("test_cube", y.op());
        y.sum().backward();
        assertArrayEquals(new double[] {3, 12}, x.grad().toArray());
        GradCheck.of(xs -> ExampleOps.CUBE.apply(xs[0])).check(Tensor.vector(0.5, -1.5)).assertPassed();
        GradCheck.of(xs -> ExampleOps.CUBE.apply(xs[0])).checkSecondOrder(Tensor.vector(0.5, -1.5)).assertPassed();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExampleOps.CUBE.register(
                io.github.chainrule.ops.Signature.UNARY, "x³", "3x²"));
        assertTrue(e.getMessage().contains("test_cube") && e.getMessage().contains("already registered"), e.getMessage());
    }

    /** The DOT drawing of J = 3(a + bc), after a retained backward, shows the ops, the data and the gradients. */
    @Test
    void dotExportOfJShowsOpsDataAndGradients() {
        Tensor a = Tensor.scalar(5).requiresGrad().named("a");
        Tensor b = Tensor.scalar(3).requiresGrad().named("b");
        Tensor c = Tensor.scalar(2).requiresGrad().named("c");
        Tensor J = a.add(b.mul(c).named("u")).named("v").mul(3).named("J").retainGrad();
        J.backward(null, true, false);
        String dot = Dot.render(J);
        assertTrue(dot.startsWith("digraph"), dot);
        for (String s : new String[] {"label=\"mul\"", "label=\"add\"", "J | shape () | data 33.0000 | grad 1.0000",
            "a | shape () | data 5.0000 | grad 3.0000", "b | shape () | data 3.0000 | grad 6.0000",
            "c | shape () | data 2.0000 | grad 9.0000", "->"}) {
            assertTrue(dot.contains(s), () -> "missing " + s + " in\n" + dot);
        }
    }
}
