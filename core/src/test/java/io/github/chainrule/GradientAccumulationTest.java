package io.github.chainrule;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;

/** How backward passes add into {@code grad}: by the chain rule's sums, never by writing into an earlier gradient. */
class GradientAccumulationTest {

    @Test
    void aSecondBackwardSumsIntoANewGradientAndLeavesTheFirstOneAsItWas() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        x.mul(3).sum().backward();
        Tensor first = x.grad();
        x.mul(x).sum().backward();                       // d/dx Σx² = 2x
        assertEquals(3.0, first.get(0));                 // the first gradient is untouched
        assertEquals(3.0 + 2.0, x.grad().get(0));
        assertEquals(3.0 + 4.0, x.grad().get(1));
        assertNotSame(first, x.grad());
    }

    @Test
    void twoLeavesSharingOneUpstreamGradientDoNotSeeEachOthersAccumulation() {
        Tensor a = Tensor.scalar(1).requiresGrad();
        Tensor b = Tensor.scalar(2).requiresGrad();
        a.add(b).backward();                             // add hands the same gradient object to both
        a.mul(5).backward();
        assertEquals(6.0, a.grad().item());
        assertEquals(1.0, b.grad().item());
    }

    @Test
    void anUpstreamGradientThatIsPartOfAGraphReachesGradAsAPlainValue() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        Tensor v = Tensor.vector(3, 4).requiresGrad();
        x.add(1).backward(v.mul(1));                      // the seed is a graph node; add passes it through
        assertFalse(x.grad().isGradRequired());
        assertEquals(3.0, x.grad().get(0));
    }
}
