package io.github.chainrule.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link MaxPoolLoops}' loops on the Vector API, for L lanes. Loaded by name only when
 * {@code jdk.incubator.vector} is present.
 *
 * <p>The maxima in two passes over a block of row pairs: first the two rows' maxima lane by lane, into a
 * small per-thread buffer, then the maxima of that buffer's adjacent entries, a stream over the block that
 * lies in out's order (each row pair gives one row of windows). The second pass takes 2L entries at a time
 * and gathers their even and odd entries with one-vector shuffles and a blend (JDK 17's two-vector shuffle
 * builds its mask afresh each time, three times slower).
 *
 * <p>The routing a row of windows at a time, L/2 windows a step: each window's maximum and gradient
 * repeated to its two columns, compared with the top and bottom rows' pixels, the hits of a column pair
 * added for the ties, and the gradient times 1/ties added to the pixels hit.
 */
public final class VectorMaxPoolLoops implements MaxPoolLoops.Loops {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Lane i takes lane 2i mod L: the even entries of one vector in both halves. */
    private static final VectorShuffle<Double> EVEN = VectorShuffle.fromOp(S, i -> 2 * i % L);
    /** Lane i takes lane (2i + 1) mod L: the odd entries of one vector in both halves. */
    private static final VectorShuffle<Double> ODD = VectorShuffle.fromOp(S, i -> (2 * i + 1) % L);
    /** The upper half of the lanes, where the second vector's even or odd entries go. */
    private static final VectorMask<Double> UPPER = VectorMask.fromLong(S, (1L << L) - (1L << (L / 2)));
    /** Lane i takes lane i / 2: a window's value repeated to its two columns. */
    private static final VectorShuffle<Double> REPEAT = VectorShuffle.fromOp(S, i -> i / 2);
    /** Lane i takes lane i xor 1: the other column of the same window. */
    private static final VectorShuffle<Double> PARTNER = VectorShuffle.fromOp(S, i -> i ^ 1);
    /** The row pairs' maxima of a block: 16 KB, so that the block stays in L1 between the two passes. */
    private static final int BLOCK = 2048;
    private static final ThreadLocal<double[]> ROW_MAXIMA = ThreadLocal.withInitial(() -> new double[BLOCK]);

    private final MaxPoolLoops.Scalar scalar = new MaxPoolLoops.Scalar();

    /**
     * Creates the loops.
     *
     * @throws UnsupportedOperationException if the preferred vector holds fewer than 4 doubles (no gain)
     */
    public VectorMaxPoolLoops() {
        if (L < 4) {
            throw new UnsupportedOperationException("preferred vector of " + L + " doubles");
        }
    }

    @Override
    public void max(double[] in, double[] out, MaxPoolLoops.Grid grid, int fromPlane, int toPlane) {
        int run = 2 * grid.ow();   // the pixels of a row that windows cover
        if (run < L || run > BLOCK) {
            // rows shorter than a vector, or longer than the buffer (planes over 2,048 pixels wide)
            scalar.max(in, out, grid, fromPlane, toPlane);
            return;
        }
        double[] rowMaxima = ROW_MAXIMA.get();
        int oh = grid.oh();
        int w = grid.w();
        int perBlock = BLOCK / run;
        for (int first = fromPlane * oh, end = toPlane * oh; first < end; first += perBlock) {
            int last = Math.min(end, first + perBlock);
            for (int i = first; i < last; i++) {
                int top = grid.firstPixel(i);
                int at = (i - first) * run;
                // The last vector may overlap the one before it: max is idempotent, it writes the same values.
                for (int u = 0; ; u = Math.min(u + L, run - L)) {
                    DoubleVector.fromArray(S, in, top + u).lanewise(VectorOperators.MAX, DoubleVector.fromArray(S, in, top + w + u))
                            .intoArray(rowMaxima, at + u);
                    if (u == run - L) {
                        break;
                    }
                }
            }
            int windows = (last - first) * grid.ow();
            int o = first * grid.ow();
            int k = 0;
            for (; k + L <= windows; k += L) {
                DoubleVector lo = DoubleVector.fromArray(S, rowMaxima, 2 * k);
                DoubleVector hi = DoubleVector.fromArray(S, rowMaxima, 2 * k + L);
                DoubleVector even = lo.rearrange(EVEN).blend(hi.rearrange(EVEN), UPPER);
                DoubleVector odd = lo.rearrange(ODD).blend(hi.rearrange(ODD), UPPER);
                even.lanewise(VectorOperators.MAX, odd).intoArray(out, o + k);
            }
            for (; k < windows; k++) {
                out[o + k] = Math.max(rowMaxima[2 * k], rowMaxima[2 * k + 1]);
            }
        }
    }

    @Override
    public void route(double[] g, double[] max, double[] in, double[] dx, MaxPoolLoops.Grid grid, int fromPlane, int toPlane) {
        int half = L / 2;
        int oh = grid.oh();
        int ow = grid.ow();
        int w = grid.w();
        int loads = Math.min(g.length, max.length) - L;   // a window's vector of g and max reads L entries from it
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        DoubleVector zero = DoubleVector.zero(S);
        for (int i = fromPlane * oh, end = toPlane * oh; i < end; i++) {
            int top = grid.firstPixel(i);
            int o = i * ow;
            int c = 0;
            for (; c + half <= ow && o + c <= loads; c += half) {
                int a = top + 2 * c;
                DoubleVector m = DoubleVector.fromArray(S, max, o + c).rearrange(REPEAT);
                DoubleVector hitTop = zero.blend(one, DoubleVector.fromArray(S, in, a).compare(VectorOperators.EQ, m));
                DoubleVector hitBottom = zero.blend(one, DoubleVector.fromArray(S, in, a + w).compare(VectorOperators.EQ, m));
                DoubleVector column = hitTop.add(hitBottom);
                DoubleVector ties = column.add(column.rearrange(PARTNER));
                // 1/ties divides as the plain loop's table was computed: 1/0 = ∞ for a NaN window
                DoubleVector share = DoubleVector.fromArray(S, g, o + c).rearrange(REPEAT).mul(one.div(ties));
                share.mul(hitTop).add(DoubleVector.fromArray(S, dx, a)).intoArray(dx, a);
                share.mul(hitBottom).add(DoubleVector.fromArray(S, dx, a + w)).intoArray(dx, a + w);
            }
            for (int a = top + 2 * c; c < ow; c++, a += 2) {
                MaxPoolLoops.routeWindow(g, max, in, dx, o + c, a, w);
            }
        }
    }
}
