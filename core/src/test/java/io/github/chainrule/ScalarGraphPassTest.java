package io.github.chainrule;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The backward pass over a graph of scalars, which runs on doubles with each op's local derivatives: the
 * cases where it must behave exactly as the pass on arrays does, and the graphs it must leave to that pass.
 * (The course's J = 3(a + bc), in {@link ComputationGraphExampleTest}, runs on this pass too.)
 */
class ScalarGraphPassTest {

    @Test
    void aTensorUsedTwiceGetsBothContributions() {
        Tensor x = Tensor.scalar(3).requiresGrad();
        x.mul(x).add(x).backward();                        // d/dx (x² + x) = 2x + 1
        assertEquals(7.0, x.grad().item());
    }

    @Test
    void retainingOneOutputOfAnOpLeavesTheOpsOtherOutputsAsTheyWere() {
        // every mul records the same shared origin; retainGrad must mark this one output, not all of them
        Tensor x = Tensor.scalar(2).requiresGrad();
        Tensor kept = x.mul(3).retainGrad();
        Tensor other = x.mul(5);
        assertEquals("mul", kept.op());
        kept.add(other).backward();
        assertEquals(1.0, kept.grad().item());
        assertEquals(8.0, x.grad().item());
        assertThrows(IllegalStateException.class, other::grad);
        assertEquals(false, kept.isLeaf());
    }

    @Test
    void aOneElementLeafsGradientHandedOutNeverChangesAndTheNextPassStartsFromIt() {
        Tensor x = Tensor.scalar(2).requiresGrad();
        x.mul(x).backward();
        Tensor first = x.grad();
        x.mul(3).backward();                               // accumulates: 4 + 3
        assertEquals(4.0, first.item());
        assertEquals(7.0, x.grad().item());
        x.zeroGrad();
        assertEquals(false, x.hasGrad());
        x.mul(5).backward();
        assertEquals(5.0, x.grad().item());
    }

    @Test
    void anIntermediateThatRetainsItsGradientGetsIt() {
        Tensor x = Tensor.scalar(2).requiresGrad();
        Tensor h = x.tanh().retainGrad();
        h.mul(4).backward();
        assertEquals(4.0, h.grad().item());
        double t = Math.tanh(2);
        assertEquals(4 * (1 - t * t), x.grad().item(), 1e-15);
    }

    @Test
    void aGradientHandedOutIsSummedIntoANewOneByTheNextPass() {
        Tensor x = Tensor.scalar(2).requiresGrad();
        x.exp().backward();
        Tensor first = x.grad();
        x.square().backward();                             // + 2x
        assertEquals(Math.exp(2), first.item(), 0.0);      // unchanged
        assertEquals(Math.exp(2) + 4, x.grad().item(), 1e-15);
    }

    @Test
    void aScalarLeafAccumulatesAcrossAScalarGraphAndAGraphOfArrays() {
        Tensor s = Tensor.scalar(2).requiresGrad();
        Tensor v = Tensor.vector(1, 2, 3);
        s.square().backward();                             // scalar pass: 2s = 4
        v.mul(s).sum().backward();                         // in-place pass, s broadcast: Σv = 6
        s.mul(3).backward();                               // scalar pass again: 3
        assertEquals(13.0, s.grad().item(), 0.0);
        s.zeroGrad();
        v.mul(s).sum().backward();                         // from zero again
        s.exp().backward();
        assertEquals(6 + Math.exp(2), s.grad().item(), 1e-15);
    }

    @Test
    void backwardFromALeafItselfGivesItGradientOne() {
        Tensor x = Tensor.scalar(4).requiresGrad();
        x.backward();
        x.backward();
        assertEquals(2.0, x.grad().item(), 0.0);
    }

    @Test
    void aRetainedGraphGivesTheSameGradientOnEveryPass() {
        Tensor x = Tensor.scalar(0.5).requiresGrad();
        Tensor y = x.mul(x).add(x.sigmoid()).retainGrad();
        double dy = 2 * 0.5 + 1 / (1 + Math.exp(-0.5)) * (1 - 1 / (1 + Math.exp(-0.5)));
        for (int pass = 1; pass <= 3; pass++) {
            y.backward(Tensor.scalar(1), true, false);     // the pending gradients start from zero each time
            assertEquals(pass * dy, x.grad().item(), 1e-15);
            assertEquals(pass, y.grad().item(), 0.0);
        }
    }

    @Test
    void autogradGradLeavesTheLeavesAccumulatedGradientsAlone() {
        Tensor a = Tensor.scalar(3).requiresGrad();
        a.square().backward();                             // 6, accumulated
        Tensor[] g = Autograd.grad(a.mul(a).mul(a), a);    // 3a² = 27, returned
        assertEquals(27.0, g[0].item(), 1e-12);
        assertEquals(6.0, a.grad().item(), 0.0);
    }

    @Test
    void aOneElementMatrixKeepsItsShapeInItsGradient() {
        Tensor x = Tensor.of(new double[] {0.5}, 1, 1).requiresGrad();
        x.sigmoid().backward();
        assertEquals(Shape.of(1, 1), x.grad().shape());
        double s = 1 / (1 + Math.exp(-0.5));
        assertEquals(s * (1 - s), x.grad().item(), 1e-15);
    }

    @Test
    void autogradGradReturnsTheGradientsOfAScalarGraph() {
        Tensor a = Tensor.scalar(1.5).requiresGrad();
        Tensor b = Tensor.scalar(-2).requiresGrad();
        Tensor[] g = Autograd.grad(a.div(b), a, b);        // 1/b and −a/b²
        assertEquals(-0.5, g[0].item(), 1e-15);
        assertEquals(-1.5 / 4, g[1].item(), 1e-15);
        assertThrows(IllegalStateException.class, a::grad); // grad returns, it does not accumulate
    }

    @Test
    void anOpOfThreeInputsWithLocalDerivativesIsLeftToItsKernel() {
        // A three-input sum whose kernel is a LocalDerivative: partial() can only speak for two inputs, so
        // the pass on doubles must not take it, or the third input would get no gradient.
        LocalDerivative sum3 = new LocalDerivative() {
            @Override
            public void accumulate(double[] g, Tensor[] inputs, Tensor output, double[][] grads) {
                for (double[] grad : grads) {
                    if (grad != null) {
                        grad[0] += g[0];
                    }
                }
            }

            @Override
            public double partial(int i, double a, double b, double out) {
                return 1;
            }
        };
        Tensor a = Tensor.scalar(1).requiresGrad();
        Tensor b = Tensor.scalar(2).requiresGrad();
        Tensor c = Tensor.scalar(3).requiresGrad();
        Tensor out = Tensor.scalar(a.item() + b.item() + c.item());
        Derivative rule = (g, in, o) -> new Tensor[] {g, g, g};
        Graph.record("sum3", out, rule, sum3, a, b, c).mul(2).backward();
        assertEquals(2.0, a.grad().item());
        assertEquals(2.0, b.grad().item());
        assertEquals(2.0, c.grad().item());
    }

    @Test
    void aScalarsArrayIsMadeOnceAndThenHoldsItsValue() {
        Tensor x = Tensor.scalar(2).requiresGrad();
        double[] values = x.buffer();
        assertEquals(values, x.buffer());                  // the same array every time
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            values[0] = 5;                                 // an optimizer's update through buffer()
        }
        assertEquals(5.0, x.item());
        x.mul(x).backward();
        assertEquals(10.0, x.grad().item());               // the pass on doubles reads the updated value
    }

    @Test
    void aDetachedScalarSharesItsValuesWithTheLeaf() {
        Tensor x = Tensor.scalar(1).requiresGrad();
        Tensor seen = x.detach();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            x.subInPlace(Tensor.scalar(0.25));
        }
        assertEquals(0.75, seen.item());
    }

    @Test
    void singleMakesAOneElementTensorOfAnyOneElementShape() {
        Tensor t = Tensor.single(3, Shape.of(1, 1));
        assertEquals(Shape.of(1, 1), t.shape());
        assertEquals(3.0, t.get(0, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.single(3, Shape.of(2)));
        assertEquals("single: shape (2,) does not hold exactly one element", e.getMessage());
    }
}
