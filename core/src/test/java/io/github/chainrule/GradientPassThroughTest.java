package io.github.chainrule;

import org.junit.jupiter.api.Test;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The in-place pass lends add's and sub's output gradient to an input of the same shape as that input's
 * gradient (no buffer, no loop). A lent array must never be written afterwards: not by a second
 * contribution to the borrower, not as the pass's reused spare array. Each graph here is differentiated by
 * the in-place pass and by the recorded one (the differentiable rules), which must agree.
 */
class GradientPassThroughTest {

    private static final double[] X = {0.5, -1.5, 2.0};
    private static final Tensor C = Tensor.vector(1.0, 2.0, -3.0);

    /** Returns the gradient of {@code f} at X from the in-place pass and from the recorded pass. */
    private static double[][] bothPasses(Function<Tensor, Tensor> f) {
        Tensor x = Tensor.vector(X.clone()).requiresGrad();
        double[] inPlace = Autograd.grad(f.apply(x), x)[0].toArray();
        Tensor y = Tensor.vector(X.clone()).requiresGrad();
        double[] recorded = Autograd.grad(f.apply(y), GradOptions.createGraph(), y)[0].toArray();
        return new double[][] {inPlace, recorded};
    }

    private static void assertPassesAgree(Function<Tensor, Tensor> f) {
        double[][] g = bothPasses(f);
        assertArrayEquals(g[1], g[0], 1e-12);
    }

    @Test
    void aLentGradientThatGetsASecondContributionIsCopiedFirst() {
        // a gets add's gradient (lent) and mul's (added): the sum must not leak into b's gradient
        assertPassesAgree(x -> {
            Tensor a = x.mul(2);
            Tensor b = a.add(C);
            return b.mul(b).add(a.mul(a).mul(3)).sum();
        });
    }

    @Test
    void anInputUsedTwiceByOneAddGetsTwiceTheGradient() {
        assertPassesAgree(x -> {
            Tensor a = x.mul(x);
            return a.add(a).mul(C).sum();
        });
        assertPassesAgree(x -> {
            Tensor a = x.mul(x);
            return a.sub(a).add(a).mul(C).sum();
        });
    }

    @Test
    void aLentGradientIsNotReusedAsTheSparesOfLaterOps() {
        // a chain of same-shaped ops: each finished array serves the next; the lent one must not
        assertPassesAgree(x -> x.mul(3).add(C).tanh().sub(C).mul(x).add(x).exp().sum());
    }

    @Test
    void subLendsOnlyToItsFirstInput() {
        assertPassesAgree(x -> {
            Tensor a = x.mul(2);
            Tensor b = x.tanh();
            return a.sub(b).mul(C).sum();
        });
    }

    @Test
    void retainedGradientsOfALenderAndItsBorrowerStayApart() {
        Tensor x = Tensor.vector(X.clone()).requiresGrad();
        Tensor a = x.mul(2).retainGrad();
        Tensor b = a.add(C).retainGrad();
        Tensor loss = b.mul(C).sum().add(a.mul(a).sum());
        loss.backward();
        double[] expectedB = C.toArray();
        double[] expectedA = new double[3];
        for (int i = 0; i < 3; i++) {
            expectedA[i] = C.toArray()[i] + 2 * (2 * X[i]);   // ∂/∂a of Σ(a + c)·c + Σa²
        }
        assertArrayEquals(expectedB, b.grad().toArray(), 1e-12);
        assertArrayEquals(expectedA, a.grad().toArray(), 1e-12);
        double[] expectedX = new double[3];
        for (int i = 0; i < 3; i++) {
            expectedX[i] = 2 * expectedA[i];
        }
        assertArrayEquals(expectedX, x.grad().toArray(), 1e-12);
    }
}
