package io.github.chainrule.kernel;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Max pooling's 2 × 2 loops, whichever the JVM chose (the tests run with the Vector API, on 256-bit vectors,
 * and without it): the plain loops' maxima and routed gradients bit for bit (any NaN as any other), on
 * planes of every size from 2 × 2 (rows shorter than a vector, odd sizes whose last row or column no window
 * covers, windows that cover only part of a plane), with NaN, signed zeros and ties, over any range of
 * planes, and nothing written outside that range.
 */
class MaxPoolLoopsProperties {
    private static final double[] SPECIAL = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1, -1};

    @Property(tries = 300)
    void theChosenLoopsGiveThePlainLoopsMaximaAndGradientsBitForBit(@ForAll @IntRange(min = 2, max = 40) int h,
                                                                    @ForAll @IntRange(min = 2, max = 40) int w,
                                                                    @ForAll @IntRange(min = 1, max = 4) int planes,
                                                                    @ForAll long seed) {
        Random rng = new Random(seed);
        // Mostly every window a plane has room for; sometimes fewer, so that windows cover part of the plane.
        int oh = rng.nextInt(4) == 0 ? rng.nextInt(h / 2 + 1) : h / 2;
        int ow = rng.nextInt(4) == 0 ? rng.nextInt(w / 2 + 1) : w / 2;
        MaxPoolLoops.Grid grid = new MaxPoolLoops.Grid(h, w, oh, ow);
        int from = rng.nextInt(planes + 1);
        int to = from + rng.nextInt(planes - from + 1);
        // One plane more than the loops are given in each array: what lies past them must be left alone.
        double[] in = values(rng, (planes + 1) * h * w);
        double[] g = values(rng, (planes + 1) * oh * ow);
        double[] startOut = values(rng, (planes + 1) * oh * ow);
        double[] startDx = values(rng, (planes + 1) * h * w);

        double[] expected = startOut.clone();
        new MaxPoolLoops.Scalar().max(in, expected, grid, from, to);
        double[] actual = startOut.clone();
        MaxPoolLoops.max(in, actual, grid, from, to);
        assertSame(expected, actual, "max over planes [" + from + ", " + to + ") of " + grid);
        for (int k = 0; k < startOut.length; k++) {
            if (k < from * oh * ow || k >= to * oh * ow) {
                assertEquals(0, Double.compare(startOut[k], actual[k]), "window " + k + " outside the range was written");
            }
        }

        double[] max = actual;
        double[] expectedDx = startDx.clone();
        new MaxPoolLoops.Scalar().route(g, max, in, expectedDx, grid, from, to);
        double[] actualDx = startDx.clone();
        MaxPoolLoops.route(g, max, in, actualDx, grid, from, to);
        assertSame(expectedDx, actualDx, "route over planes [" + from + ", " + to + ") of " + grid);
        for (int k = 0; k < startDx.length; k++) {
            if (k < from * h * w || k >= to * h * w) {
                assertEquals(0, Double.compare(startDx[k], actualDx[k]), "pixel " + k + " outside the range was written");
            }
        }
    }

    /** Rows of 2,048 covered pixels fill the vector loop's buffer with one row; one window more takes the plain loop. */
    @Example
    void rowsAsLongAsTheBufferAndLongerGiveThePlainLoopsMaxima() {
        for (int w : new int[] {2048, 2050, 2051}) {
            Random rng = new Random(w);
            MaxPoolLoops.Grid grid = new MaxPoolLoops.Grid(5, w, 2, w / 2);
            double[] in = values(rng, 3 * 5 * w);
            double[] expected = new double[3 * 2 * (w / 2)];
            new MaxPoolLoops.Scalar().max(in, expected, grid, 0, 3);
            double[] actual = new double[expected.length];
            MaxPoolLoops.max(in, actual, grid, 0, 3);
            assertSame(expected, actual, "width " + w);
        }
    }

    /** A window's gradient is split evenly over its tied maxima, and a NaN window routes NaN to all four pixels. */
    @Example
    void aWindowsGradientIsSplitOverItsTiesAndANaNWindowRoutesNaN() {
        // Two planes of 2 × 8: windows (0, 0, 3, 1), (2, 2, 2, 2), (NaN, 1, 0, 0), (5, 5, 1, 5) and their mirror.
        double[] plane = {0, 0, 2, 2, Double.NaN, 1, 5, 5, 3, 1, 2, 2, 0, 0, 1, 5};
        double[] in = new double[32];
        System.arraycopy(plane, 0, in, 0, 16);
        System.arraycopy(plane, 0, in, 16, 16);
        MaxPoolLoops.Grid grid = new MaxPoolLoops.Grid(2, 8, 1, 4);
        double[] max = new double[8];
        MaxPoolLoops.max(in, max, grid, 0, 2);
        assertEquals("[3.0, 2.0, NaN, 5.0, 3.0, 2.0, NaN, 5.0]", java.util.Arrays.toString(max), MaxPoolLoops.name());
        double[] g = {1, 8, 1, 6, 1, 8, 1, 6};
        double[] dx = new double[32];
        MaxPoolLoops.route(g, max, in, dx, grid, 0, 2);
        String plain = "0.0, 0.0, 2.0, 2.0, NaN, NaN, 2.0, 2.0, 1.0, 0.0, 2.0, 2.0, NaN, NaN, 0.0, 2.0";
        assertEquals("[" + plain + ", " + plain + "]", java.util.Arrays.toString(dx), MaxPoolLoops.name());
    }

    @Example
    void windowsThatDoNotFitThePlanesOrPlanesOutsideTheArraysAreRefused() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> new MaxPoolLoops.Grid(5, 6, 3, 3));
        assertEquals("max_pool2d 2x2: 3 x 3 windows of 2 x 2 do not fit planes of 5 x 6", tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MaxPoolLoops.Grid(4, 4, -1, 2));
        MaxPoolLoops.Grid grid = new MaxPoolLoops.Grid(4, 4, 2, 2);
        double[] in = new double[32];
        double[] out = new double[8];
        IndexOutOfBoundsException past = assertThrows(IndexOutOfBoundsException.class, () -> MaxPoolLoops.max(in, out, grid, 0, 3));
        assertEquals("max_pool2d 2x2 max: planes [0, 3) of Grid[h=4, w=4, oh=2, ow=2] do not lie in arrays of 32 pixels and 8 windows",
                past.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> MaxPoolLoops.max(in, out, grid, 2, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> MaxPoolLoops.route(out, out, in, new double[16], grid, 0, 2));
    }

    private static void assertSame(double[] expected, double[] actual, String what) {
        for (int k = 0; k < expected.length; k++) {
            // Double.compare tells −0 from +0 and takes every NaN as one: which NaN a NaN window holds carries no meaning
            assertEquals(0, Double.compare(expected[k], actual[k]),
                    MaxPoolLoops.name() + " " + what + " at " + k + ": " + expected[k] + " vs " + actual[k]);
        }
    }

    /** Values with many ties (small integers, as relu's zeros give) and special values. */
    private static double[] values(Random rng, int n) {
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            int kind = rng.nextInt(8);
            v[k] = kind == 0 ? SPECIAL[rng.nextInt(SPECIAL.length)] : kind < 4 ? rng.nextInt(3) : rng.nextGaussian();
        }
        return v;
    }
}
