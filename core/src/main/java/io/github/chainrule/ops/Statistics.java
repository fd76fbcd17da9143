package io.github.chainrule.ops;

import io.github.chainrule.Graph;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.ArithmeticLoops;
import io.github.chainrule.kernel.Strided;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.map;
import static io.github.chainrule.ops.Elementwise.require;

/**
 * Reductions beyond sum and mean: prod, var, std and norm over axes; cumsum and cumprod along one axis; and
 * argmax, argmin, whose outputs are indices (constants, not differentiable).
 *
 * <p>As in {@link Reductions}, a backward rule gives the upstream gradient back its reduced axes (length 1)
 * and lets broadcasting spread it. Every rule is written with differentiable ops, so second derivatives
 * come from the same code; var, std and the 1- and ∞-norms are composites and need no rule of their own.
 */
public final class Statistics {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    private Statistics() {
    }

    private static void define(OpDef.Builder b) {
        Families.define(DEFINITIONS, "Statistics", b);
    }

    static {
        define(OpDef.builder("prod", Signature.REDUCTION).forward("Π x over axes (1 over an empty axis)")
                .derivative("dx = g·Π(others): g·y/x without zeros; at a lone zero g·Π(the rest), elsewhere 0; with two or more zeros 0")
                .invoker((in, at) -> prod(in[0], at.ints("prod", "axes", true), at.bool("prod", "keepDims", false))));
        define(OpDef.builder("var", Signature.REDUCTION_WITH_PARAM)
                .forward("Σ (x − mean)² / (n − c) over axes (c the correction: 0 the population's, 1 Bessel's, the default)")
                .derivative("dx = g·2(x − mean)/(n − c) (composite: mean, sub, square, sum)")
                .param("correction", 0, 1)
                .invoker((in, at) -> var(in[0], at.ints("var", "axes", true), correction(at, "var"), at.bool("var", "keepDims", false))));
        define(OpDef.builder("std", Signature.REDUCTION_WITH_PARAM).forward("√var(x) over axes, correction c as for var")
                .derivative("dx = g·(x − mean)/((n − c)·std) (composite: √var); NaN where std = 0, as PyTorch gives")
                .param("correction", 0, 1)
                .invoker((in, at) -> std(in[0], at.ints("std", "axes", true), correction(at, "std"), at.bool("std", "keepDims", false))));
        define(OpDef.builder("norm", Signature.REDUCTION_WITH_PARAM)
                .forward("‖x‖ₚ over axes: p = 1 Σ|x|, p = 2 √Σx² (over a matrix's two axes, the Frobenius norm), p = ∞ max|x|")
                .derivative("p = 1: dx = g·sign x; p = 2: dx = g·x/‖x‖; p = ∞: dx = g·sign x·[|x| = max]/(number of ties)")
                .param("p", 1, 2, Double.POSITIVE_INFINITY)
                .kinks("the norms are not differentiable at x = 0: p = 1 and p = ∞ take sign(0) = 0, p = 2 takes dx = 0 at the zero"
                        + " vector (PyTorch's conventions); p = ∞ splits g evenly between tied |x|", 0)
                .invoker((in, at) -> norm(in[0], at.real("norm", "p"), at.ints("norm", "axes", true), at.bool("norm", "keepDims", false))));
        define(OpDef.builder("cumsum", Signature.ALONG_AXIS).forward("yᵢ = Σ_{j ≤ i} xⱼ along axis")
                .derivative("dx = the reversed cumulative sum of g: dxⱼ = Σ_{i ≥ j} gᵢ")
                .invoker((in, at) -> cumsum(in[0], at.integer("cumsum", "axis"))));
        define(OpDef.builder("cumprod", Signature.ALONG_AXIS).forward("yᵢ = Π_{j ≤ i} xⱼ along axis")
                .derivative("dxⱼ = (Σ_{i ≥ j} gᵢ·yᵢ) / xⱼ; defined for x ≠ 0 only (a zero gives ∞ or NaN; PyTorch's zero-safe rule is not implemented)")
                .domain(ValueDomain.NONZERO).invoker((in, at) -> cumprod(in[0], at.integer("cumprod", "axis"))));
        define(OpDef.builder("argmax", Signature.ALONG_AXIS).forward("the index of the largest x along axis (of all, flattened, without axis); ties and NaN: the first, as numpy")
                .derivative("none: indices are constants").notDifferentiable()
                .shapes("x, axis → x with axis removed (kept as 1 with keepDims); no axis: a scalar")
                .invoker((in, at) -> argmax(in[0], axisOrNull(at, "argmax"), at.bool("argmax", "keepDims", false))));
        define(OpDef.builder("argmin", Signature.ALONG_AXIS).forward("the index of the smallest x along axis (of all, flattened, without axis); ties and NaN: the first, as numpy")
                .derivative("none: indices are constants").notDifferentiable()
                .shapes("x, axis → x with axis removed (kept as 1 with keepDims); no axis: a scalar")
                .invoker((in, at) -> argmin(in[0], axisOrNull(at, "argmin"), at.bool("argmin", "keepDims", false))));
    }

