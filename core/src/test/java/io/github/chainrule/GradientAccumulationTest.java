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

    @Test
    void passesThatNobodyReadInBetweenAccumulateAndTheSumIsRight() {
        Tensor w = Tensor.vector(1, 2).requiresGrad();
        for (int pass = 1; pass <= 3; pass++) {
            w.mul(w).sum().backward();                   // 2w each time, added in place into w's own array
        }
        assertEquals(6.0, w.grad().get(0));
        assertEquals(12.0, w.grad().get(1));
    }

    @Test
    void aGradientReadBeforeZeroGradStaysAsItWasWhenTheLeafsArrayIsReused() {
        Tensor w = Tensor.vector(1, 2).requiresGrad();
        w.mul(3).sum().backward();
        Tensor handedOut = w.grad();
        w.zeroGrad();
        w.mul(5).sum().backward();
        assertEquals(3.0, handedOut.get(0));             // the next pass wrote into a new array
        assertEquals(5.0, w.grad().get(0));
        w.zeroGrad();
        w.mul(7).sum().backward();                       // the spare kept by zeroGrad was not handed out: reused
        w.zeroGrad();
        w.mul(2).sum().backward();
        assertEquals(2.0, w.grad().get(1));             // zeroGrad's spare starts from zero, not from 7
        assertEquals(3.0, handedOut.get(0));
    }

    @Test
    void aRecordedPassAfterAnInPlacePassSumsBoth() {
        Tensor w = Tensor.scalar(3).requiresGrad();
        w.mul(w).backward();                             // in place: 6
        w.mul(w).backward(null, false, true);            // recorded (createGraph): + 6, as a graph node
        assertEquals(12.0, w.grad().item());
    }

    @Test
    void autogradGradLeavesTheLeafsAccumulatedGradientAlone() {
        Tensor w = Tensor.scalar(3).requiresGrad();
        w.mul(w).backward();
        Tensor[] g = Autograd.grad(w.mul(4), w);
        assertEquals(4.0, g[0].item());
        assertEquals(6.0, w.grad().item());
    }
}
