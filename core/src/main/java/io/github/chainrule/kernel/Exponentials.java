package io.github.chainrule.kernel;

/**
 * Softmax's loops: along a contiguous row, e^(x − shift) over a run of an array and the run's sum, where
 * every attention score is exponentiated; the run's maximum (the shift); and Σ g·s over a run (the
 * backward's dot). Along a strided axis (the course's (classes, m) layout, where each example's logits
 * are a column), the whole softmax and both backward rules, a group of neighbouring columns at a time.
 *
 * <p>{@link Math#exp} is one call per element (about 5 ns on a 2026 x86 core); the Vector API's EXP,
 * which the JDK implements on x86-64 with vectorized (SVML) routines, does eight at a time in about 1 ns
 * an element, within 1 ulp of {@code Math.exp}. It is chosen at run time: when the JVM has the
 * incubator module {@code jdk.incubator.vector}, runs on x86-64 (elsewhere JDK 17 computes the vector EXP
 * lane by lane, slower than the plain loop) and its preferred vector holds at least 4 doubles. The
 * system property {@code chainrule.exp=scalar} forces the plain loops.
 *
 * <p>The maximum and the dot ride along with the exponentials because they cost as much as them in a plain
 * loop: Math.max is a compare-and-blend per element (and a chain of them waits on each), and a sum in
 * source order cannot be vectorized by the JIT. Over attention's 128-wide rows the three loops together
 * were a sixth of W7.
 */
public final class Exponentials {
    private static final String VECTOR_LOOP = "io.github.chainrule.kernel.VectorExponentials";
    private static final Loop LOOP = choose();

    private Exponentials() {
    }

    /** The loop itself: the plain one here, the vectorized one in core's Vector-API sources. */
    interface Loop {
        /** Writes e^(x[k] − shift) into out[k] for from ≤ k &lt; to; returns their sum. */
        double expShifted(double[] x, int from, int to, double shift, double[] out);

        /** Writes e^x[k] into out[k] for from ≤ k &lt; to. */
        void exp(double[] x, int from, int to, double[] out);

        /** Returns the maximum of x[from, to) as Math.max gives it (NaN if any is NaN), −∞ for an empty run. */
        double max(double[] x, int from, int to);

        /** Returns Σ a[aFrom + k]·b[bFrom + k] over 0 ≤ k &lt; length, in an order of the loop's choosing. */
        double dot(double[] a, int aFrom, double[] b, int bFrom, int length);

        /** Softmax (or log-softmax) of x seen as (outer, length, inner) along its middle axis, into out. */
        void softmaxColumns(double[] x, int outer, int length, int inner, boolean log, double[] out);

        /** dx += s·(g − Σ g·s) along the middle axis of (outer, length, inner). */
        void softmaxBackwardColumns(double[] g, double[] s, int outer, int length, int inner, double[] dx);

        /** dx += g − e^y·Σ g along the middle axis of (outer, length, inner). */
        void logSoftmaxBackwardColumns(double[] g, double[] y, int outer, int length, int inner, double[] dx);
    }

    /**
     * Writes {@code out[k] = e^(x[k] − shift)} for {@code from ≤ k < to} and returns the sum of those
     * values (summed in an order of the loop's choosing). NaN gives NaN, −∞ gives 0.
     *
     * @param x     the exponents
     * @param from  the first index, inclusive
     * @param to    the last index, exclusive
     * @param shift subtracted from every exponent first (softmax's maximum)
     * @param out   where the values go, at the same indices. Modified.
     * @return the sum of the values written
     */
    public static double expShifted(double[] x, int from, int to, double shift, double[] out) {
        return LOOP.expShifted(x, from, to, shift, out);
    }

    /**
     * Writes {@code out[k] = e^x[k]} for {@code from ≤ k < to}: {@link #expShifted} without the shift and the
     * sum, whose reduction across a vector's lanes costs more than the exponentials on short runs (a softmax
     * step's few inner values).
     *
     * @param x    the exponents
     * @param from the first index, inclusive
     * @param to   the last index, exclusive
     * @param out  where the values go, at the same indices (may be x). Modified.
     */
    public static void exp(double[] x, int from, int to, double[] out) {
        LOOP.exp(x, from, to, out);
    }

    /**
     * Returns the maximum of {@code x[from, to)}, NaN if any of them is NaN (as {@link Math#max} gives it); the
     * order does not matter, so every loop gives the same value.
     *
     * @param x    the values
     * @param from the first index, inclusive
     * @param to   the last index, exclusive
     * @return the largest value, or −∞ for an empty run
     */
    public static double max(double[] x, int from, int to) {
        return LOOP.max(x, from, to);
    }

