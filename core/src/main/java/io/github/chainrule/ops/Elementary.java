package io.github.chainrule.ops;

import io.github.chainrule.Derivative;
import io.github.chainrule.Graph;
import io.github.chainrule.Origin;
import io.github.chainrule.Tensor;

import java.util.ArrayList;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.map;
import static io.github.chainrule.ops.Elementwise.require;

/**
 * More elementwise functions of one tensor, those a custom loss or a new layer type reaches for: clamp,
 * log1p, expm1, sin, cos, reciprocal, rsqrt, erf, gelu, silu, elu, sign, the scalar-first rsub and rdiv, and
 * maximum/minimum with a scalar.
 *
 * <p>Each backward rule sits below its forward code and is written with differentiable ops only (no in-place
 * kernel: none has been measured to pay), so every one of them differentiates again to any order. Where the
 * derivative is cheapest from the output (expm1, reciprocal, rsqrt, rdiv, elu) the rule reuses it.
 */
public final class Elementary {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();
    /** 2/√π, the factor in erf's derivative 2/√π·e^(−x²). */
    private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);
    /** 1/√(2π), the factor of the standard normal density φ(x) = e^(−x²/2)/√(2π). */
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    /** The elu's default α, PyTorch's 1. */
    public static final double DEFAULT_ELU_ALPHA = 1.0;

    private Elementary() {
    }

    private static void define(OpDef.Builder b) {
        Families.define(DEFINITIONS, "Elementary", b);
    }

    static {
        define(OpDef.builder("clamp", Signature.UNARY_WITH_BOUNDS).forward("min(max(x, lo), hi); lo = −∞ or hi = +∞ leaves that side open")
                .derivative("dx = g·[lo ≤ x ≤ hi]")
                // The property suite draws the bounds from these points (and ±∞), and x away from them.
                .kinks("at x = lo or x = hi the gradient passes (taken as 1), as PyTorch does", -1, 0.5, 2)
                .invoker((in, at) -> clamp(in[0], at.real("clamp", "min"), at.real("clamp", "max"))));
        define(OpDef.builder("log1p", Signature.UNARY).forward("ln(1 + x), accurate for small x").derivative("dx = g / (1 + x)")
                .domain(ValueDomain.ABOVE_MINUS_ONE).invoker((in, at) -> log1p(in[0])));
        define(OpDef.builder("expm1", Signature.UNARY).forward("e^x − 1, accurate for small x").derivative("dx = g·(y + 1) (y the output)")
                .invoker((in, at) -> expm1(in[0])));
        define(OpDef.builder("sin", Signature.UNARY).forward("sin x").derivative("dx = g·cos x")
                .invoker((in, at) -> sin(in[0])));
        define(OpDef.builder("cos", Signature.UNARY).forward("cos x").derivative("dx = −g·sin x")
                .invoker((in, at) -> cos(in[0])));
        define(OpDef.builder("reciprocal", Signature.UNARY).forward("1 / x").derivative("dx = −g·y² (y = 1/x, the output)")
                .domain(ValueDomain.NONZERO).invoker((in, at) -> reciprocal(in[0])));
        define(OpDef.builder("rsqrt", Signature.UNARY).forward("1 / √x").derivative("dx = −g·y / (2x) (y = 1/√x, the output)")
                .domain(ValueDomain.POSITIVE).invoker((in, at) -> rsqrt(in[0])));
        define(OpDef.builder("erf", Signature.UNARY).forward("erf x = 2/√π ∫₀ˣ e^(−t²) dt").derivative("dx = g·2/√π·e^(−x²)")
                .invoker((in, at) -> erf(in[0])));
        define(OpDef.builder("gelu", Signature.UNARY).forward("x·Φ(x), Φ(x) = (1 + erf(x/√2))/2 (the exact form, not tanh's)")
                .derivative("dx = g·(Φ(x) + x·φ(x)), φ(x) = e^(−x²/2)/√(2π)")
                .invoker((in, at) -> gelu(in[0])));
        define(OpDef.builder("silu", Signature.UNARY).forward("x·σ(x)").derivative("dx = g·σ(x)·(1 + x·(1 − σ(x)))")
                .invoker((in, at) -> silu(in[0])));
        define(OpDef.builder("elu", Signature.UNARY_WITH_PARAM).forward("x if x > 0, else α(e^x − 1)")
                .derivative("dx = g if x > 0, else g·(y + α) = g·α·e^x").param("alpha", DEFAULT_ELU_ALPHA, 0.5)
                .kinks("at x = 0 the derivative is taken as the left one, α (PyTorch's elu does the same); for α = 1 both sides agree", 0)
                .invoker((in, at) -> elu(in[0], at.real("elu", "alpha"))));
        define(OpDef.builder("sign", Signature.UNARY).forward("sign x ∈ {−1, 0, 1} (NaN for NaN)").derivative("dx = 0")
                .kinks("sign jumps at x = 0; its derivative is taken as 0 everywhere, as PyTorch does", 0)
                .invoker((in, at) -> sign(in[0])));
        define(OpDef.builder("rsub", Signature.UNARY_WITH_PARAM).forward("c − x (c a constant; 1 − p is p.rsub(1))").derivative("dx = −g")
                .param("value", 1, -2.5).invoker((in, at) -> rsub(in[0], at.real("rsub", "value"))));
        define(OpDef.builder("rdiv", Signature.UNARY_WITH_PARAM).forward("c / x (c a constant; 2/x is x.rdiv(2))")
                .derivative("dx = −g·y / x (y = c/x, the output)").domain(ValueDomain.NONZERO)
                .param("value", 2, -0.5).invoker((in, at) -> rdiv(in[0], at.real("rdiv", "value"))));
        define(OpDef.builder("maximum_scalar", Signature.UNARY_WITH_PARAM).forward("max(x, c) (c a constant)")
                .derivative("dx = g·[x > c], g/2 at x = c").param("value", 0.5, -1)
                .kinks("at x = c the gradient is g/2, as for maximum of two tensors", 0.5, -1)
                .invoker((in, at) -> maximum(in[0], at.real("maximum_scalar", "value"))));
        define(OpDef.builder("minimum_scalar", Signature.UNARY_WITH_PARAM).forward("min(x, c) (c a constant)")
                .derivative("dx = g·[x < c], g/2 at x = c").param("value", 0.5, -1)
                .kinks("at x = c the gradient is g/2, as for minimum of two tensors", 0.5, -1)
                .invoker((in, at) -> minimum(in[0], at.real("minimum_scalar", "value"))));
    }

    // ---------------------------------------------------------------- clamp

    /**
     * Returns x clamped to [lo, hi] elementwise; {@code lo = −∞} or {@code hi = +∞} leaves that side open.
     * NaN elements stay NaN. The gradient passes where lo ≤ x ≤ hi (bounds included, as PyTorch does).
     *
     * @param x  the tensor
     * @param lo the lower bound, or {@code Double.NEGATIVE_INFINITY} for none
     * @param hi the upper bound, or {@code Double.POSITIVE_INFINITY} for none
     * @return the clamped tensor, of x's shape
     * @throws IllegalArgumentException naming clamp if a bound is NaN or lo &gt; hi
     */
    public static Tensor clamp(Tensor x, double lo, double hi) {
        require("clamp", "x", x);
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            throw new IllegalArgumentException("clamp: bounds must not be NaN, got min " + lo + ", max " + hi
                    + " (use ±infinity for an open side)");
        }
        if (lo > hi) {
            throw new IllegalArgumentException("clamp: min " + lo + " is greater than max " + hi);
        }
        // Written so that NaN falls through both comparisons and comes out as itself.
        Tensor out = map(x, v -> v < lo ? lo : v > hi ? hi : v);
        return Graph.record("clamp", out, g -> new Tensor[] {
            g.mul(map(x, v -> v >= lo && v <= hi ? 1.0 : 0.0))}, x);   // a constant 0/1 mask
    }

    // ---------------------------------------------------------------- log1p, expm1

    /**
     * Returns ln(1 + x) elementwise, accurate where x is small (where {@code log(1 + x)} would lose digits).
     *
     * @param x the tensor; NaN comes out for x &lt; −1
     * @return ln(1 + x), of x's shape
     */
    public static Tensor log1p(Tensor x) {
        return Graph.record(LOG1P_OP, map(require("log1p", "x", x), Math::log1p), x);
    }

    private static final Derivative LOG1P = (g, in, out) -> new Tensor[] {g.div(in[0].add(1.0))};
    private static final Origin LOG1P_OP = Origin.of("log1p", LOG1P, null);

    /**
     * Returns e^x − 1 elementwise, accurate where x is small.
     *
     * @param x the tensor
     * @return e^x − 1, of x's shape
     */
    public static Tensor expm1(Tensor x) {
        return Graph.record(EXPM1_OP, map(require("expm1", "x", x), Math::expm1), x);
    }

    // (e^x − 1)' = e^x = y + 1, from the output.
    private static final Derivative EXPM1 = (g, in, out) -> new Tensor[] {g.mul(out.add(1.0))};
    private static final Origin EXPM1_OP = Origin.of("expm1", EXPM1, null);

    // ---------------------------------------------------------------- sin, cos

    /**
     * Returns sin x elementwise (x in radians).
     *
     * @param x the tensor
     * @return sin x, of x's shape
     */
    public static Tensor sin(Tensor x) {
        return Graph.record(SIN_OP, map(require("sin", "x", x), Math::sin), x);
    }

    private static final Derivative SIN = (g, in, out) -> new Tensor[] {g.mul(cos(in[0]))};
    private static final Origin SIN_OP = Origin.of("sin", SIN, null);

    /**
     * Returns cos x elementwise (x in radians).
     *
     * @param x the tensor
     * @return cos x, of x's shape
     */
    public static Tensor cos(Tensor x) {
        return Graph.record(COS_OP, map(require("cos", "x", x), Math::cos), x);
    }

    private static final Derivative COS = (g, in, out) -> new Tensor[] {g.mul(sin(in[0])).neg()};
    private static final Origin COS_OP = Origin.of("cos", COS, null);

    // ---------------------------------------------------------------- reciprocal, rsqrt, rsub, rdiv

    /**
     * Returns 1/x elementwise (±∞ at 0).
     *
     * @param x the tensor
     * @return 1/x, of x's shape
     */
    public static Tensor reciprocal(Tensor x) {
        return Graph.record(RECIPROCAL_OP, map(require("reciprocal", "x", x), v -> 1 / v), x);
    }

    // (1/x)' = −1/x² = −y².
    private static final Derivative RECIPROCAL = (g, in, out) -> new Tensor[] {g.mul(out.square()).neg()};
    private static final Origin RECIPROCAL_OP = Origin.of("reciprocal", RECIPROCAL, null);

    /**
     * Returns 1/√x elementwise (NaN for x &lt; 0).
     *
     * @param x the tensor
     * @return 1/√x, of x's shape
     */
    public static Tensor rsqrt(Tensor x) {
        return Graph.record(RSQRT_OP, map(require("rsqrt", "x", x), v -> 1 / Math.sqrt(v)), x);
    }

    // (x^(−1/2))' = −x^(−3/2)/2 = −y/(2x).
    private static final Derivative RSQRT = (g, in, out) -> new Tensor[] {g.mul(out).div(in[0].mul(-2.0))};
    private static final Origin RSQRT_OP = Origin.of("rsqrt", RSQRT, null);

    /**
     * Returns c − x elementwise, the scalar-first subtraction: {@code 1 − p} is {@code rsub(p, 1)}.
     *
     * @param x the tensor subtracted
     * @param c the constant it is subtracted from
     * @return c − x, of x's shape
     */
    public static Tensor rsub(Tensor x, double c) {
        return Graph.record(RSUB_OP, map(require("rsub", "x", x), v -> c - v), x);
    }

    private static final Derivative RSUB = (g, in, out) -> new Tensor[] {g.neg()};
    private static final Origin RSUB_OP = Origin.of("rsub", RSUB, null);

    /**
     * Returns c / x elementwise, the scalar-first division: {@code 2/x} is {@code rdiv(x, 2)}.
     *
     * @param x the divisor
     * @param c the constant divided
     * @return c / x, of x's shape
     */
    public static Tensor rdiv(Tensor x, double c) {
        return Graph.record(RDIV_OP, map(require("rdiv", "x", x), v -> c / v), x);
    }

    // (c/x)' = −c/x² = −y/x.
    private static final Derivative RDIV = (g, in, out) -> new Tensor[] {g.mul(out).div(in[0]).neg()};
    private static final Origin RDIV_OP = Origin.of("rdiv", RDIV, null);

    // ---------------------------------------------------------------- erf, gelu, silu, elu

    /**
     * Returns the error function erf x = 2/√π ∫₀ˣ e^(−t²) dt elementwise, to about 1e-16 ({@link #erf(double)}).
     *
     * @param x the tensor
     * @return erf x, of x's shape
     */
    public static Tensor erf(Tensor x) {
        return Graph.record(ERF_OP, map(require("erf", "x", x), Elementary::erf), x);
    }

    private static final Derivative ERF = (g, in, out) -> new Tensor[] {
        g.mul(in[0].square().neg().exp()).mul(TWO_OVER_SQRT_PI)};
    private static final Origin ERF_OP = Origin.of("erf", ERF, null);

    /**
     * Returns erf x in double precision, our own evaluation of two classical expansions (Abramowitz and Stegun
     * 7.1.6 and 7.1.14), each where it converges fast:
     * <ul>
     *   <li>|x| &lt; 2: the series erf x = 2/√π·e^(−x²)·Σₙ 2ⁿx^(2n+1)/(1·3·…·(2n+1)), whose terms are all of
     *       one sign, so summing them loses nothing to cancellation (unlike the alternating Taylor series);</li>
     *   <li>|x| ≥ 2: erf x = 1 − erfc x with Laplace's continued fraction
     *       erfc x = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), 100 levels evaluated from
     *       the bottom up (converged to an ulp of erfc from x = 2 on); erfc is below 0.005 there, so its few
     *       ulp of relative error stay far below erf's last digit. The series would carry its own few ulp
     *       into erf, which centered differences of erf at x ≈ 2.4 (where erf' ≈ 0.003) resolve.</li>
     * </ul>
     * Checked against reference values to 1e-15 in the tests (ElementaryTest). erf is odd: negative x use erf(−x) = −erf x.
     *
     * @param x any double
     * @return erf x; ±1 for ±∞, NaN for NaN
     */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double a = Math.abs(x);
        double r;
        if (a < 2) {
            double term = a;
            double sum = a;
            double a2 = a * a;
            for (int n = 1; n < 200 && term > 1e-17 * sum; n++) {
                term *= 2 * a2 / (2 * n + 1);
                sum += term;
            }
            r = TWO_OVER_SQRT_PI * expMinusSquare(a) * sum;
        } else if (a < 6.5) {
            // Partial numerators k/2, k = 100..1.
            double f = a;
            for (int k = 100; k >= 1; k--) {
                f = a + (k / 2.0) / f;
            }
            r = 1 - expMinusSquare(a) / (Math.sqrt(Math.PI) * f);
        } else {
            r = 1;   // erfc(6.5) < 1e-19: erf is 1 in double precision
        }
        return x < 0 ? -r : r;
    }

    /**
     * Returns e^(−a²) for 0 ≤ a &lt; 8 without the rounding of a², which e^(−a²) would magnify a²-fold (six
     * ulp at a = 2.4): a = h + l with h a multiple of 2⁻¹², so that h² is exact, and
     * e^(−a²) = e^(−h²)·e^(−l(a + h)).
     */
    private static double expMinusSquare(double a) {
        double h = Math.floor(a * 4096) / 4096;
        double l = a - h;   // exact: h is a truncated to 12 fractional bits
        return Math.exp(-h * h) * Math.exp(-l * (a + h));
    }

    /**
     * Returns the GELU x·Φ(x) elementwise, in its exact form with Φ the standard normal distribution function
     * (Φ(x) = (1 + erf(x/√2))/2), not the tanh approximation.
     *
     * @param x the tensor
     * @return x·Φ(x), of x's shape
     */
    public static Tensor gelu(Tensor x) {
        Tensor out = map(require("gelu", "x", x), v -> v * 0.5 * (1 + erf(v / Math.sqrt(2))));
        return Graph.record(GELU_OP, out, x);
    }

    // (x·Φ(x))' = Φ(x) + x·φ(x).
    private static final Derivative GELU = (g, in, out) -> {
        Tensor x = in[0];
        Tensor cdf = erf(x.mul(1 / Math.sqrt(2))).add(1.0).mul(0.5);
        Tensor pdf = x.square().mul(-0.5).exp().mul(INV_SQRT_2PI);
        return new Tensor[] {g.mul(cdf.add(x.mul(pdf)))};
    };
    private static final Origin GELU_OP = Origin.of("gelu", GELU, null);

    /**
     * Returns the SiLU (swish) x·σ(x) elementwise.
     *
     * @param x the tensor
     * @return x·σ(x), of x's shape
     */
    public static Tensor silu(Tensor x) {
        Tensor out = map(require("silu", "x", x), v -> v / (1 + Math.exp(-v)));
        return Graph.record(SILU_OP, out, x);
    }

    // (x·σ)' = σ + x·σ(1 − σ) = σ·(1 + x·(1 − σ)).
    private static final Derivative SILU = (g, in, out) -> {
        Tensor s = in[0].sigmoid();
        return new Tensor[] {g.mul(s.mul(in[0].mul(s.neg().add(1.0)).add(1.0)))};
    };
    private static final Origin SILU_OP = Origin.of("silu", SILU, null);

    /**
     * Returns the ELU elementwise: x for x &gt; 0, α(e^x − 1) otherwise.
     *
     * @param x     the tensor
     * @param alpha the value the ELU approaches as x → −∞ is −α
     * @return the ELU of x, of x's shape
     * @throws IllegalArgumentException naming elu if alpha is not finite
     */
    public static Tensor elu(Tensor x, double alpha) {
        require("elu", "x", x);
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("elu: alpha must be finite, got " + alpha);
        }
        Tensor out = map(x, v -> v > 0 ? v : alpha * Math.expm1(v));
        return Graph.record("elu", out, g -> {
            Tensor positive = map(x, v -> v > 0 ? 1.0 : 0.0);    // constant; x ≤ 0 and NaN take the left branch
            return new Tensor[] {Tensor.where(positive, g, g.mul(x.exp().mul(alpha)))};
        }, x);
    }

    // ---------------------------------------------------------------- sign, maximum/minimum with a scalar

    /**
     * Returns the sign of x elementwise: −1, 0 or 1 (NaN for NaN). Its derivative is 0 everywhere.
     *
     * @param x the tensor
     * @return sign x, of x's shape
     */
    public static Tensor sign(Tensor x) {
        return Graph.record(SIGN_OP, map(require("sign", "x", x), Math::signum), x);
    }

    private static final Derivative SIGN = (g, in, out) -> new Tensor[] {Tensor.zeros(in[0].shape())};
    private static final Origin SIGN_OP = Origin.of("sign", SIGN, null);

    /**
     * Returns max(x, c) elementwise; NaN elements stay NaN, and at x = c the gradient is halved (a tie).
     *
     * @param x the tensor
     * @param c the constant
     * @return max(x, c), of x's shape
     * @throws IllegalArgumentException naming maximum if c is NaN
     */
    public static Tensor maximum(Tensor x, double c) {
        return withScalar("maximum", x, c, Math::max, (v, s) -> v > s ? 1 : v == s ? 0.5 : 0);
    }

    /**
     * Returns min(x, c) elementwise; NaN elements stay NaN, and at x = c the gradient is halved (a tie).
     *
     * @param x the tensor
     * @param c the constant
     * @return min(x, c), of x's shape
     * @throws IllegalArgumentException naming minimum if c is NaN
     */
    public static Tensor minimum(Tensor x, double c) {
        return withScalar("minimum", x, c, Math::min, (v, s) -> v < s ? 1 : v == s ? 0.5 : 0);
    }

    private static Tensor withScalar(String op, Tensor x, double c, java.util.function.DoubleBinaryOperator pick,
                                     java.util.function.DoubleBinaryOperator share) {
        require(op, "x", x);
        if (Double.isNaN(c)) {
            throw new IllegalArgumentException(op + ": the constant is NaN");
        }
        Tensor out = map(x, v -> pick.applyAsDouble(v, c));   // Math.max/min return NaN for a NaN element
        return Graph.record(op + "_scalar", out, g -> new Tensor[] {g.mul(map(x, v -> share.applyAsDouble(v, c)))}, x);
    }
}
