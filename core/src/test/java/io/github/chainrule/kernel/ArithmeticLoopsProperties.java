package io.github.chainrule.kernel;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The loops written out per operator in {@link ArithmeticLoops} compute exactly what the operator's
 * {@code applyAsDouble} computes element by element, for every combination of strides a broadcast can
 * produce (1: contiguous, 0: a stretched value, 2 and 3: other) and at any offset.
 */
class ArithmeticLoopsProperties {

    @Property(tries = 400)
    void everyOperatorsRowLoopEqualsItsElementwiseDefinitionForAnyStrides(
            @ForAll ArithmeticLoops op,
            @ForAll @IntRange(min = 0, max = 3) int strideA,
            @ForAll @IntRange(min = 0, max = 3) int strideB,
            @ForAll @IntRange(min = 0, max = 40) int n,
            @ForAll @IntRange(min = 0, max = 5) int offsetA,
            @ForAll @IntRange(min = 0, max = 5) int offsetB,
            @ForAll boolean outWhereAIs,
            @ForAll @IntRange(min = 0, max = 5) int otherOffset,
            @ForAll long seed) {
        // The output at a's own offset takes the operators' one-index loops; at another offset, the general ones.
        int offset = outWhereAIs ? offsetA : otherOffset;
        Random rng = new Random(seed);
        double[] a = randomArray(rng, offsetA + 3 * n + 1);
        double[] b = randomArray(rng, offsetB + 3 * n + 1);
        double[] out = new double[offset + n + 2];
        out[offset + n] = 42;   // a sentinel past the run: must stay untouched

        op.rows(a, offsetA, strideA, b, offsetB, strideB, out, offset, n);

        for (int j = 0; j < n; j++) {
            double expected = op.applyAsDouble(a[offsetA + j * strideA], b[offsetB + j * strideB]);
            assertEquals(expected, out[offset + j], 0.0, op + " at j = " + j);
        }
        assertEquals(42, out[offset + n], 0.0, op + " wrote past the run");
    }

    @Property(tries = 300)
    void everyOperatorsRowLoopEqualsItsDefinitionWhenTheOutputOverwritesItsFirstOperand(
            @ForAll ArithmeticLoops op,
            @ForAll @IntRange(min = 0, max = 3) int strideB,
            @ForAll @IntRange(min = 0, max = 40) int n,
            @ForAll @IntRange(min = 0, max = 5) int offset,
            @ForAll @IntRange(min = 0, max = 7) int offsetB,
            @ForAll long seed) {
        // out is a itself at the same offset (a sum's running row, an in-place update), b elsewhere.
        Random rng = new Random(seed);
        double[] a = randomArray(rng, offset + n + 2);
        double[] before = a.clone();
        double[] b = randomArray(rng, offsetB + 3 * n + 1);
        a[offset + n] = 42;   // a sentinel past the run: must stay untouched

        op.rows(a, offset, 1, b, offsetB, strideB, a, offset, n);

        for (int j = 0; j < n; j++) {
            double expected = op.applyAsDouble(before[offset + j], b[offsetB + j * strideB]);
            assertEquals(expected, a[offset + j], 0.0, op + " at j = " + j);
        }
        assertEquals(42, a[offset + n], 0.0, op + " wrote past the run");
    }

    private static double[] randomArray(Random rng, int length) {
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = rng.nextGaussian() + (rng.nextBoolean() ? 3 : -3);   // away from 0, so that DIV is tame
        }
        return v;
    }
}
