package io.github.chainrule.kernel;

/**
 * Max pooling's two loops for windows of 2 × 2 at stride 2, LeNet's pool and most CNNs': the windows'
 * maxima over a range of planes, and their gradient routed back to the pixels that hold each maximum.
 *
 * <p>Each window's maximum is taken as {@link Math#max} takes it (NaN wins, +0 over −0), and its gradient
 * {@code g} goes to each of its pixels equal to the maximum as {@code (g·(1/ties))·hit}, hit 1 or 0 and
 * ties the window's number of hits: a NaN window has none, and routes {@code g·∞·0 = NaN} to all four.
 *
 * <p>The plain loops take one window at a time. {@code Math.max} compiles to five vector instructions on
 * x86 (the blends that give NaN and −0 their Java meaning), so three of them a window make the plain
 * maximum about 4 ns a window whatever the data. The Vector-API loops take a vector of windows: the
 * maxima of a row pair's two rows lane by lane, then of adjacent entries (3.7× faster on one core of an
 * AVX-512 Xeon, for LeNet's first pool), and the routing's compares and divisions on a vector of pixels
 * (1.8×). Max is commutative and associative in value, so they give the plain loops' values exactly, but
 * for which NaN a NaN window holds, which carries no meaning. The vector loops are chosen at run time,
 * as {@link ReluLoops}' are; the system property {@code chainrule.maxpool=scalar} forces the plain ones.
 */
public final class MaxPoolLoops {
    private static final String VECTOR_LOOPS = "io.github.chainrule.kernel.VectorMaxPoolLoops";
    private static final Loops LOOPS = choose();

    /** 1.0 / ties for the 0 to 4 tied maxima of a window, the doubles the division gives (1/0 = ∞): a load, not a division. */
    private static final double[] RECIPROCALS = {Double.POSITIVE_INFINITY, 1.0, 1.0 / 2, 1.0 / 3, 1.0 / 4};

    private MaxPoolLoops() {
    }

    /**
     * The planes' size and the pooled planes' size: windows cover rows and columns [0, 2·oh) × [0, 2·ow) of
     * each h × w plane, and the pixels past them (an odd height or width) belong to no window.
     *
     * @param h  the height of a plane
     * @param w  the width of a plane
     * @param oh the pooled height, at most h / 2
     * @param ow the pooled width, at most w / 2
     */
    public record Grid(int h, int w, int oh, int ow) {
        /**
         * Checks the sizes.
         *
         * @param h  the height of a plane
         * @param w  the width of a plane
         * @param oh the pooled height, at most h / 2
         * @param ow the pooled width, at most w / 2
         * @throws IllegalArgumentException if a size is negative or the windows do not fit the planes
         */
        public Grid {
            if (oh < 0 || ow < 0 || 2L * oh > h || 2L * ow > w) {
                throw new IllegalArgumentException("max_pool2d 2x2: " + oh + " x " + ow + " windows of 2 x 2 do not fit planes of "
                        + h + " x " + w);
            }
        }

        /**
         * Returns the index of the top left pixel of a row of windows, counted over all planes: row i is row
         * i mod oh of plane i / oh, and its windows start at that plane's pixel row 2·(i mod oh).
         *
         * @param windowRow the row of windows, in [0, planes·oh)
         * @return the index of its first window's top left pixel in the planes laid out one after another
         */
        public int firstPixel(int windowRow) {
            return (windowRow / oh * h + 2 * (windowRow % oh)) * w;
        }
    }

    /** The loops themselves: the plain ones here, the vectorized ones in core's Vector-API sources. */
    interface Loops {
        /** out's windows for planes [fromPlane, toPlane), as {@link MaxPoolLoops#max}. */
        void max(double[] in, double[] out, Grid grid, int fromPlane, int toPlane);

        /** dx's pixels for planes [fromPlane, toPlane), as {@link MaxPoolLoops#route}. */
        void route(double[] g, double[] max, double[] in, double[] dx, Grid grid, int fromPlane, int toPlane);
    }

    /**
     * Writes each window's maximum for the planes [fromPlane, toPlane): plane p's window (r, c) covers
     * in's pixels (p, 2r..2r+1, 2c..2c+1) of planes h × w laid out one after another, and its maximum goes to
     * out[(p·oh + r)·ow + c].
     *
     * @param in        the planes, at least {@code toPlane·h·w} long
     * @param out       the pooled planes, at least {@code toPlane·oh·ow} long. Modified.
     * @param grid      the planes' and the pooled planes' sizes
     * @param fromPlane the first plane
     * @param toPlane   the plane past the last
     * @throws IndexOutOfBoundsException if the planes are not all in the arrays
     */
    public static void max(double[] in, double[] out, Grid grid, int fromPlane, int toPlane) {
        check("max", in.length, out.length, grid, fromPlane, toPlane);
        LOOPS.max(in, out, grid, fromPlane, toPlane);
    }

