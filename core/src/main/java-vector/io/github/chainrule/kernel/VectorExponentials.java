package io.github.chainrule.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Exponentials}' loops on the Vector API: EXP, MAX and FMA on whole vectors of the preferred species,
 * the remainder one element at a time. Along a strided axis, one vector holds a group of neighbouring
 * columns through every pass over the axis, and the columns past the last whole group take the plain
 * loop's. Loaded by name only when {@code jdk.incubator.vector} is present.
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
    public double dot(double[] a, int aFrom, double[] b, int bFrom, int length) {
        int k = 0;
        int upper = S.loopBound(length);
        DoubleVector acc = DoubleVector.zero(S);
        for (; k < upper; k += S.length()) {
            acc = DoubleVector.fromArray(S, a, aFrom + k).fma(DoubleVector.fromArray(S, b, bFrom + k), acc);
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        for (; k < length; k++) {
            sum += a[aFrom + k] * b[bFrom + k];
        }
        return sum;
    }

    /**
     * The plain loop's passes with a vector of columns at a time: the same operations in the same order per
     * column (a lanewise maximum, sums in the axis's order, ln from {@link Math#log} lane by lane), so each
     * value differs from the plain loop's only by the vector EXP's ulp.
     */
    @Override
    public void softmaxColumns(double[] x, int outer, int length, int inner, boolean log, double[] out) {
        int groups = S.loopBound(inner);
        double[] lanes = new double[S.length()];
        for (int o = 0, base = 0; o < outer; o++, base += length * inner) {
            int end = base + length * inner;
            for (int first = base; first < base + groups; first += S.length()) {
                DoubleVector m = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
                for (int k = first; k < end; k += inner) {
                    m = m.max(DoubleVector.fromArray(S, x, k));
                }
                m = m.blend(0.0, m.test(VectorOperators.IS_INFINITE));
                DoubleVector sum = DoubleVector.zero(S);
                for (int k = first; k < end; k += inner) {
                    DoubleVector e = DoubleVector.fromArray(S, x, k).sub(m).lanewise(VectorOperators.EXP);
                    e.intoArray(out, k);
                    sum = sum.add(e);
                }
                if (log) {
                    sum.intoArray(lanes, 0);
                    for (int l = 0; l < lanes.length; l++) {
                        lanes[l] = Math.log(lanes[l]);
                    }
                    DoubleVector logSum = DoubleVector.fromArray(S, lanes, 0);
                    for (int k = first; k < end; k += inner) {
                        DoubleVector.fromArray(S, x, k).sub(m).sub(logSum).intoArray(out, k);
                    }
                } else {
                    for (int k = first; k < end; k += inner) {
                        DoubleVector.fromArray(S, out, k).div(sum).intoArray(out, k);
                    }
                }
            }
        }
        Exponentials.Scalar.softmaxColumns(x, outer, length, inner, groups, log, out);   // the columns past the last whole vector
    }

    @Override
    public void softmaxBackwardColumns(double[] g, double[] s, int outer, int length, int inner, double[] dx) {
        int groups = S.loopBound(inner);
        for (int o = 0, base = 0; o < outer; o++, base += length * inner) {
            int end = base + length * inner;
            for (int first = base; first < base + groups; first += S.length()) {
                DoubleVector dot = DoubleVector.zero(S);
                for (int k = first; k < end; k += inner) {
                    dot = dot.add(DoubleVector.fromArray(S, g, k).mul(DoubleVector.fromArray(S, s, k)));
                }
                for (int k = first; k < end; k += inner) {
                    DoubleVector sk = DoubleVector.fromArray(S, s, k);
                    DoubleVector.fromArray(S, dx, k).add(sk.mul(DoubleVector.fromArray(S, g, k).sub(dot))).intoArray(dx, k);
                }
            }
        }
        Exponentials.Scalar.softmaxBackwardColumns(g, s, outer, length, inner, groups, dx);   // the columns past the last whole vector
    }

    @Override
    public void logSoftmaxBackwardColumns(double[] g, double[] y, int outer, int length, int inner, double[] dx) {
        int groups = S.loopBound(inner);
        for (int o = 0, base = 0; o < outer; o++, base += length * inner) {
            int end = base + length * inner;
            for (int first = base; first < base + groups; first += S.length()) {
                DoubleVector total = DoubleVector.zero(S);
                for (int k = first; k < end; k += inner) {
                    total = total.add(DoubleVector.fromArray(S, g, k));
                }
                for (int k = first; k < end; k += inner) {
                    DoubleVector e = DoubleVector.fromArray(S, y, k).lanewise(VectorOperators.EXP);
                    DoubleVector.fromArray(S, dx, k).add(DoubleVector.fromArray(S, g, k).sub(e.mul(total))).intoArray(dx, k);
                }
            }
        }
        Exponentials.Scalar.logSoftmaxBackwardColumns(g, y, outer, length, inner, groups, dx);   // the columns past the last whole vector
    }
}
