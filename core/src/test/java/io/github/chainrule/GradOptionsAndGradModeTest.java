package io.github.chainrule;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The options value of a backward pass, the lambda forms of no-grad and the several-input hvp. */
class GradOptionsAndGradModeTest {

    @Test
    void optionsFormGivesTheSameSecondDerivativeAsThePositionalForm() {
        Tensor x = Tensor.scalar(1.5).requiresGrad();
        Tensor dy = Autograd.grad(x.pow(3), GradOptions.createGraph(), x)[0];
        assertEquals(3 * 1.5 * 1.5, dy.item(), 1e-12);
        assertTrue(dy.isGradRequired());
        assertEquals(6 * 1.5, Autograd.grad(dy, x)[0].item(), 1e-12);
    }

    @Test
    void optionsAreImmutableAndEachWitherChangesOneSetting() {
        GradOptions base = GradOptions.defaults();
        GradOptions both = base.withRetainGraph().withAllowUnused();
        assertFalse(base.isRetainGraph() || base.isCreateGraph() || base.isAllowUnused());
        assertTrue(both.isRetainGraph() && both.isAllowUnused());
        assertFalse(both.isCreateGraph());
        Tensor dy = Tensor.vector(1, 2);
        assertEquals(dy, GradOptions.gradOutput(dy).getGradOutput());
    }

    @Test
    void allowUnusedGivesZerosForAnInputTheOutputDoesNotUse() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        Tensor unused = Tensor.vector(5).requiresGrad();
        Tensor[] g = Autograd.grad(x.square().sum(), GradOptions.allowUnused(), x, unused);
        assertArrayEquals(new double[] {2, 4}, g[0].toArray());
        assertArrayEquals(new double[] {0}, g[1].toArray());
        assertThrows(IllegalArgumentException.class, () -> Autograd.grad(x.square().sum(), GradOptions.defaults(), x, unused));
    }

    @Test
    void backwardWithRetainGraphAllowsASecondPassAndASeedIsUsed() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        Tensor y = x.square();
        y.backward(GradOptions.gradOutput(Tensor.vector(1, 1)).withRetainGraph());
        y.backward(GradOptions.gradOutput(Tensor.vector(1, 0)));
        assertArrayEquals(new double[] {2 + 2, 4}, x.grad().toArray(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> y.backward((GradOptions) null));
        assertTrue(e.getMessage().startsWith("backward:"), e.getMessage());
    }

    @Test
    void hvpOfSeveralInputsMatchesTheHandComputedHessianTimesV() {
        // f(a, b) = a²·b (scalars summed over 1-element vectors): H = [[2b, 2a], [2a, 0]]
        Tensor a = Tensor.vector(3);
        Tensor b = Tensor.vector(2);
        Tensor[] hv = Autograd.hvp(t -> t[0].square().mul(t[1]).sum(), new Tensor[] {a, b},
                new Tensor[] {Tensor.vector(1), Tensor.vector(-1)});
        assertEquals(2 * 2 * 1 + 2 * 3 * -1, hv[0].item(), 1e-12);
        assertEquals(2 * 3 * 1, hv[1].item(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> Autograd.hvp(t -> t[0].sum(), new Tensor[] {a}, new Tensor[] {Tensor.vector(1, 2)}));
    }

    @Test
    void noGradLambdaFormsRecordNothingAndRestoreTheMode() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        Tensor y = GradMode.noGrad(() -> x.mul(2));
        assertFalse(y.isGradRequired());
        boolean[] inside = new boolean[1];
        GradMode.noGrad(() -> inside[0] = GradMode.isEnabled());
        assertFalse(inside[0]);
        assertTrue(GradMode.isEnabled());
        assertThrows(IllegalStateException.class, () -> GradMode.noGrad((Runnable) () -> {
            throw new IllegalStateException("body failed");
        }));
        assertTrue(GradMode.isEnabled(), "the mode is restored when the body throws");
    }

    @Test
    void aScopeNamedBeforeTheTryRestoresTheModeWhenClosed() {
        GradMode.Scope noGrad = GradMode.noGrad();
        try (noGrad) {
            assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
    }
}