    private static int correction(Attrs at, String op) {
        if (!at.has("correction")) {
            return 1;
        }
        double c = at.real(op, "correction");
        if (c != Math.rint(c) || c < 0 || c > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(op + ": correction must be a whole number ≥ 0, got " + c);
        }
        return (int) c;
    }

    private static Integer axisOrNull(Attrs at, String op) {
        return at.has("axis") ? at.integer(op, "axis") : null;
    }

    // ---------------------------------------------------------------- prod

    /**
     * Returns the product over {@code axes} (all axes for null); the product over an empty axis is 1.
     * Zeros are handled exactly, by PyTorch's rule: where x holds no zero the gradient is g·y/x; at a lone
     * zero it is g times the product of the others (and 0 at the non-zero elements); with two or more zeros
     * it is 0. Written so that second derivatives are exact at zeros too (∂²(abc)/∂a∂b = c at b = 0).
     *
     * @param x        the tensor
     * @param axes     the axes to multiply over, negative counting from the end; null for all
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the product
     * @throws IllegalArgumentException naming prod if an axis is out of range or repeated
     */
    public static Tensor prod(Tensor x, int[] axes, boolean keepDims) {
        require("prod", "x", x);
        boolean[] mask = Axes.mask("prod", x.shape(), axes);
        Shape kept = Axes.keepDims("prod", x.shape(), mask);
        double[] out = new double[kept.size()];
        Arrays.fill(out, 1.0);
        Strided.reduce(x.buffer(), x.shape(), mask, out, (p, v) -> p * v);
        Tensor result = Tensor.wrap(out, keepDims ? kept : Axes.dropDims("prod", x.shape(), mask));
        return Graph.record("prod", result, g -> {
            Tensor gk = g.reshape(kept.dims());
            Tensor isZero = map(x, v -> v == 0 ? 1.0 : 0.0);   // constant
            double[] zeros = new double[kept.size()];
            Strided.reduce(isZero.buffer(), x.shape(), mask, zeros, ArithmeticLoops.ADD);
            if (Arrays.stream(zeros).allMatch(z -> z == 0)) {
                return new Tensor[] {gk.mul(result.reshape(kept.dims())).div(x)};   // Π(others) = y / x
            }
            // With zeros y / x is 0/0. Take P, the product of the non-zero elements, and S = Σ (the zeros),
            // whose value is 0 but whose derivative says which zero it is, so that second derivatives come out
            // exact too: with one zero x_z, a non-zero xᵢ gets P·x_z/xᵢ (0, but ∂/∂x_z = P/xᵢ) and x_z gets P;
            // with two zeros each gets P·(the other zero); with three or more, everything is 0 twice over.
            Tensor nonZero = Tensor.where(isZero, Tensor.scalar(1.0), x);
            Tensor p = prod(nonZero, axes, true);
            Tensor zeroSum = Reductions.sum(isZero.mul(x), axes, true);
            Tensor count = Tensor.wrap(zeros, kept);
            Tensor none = map(count, n -> n == 0 ? 1.0 : 0.0);
            Tensor one = map(count, n -> n == 1 ? 1.0 : 0.0);
            Tensor two = map(count, n -> n == 2 ? 1.0 : 0.0);
            Tensor atNonZeros = isZero.rsub(1).mul(p.div(nonZero)).mul(none.add(one.mul(zeroSum)));
            Tensor atZeros = isZero.mul(one.mul(p).add(two.mul(p).mul(zeroSum.sub(x))));
            Tensor others = atNonZeros.add(atZeros);
            return new Tensor[] {gk.mul(others)};
        }, x);
    }

