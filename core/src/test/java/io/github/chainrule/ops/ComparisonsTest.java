package io.github.chainrule.ops;

import io.github.chainrule.Autograd;
import io.github.chainrule.Tensor;
import net.jqwik.api.Example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Comparisons and masks: broadcasting, scalars, IEEE 754 with NaN, bad shapes, empty tensors, and masks
 * put to work in where and in a masked mean. Random values (NaN and infinities among them) are checked
 * against plain Java in {@link OpGradientProperties#nonDifferentiableOpsComputeTheirValueAndRecordNothing}.
 */
class ComparisonsTest {

    /** A column against a row broadcasts to a matrix of 0/1 for every relation. */
    @Example
    void comparisonsBroadcastAColumnAgainstARow() {
        Tensor col = Tensor.of(new double[] {1, 2}, 2, 1);
        Tensor row = Tensor.vector(1, 2, 3);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, col.eq(row).toArray());
        assertArrayEquals(new double[] {0, 1, 1, 1, 0, 1}, col.ne(row).toArray());
        assertArrayEquals(new double[] {0, 1, 1, 0, 0, 1}, col.lt(row).toArray());
        assertArrayEquals(new double[] {1, 1, 1, 0, 1, 1}, col.le(row).toArray());
        assertArrayEquals(new double[] {0, 0, 0, 1, 0, 0}, col.gt(row).toArray());
        assertArrayEquals(new double[] {1, 0, 0, 1, 1, 0}, col.ge(row).toArray());
        assertEquals(java.util.List.of(2, 3), java.util.List.of(col.eq(row).shape().dim(0), col.eq(row).shape().dim(1)));
    }

    /** Against a scalar, and with NaN: every comparison with NaN is false but ne, as IEEE 754 says. */
    @Example
    void comparisonsWithAScalarFollowIeeeForNaN() {
        Tensor x = Tensor.vector(Double.NaN, -1, 0, Double.POSITIVE_INFINITY);
        assertArrayEquals(new double[] {0, 0, 1, 0}, x.eq(0).toArray());
        assertArrayEquals(new double[] {1, 1, 0, 1}, x.ne(0).toArray());
        assertArrayEquals(new double[] {0, 1, 0, 0}, x.lt(0).toArray());
        assertArrayEquals(new double[] {0, 1, 1, 0}, x.le(0).toArray());
        assertArrayEquals(new double[] {0, 0, 0, 1}, x.gt(0).toArray());
        assertArrayEquals(new double[] {0, 0, 1, 1}, x.ge(0).toArray());
        assertArrayEquals(new double[] {0, 0, 0, 0}, x.eq(Double.NaN).toArray());
        assertArrayEquals(new double[] {1, 0, 0, 0}, x.isNan().toArray());
        assertArrayEquals(new double[] {0, 1, 1, 0}, x.isFinite().toArray());
    }

    /** A mask is a constant: nothing is recorded, even from inputs that require a gradient. */
    @Example
    void masksAreConstants() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        assertFalse(x.gt(1.5).isGradRequired());
        assertFalse(x.isNan().isGradRequired());
        assertFalse(x.le(x).isGradRequired());
    }

    /** where with a mask from a comparison keeps the chosen branch and routes the gradient to it. */
    @Example
    void whereTakesAMaskBuiltFromAComparison() {
        Tensor x = Tensor.vector(-2, -0.5, 0.5, 2).requiresGrad();
        Tensor y = Tensor.where(x.abs().lt(1), x.square().mul(0.5), x.abs().sub(0.5));   // the Huber loss
        assertArrayEquals(new double[] {1.5, 0.125, 0.125, 1.5}, y.toArray());
        Tensor g = Autograd.grad(y.sum(), new Tensor[] {x})[0];
        assertArrayEquals(new double[] {-1, -0.5, 0.5, 1}, g.toArray());
    }

    /** A masked mean: the mean of the finite entries only, with the gradient on them alone. */
    @Example
    void aMaskedMeanAveragesAndDifferentiatesTheChosenEntriesOnly() {
        Tensor x = Tensor.vector(1, 2, 3, 10).requiresGrad();
        Tensor keep = x.lt(5);
        Tensor mean = x.mul(keep).sum().div(keep.sum());
        assertEquals(2.0, mean.item(), 1e-15);
        assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3, 1.0 / 3, 0}, Autograd.grad(mean, new Tensor[] {x})[0].toArray(), 1e-15);
    }

    /** Shapes that do not broadcast are refused, the message naming the op and both shapes. */
    @Example
    void unbroadcastableShapesAreRefusedNamingTheOp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).lt(Tensor.zeros(4)));
        assertTrue(e.getMessage().startsWith("lt") && e.getMessage().contains("(2,3)") && e.getMessage().contains("(4"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Comparisons.eq(null, Tensor.scalar(1))).getMessage().startsWith("eq:"));
    }

    /** Empty tensors compare to empty masks. */
    @Example
    void emptyTensorsGiveEmptyMasks() {
        Tensor e = Tensor.zeros(0, 2);
        assertEquals(e.shape(), e.eq(Tensor.zeros(1, 2)).shape());
        assertEquals(e.shape(), e.gt(0).shape());
        assertEquals(e.shape(), e.isFinite().shape());
    }
}
