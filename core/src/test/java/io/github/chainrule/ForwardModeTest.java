package io.github.chainrule;

import io.github.chainrule.gradcheck.GradCheck;
import io.github.chainrule.gradcheck.Report;
import io.github.chainrule.ops.CustomOp;
import io.github.chainrule.ops.DerivativeTable;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forward mode as users call it: jvp, jacfwd, Hessians and Hessian-vector products by forward-over-reverse,
 * and its composition with reverse mode both ways. The per-op facts are {@code ForwardModeProperties}'.
 */
class ForwardModeTest {
    private static final Random RANDOM = new Random(16);

    /** A small two-layer network's loss in the course's notation, as a function of W1 (4, 3) flattened. */
    private static final Tensor X = Tensor.randn(new Random(1), 3, 5);
    private static final Tensor W2 = Tensor.randn(new Random(2), 1, 4);
    private static final Function<Tensor, Tensor> LOSS = w -> {
        Tensor a1 = w.reshape(4, 3).matmul(X).tanh();
        Tensor a2 = W2.matmul(a1).sigmoid();
        return a2.log().neg().mean();
    };

    @Test
    void jvpOfAnMlpLossEqualsTheJacobianTimesTheTangent() {
        Tensor w = Tensor.randn(RANDOM, 12);
        Tensor v = Tensor.randn(RANDOM, 12);
        ForwardMode.Result r = Autograd.jvp(xs -> LOSS.apply(xs[0]), new Tensor[] {w}, new Tensor[] {v});
        double expected = dot(Autograd.jacobian(LOSS, w).toArray(), v.toArray());
        assertEquals(expected, r.tangent().item(), 1e-12 * Math.abs(expected));
        assertEquals(LOSS.apply(w).item(), r.output().item(), 0);
    }

    @Test
    void jacfwdEqualsTheReverseModeJacobian() {
        Function<Tensor, Tensor> f = x -> x.reshape(2, 3).matmul(X).softmax(0);
        Tensor x = Tensor.randn(RANDOM, 6);
        Tensor forward = Autograd.jacfwd(f, x);
        Tensor reverse = Autograd.jacobian(f, x);
        assertEquals(reverse.shape(), forward.shape());
        assertTrue(forward.allClose(reverse, 1e-13, 1e-12), () -> forward + "\n" + reverse);
    }

    /** A batch of directions over one recorded graph gives what one jvp per direction gives. */
    @Test
    void aBatchOfTangentsEqualsOneJvpPerTangent() {
        Tensor w = Tensor.randn(RANDOM, 12);
        Tensor[] directions = {Tensor.randn(RANDOM, 12), Tensor.randn(RANDOM, 12), Tensor.zeros(12)};
        Tensor[] batch = ForwardMode.jvps(LOSS, w, directions);
        assertEquals(3, batch.length);
        for (int i = 0; i < 3; i++) {
            assertEquals(ForwardMode.jvp(LOSS, w, directions[i]).tangent().item(), batch[i].item(), 1e-15);
        }
        assertEquals(0.0, batch[2].item(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> ForwardMode.jvps(LOSS, w, Tensor.zeros(3)));
    }

    /** A graph freed by a backward pass cannot be swept: the error names the op and says why. */
    @Test
    void sweepingAFreedGraphFailsNamingTheOp() {
        Tensor x = Tensor.randn(RANDOM, 3).requiresGrad();
        Tensor hidden = x.tanh();
        hidden.sum().backward();                   // frees hidden's graph
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ForwardMode.jvp(in -> hidden.mul(in), x, Tensor.ones(3)));
        assertTrue(e.getMessage().contains("tanh"), e.getMessage());
    }

    @Test
    void hessianByForwardOverReverseEqualsReverseOverReverse() {
        Tensor w = Tensor.randn(RANDOM, 12);
        Tensor forward = Autograd.hessianForwardOverReverse(LOSS, w);
        Tensor reverse = Autograd.hessian(LOSS, w);
        assertEquals(Shape.of(12, 12), forward.shape());
        assertTrue(forward.allClose(reverse, 1e-13, 1e-10), () -> forward + "\n" + reverse);
        assertTrue(forward.allClose(forward.transpose(), 1e-13, 1e-10), "a Hessian is symmetric");
    }

    @Test
    void hvpByForwardOverReverseEqualsReverseOverReverse() {
        Tensor w = Tensor.randn(RANDOM, 12);
        Tensor v = Tensor.randn(RANDOM, 12);
        Tensor forward = Autograd.hvpForwardOverReverse(LOSS, w, v);
        Tensor reverse = Autograd.hvp(LOSS, w, v);
        assertTrue(forward.allClose(reverse, 1e-13, 1e-11), () -> forward + "\n" + reverse);
        assertFalse(forward.isGradRequired(), "the product is a constant, as hvp's is");
    }

