package io.github.chainrule.ops;

import io.github.chainrule.Graph;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.Exponentials;
import io.github.chainrule.kernel.FreshArrays;

import java.util.ArrayList;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.require;

/**
 * Softmax and log-softmax along an axis, each one op with a fused forward loop: one pass for the
 * maximum m, one for e^(x − m) and its sum, one to normalize.
 *
 * <p>Because the exponent is shifted by the maximum, neither overflows at logits of ±1000. Each op's
 * backward rule is written with differentiable ops from its output (so second order works), and an
 * in-place kernel does the same product in one loop per row when the pass is not recorded:
 * <ul>
 *   <li>softmax, s = e^(x − m)/Σ e^(x − m): dx = s·(g − Σ g·s);</li>
 *   <li>log-softmax, y = (x − m) − ln Σ e^(x − m): dx = g − e^y·Σ g.</li>
 * </ul>
 * Composed from max, sub, exp, sum and log instead, softmax took eleven passes over its input forward
 * and as many backward, and every exponential twice: in the attention block (W7) that was a fifth of the
 * iteration. Rows along the last axis take their exponentials from {@link Exponentials} (vectorized where
 * the JVM can); along any other axis {@link Exponentials} runs the whole op, a group of columns at a time.
 */
public final class Softmax {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    private Softmax() {
    }

    static {
        Families.define(DEFINITIONS, "Softmax", OpDef.builder("softmax", Signature.ALONG_AXIS)
                .forward("s = e^(x − m) / Σ e^(x − m) along axis, m = max x (one fused loop)")
                .derivative("dx = s·(g − Σ g·s), s the output")
                .invoker((in, at) -> softmax(in[0], at.integer("softmax", "axis"))));
        Families.define(DEFINITIONS, "Softmax", OpDef.builder("log_softmax", Signature.ALONG_AXIS)
                .forward("y = (x − m) − ln Σ e^(x − m) along axis, m = max x (one fused loop)")
                .derivative("dx = g − e^y·Σ g, y the output (e^y = softmax(x))")
                .invoker((in, at) -> logSoftmax(in[0], at.integer("log_softmax", "axis"))));
    }

    /**
     * Returns softmax along {@code axis}: entries along it are positive and sum to 1.
     *
     * @param x    the logits
     * @param axis the axis to normalize over, negative counting from the end (0 in the course's (classes, m) layout)
     * @return the probabilities, of x's shape
     * @throws IllegalArgumentException naming the op if x is null or the axis is out of range
     */
    public static Tensor softmax(Tensor x, int axis) {
        require("softmax", "x", x);
        Rows rows = Rows.of(x.shape(), x.shape().normalizeAxis("softmax", axis));
        double[] s = FreshArrays.zeros(x.size());
        rows.softmax(x.buffer(), s, false);
        int ax = rows.axis;
        return Graph.record("softmax", Tensor.wrap(s, x.shape()),
                (g, in, out) -> new Tensor[] {out.mul(g.sub(g.mul(out).sum(ax, true)))},
                (g, in, out, grads) -> rows.softmaxBackward(g, out.buffer(), grads[0]), x);
    }

    /**
     * Returns log-softmax along {@code axis}: x − logSumExp(x), computed as (x − m) − ln Σ e^(x − m) with
     * m the maximum along the axis.
     *
     * <p>The shift keeps the exponentials from overflowing, and it also avoids cancellation: for the
     * largest logit x − m is exactly 0, so its log-probability −ln(1 + Σ others) keeps all its digits
     * even when it is tiny, where x − logSumExp(x) would subtract two numbers near x. The value does
     * not depend on m, so no gradient flows through it.
     *
     * @param x    the logits
     * @param axis the axis to normalize over, negative counting from the end
     * @return the log-probabilities, of x's shape
     * @throws IllegalArgumentException naming the op if x is null or the axis is out of range
     */
    public static Tensor logSoftmax(Tensor x, int axis) {
        require("log_softmax", "x", x);
        Rows rows = Rows.of(x.shape(), x.shape().normalizeAxis("log_softmax", axis));
        double[] y = FreshArrays.zeros(x.size());
        rows.softmax(x.buffer(), y, true);
        int ax = rows.axis;
        return Graph.record("log_softmax", Tensor.wrap(y, x.shape()),
                (g, in, out) -> new Tensor[] {g.sub(out.exp().mul(g.sum(ax, true)))},
                (g, in, out, grads) -> rows.logSoftmaxBackward(g, out.buffer(), grads[0]), x);
    }

