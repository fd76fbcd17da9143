package io.github.chainrule.kernel;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * relu's backward loop, whichever the JVM chose (the tests run with the Vector API, and again without):
 * the plain loop's {@code dx + g·[x ≥ 0]} bit for bit (any NaN as any other), special values included, on every length (the
 * vector loop's remainder too), and nothing written past {@code dx}.
 */
class ReluLoopsProperties {
    private static final double[] SPECIAL = {Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.MIN_VALUE, -Double.MIN_VALUE, 1, -1};

    @Property(tries = 300)
    void theChosenLoopIsThePlainLoopBitForBit(@ForAll @IntRange(min = 0, max = 70) int n, @ForAll long seed) {
        Random rng = new Random(seed);
        double[] g = new double[n + 1];
        double[] x = new double[n + 1];
        double[] start = new double[n];
        for (int k = 0; k <= n; k++) {
            g[k] = pick(rng);
            x[k] = pick(rng);
            if (k < n) {
                start[k] = pick(rng);
            }
        }
        double[] expected = start.clone();
        new ReluLoops.Scalar().addGated(g, x, expected, 0, n);
        double[] actual = start.clone();
        ReluLoops.addGated(g, x, actual);   // x and g one longer than dx: only dx's length is read
        for (int k = 0; k < n; k++) {
            // Double.compare tells −0 from +0 and takes every NaN as one (the sign of a NaN that g·0 or
            // dx + NaN makes differs between the scalar and vector instructions, and carries no meaning)
            assertEquals(0, Double.compare(expected[k], actual[k]),
                    ReluLoops.name() + " at " + k + ": g " + g[k] + ", x " + x[k] + ", dx " + start[k]
                            + ": " + expected[k] + " vs " + actual[k]);
        }
    }

    /** A part [from, to) adds exactly what the whole loop adds there, and leaves dx outside it untouched. */
    @Property(tries = 200)
    void aPartAddsTheWholeLoopsValuesInItsRangeAndNothingElse(@ForAll @IntRange(min = 0, max = 70) int n,
                                                            @ForAll long seed) {
        Random rng = new Random(seed);
        double[] g = new double[n];
        double[] x = new double[n];
        double[] start = new double[n];
        for (int k = 0; k < n; k++) {
            g[k] = rng.nextGaussian();
            x[k] = pick(rng);
            start[k] = rng.nextGaussian();
        }
        int from = n == 0 ? 0 : rng.nextInt(n + 1);
        int to = from + (n == from ? 0 : rng.nextInt(n - from + 1));
        double[] whole = start.clone();
        ReluLoops.addGated(g, x, whole);
        double[] part = start.clone();
        ReluLoops.addGated(g, x, part, from, to);
        for (int k = 0; k < n; k++) {
            double expected = k >= from && k < to ? whole[k] : start[k];
            assertEquals(0, Double.compare(expected, part[k]), ReluLoops.name() + " at " + k + " of [" + from + ", " + to + ")");
        }
    }

    @Example
    void aRangeOutsideTheArraysIsRefused() {
        double[] a = new double[4];
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> ReluLoops.addGated(a, a, a, 2, 5));
        org.junit.jupiter.api.Assertions.assertThrows(IndexOutOfBoundsException.class, () -> ReluLoops.addGated(a, a, a, 3, 2));
    }

    @Example
    void theGateIsOneFromMinusZeroOnAndZeroBelowAndForNaN() {
        double[] x = {-0.0, 0.0, 1e-320, -1e-320, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -3, 2};
        double[] g = {1, 1, 1, 1, 1, 1, 1, 1, 1};
        double[] dx = new double[x.length];
        ReluLoops.addGated(g, x, dx);
        assertEquals(java.util.Arrays.toString(new double[] {1, 1, 1, 0, 0, 0, 1, 0, 1}), java.util.Arrays.toString(dx),
                ReluLoops.name());
    }

    private static double pick(Random rng) {
        return rng.nextInt(4) == 0 ? SPECIAL[rng.nextInt(SPECIAL.length)] : rng.nextGaussian();
    }
}