    /** jvp of a function that itself calls grad (with createGraph): the tangent of ∇(Σx³) = 3x² is 6x·v. */
    @Test
    void jvpOfAFunctionThatCallsGrad() {
        Tensor x = Tensor.of(new double[] {0.5, -1.5, 2}, 3);
        Tensor v = Tensor.of(new double[] {1, 2, -0.5}, 3);
        Function<Tensor, Tensor> gradient = in ->
                Autograd.grad(in.mul(in).mul(in).sum(), null, new Tensor[] {in}, true, true, false)[0];
        Tensor t = ForwardMode.jvp(gradient, x, v).tangent();
        assertArrayEquals(new double[] {6 * 0.5 * 1, 6 * -1.5 * 2, 6 * 2 * -0.5}, t.toArray(), 1e-12);
    }

    /** grad of a function that calls jvp: L(x) = Σ (J v) with f = x³ is Σ 3x²v, whose gradient is 6x·v. */
    @Test
    void gradOfAFunctionThatCallsJvp() {
        Tensor x = Tensor.of(new double[] {0.5, -1.5, 2}, 3).requiresGrad();
        Tensor v = Tensor.of(new double[] {1, 2, -0.5}, 3);
        Tensor loss = ForwardMode.jvp(in -> in.mul(in).mul(in), x, v).tangent().sum();
        Tensor g = Autograd.grad(loss, x)[0];
        assertArrayEquals(new double[] {6 * 0.5 * 1, 6 * -1.5 * 2, 6 * 2 * -0.5}, g.toArray(), 1e-12);
    }

    /** The gradient of a jvp with respect to its tangent is Jᵀ of the upstream gradient: ∂⟨1, J v⟩/∂v = Jᵀ1. */
    @Test
    void aTangentThatRequiresAGradientGetsTheTransposedProduct() {
        Tensor x = Tensor.randn(RANDOM, 2, 3);
        Tensor v = Tensor.randn(RANDOM, 2, 3).requiresGrad();
        Function<Tensor, Tensor> f = in -> in.exp().matmul(in.transpose());
        Tensor loss = ForwardMode.jvp(f, x, v).tangent().sum();
        Tensor byForward = Autograd.grad(loss, v)[0];
        Tensor in = x.copy().requiresGrad();
        Tensor y = f.apply(in);
        Tensor byReverse = Autograd.grad(y, Tensor.full(1.0, y.shape()), new Tensor[] {in}, false, false, false)[0];
        assertTrue(byForward.allClose(byReverse, 1e-13, 1e-12), () -> byForward + "\n" + byReverse);
    }

    /** Forward over forward: the second directional derivative of x⁴ along v is 12x²v². */
    @Test
    void jvpOfAJvpGivesTheSecondDirectionalDerivative() {
        Tensor x = Tensor.of(new double[] {0.5, -2}, 2);
        Tensor v = Tensor.of(new double[] {3, 0.25}, 2);
        Function<Tensor, Tensor> f = in -> in.square().square();
        Tensor second = ForwardMode.jvp(in -> ForwardMode.jvp(f, in, v).tangent(), x, v).tangent();
        assertArrayEquals(new double[] {12 * 0.25 * 9, 12 * 4 * 0.0625}, second.toArray(), 1e-12);
    }