    // ---------------------------------------------------------------- var, std

    /**
     * Returns the variance over {@code axes} (all for null): Σ (x − mean)² / (n − correction).
     *
     * @param x          the tensor
     * @param axes       the axes to reduce, negative counting from the end; null for all
     * @param correction 0 for the population variance, 1 for Bessel's unbiased estimate (PyTorch's default)
     * @param keepDims   whether the reduced axes stay, with length 1
     * @return the variance
     * @throws IllegalArgumentException naming var if an axis is out of range, the correction is negative, or
     *                                  the axes hold no more than {@code correction} elements
     */
    public static Tensor var(Tensor x, int[] axes, int correction, boolean keepDims) {
        return variance("var", x, axes, correction, keepDims);
    }

    /**
     * Returns the standard deviation over {@code axes} (all for null): √var. Its gradient is NaN where the
     * standard deviation is 0 (all elements equal), as PyTorch's is.
     *
     * @param x          the tensor
     * @param axes       the axes to reduce, negative counting from the end; null for all
     * @param correction 0 for the population's, 1 for Bessel's correction (PyTorch's default)
     * @param keepDims   whether the reduced axes stay, with length 1
     * @return the standard deviation
     * @throws IllegalArgumentException naming std as {@link #var} does
     */
    public static Tensor std(Tensor x, int[] axes, int correction, boolean keepDims) {
        return variance("std", x, axes, correction, keepDims).sqrt();
    }

    private static Tensor variance(String op, Tensor x, int[] axes, int correction, boolean keepDims) {
        require(op, "x", x);
        boolean[] mask = Axes.mask(op, x.shape(), axes);
        if (correction < 0) {
            throw new IllegalArgumentException(op + ": correction must be ≥ 0, got " + correction);
        }
        long n = Axes.count(x.shape(), mask);
        if (n <= correction) {
            throw new IllegalArgumentException(op + ": " + n + " element" + (n == 1 ? "" : "s") + " per output over axes "
                    + (axes == null ? "(all)" : Arrays.toString(axes)) + " of shape " + x.shape()
                    + ", not more than the correction " + correction);
        }
        Tensor deviation = x.sub(Reductions.mean(x, axes, true));
        return Reductions.sum(deviation.square(), axes, keepDims).mul(1.0 / (n - correction));
    }

    // ---------------------------------------------------------------- norm

    /**
     * Returns the p-norm over {@code axes} (all for null): p = 1 Σ|x|, p = 2 √Σx² (the Frobenius norm of a
     * matrix over both axes), p = ∞ max|x|. The 2-norm is computed scaled by max|x|, so it neither overflows
     * nor underflows. At x = 0 the gradient is 0 (PyTorch's convention).
     *
     * @param x        the tensor
     * @param p        1, 2 or {@code Double.POSITIVE_INFINITY}
     * @param axes     the axes to reduce, negative counting from the end; null for all
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the norm
     * @throws IllegalArgumentException naming norm if p is not 1, 2 or ∞, an axis is out of range, or p = ∞
     *                                  meets an empty axis
     */
    public static Tensor norm(Tensor x, double p, int[] axes, boolean keepDims) {
        require("norm", "x", x);
        boolean[] mask = Axes.mask("norm", x.shape(), axes);
        Axes.keepDims("norm", x.shape(), mask);   // the result's size checked here, so that an error names norm, not sum or max
        if (p == 1) {
            return Reductions.sum(x.abs(), axes, keepDims);
        }
        if (p == Double.POSITIVE_INFINITY) {
            if (Axes.count(x.shape(), mask) == 0) {
                throw new IllegalArgumentException("norm: p = ∞ (max |x|) of an empty axis of shape " + x.shape() + " is undefined");
            }
            return Reductions.max(x.abs(), axes, keepDims);
        }
        if (p != 2) {
            throw new IllegalArgumentException("norm: p must be 1, 2 or infinity, got " + p);
        }
        return euclidean(x, mask, keepDims);
    }