    /**
     * Adds each window's gradient to the pixels that hold its maximum, for the planes [fromPlane, toPlane):
     * {@code dx[pixel] += (g[o]·(1/ties))·[in[pixel] = max[o]]} for window o's four pixels, ties the number of
     * them equal to max[o].
     *
     * @param g         the gradient with respect to the pooled planes, laid out as {@code max}
     * @param max       the windows' maxima, as {@link #max} wrote them
     * @param in        the planes that were pooled
     * @param dx        the planes' gradient, added into; laid out as {@code in}. Modified.
     * @param grid      the planes' and the pooled planes' sizes
     * @param fromPlane the first plane
     * @param toPlane   the plane past the last
     * @throws IndexOutOfBoundsException if the planes are not all in the arrays
     */
    public static void route(double[] g, double[] max, double[] in, double[] dx, Grid grid, int fromPlane, int toPlane) {
        check("route", Math.min(in.length, dx.length), Math.min(g.length, max.length), grid, fromPlane, toPlane);
        LOOPS.route(g, max, in, dx, grid, fromPlane, toPlane);
    }

    /**
     * Returns which loops are in use, for logs and benchmark reports.
     *
     * @return "vector" or "scalar"
     */
    public static String name() {
        return LOOPS instanceof Scalar ? "scalar" : "vector";
    }

    private static void check(String what, int planesLength, int pooledLength, Grid grid, int fromPlane, int toPlane) {
        long planeSize = (long) grid.h() * grid.w();
        long pooledSize = (long) grid.oh() * grid.ow();
        if (fromPlane < 0 || fromPlane > toPlane || toPlane * planeSize > planesLength || toPlane * pooledSize > pooledLength) {
            throw new IndexOutOfBoundsException("max_pool2d 2x2 " + what + ": planes [" + fromPlane + ", " + toPlane + ") of "
                    + grid + " do not lie in arrays of " + planesLength + " pixels and " + pooledLength + " windows");
        }
    }

    private static Loops choose() {
        Loops vector = Kernels.vectorLoop(VECTOR_LOOPS, Loops.class, "chainrule.maxpool");
        return vector != null ? vector : new Scalar();
    }

    /** The maximum of the window whose top left pixel is in[a], in rows of width w: max(max(max(a, b), c), d). */
    static double windowMax(double[] in, int a, int w) {
        return Math.max(Math.max(Math.max(in[a], in[a + 1]), in[a + w]), in[a + w + 1]);
    }

    /**
     * Routes g[o] to the pixels of the window at in[a] that hold max[o]. A hit is chosen as an int, a
     * conditional move: as a double the JIT branches on it, and the ties of a relu's zeros mispredict (3.5×
     * slower).
     */
    static void routeWindow(double[] g, double[] max, double[] in, double[] dx, int o, int a, int w) {
        double m = max[o];
        int h00 = in[a] == m ? 1 : 0;
        int h01 = in[a + 1] == m ? 1 : 0;
        int h10 = in[a + w] == m ? 1 : 0;
        int h11 = in[a + w + 1] == m ? 1 : 0;
        double share = g[o] * RECIPROCALS[h00 + h01 + h10 + h11];
        dx[a] += share * h00;
        dx[a + 1] += share * h01;
        dx[a + w] += share * h10;
        dx[a + w + 1] += share * h11;
    }

    /** The plain loops, a window at a time. */
    static final class Scalar implements Loops {
        @Override
        public void max(double[] in, double[] out, Grid grid, int fromPlane, int toPlane) {
            int w = grid.w();
            int o = fromPlane * grid.oh() * grid.ow();
            for (int p = fromPlane; p < toPlane; p++) {
                for (int r = 0; r < grid.oh(); r++) {
                    for (int c = 0, a = (p * grid.h() + 2 * r) * w; c < grid.ow(); c++, o++, a += 2) {
                        out[o] = windowMax(in, a, w);
                    }
                }
            }
        }

        @Override
        public void route(double[] g, double[] max, double[] in, double[] dx, Grid grid, int fromPlane, int toPlane) {
            int w = grid.w();
            int o = fromPlane * grid.oh() * grid.ow();
            for (int p = fromPlane; p < toPlane; p++) {
                for (int r = 0; r < grid.oh(); r++) {
                    for (int c = 0, a = (p * grid.h() + 2 * r) * w; c < grid.ow(); c++, o++, a += 2) {
                        routeWindow(g, max, in, dx, o, a, w);
                    }
                }
            }
        }
    }
}