    @Test
    void jvpWorksInsideANoGradScopeAndWithTangentsOfAConstantFunction() {
        Tensor x = Tensor.randn(RANDOM, 3);
        Tensor v = Tensor.randn(RANDOM, 3);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Tensor t = ForwardMode.jvp(Tensor::tanh, x, v).tangent();
            assertTrue(t.allClose(v.mul(x.tanh().square().neg().add(1.0)), 1e-15, 1e-14));
            Tensor zero = ForwardMode.jvp(in -> Tensor.ones(2), x, v).tangent();
            assertArrayEquals(new double[] {0, 0}, zero.toArray());
        }
    }

    /** A user's op with only a backward rule gets a derived jvp; one that overrides jvp has its rule used. */
    @Test
    void customOpsGetADerivedJvpOrUseTheirOwn() {
        CustomOp derivedOnly = new CustomOp("test_forward_sin_like") {
            @Override
            protected Tensor forward(Tensor... x) {
                return x[0].tanh().mul(x[0]);
            }

            @Override
            protected Tensor[] backward(Tensor g, Tensor y, Tensor... x) {
                Tensor th = x[0].tanh();
                return new Tensor[] {g.mul(th.add(x[0].mul(th.square().neg().add(1.0))))};
            }
        };
        int[] calls = {0};
        CustomOp own = new CustomOp("test_forward_twice") {
            @Override
            protected Tensor forward(Tensor... x) {
                return x[0].mul(2.0);
            }

            @Override
            protected Tensor[] backward(Tensor g, Tensor y, Tensor... x) {
                return new Tensor[] {g.mul(2.0)};
            }

            @Override
            protected Tensor jvp(Tensor[] t, Tensor y, Tensor... x) {
                calls[0]++;
                return t[0].mul(2.0);
            }
        };
        Tensor x = Tensor.of(new double[] {0.3, -1.2}, 2);
        Tensor v = Tensor.of(new double[] {1, -2}, 2);
        Tensor t = ForwardMode.jvp(in -> derivedOnly.apply(in), x, v).tangent();
        double[] xs = x.toArray();
        for (int i = 0; i < 2; i++) {
            double th = Math.tanh(xs[i]);
            assertEquals((th + xs[i] * (1 - th * th)) * v.toArray()[i], t.toArray()[i], 1e-14);
        }
        assertArrayEquals(new double[] {2, -4}, ForwardMode.jvp(in -> own.apply(in), x, v).tangent().toArray());
        assertEquals(1, calls[0]);
        assertTrue(ForwardMode.hasExplicitRule(own.apply(x.copy().requiresGrad())));
        assertFalse(ForwardMode.hasExplicitRule(derivedOnly.apply(x.copy().requiresGrad())));
    }

    @Test
    void gradCheckHasAForwardModeCheck() {
        Tensor a = Tensor.randn(RANDOM, 2, 3);
        Tensor b = Tensor.randn(RANDOM, 3, 2);
        Report r = GradCheck.of(xs -> xs[0].matmul(xs[1]).tanh().mul(xs[0].sum())).epsilon(1e-6).checkForward(a, b);
        assertTrue(r.passed(), r::toString);
        assertTrue(r.toString().contains("forward-mode"), r::toString);
        assertEquals(12, r.entries().size(), "one entry per element of both inputs");
    }

    /** A forward rule that computes the wrong product is caught by the forward-mode check. */
    @Test
    void gradCheckForwardCatchesAWrongJvp() {
        CustomOp wrong = new CustomOp("test_forward_wrong") {
            @Override
            protected Tensor forward(Tensor... x) {
                return x[0].square();
            }

            @Override
            protected Tensor[] backward(Tensor g, Tensor y, Tensor... x) {
                return new Tensor[] {g.mul(x[0]).mul(2.0)};
            }

            @Override
            protected Tensor jvp(Tensor[] t, Tensor y, Tensor... x) {
                return t[0].mul(x[0]);   // forgets the 2
            }
        };
        Tensor x = Tensor.of(new double[] {0.7, -1.1}, 2);
        assertTrue(GradCheck.of(xs -> wrong.apply(xs[0])).check(x).passed(), "its backward rule is right");
        assertFalse(GradCheck.of(xs -> wrong.apply(xs[0])).checkForward(x).passed(), "its forward rule is not");
    }

    @Test
    void badArgumentsAreIllegalArgumentsNamingJvp() {
        Tensor x = Tensor.zeros(2, 3);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> ForwardMode.jvp(Tensor::exp, x, Tensor.zeros(3)));
        assertEquals("jvp: tangent 0 of shape " + Shape.of(3) + " does not match primal of shape " + Shape.of(2, 3), shape.getMessage());
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> ForwardMode.jvp(xs -> xs[0], new Tensor[] {x}, new Tensor[0]));
        assertEquals("jvp: 1 primals but 0 tangents", count.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ForwardMode.jvp(in -> null, x, x));
        assertThrows(IllegalArgumentException.class, () -> ForwardMode.jvp(null, x, x));
        assertThrows(IllegalArgumentException.class, () -> Autograd.hvpForwardOverReverse(in -> in.sum(), x, Tensor.zeros(2)));
        assertThrows(IllegalArgumentException.class, () -> Autograd.hessianForwardOverReverse(in -> in, x));
    }

    /** Zero-size inputs give empty tangents and Jacobians, not errors. */
    @Test
    void zeroSizeAxesGiveEmptyResults() {
        Tensor x = Tensor.zeros(0, 3);
        assertEquals(Shape.of(0, 3), ForwardMode.jvp(Tensor::tanh, x, Tensor.zeros(0, 3)).tangent().shape());
        assertEquals(Shape.of(3, 0, 3), Autograd.jacfwd(in -> in.sum(new int[] {0}, false), x).shape());
    }

    /** The derivative table shows each op's forward rule beside its backward rule. */
    @Test
    void theDerivativeTableHasAJvpColumn() {
        String md = DerivativeTable.markdown();
        assertTrue(md.contains("| jvp (forward rule) |"), md);
        assertTrue(md.contains("| ta·b + a·tb |"), "mul's own rule");
        assertTrue(md.contains("| derived: transpose of the vjp |"), "a derived one");
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
