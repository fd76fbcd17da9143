package io.github.chainrule.kernel;

/**
 * e^(x − shift) over a run of an array, and the run's sum: softmax's inner loop, where every attention
 * score is exponentiated.
 *
 * <p>{@link Math#exp} is one call per element (about 5 ns on a 2026 x86 core); the Vector API's EXP,
 * which the JDK implements on x86-64 with vectorized (SVML) routines, does eight at a time in about 1 ns
 * an element, within 1 ulp of {@code Math.exp}. It is chosen at run time: when the JVM has the
 * incubator module {@code jdk.incubator.vector}, runs on x86-64 (elsewhere JDK 17 computes the vector EXP
 * lane by lane, slower than the plain loop) and its preferred vector holds at least 4 doubles. The
 * system property {@code chainrule.exp=scalar} forces the plain loop.
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
        if (!"scalar".equals(System.getProperty("chainrule.exp")) && x86 && Kernels.vectorApiAvailable()) {
            try {
                return (Loop) Class.forName(VECTOR_LOOP).getConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError | UnsupportedOperationException e) {
                System.getLogger("io.github.chainrule.kernel").log(System.Logger.Level.DEBUG,
                        "chainrule: the vectorized exp is not used: " + e);
            }
        }
        return new Scalar();
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
    }
}
