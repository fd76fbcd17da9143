package io.github.chainrule.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ReluLoops}' loop on the Vector API: the mask x ≥ 0 of a whole vector blended into 0s and 1s, then
 * the same g·m + dx as the plain loop, which does the remainder. Loaded by name only when
 * {@code jdk.incubator.vector} is present.
 */
public final class VectorReluLoops implements ReluLoops.Loop {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    /**
     * Creates the loop.
     *
     * @throws UnsupportedOperationException if the preferred vector holds fewer than 4 doubles (no gain)
     */
    public VectorReluLoops() {
        if (S.length() < 4) {
            throw new UnsupportedOperationException("preferred vector of " + S.length() + " doubles");
        }
    }

    @Override
    public void addGated(double[] g, double[] x, double[] dx, int from, int to) {
        DoubleVector zero = DoubleVector.zero(S);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        int k = from;
        int upper = from + S.loopBound(to - from);
        for (; k < upper; k += S.length()) {
            // compare is false for NaN, true for −0: the plain loop's x ≥ 0 exactly
            DoubleVector m = zero.blend(one, DoubleVector.fromArray(S, x, k).compare(VectorOperators.GE, 0.0));
            DoubleVector.fromArray(S, g, k).mul(m).add(DoubleVector.fromArray(S, dx, k)).intoArray(dx, k);
        }
        for (; k < to; k++) {
            dx[k] += g[k] * (x[k] >= 0 ? 1 : 0);
        }
    }
}
