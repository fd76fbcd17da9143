package io.github.chainrule.ops;

import io.github.chainrule.Derivative;
import io.github.chainrule.GradKernel;
import io.github.chainrule.Graph;
import io.github.chainrule.Jvp;
import io.github.chainrule.Origin;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.ArithmeticLoops;
import io.github.chainrule.kernel.Strided;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;

import static io.github.chainrule.ops.Elementwise.require;

/**
 * Reductions over all elements or chosen axes, with or without keeping the reduced axes (numpy's
 * {@code keepdims}): sum, mean, max, min, logSumExp.
 *
 * <p>Every backward rule first gives the upstream gradient back its reduced axes (length 1) and then
 * broadcasts it over them: each input element gets the gradient of the output element it was folded into.
 */
public final class Reductions {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    private Reductions() {
    }

    private static void define(OpDef.Builder b) {
        Families.define(DEFINITIONS, "Reductions", b);
    }

    static {
        define(OpDef.builder("sum", Signature.REDUCTION).forward("Σ x over axes").derivative("dx = g broadcast over the reduced axes").jvp(Shaping.LINEAR)
                .invoker((in, at) -> sum(in[0], at.ints("sum", "axes", true), at.bool("sum", "keepDims", false))));
        define(OpDef.builder("mean", Signature.REDUCTION).forward("(1/n) Σ x over axes (composite: sum · 1/n)").derivative("dx = g/n broadcast over the reduced axes")
                .invoker((in, at) -> mean(in[0], at.ints("mean", "axes", true), at.bool("mean", "keepDims", false))));
        define(OpDef.builder("max", Signature.REDUCTION).forward("max x over axes").derivative("dx = g·[x = max] / (number of tied maxima)")
                .ties("tied maxima share the gradient evenly (a subgradient; PyTorch's amax does the same)")
                .invoker((in, at) -> max(in[0], at.ints("max", "axes", true), at.bool("max", "keepDims", false))));
        define(OpDef.builder("min", Signature.REDUCTION).forward("min x over axes").derivative("dx = g·[x = min] / (number of tied minima)")
                .ties("tied minima share the gradient evenly (a subgradient; PyTorch's amin does the same)")
                .invoker((in, at) -> min(in[0], at.ints("min", "axes", true), at.bool("min", "keepDims", false))));
        define(OpDef.builder("logsumexp", Signature.REDUCTION).forward("ln Σ e^x over axes, as m + ln Σ e^(x−m) with m = max x")
                .derivative("dx = g·e^(x − logsumexp(x)) = g·softmax(x)")
                .invoker((in, at) -> logSumExp(in[0], at.ints("logsumexp", "axes", true), at.bool("logsumexp", "keepDims", false))));
    }