    /**
     * Returns {@code Σ a[k]·b[k]} for {@code from ≤ k < to}, summed in an order of the loop's choosing.
     *
     * @param a    the first factors
     * @param b    the second factors, at the same indices
     * @param from the first index, inclusive
     * @param to   the last index, exclusive
     * @return the sum of the products, 0 for an empty run
     */
    public static double dot(double[] a, double[] b, int from, int to) {
        return LOOP.dot(a, from, b, from, to - from);
    }

    /**
     * Returns {@code Σ a[aFrom + k]·b[bFrom + k]} for {@code 0 ≤ k < length}: two runs at different places
     * (a row of one entry's buffer against the same row of a stack), summed in an order of the loop's choosing.
     *
     * @param a      the first factors
     * @param aFrom  where their run starts
     * @param b      the second factors
     * @param bFrom  where their run starts
     * @param length the length of both runs
     * @return the sum of the products, 0 for an empty run
     */
    public static double dot(double[] a, int aFrom, double[] b, int bFrom, int length) {
        return LOOP.dot(a, aFrom, b, bFrom, length);
    }

    /**
     * Writes softmax (or log-softmax) of x along the middle axis of x seen as (outer, length, inner), with
     * {@code inner > 1}: for each (o, i), the values at {@code (o·length + j)·inner + i} for j in
     * [0, length) are one softmax. With m their maximum (0 if it is infinite, so that −∞ and +∞ give what
     * the mathematics does), e = e^(x − m) and S = Σ e: out = e / S, or (x − m) − ln S.
     *
     * <p>Softmax along axis 0 of (classes, m) is this with outer = 1: a loop over the rows for each column
     * runs as many steps as there are columns (64 for a minibatch), too few for the JIT's vectorized loops,
     * so the vectorized kernel holds a group of columns in registers through all three passes instead
     * (W4's (10, 64) log-softmax: about 3 µs in row loops).
     *
     * @param x      the logits
     * @param outer  the number of blocks of length × inner values
     * @param length the length of the axis
     * @param inner  the distance between neighbours along the axis
     * @param log    true for log-softmax
     * @param out    where the values go, of x's length. Modified.
     */
    public static void softmaxColumns(double[] x, int outer, int length, int inner, boolean log, double[] out) {
        LOOP.softmaxColumns(x, outer, length, inner, log, out);
    }

    /**
     * Adds softmax's gradient {@code s·(g − Σ g·s)} into dx along the middle axis of (outer, length, inner),
     * as {@link #softmaxColumns} lays the values out.
     *
     * @param g      the gradient of the output
     * @param s      softmax's output
     * @param outer  the number of blocks of length × inner values
     * @param length the length of the axis
     * @param inner  the distance between neighbours along the axis
     * @param dx     the input's gradient, added into. Modified.
     */
    public static void softmaxBackwardColumns(double[] g, double[] s, int outer, int length, int inner, double[] dx) {
        LOOP.softmaxBackwardColumns(g, s, outer, length, inner, dx);
    }

    /**
     * Adds log-softmax's gradient {@code g − e^y·Σ g} into dx along the middle axis of (outer, length,
     * inner), as {@link #softmaxColumns} lays the values out.
     *
     * @param g      the gradient of the output
     * @param y      log-softmax's output
     * @param outer  the number of blocks of length × inner values
     * @param length the length of the axis
     * @param inner  the distance between neighbours along the axis
     * @param dx     the input's gradient, added into. Modified.
     */
    public static void logSoftmaxBackwardColumns(double[] g, double[] y, int outer, int length, int inner, double[] dx) {
        LOOP.logSoftmaxBackwardColumns(g, y, outer, length, inner, dx);
    }

    /**
     * Returns which loop is in use, for logs and benchmark reports.
     *
     * @return "vector" or "scalar"
     */
    public static String name() {
        return LOOP instanceof Scalar ? "scalar" : "vector";
    }

    private static Loop choose() {
        String arch = System.getProperty("os.arch", "");
        boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
        Loop vector = x86 ? Kernels.vectorLoop(VECTOR_LOOP, Loop.class, "chainrule.exp") : null;
        return vector != null ? vector : new Scalar();
    }

    /** The plain loop, one {@link Math#exp} per element. */
    static final class Scalar implements Loop {
        @Override
        public double expShifted(double[] x, int from, int to, double shift, double[] out) {
            double sum = 0;
            for (int k = from; k < to; k++) {
                double e = Math.exp(x[k] - shift);
                out[k] = e;
                sum += e;
            }
            return sum;
        }

        @Override
        public void exp(double[] x, int from, int to, double[] out) {
            for (int k = from; k < to; k++) {
                out[k] = Math.exp(x[k]);
            }
        }

