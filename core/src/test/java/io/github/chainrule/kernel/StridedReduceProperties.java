package io.github.chainrule.kernel;

import io.github.chainrule.Shape;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A sum over the trailing axes ({@link Strided#reduce} with {@link ArithmeticLoops#ADD}, as the course's
 * db = sum of dZ over its columns), which sums several rows side by side, gives each row's left-to-right sum
 * to the last bit, added to what the output held, NaN and infinities included.
 */
class StridedReduceProperties {

    @Property(tries = 300)
    void aSumOverTrailingAxesIsEachRowsLeftToRightSumToTheBit(
            @ForAll @IntRange(min = 1, max = 11) int rows,
            @ForAll @IntRange(min = 1, max = 3) int split,
            @ForAll @IntRange(min = 1, max = 13) int cols,
            @ForAll boolean twoReducedAxes,
            @ForAll long seed) {
        Random rng = new Random(seed);
        // rows = the kept leading axes (split into two when it can be), cols = the reduced trailing ones.
        boolean splitRows = rows % split == 0 && split > 1;
        int[] lead = splitRows ? new int[] {split, rows / split} : new int[] {rows};
        int[] tail = twoReducedAxes ? new int[] {2, cols} : new int[] {cols};
        int len = twoReducedAxes ? 2 * cols : cols;
        int[] dims = new int[lead.length + tail.length];
        System.arraycopy(lead, 0, dims, 0, lead.length);
        System.arraycopy(tail, 0, dims, lead.length, tail.length);
        boolean[] reduce = new boolean[dims.length];
        for (int i = lead.length; i < dims.length; i++) {
            reduce[i] = true;
        }
        double[] in = new double[rows * len];
        for (int i = 0; i < in.length; i++) {
            int pick = rng.nextInt(40);
            in[i] = pick == 0 ? Double.NaN : pick == 1 ? Double.POSITIVE_INFINITY
                    : rng.nextGaussian() * Math.pow(10, rng.nextInt(9) - 4);   // magnitudes that round
        }
        double[] start = new double[rows];
        for (int i = 0; i < rows; i++) {
            start[i] = rng.nextGaussian();
        }
        double[] out = start.clone();

        Strided.reduce(in, Shape.of(dims), reduce, out, ArithmeticLoops.ADD);

        for (int r = 0; r < rows; r++) {
            double expected = start[r];
            for (int j = 0; j < len; j++) {
                expected += in[r * len + j];
            }
            // doubleToLongBits: every NaN is one value, and −0.0 differs from 0.0.
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(out[r]),
                    "row " + r + ": " + expected + " vs " + out[r]);
        }
    }
}