    private static Tensor euclidean(Tensor x, boolean[] mask, boolean keepDims) {
        Shape kept = Axes.keepDims("norm", x.shape(), mask);
        double[] scale = new double[kept.size()];
        Strided.reduce(x.buffer(), x.shape(), mask, scale, (m, v) -> Math.max(m, Math.abs(v)));   // NaN stays NaN
        Tensor m = Tensor.wrap(scale, kept);
        Tensor ratios = Elementwise.zip("norm", x, m, (v, s) -> s == 0 || Double.isInfinite(s) ? 0 : (v / s) * (v / s));
        double[] out = new double[kept.size()];
        Strided.reduce(ratios.buffer(), x.shape(), mask, out, ArithmeticLoops.ADD);
        for (int i = 0; i < out.length; i++) {
            out[i] = scale[i] == 0 || Double.isInfinite(scale[i]) ? scale[i] : scale[i] * Math.sqrt(out[i]);
        }
        Tensor result = Tensor.wrap(out, keepDims ? kept : Axes.dropDims("norm", x.shape(), mask));
        return Graph.record("norm", result, g -> {
            Tensor y = result.reshape(kept.dims());
            Tensor safe = Tensor.where(map(y, v -> v == 0 ? 1.0 : 0.0), Tensor.scalar(1.0), y);   // x/‖x‖ is 0/1 at 0
            return new Tensor[] {g.reshape(kept.dims()).mul(x.div(safe))};
        }, x);
    }

    // ---------------------------------------------------------------- cumsum, cumprod

    /**
     * Returns the cumulative sum along {@code axis}: yᵢ = Σ_{j ≤ i} xⱼ.
     *
     * @param x    the tensor, of rank ≥ 1
     * @param axis the axis, negative counting from the end
     * @return the cumulative sums, of x's shape
     * @throws IllegalArgumentException naming cumsum if the axis is out of range
     */
    public static Tensor cumsum(Tensor x, int axis) {
        require("cumsum", "x", x);
        return cumsum(x, x.shape().normalizeAxis("cumsum", axis), false);
    }

    /** The sum from the start (or, reversed, from the end) of the axis; each is the other's adjoint. */
    private static Tensor cumsum(Tensor x, int axis, boolean reverse) {
        Tensor out = scan(x, axis, reverse, false);
        return Graph.record("cumsum", out, g -> new Tensor[] {cumsum(g, axis, !reverse)}, x);
    }

    /**
     * Returns the cumulative product along {@code axis}: yᵢ = Π_{j ≤ i} xⱼ. Its gradient,
     * dxⱼ = (Σ_{i ≥ j} gᵢ·yᵢ) / xⱼ, is defined only where x ≠ 0.
     *
     * @param x    the tensor, of rank ≥ 1
     * @param axis the axis, negative counting from the end
     * @return the cumulative products, of x's shape
     * @throws IllegalArgumentException naming cumprod if the axis is out of range
     */
    public static Tensor cumprod(Tensor x, int axis) {
        require("cumprod", "x", x);
        int ax = x.shape().normalizeAxis("cumprod", axis);
        Tensor out = scan(x, ax, false, true);
        return Graph.record("cumprod", out, g -> new Tensor[] {cumsum(g.mul(out), ax, true).div(x)}, x);
    }