    /**
     * Returns Σ x over {@code axes} (all axes for null).
     *
     * @param x        the tensor to sum
     * @param axes     the axes to sum over, negative counting from the end; null for all of them
     * @param keepDims whether to keep the summed axes with length 1 (so the result broadcasts against x)
     * @return the sums
     */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        require("sum", "x", x);
        boolean[] mask = Axes.mask("sum", x.shape(), axes);
        Shape kept = Axes.keepDims("sum", x.shape(), mask);
        double[] out = new double[kept.size()];
        Strided.reduce(x.buffer(), x.shape(), mask, out, ArithmeticLoops.ADD);
        Tensor result = Tensor.wrap(out, keepDims ? kept : Axes.dropDims("sum", x.shape(), mask));
        if (kept.size() == 1) {
            return Graph.record(SUM_ALL_OP, result, x);   // a loss's sum: every element gets the one g
        }
        return Graph.record("sum", result, g -> new Tensor[] {g.reshape(kept.dims()).broadcastTo(x.shape())},
                Jvp.linear(t -> sum(t, axes, keepDims)), x);
    }

    // A sum to one element (over every axis of length past 1): dx = g, the one value, at every element of
    // x. Needs no attributes, so one shared origin serves every such sum, with a kernel that adds g without
    // materializing the broadcast.
    private static final Derivative SUM_ALL = (g, in, out) -> new Tensor[] {
        g.reshape(Axes.keepDims("sum", in[0].shape(), allAxes(in[0].shape())).dims()).broadcastTo(in[0].shape())};

    private static final GradKernel SUM_ALL_KERNEL = (g, in, out, grads) -> {
        double[] dx = grads[0];
        if (dx != null) {
            double gv = g[0];
            for (int i = 0; i < dx.length; i++) {
                dx[i] += gv;   // dx += g broadcast
            }
        }
    };
    private static final Jvp SUM_ALL_JVP = (t, in, out) -> sum(t[0], null, true).reshape(out.shape().dims());
    private static final Origin SUM_ALL_OP = Origin.of("sum", SUM_ALL, SUM_ALL_KERNEL, SUM_ALL_JVP);

    private static boolean[] allAxes(Shape shape) {
        boolean[] all = new boolean[shape.rank()];
        Arrays.fill(all, true);
        return all;
    }

    /**
     * Returns the mean over {@code axes} (all axes for null): the sum times 1/n.
     *
     * @param x        the tensor to average
     * @param axes     the axes to average over, negative counting from the end; null for all of them
     * @param keepDims whether to keep the averaged axes with length 1
     * @return the means
     */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        require("mean", "x", x);
        int n = Axes.count(x.shape(), Axes.mask("mean", x.shape(), axes));
        if (n == 0) {
            throw new IllegalArgumentException("mean: no elements to average in shape " + x.shape() + " over axes " + Arrays.toString(axes));
        }
        return sum(x, axes, keepDims).mul(1.0 / n);
    }

    /**
     * Returns the maximum over {@code axes} (all for null); tied maxima share the gradient evenly.
     *
     * @param x        the tensor to reduce
     * @param axes     the axes to reduce, negative counting from the end; null for all of them
     * @param keepDims whether to keep the reduced axes with length 1
     * @return the maxima; NaN where a reduced element is NaN
     */
    public static Tensor max(Tensor x, int[] axes, boolean keepDims) {
        return extreme("max", x, axes, keepDims, ArithmeticLoops.MAX, Double.NEGATIVE_INFINITY);
    }

    /**
     * Returns the minimum over {@code axes} (all for null); tied minima share the gradient evenly.
     *
     * @param x        the tensor to reduce
     * @param axes     the axes to reduce, negative counting from the end; null for all of them
     * @param keepDims whether to keep the reduced axes with length 1
     * @return the minima; NaN where a reduced element is NaN
     */
    public static Tensor min(Tensor x, int[] axes, boolean keepDims) {
        return extreme("min", x, axes, keepDims, ArithmeticLoops.MIN, Double.POSITIVE_INFINITY);
    }

    private static Tensor extreme(String op, Tensor x, int[] axes, boolean keepDims, DoubleBinaryOperator pick, double init) {
        require(op, "x", x);
        boolean[] mask = Axes.mask(op, x.shape(), axes);
        if (Axes.count(x.shape(), mask) == 0) {
            throw new IllegalArgumentException(op + ": cannot reduce an empty axis of shape " + x.shape());
        }
        Shape kept = Axes.keepDims(op, x.shape(), mask);
        Tensor best = Tensor.wrap(extremes(x, mask, kept, pick, init), kept);
        Tensor result = Tensor.wrap(best.buffer(), keepDims ? kept : Axes.dropDims(op, x.shape(), mask));
        return Graph.record(op, result, g -> {
            // Constant routing weights: 1/(number of ties) where x equals the extreme, 0 elsewhere.
            // EQUAL and DIV rather than lambdas: their loops are monomorphic (max pooling runs them on every window).
            Tensor hits = Elementwise.zip(op, x, best, ArithmeticLoops.EQUAL);
            double[] counts = new double[kept.size()];
            Strided.reduce(hits.buffer(), x.shape(), mask, counts, ArithmeticLoops.ADD);
            Tensor share = Elementwise.zip(op, hits, Tensor.wrap(counts, kept), ArithmeticLoops.DIV);
            return new Tensor[] {g.reshape(kept.dims()).mul(share)};
        }, x);
    }

    private static double[] extremes(Tensor x, boolean[] mask, Shape kept, DoubleBinaryOperator pick, double init) {
        double[] out = new double[kept.size()];
        Arrays.fill(out, init);
        // NaN propagates (Math.max/min return NaN), as numpy's max does.
        Strided.reduce(x.buffer(), x.shape(), mask, out, pick);
        return out;
    }

    /**
     * Returns ln Σ e^x over {@code axes} (all for null), shifted by the maximum so it never overflows.
     *
     * @param x        the tensor to reduce
     * @param axes     the axes to reduce, negative counting from the end; null for all of them
     * @param keepDims whether to keep the reduced axes with length 1
     * @return ln Σ e^x over the axes
     */
    public static Tensor logSumExp(Tensor x, int[] axes, boolean keepDims) {
        require("logsumexp", "x", x);
        boolean[] mask = Axes.mask("logsumexp", x.shape(), axes);
        if (Axes.count(x.shape(), mask) == 0) {
            throw new IllegalArgumentException("logsumexp: cannot reduce an empty axis of shape " + x.shape());
        }
        Shape kept = Axes.keepDims("logsumexp", x.shape(), mask);
        double[] m = extremes(x, mask, kept, ArithmeticLoops.MAX, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < m.length; i++) {
            if (Double.isInfinite(m[i])) {
                m[i] = 0;   // all −∞ (or a +∞): no shift, let exp and log give −∞ (or +∞)
            }
        }
        Tensor shift = Tensor.wrap(m, kept);
        Tensor shifted = Elementwise.zip("logsumexp", x, shift, (v, s) -> Math.exp(v - s));
        double[] sums = new double[kept.size()];
        Strided.reduce(shifted.buffer(), x.shape(), mask, sums, ArithmeticLoops.ADD);
        for (int i = 0; i < sums.length; i++) {
            sums[i] = m[i] + Math.log(sums[i]);
        }
        Tensor result = Tensor.wrap(sums, keepDims ? kept : Axes.dropDims("logsumexp", x.shape(), mask));
        return Graph.record("logsumexp", result,
                g -> new Tensor[] {g.reshape(kept.dims()).mul(x.sub(result.reshape(kept.dims())).exp())}, x);
    }
}
