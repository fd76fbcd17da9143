package io.github.chainrule.ops;

import io.github.chainrule.GradKernel;
import io.github.chainrule.Graph;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.Exponentials;
import io.github.chainrule.kernel.Kernels;
import io.github.chainrule.kernel.MatMulKernel;
import io.github.chainrule.kernel.SpareArrays;
import io.github.chainrule.kernel.FreshArrays;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.require;

/**
 * Scaled dot-product attention as one op: O = softmax(s·Q·Kᵀ)·V along the last axis, per batch entry.
 *
 * <p>With P = softmax(S), S = s·Q·Kᵀ, and g the gradient of O, the backward rule is
 * <pre>
 *   dV = Pᵀ·g
 *   dP = g·Vᵀ
 *   dS = P ∘ (dP − Σⱼ dP∘P)      softmax's rule, row by row
 *   dQ = s·dS·K,   dK = s·dSᵀ·Q
 * </pre>
 * Why one op: composed from matmul, mul and softmax, every (T, S) matrix of scores, scaled scores and
 * probabilities, and each of their gradients, is a tensor of its own, and for a block of attention those are
 * the largest arrays of the step (W7's (8, 4, 128, 128) is 4 MB each), each written to memory and read back.
 * Here each entry's scores are computed, scaled and normalized while they are in the cache, and only P is
 * kept for the backward pass, which again works one entry at a time in a buffer the size of one entry's
 * scores. Entries are shared out over the cores. Without a backward pass to come (no input needing a gradient,
 * or under {@link io.github.chainrule.GradMode#noGrad()}) not even P is kept: inference needs one entry's
 * scores per core.
 *
 * <p>The differentiable rule recomputes P from Q and K with graph ops, so gradients of any order work; the
 * in-place kernel, used when the backward pass is not recorded, reads the P the forward kept.
 */
public final class Attention {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();
    /** The P of an entry with no queries or no keys. */
    private static final double[] NO_SCORES = new double[0];

    private Attention() {
    }

    static {
        Families.define(DEFINITIONS, "Attention", OpDef.builder("attention", Signature.ATTENTION)
                .forward("O = softmax(s·Q·Kᵀ)·V, softmax along the last axis, per batch entry (attribute scale = s;"
                        + " each entry's scores normalized in the cache, only P = softmax(s·Q·Kᵀ) kept)")
                .derivative("dV = Pᵀ·g, dP = g·Vᵀ, dS = P∘(dP − Σ dP∘P) along the rows, dQ = s·dS·K, dK = s·dSᵀ·Q")
                .invoker((in, at) -> scaledDotProduct(in[0], in[1], in[2], at.real("attention", "scale"))));
    }

    /**
     * Returns softmax(Q·Kᵀ/√d)·V, attention with the usual scale of 1/√d for queries and keys of d features.
     *
     * @param q the queries, (…, T, d)
     * @param k the keys, (…, S, d), the same batch axes as q
     * @param v the values, (…, S, e), the same batch axes
     * @return the attended values, (…, T, e)
     * @throws IllegalArgumentException naming the op and the shapes, as {@link #scaledDotProduct(Tensor, Tensor, Tensor, double)}
     */
    public static Tensor scaledDotProduct(Tensor q, Tensor k, Tensor v) {
        require("attention", "q", q);
        int d = q.rank() == 0 ? 0 : q.shape().dim(q.rank() - 1);
        return scaledDotProduct(q, k, v, 1 / Math.sqrt(Math.max(d, 1)));
    }

