package io.github.chainrule.kernel;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The exponential loop softmax runs, whichever the JVM chose (the tests run with the Vector API): each
 * value within 1 ulp of {@link Math#exp}, only the run written, the sum the values' sum, and the special
 * values as {@code Math.exp} gives them; the row maximum exactly Math.max's (NaN, signed zeros, infinities)
 * and the dot the products' sum; along a strided axis, softmax and both backward rules as the plain loop's
 * column-at-a-time passes give them.
 */
class ExponentialsProperties {

    /** Exponents uniform in [−30, 30): e^x from 1e-13 to 1e13, well inside the normal range. */
    private static double[] exponents(Random rng, int length) {
        double[] x = new double[length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (rng.nextDouble() - 0.5) * 60;
        }
        return x;
    }

    @Property(tries = 300)
    void eachValueIsWithinOneUlpOfMathExpAndTheSumIsTheirs(@ForAll @IntRange(min = 0, max = 70) int n,
                                                           @ForAll @IntRange(min = 0, max = 5) int offset,
                                                           @ForAll long seed) {
        Random rng = new Random(seed);
        double[] x = exponents(rng, offset + n + 1);
        double shift = rng.nextGaussian() * 5;
        double[] out = new double[x.length];
        out[offset + n] = 42;   // a sentinel past the run: must stay untouched
        double sum = Exponentials.expShifted(x, offset, offset + n, shift, out);
        double expected = 0;
        for (int k = offset; k < offset + n; k++) {
            double e = Math.exp(x[k] - shift);
            expected += e;
            int at = k;
            assertTrue(Math.abs(out[k] - e) <= Math.ulp(e), () -> Exponentials.name() + " exp at " + at + ": " + out[at] + " vs " + e);
        }
        assertEquals(expected, sum, 1e-14 * expected, Exponentials.name());
        assertEquals(42, out[offset + n]);
    }

    @Property(tries = 200)
    void expInPlaceIsWithinOneUlpOfMathExpAndWritesOnlyItsRun(@ForAll @IntRange(min = 0, max = 70) int n,
                                                              @ForAll @IntRange(min = 0, max = 5) int offset,
                                                              @ForAll long seed) {
        Random rng = new Random(seed);
        double[] x = exponents(rng, offset + n + 1);
        double[] before = x.clone();
        Exponentials.exp(x, offset, offset + n, x);   // in place, as softmax along a non-last axis calls it
        for (int k = 0; k < x.length; k++) {
            boolean inRun = k >= offset && k < offset + n;
            double e = inRun ? Math.exp(before[k]) : before[k];
            int at = k;
            assertTrue(Math.abs(x[k] - e) <= (inRun ? Math.ulp(e) : 0),
                    () -> Exponentials.name() + " exp at " + at + ": " + x[at] + " vs " + e);
        }
    }

    @Example
    void specialValuesAreMathExps() {
        double[] x = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, -0.0, -800, 800, 709, -745,
            1, 2, 3, 4, 5, 6, 7};
        double[] out = new double[x.length];
        double sum = Exponentials.expShifted(x, 0, x.length, 0, out);
        for (int k = 0; k < x.length; k++) {
            double e = Math.exp(x[k]);
            int at = k;
            assertTrue(Double.compare(out[k], e) == 0 || Math.abs(out[k] - e) <= Math.ulp(e),
                    () -> Exponentials.name() + " exp(" + x[at] + ") = " + out[at] + ", Math.exp gives " + e);
        }
        assertTrue(Double.isNaN(sum));
        double[] plain = new double[x.length];
        Exponentials.exp(x, 0, x.length, plain);
        for (int k = 0; k < x.length; k++) {
            assertEquals(0, Double.compare(out[k], plain[k]), "exp and expShifted(0) differ at " + x[k]);
        }
    }

    @Property(tries = 300)
    void maxIsMathMaxOverTheRunAndDotIsTheProductsSum(@ForAll @IntRange(min = 0, max = 70) int n,
                                                      @ForAll @IntRange(min = 0, max = 5) int offset,
                                                      @ForAll long seed) {
        Random rng = new Random(seed);
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0};
        double[] x = new double[offset + n + 1];
        double[] y = new double[x.length];
        boolean special = rng.nextBoolean();
        for (int i = 0; i < x.length; i++) {
            x[i] = special && rng.nextInt(8) == 0 ? specials[rng.nextInt(specials.length)] : rng.nextGaussian() * 10;
            y[i] = rng.nextGaussian();
        }
        x[offset + n] = Double.NaN;   // past the run: must not be read
        double expected = Double.NEGATIVE_INFINITY;
        double dot = 0;
        double scale = 0;
        for (int k = offset; k < offset + n; k++) {
            expected = Math.max(expected, x[k]);
            dot += x[k] * y[k];
            scale += Math.abs(x[k] * y[k]);
        }
        double max = Exponentials.max(x, offset, offset + n);
        double wanted = expected;
        assertEquals(0, Double.compare(wanted, max), () -> Exponentials.name() + " max " + max + " vs Math.max's " + wanted);
        double got = Exponentials.dot(x, y, offset, offset + n);
        if (Double.isFinite(dot)) {
            assertEquals(dot, got, 1e-14 * scale, Exponentials.name());
        } else {
            double sequential = dot;   // ±∞ or NaN: the same whatever the order of the sum
            assertEquals(0, Double.compare(sequential, got), () -> Exponentials.name() + " dot " + got + " vs " + sequential);
        }
    }

    /**
     * Logits with, in some cases, special values among them (a NaN, ±∞ and signed zeros), so that a column's
     * maximum is infinite or NaN and its softmax takes the special paths.
     */
    private static double[] logits(Random rng, int length, boolean special) {
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0};
        double[] x = new double[length];
        for (int i = 0; i < x.length; i++) {
            x[i] = special && rng.nextInt(6) == 0 ? specials[rng.nextInt(specials.length)] : rng.nextGaussian() * 4;
        }
        return x;
    }

    /** a and b agree to within a few ulps (the vector EXP's), or are the same special value. */
    private static boolean close(double a, double b) {
        return Double.compare(a, b) == 0 || Math.abs(a - b) <= 8 * Math.ulp(Math.max(Math.abs(a), Math.abs(b)))
                || Math.abs(a - b) <= 1e-15;
    }

    @Property(tries = 300)
    void stridedSoftmaxAndItsBackwardRulesAreThePlainColumnLoops(@ForAll @IntRange(min = 0, max = 3) int outer,
                                                                 @ForAll @IntRange(min = 1, max = 9) int length,
                                                                 @ForAll @IntRange(min = 2, max = 27) int inner,
                                                                 @ForAll boolean log, @ForAll long seed) {
        Random rng = new Random(seed);
        int size = outer * length * inner;
        double[] x = logits(rng, size, rng.nextInt(4) == 0);
        double[] g = logits(rng, size, false);
        Exponentials.Scalar plain = new Exponentials.Scalar();
        double[] expected = new double[size];
        double[] got = new double[size];
        plain.softmaxColumns(x, outer, length, inner, log, expected);
        Exponentials.softmaxColumns(x, outer, length, inner, log, got);
        for (int k = 0; k < size; k++) {
            int at = k;
            assertTrue(close(got[k], expected[k]), () -> Exponentials.name() + " softmax at " + at + ": " + got[at]
                    + " vs the plain loop's " + expected[at]);
        }
        double[] dxWanted = logits(rng, size, false);   // the rules add into what dx holds
        double[] dxGot = dxWanted.clone();
        if (log) {
            plain.logSoftmaxBackwardColumns(g, expected, outer, length, inner, dxWanted);
            Exponentials.logSoftmaxBackwardColumns(g, expected, outer, length, inner, dxGot);
        } else {
            plain.softmaxBackwardColumns(g, expected, outer, length, inner, dxWanted);
            Exponentials.softmaxBackwardColumns(g, expected, outer, length, inner, dxGot);
        }
        for (int k = 0; k < size; k++) {
            int at = k;
            assertTrue(close(dxGot[k], dxWanted[k]), () -> Exponentials.name() + " backward at " + at + ": "
                    + dxGot[at] + " vs the plain loop's " + dxWanted[at]);
        }
    }
}