        /** Four independent running maxima: one chain would wait for each comparison before the next. */
        @Override
        public double max(double[] x, int from, int to) {
            double m0 = Double.NEGATIVE_INFINITY;
            double m1 = m0;
            double m2 = m0;
            double m3 = m0;
            int k = from;
            for (; k + 3 < to; k += 4) {
                m0 = Math.max(m0, x[k]);
                m1 = Math.max(m1, x[k + 1]);
                m2 = Math.max(m2, x[k + 2]);
                m3 = Math.max(m3, x[k + 3]);
            }
            for (; k < to; k++) {
                m0 = Math.max(m0, x[k]);
            }
            return Math.max(Math.max(m0, m1), Math.max(m2, m3));
        }

        /** Four partial sums, for the same reason as {@link #max}. */
        @Override
        public double dot(double[] a, int aFrom, double[] b, int bFrom, int length) {
            double d0 = 0;
            double d1 = 0;
            double d2 = 0;
            double d3 = 0;
            int k = 0;
            for (; k + 3 < length; k += 4) {
                d0 += a[aFrom + k] * b[bFrom + k];
                d1 += a[aFrom + k + 1] * b[bFrom + k + 1];
                d2 += a[aFrom + k + 2] * b[bFrom + k + 2];
                d3 += a[aFrom + k + 3] * b[bFrom + k + 3];
            }
            for (; k < length; k++) {
                d0 += a[aFrom + k] * b[bFrom + k];
            }
            return (d0 + d1) + (d2 + d3);
        }

        @Override
        public void softmaxColumns(double[] x, int outer, int length, int inner, boolean log, double[] out) {
            softmaxColumns(x, outer, length, inner, 0, log, out);
        }

        @Override
        public void softmaxBackwardColumns(double[] g, double[] s, int outer, int length, int inner, double[] dx) {
            softmaxBackwardColumns(g, s, outer, length, inner, 0, dx);
        }

        @Override
        public void logSoftmaxBackwardColumns(double[] g, double[] y, int outer, int length, int inner, double[] dx) {
            logSoftmaxBackwardColumns(g, y, outer, length, inner, 0, dx);
        }

        /** One column of a block: the values first, first + inner, … up to (not including) end. */
        @FunctionalInterface
        private interface Column {
            void run(int first, int end);
        }

        /**
         * Runs {@code column} on every column from {@code fromColumn} on, in each of the {@code outer} blocks
         * of {@code length × inner} values: the column of block o and offset i starts at o·length·inner + i.
         */
        private static void eachColumn(int outer, int length, int inner, int fromColumn, Column column) {
            int block = length * inner;
            for (int base = 0, o = 0; o < outer; o++, base += block) {
                for (int i = fromColumn; i < inner; i++) {
                    column.run(base + i, base + i + block);
                }
            }
        }

        /**
         * {@link Loop#softmaxColumns} on the columns from {@code fromColumn} on, one column at a time: the values
         * first, first + inner, … of each block (the vectorized loop's columns past its last whole vector).
         */
        static void softmaxColumns(double[] x, int outer, int length, int inner, int fromColumn, boolean log, double[] out) {
            eachColumn(outer, length, inner, fromColumn, (first, end) -> {
                double m = Double.NEGATIVE_INFINITY;
                for (int k = first; k < end; k += inner) {
                    m = Math.max(m, x[k]);
                }
                m = Double.isInfinite(m) ? 0 : m;
                double sum = 0;
                for (int k = first; k < end; k += inner) {
                    out[k] = Math.exp(x[k] - m);
                    sum += out[k];
                }
                double logSum = log ? Math.log(sum) : 0;
                for (int k = first; k < end; k += inner) {
                    out[k] = log ? (x[k] - m) - logSum : out[k] / sum;
                }
            });
        }

        /** {@link Loop#softmaxBackwardColumns} on the columns from {@code fromColumn} on, one at a time. */
        static void softmaxBackwardColumns(double[] g, double[] s, int outer, int length, int inner, int fromColumn,
                                           double[] dx) {
            eachColumn(outer, length, inner, fromColumn, (first, end) -> {
                double dot = 0;
                for (int k = first; k < end; k += inner) {
                    dot += g[k] * s[k];
                }
                for (int k = first; k < end; k += inner) {
                    dx[k] += s[k] * (g[k] - dot);
                }
            });
        }

        /** {@link Loop#logSoftmaxBackwardColumns} on the columns from {@code fromColumn} on, one at a time. */
        static void logSoftmaxBackwardColumns(double[] g, double[] y, int outer, int length, int inner, int fromColumn,
                                              double[] dx) {
            eachColumn(outer, length, inner, fromColumn, (first, end) -> {
                double total = 0;
                for (int k = first; k < end; k += inner) {
                    total += g[k];
                }
                for (int k = first; k < end; k += inner) {
                    dx[k] += g[k] - Math.exp(y[k]) * total;
                }
            });
        }
    }
}