    /**
     * Returns softmax(scale·Q·Kᵀ)·V, the softmax along the last axis: each query's weights over the keys
     * sum to 1. The same value as {@code q.matmul(k.mT()).mul(scale).softmax(-1).matmul(v)}, up to rounding.
     *
     * @param q     the queries, (…, T, d), rank 2 or more
     * @param k     the keys, (…, S, d), with q's batch axes (the axes before the last two)
     * @param v     the values, (…, S, e), with q's batch axes
     * @param scale the factor on the scores, finite (1/√d is the usual one)
     * @return the attended values, (…, T, e)
     * @throws IllegalArgumentException naming the op and the shapes at fault if an input is null or of rank
     *                                  below 2, the batch axes differ, q and k have different feature
     *                                  lengths, k and v different lengths, or the scale is not finite
     */
    public static Tensor scaledDotProduct(Tensor q, Tensor k, Tensor v, double scale) {
        require("attention", "q", q);
        require("attention", "k", k);
        require("attention", "v", v);
        Layout l = Layout.of(q, k, v);
        if (!Double.isFinite(scale)) {
            throw new IllegalArgumentException("attention: scale must be finite, got " + scale);
        }
        // P is kept only for a backward pass; without one (inference, no input needing a gradient) each part
        // normalizes its entries in one entry-sized buffer instead of the whole (…, T, S). Kept, each entry's P
        // is an array of its own, taken by the thread that fills it right before it does, from the arrays that
        // earlier calls' backward passes gave back when their graphs were freed, else new. Why: the JVM zeroes
        // every new array, in memory no cache holds, and one (…, T, S) array is zeroed by the calling thread
        // alone (W7's 4 MB: memset took 4.7 % of the CPU samples, async-profiler on an Intel Xeon guest).
        // The product overwrites all of an entry's P, so a reused one needs no zeroing.
        boolean keep = Graph.isRecording(q, k, v);
        int size = l.t * l.s;
        double[][] p = keep ? new double[size == 0 ? 0 : l.entries][] : null;   // an empty P keeps no entries
        double[] o = FreshArrays.zeros(l.output.size());
        MatMulKernel kernel = Kernels.matMul();
        double[] qb = q.buffer();
        double[] kb = k.buffer();
        double[] vb = v.buffer();
        l.eachEntry("attention", (from, to) -> {
            double[] buffer = keep && size > 0 ? null : FreshArrays.zeros(size);
            for (int e = from; e < to; e++) {
                double[] scores = buffer == null ? (p[e] = probabilities(size)) : buffer;
                kernel.multiply(qb, e * l.t * l.d, l.t, l.d, false, kb, e * l.s * l.d, l.s, l.d, true, scores, 0);
                for (int i = 0; i < scores.length; i++) {
                    scores[i] *= scale;
                }
                for (int row = 0; row < scores.length; row += l.s) {
                    Softmax.row(scores, scores, row, l.s, false);
                }
                kernel.multiply(scores, 0, l.t, l.s, false, vb, e * l.s * l.e, l.s, l.e, false, o, e * l.t * l.e);
            }
        });
        return Graph.record("attention", Tensor.wrap(o, l.output),
                (g, in, out) -> rule(g, q, k, v, scale), new Kernel(p, qb, kb, vb, l, scale), q, k, v);
    }

    /** Returns an array for one entry's P: one that a freed graph gave back, else a new one. */
    private static double[] probabilities(int size) {
        double[] kept = SpareArrays.shared().take(size);
        return kept != null ? kept : FreshArrays.zeros(size);
    }

    /** The backward kernel, holding the P the forward kept, which it gives back when its graph is freed. */
    private static final class Kernel implements GradKernel {
        private final double[][] p;
        private final double[] q;
        private final double[] k;
        private final double[] v;
        private final Layout l;
        private final double scale;

        Kernel(double[][] p, double[] q, double[] k, double[] v, Layout l, double scale) {
            this.p = p;
            this.q = q;
            this.k = k;
            this.v = v;
            this.l = l;
            this.scale = scale;
        }

        @Override
        public void accumulate(double[] gradOutput, Tensor[] inputs, Tensor output, double[][] grads) {
            kernel(gradOutput, p, q, k, v, l, scale, grads);
        }

        @Override
        public void released() {
            if (p == null) {
                return;   // nothing kept: no backward pass was to come
            }
            SpareArrays spares = SpareArrays.shared();
            for (int e = 0; e < p.length; e++) {
                spares.keep(p[e]);
                p[e] = null;
            }
        }
    }

    /** The backward rule with graph ops, P recomputed from Q and K so that it is differentiable too. */
    private static Tensor[] rule(Tensor g, Tensor q, Tensor k, Tensor v, double scale) {
        Tensor p = Softmax.softmax(LinearAlgebra.matmul(q, k, false, true).mul(scale), -1);
        Tensor dv = v.isGradRequired() ? LinearAlgebra.matmul(p, g, true, false) : null;
        if (!q.isGradRequired() && !k.isGradRequired()) {
            return new Tensor[] {null, null, dv};
        }
        Tensor dp = LinearAlgebra.matmul(g, v, false, true);
        Tensor ds = p.mul(dp.sub(dp.mul(p).sum(-1, true))).mul(scale);   // s folded in here, once
        return new Tensor[] {
            q.isGradRequired() ? LinearAlgebra.matmul(ds, k, false, false) : null,
            k.isGradRequired() ? LinearAlgebra.matmul(ds, q, true, false) : null,
            dv};
    }