    /** Runs a cumulative sum or product along an axis, from the start or from the end. */
    private static Tensor scan(Tensor x, int axis, boolean reverse, boolean product) {
        int[] d = x.shape().dims();
        int n = d[axis];
        int outer = product(d, 0, axis);
        int inner = product(d, axis + 1, d.length);
        double[] in = x.buffer();
        double[] out = new double[in.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double acc = product ? 1 : 0;
                for (int k = 0; k < n; k++) {
                    int at = (o * n + (reverse ? n - 1 - k : k)) * inner + i;
                    acc = product ? acc * in[at] : acc + in[at];
                    out[at] = acc;
                }
            }
        }
        return Tensor.wrap(out, x.shape());
    }

    // ---------------------------------------------------------------- argmax, argmin

    /**
     * Returns the index of the largest element along {@code axis}, as a constant tensor of doubles; with a null
     * axis, the index into the flattened tensor, as a scalar. Ties go to the first index, and a NaN counts
     * as the largest (the first NaN wins), as in numpy.
     *
     * @param x        the tensor
     * @param axis     the axis, negative counting from the end; null for the flattened tensor
     * @param keepDims whether the axis stays, with length 1 (with a null axis: every axis, as length 1)
     * @return the indices
     * @throws IllegalArgumentException naming argmax if the axis is out of range or empty
     */
    public static Tensor argmax(Tensor x, Integer axis, boolean keepDims) {
        return argExtreme("argmax", x, axis, keepDims, 1);
    }

    /**
     * Returns the index of the smallest element along {@code axis}, as {@link #argmax} does for the largest;
     * ties go to the first index, and the first NaN wins.
     *
     * @param x        the tensor
     * @param axis     the axis, negative counting from the end; null for the flattened tensor
     * @param keepDims whether the axis stays, with length 1 (with a null axis: every axis, as length 1)
     * @return the indices
     * @throws IllegalArgumentException naming argmin if the axis is out of range or empty
     */
    public static Tensor argmin(Tensor x, Integer axis, boolean keepDims) {
        return argExtreme("argmin", x, axis, keepDims, -1);
    }

    private static Tensor argExtreme(String op, Tensor x, Integer axis, boolean keepDims, int direction) {
        require(op, "x", x);
        int[] d = x.shape().dims();
        int ax = axis == null ? -1 : x.shape().normalizeAxis(op, axis);
        int n = axis == null ? x.size() : d[ax];
        if (n == 0) {
            throw new IllegalArgumentException(op + ": cannot take the " + op + " of an empty "
                    + (axis == null ? "tensor" : "axis " + axis) + " of shape " + x.shape());
        }
        int outer = 1;
        int inner = 1;
        if (axis != null) {
            outer = product(d, 0, ax);
            inner = product(d, ax + 1, d.length);
        }
        double[] in = x.buffer();
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = 0;
                double bestValue = in[o * n * inner + i];
                for (int k = 1; k < n && !Double.isNaN(bestValue); k++) {
                    double v = in[(o * n + k) * inner + i];
                    if (Double.isNaN(v) || (direction > 0 ? v > bestValue : v < bestValue)) {
                        best = k;
                        bestValue = v;
                    }
                }
                out[o * inner + i] = best;
            }
        }
        Shape shape;
        if (axis == null) {
            int[] ones = new int[d.length];
            Arrays.fill(ones, 1);
            shape = keepDims ? Shape.of(op, ones) : Shape.of();
        } else {
            boolean[] m = single(d.length, ax);
            shape = keepDims ? Axes.keepDims(op, x.shape(), m) : Axes.dropDims(op, x.shape(), m);
        }
        return Tensor.wrap(out, shape);
    }

    /** Returns the product of the axis lengths d[from], ..., d[to − 1]: the element count of those axes. */
    private static int product(int[] d, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p *= d[i];
        }
        return p;
    }

    private static boolean[] single(int rank, int axis) {
        boolean[] m = new boolean[rank];
        if (axis >= 0) {
            m[axis] = true;
        }
        return m;
    }
}