    /**
     * Writes softmax (or log-softmax) of the contiguous row x[base, base + length) into out at the same
     * places; out may be x itself (attention normalizes its scores in place).
     */
    static void row(double[] x, double[] out, int base, int length, boolean log) {
        int end = base + length;
        double m = Exponentials.max(x, base, end);
        m = Double.isInfinite(m) ? 0 : m;
        double sum = Exponentials.expShifted(x, base, end, m, out);   // out holds e^(x − m) for now
        if (log) {
            double logSum = Math.log(sum);
            for (int k = base; k < end; k++) {
                out[k] = (x[k] - m) - logSum;
            }
        } else {
            // One division per row, then products: a vector division takes several times a product's
            // time (it was a sixth of softmax's forward in W7). sum ≥ 1 whenever the shift is the row's
            // finite maximum, so 1/sum is a normal number and this is within an ulp of dividing; an
            // infinite or NaN sum gives 0 or NaN, as the division does.
            double inv = 1 / sum;
            for (int k = base; k < end; k++) {
                out[k] *= inv;
            }
        }
    }

    /**
     * A tensor seen as (outer, length, inner) around the normalized axis: element (o, j, i) sits at
     * {@code (o·length + j)·inner + i}. With the last axis (inner = 1) a row is contiguous; otherwise the
     * loops run over the {@code inner} contiguous values of each step j together, so they still read
     * memory in order.
     */
    private static final class Rows {
        final int axis;
        final int outer;
        final int length;
        final int inner;

        private Rows(int axis, int outer, int length, int inner) {
            this.axis = axis;
            this.outer = outer;
            this.length = length;
            this.inner = inner;
        }

        static Rows of(Shape shape, int axis) {
            int outer = 1;
            int inner = 1;
            for (int i = 0; i < axis; i++) {
                outer *= shape.dim(i);
            }
            for (int i = axis + 1; i < shape.rank(); i++) {
                inner *= shape.dim(i);
            }
            return new Rows(axis, outer, shape.dim(axis), inner);
        }

        /**
         * Writes softmax (or log-softmax) of x into out. An infinite maximum (all −∞, or a +∞) gets no
         * shift: exp and log then give −∞, NaN or 0 as the mathematics does; a NaN maximum (Math.max
         * propagates it) makes the whole row NaN.
         */
        void softmax(double[] x, double[] out, boolean log) {
            if (x.length == 0) {
                return;   // an empty axis has no maximum, and an empty result needs none
            }
            if (inner == 1) {
                Split.ranges(log ? "log_softmax" : "softmax", outer, x.length, (from, to) -> {
                    for (int o = from; o < to; o++) {
                        row(x, out, o * length, length, log);
                    }
                });
                return;
            }
            Exponentials.softmaxColumns(x, outer, length, inner, log, out);
        }

        /** dx += s·(g − Σ g·s) along each row: softmax's rule in place. */
        void softmaxBackward(double[] g, double[] s, double[] dx) {
            if (inner == 1) {
                Split.ranges("softmax backward", outer, s.length, (from, to) -> {
                    for (int o = from, base = from * length; o < to; o++, base += length) {
                        int end = base + length;
                        double dot = Exponentials.dot(g, s, base, end);
                        for (int k = base; k < end; k++) {
                            dx[k] += s[k] * (g[k] - dot);
                        }
                    }
                });
                return;
            }
            Exponentials.softmaxBackwardColumns(g, s, outer, length, inner, dx);
        }

        /** dx += g − e^y·Σ g along each row: log-softmax's rule in place. */
        void logSoftmaxBackward(double[] g, double[] y, double[] dx) {
            if (inner > 1) {
                Exponentials.logSoftmaxBackwardColumns(g, y, outer, length, inner, dx);
                return;
            }
            double[] softmax = new double[y.length];
            Exponentials.exp(y, 0, y.length, softmax);   // e^y, vectorized in one run
            for (int o = 0, base = 0; o < outer; o++, base += length) {
                double total = 0;
                for (int k = base; k < base + length; k++) {
                    total += g[k];
                }
                for (int k = base; k < base + length; k++) {
                    dx[k] += g[k] - softmax[k] * total;
                }
            }
        }
    }
}