    /** The same products in place, one entry at a time, dP and then dS in a buffer of one entry's scores. */
    private static void kernel(double[] g, double[][] p, double[] q, double[] k, double[] v, Layout l, double scale,
                               double[][] grads) {
        MatMulKernel kernel = Kernels.matMul();
        int size = l.t * l.s;
        l.eachEntry("attention backward", (from, to) -> {
            double[] ds = grads[0] == null && grads[1] == null ? null : FreshArrays.zeros(size);
            for (int e = from; e < to; e++) {
                double[] pe = p.length == 0 ? NO_SCORES : p[e];
                int qOff = e * l.t * l.d;
                int kOff = e * l.s * l.d;
                int vOff = e * l.s * l.e;
                int gOff = e * l.t * l.e;
                // dS first: its pass reads P row by row, in memory order, which brings P from memory (the
                // forward wrote it long before) into the cache for dV's transposed read, down P's columns
                // (W7 0.97 of the time against dV first, paired, on an Intel Xeon guest).
                if (ds != null) {
                    kernel.multiply(g, gOff, l.t, l.e, false, v, vOff, l.s, l.e, true, ds, 0);    // dP
                    for (int row = 0; row < size; row += l.s) {
                        double dot = Exponentials.dot(ds, row, pe, row, l.s);
                        for (int j = row; j < row + l.s; j++) {
                            ds[j] = scale * pe[j] * (ds[j] - dot);
                        }
                    }
                }
                if (grads[2] != null) {
                    kernel.multiplyAdd(pe, 0, l.t, l.s, true, g, gOff, l.t, l.e, false, grads[2], vOff);
                }
                if (ds == null) {
                    continue;
                }
                if (grads[0] != null) {
                    kernel.multiplyAdd(ds, 0, l.t, l.s, false, k, kOff, l.s, l.d, false, grads[0], qOff);
                }
                if (grads[1] != null) {
                    kernel.multiplyAdd(ds, 0, l.t, l.s, true, q, qOff, l.t, l.d, false, grads[1], kOff);
                }
            }
        });
    }

    /** The lengths of one call: batch entries, T queries, S keys, d features of q and k, e of v. */
    private static final class Layout {
        final int entries;
        final int t;
        final int s;
        final int d;
        final int e;
        final Shape probabilities;
        final Shape output;

        private Layout(int entries, int t, int s, int d, int e, Shape probabilities, Shape output) {
            this.entries = entries;
            this.t = t;
            this.s = s;
            this.d = d;
            this.e = e;
            this.probabilities = probabilities;
            this.output = output;
        }

        static Layout of(Tensor q, Tensor k, Tensor v) {
            int r = q.rank();
            if (r < 2 || k.rank() < 2 || v.rank() < 2) {
                throw new IllegalArgumentException("attention: q, k and v need rank 2 or more (…, length, features), got shapes "
                        + q.shape() + ", " + k.shape() + " and " + v.shape());
            }
            int[] batch = Arrays.copyOf(q.shape().dims(), r - 2);
            if (k.rank() != r || v.rank() != r || !Arrays.equals(batch, Arrays.copyOf(k.shape().dims(), r - 2))
                    || !Arrays.equals(batch, Arrays.copyOf(v.shape().dims(), r - 2))) {
                throw new IllegalArgumentException("attention: q, k and v must have the same batch axes (all but the last two),"
                        + " got shapes " + q.shape() + ", " + k.shape() + " and " + v.shape());
            }
            int t = q.shape().dim(r - 2);
            int d = q.shape().dim(r - 1);
            int s = k.shape().dim(r - 2);
            if (k.shape().dim(r - 1) != d) {
                throw new IllegalArgumentException("attention: q " + q.shape() + " and k " + k.shape()
                        + " do not line up: features " + d + " != " + k.shape().dim(r - 1));
            }
            if (v.shape().dim(r - 2) != s) {
                throw new IllegalArgumentException("attention: k " + k.shape() + " and v " + v.shape()
                        + " do not line up: " + s + " keys != " + v.shape().dim(r - 2) + " values");
            }
            int e = v.shape().dim(r - 1);
            int[] pDims = Arrays.copyOf(batch, r);
            pDims[r - 2] = t;
            pDims[r - 1] = s;
            int[] oDims = pDims.clone();
            oDims[r - 1] = e;
            Shape probabilities = Shape.of("attention", pDims);   // refused past 2³¹ − 9 elements, with the op's name
            Shape output = Shape.of("attention", oDims);
            // With no scores and no output there is nothing to compute, and the batch axes alone may hold more
            // than 2³¹ − 1 entries; otherwise one of the two bounds their product.
            int entries = probabilities.size() == 0 && output.size() == 0 ? 0 : 1;
            for (int b : batch) {
                entries *= b;
            }
            return new Layout(entries, t, s, d, e, probabilities, output);
        }

        /** Runs body over the entries, shared out over the cores when there is enough work for it. */
        void eachEntry(String op, Split.Range body) {
            long work = (long) entries * t * s * (d + e + 2);
            Split.ranges(op, entries, work, body);
        }
    }
}
