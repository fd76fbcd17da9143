package io.github.chainrule;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node's fields that no node needs at once are shared (Tensor's comments say which): a leaf's gradient
 * and an op's second input are one reference, a node's use count and its slot one int. These are the
 * cases where the sharing could show: an op's output that keeps its gradient while its second input
 * stays, zeroGrad on an op's output, a leaf turned constant that keeps its gradient, and passes of each
 * kind over one graph, one after the other (the numbering walk reuses the int the count was in).
 */
class SharedNodeFieldsTest {

    @Test
    void aRetainedGradientOfATwoInputOpLeavesItsSecondInputInPlace() {
        for (boolean scalars : new boolean[] {true, false}) {
            Tensor a = (scalars ? Tensor.scalar(2) : Tensor.of(new double[] {2, 3}, 2)).requiresGrad();
            Tensor b = (scalars ? Tensor.scalar(5) : Tensor.of(new double[] {5, 7}, 2)).requiresGrad();
            Tensor p = a.mul(b).retainGrad();
            p.mul(3).sum().backward(GradOptions.retainGraph());
            assertSame(b, p.inputs()[1], "the second input is still the second input");
            assertEquals(2, p.inputs().length);
            assertEquals(3.0, p.grad().buffer()[0]);
            assertEquals(15.0, a.grad().buffer()[0]);   // 3·b
            p.mul(3).sum().backward();                 // the graph was retained: a second pass through p
            assertEquals(6.0, p.grad().buffer()[0], "retained gradients accumulate like a leaf's");
            assertEquals(30.0, a.grad().buffer()[0]);
            assertEquals(12.0, b.grad().buffer()[0]);   // 2·3·a
            p.zeroGrad();
            assertFalse(p.hasGrad());
            assertThrows(IllegalStateException.class, p::inputs, "freed by the pass without retainGraph");
        }
    }

    @Test
    void zeroGradOnAnOpsOutputThatKeepsNoGradientChangesNothing() {
        Tensor a = Tensor.scalar(2).requiresGrad();
        Tensor b = Tensor.scalar(5).requiresGrad();
        Tensor p = a.mul(b);
        p.zeroGrad();
        assertFalse(p.hasGrad());
        assertSame(b, p.inputs()[1]);
        p.backward();
        assertEquals(5.0, a.grad().item());
        assertEquals(2.0, b.grad().item());
    }

    @Test
    void aLeafMadeAConstantKeepsItsGradientAndCannotBeRecordedAsAnOpsOutput() {
        Tensor x = Tensor.of(new double[] {1, 2}, 2).requiresGrad();
        x.mul(x).sum().backward();
        x.requiresGrad(false);
        assertTrue(x.hasGrad());
        assertArrayEquals(new double[] {2, 4}, x.grad().buffer());
        assertEquals(0, x.inputs().length);
        Tensor y = Tensor.scalar(1).requiresGrad();
        assertThrows(IllegalStateException.class, () -> Graph.record("probe", x, g -> new Tensor[] {g}, y));
    }

    @Test
    void passesOfEveryKindOverOneGraphAgree() {
        // one graph of scalars, through the pass on doubles, the pass on arrays (grad), and the recorded pass
        Tensor x = Tensor.scalar(1.5).requiresGrad();
        Tensor w = Tensor.scalar(-0.5).requiresGrad();
        Tensor h = x.mul(w).tanh();
        Tensor y = h.mul(h).add(h.mul(x));
        y.backward(GradOptions.retainGraph());
        double onDoubles = x.grad().item();
        Tensor[] inPlace = Autograd.grad(y, GradOptions.retainGraph(), x);
        Tensor[] recorded = Autograd.grad(y, GradOptions.createGraph().withRetainGraph(), x);
        assertEquals(onDoubles, inPlace[0].item(), 1e-15);
        assertEquals(onDoubles, recorded[0].item(), 1e-15);
        double t = Math.tanh(-0.75);
        double dh = 2 * t + 1.5;
        assertEquals(dh * (1 - t * t) * -0.5 + t, onDoubles, 1e-14);
    }
}
