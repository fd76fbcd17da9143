package io.github.chainrule.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Exponentials}' loops on the Vector API: EXP, MAX and FMA on whole vectors of the preferred species,
 * the remainder one element at a time. Loaded by name only when {@code jdk.incubator.vector} is present.
 */
public final class VectorExponentials implements Exponentials.Loop {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /**
     * Creates the loop.
     *
     * @throws UnsupportedOperationException if the preferred vector holds fewer than 4 doubles (no gain)
     */
    public VectorExponentials() {
        if (S.length() < 4) {
            throw new UnsupportedOperationException("preferred vector of " + S.length() + " doubles");
        }
    }

    @Override
    public double expShifted(double[] x, int from, int to, double shift, double[] out) {
        int k = from;
        int upper = from + S.loopBound(to - from);
        DoubleVector acc = DoubleVector.zero(S);
        for (; k < upper; k += S.length()) {
            DoubleVector e = DoubleVector.fromArray(S, x, k).sub(shift).lanewise(VectorOperators.EXP);
            e.intoArray(out, k);
            acc = acc.add(e);
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        for (; k < to; k++) {
            double e = Math.exp(x[k] - shift);
            out[k] = e;
            sum += e;
        }
        return sum;
    }

    @Override
    public void exp(double[] x, int from, int to, double[] out) {
        int k = from;
        int upper = from + S.loopBound(to - from);
        for (; k < upper; k += S.length()) {
            DoubleVector.fromArray(S, x, k).lanewise(VectorOperators.EXP).intoArray(out, k);
        }
        for (; k < to; k++) {
            out[k] = Math.exp(x[k]);
        }
    }

    /** Lanewise MAX (Math.max per lane, so NaN wins as in the plain loop), then one reduction. */
    @Override
    public double max(double[] x, int from, int to) {
        int k = from;
        int upper = from + S.loopBound(to - from);
        DoubleVector acc = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
        for (; k < upper; k += S.length()) {
            acc = acc.max(DoubleVector.fromArray(S, x, k));
        }
        double m = acc.reduceLanes(VectorOperators.MAX);
        for (; k < to; k++) {
            m = Math.max(m, x[k]);
        }
        return m;
    }

    @Override
    public double dot(double[] a, double[] b, int from, int to) {
        int k = from;
        int upper = from + S.loopBound(to - from);
        DoubleVector acc = DoubleVector.zero(S);
        for (; k < upper; k += S.length()) {
            acc = DoubleVector.fromArray(S, a, k).fma(DoubleVector.fromArray(S, b, k), acc);
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        for (; k < to; k++) {
            sum += a[k] * b[k];
        }
        return sum;
    }
}
