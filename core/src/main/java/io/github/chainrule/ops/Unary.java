package io.github.chainrule.ops;

import io.github.chainrule.Backward;
import io.github.chainrule.Derivative;
import io.github.chainrule.Graph;
import io.github.chainrule.Jvp;
import io.github.chainrule.LocalDerivative;
import io.github.chainrule.Origin;
import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.Exponentials;
import io.github.chainrule.kernel.FreshArrays;
import io.github.chainrule.kernel.ReluLoops;

import java.util.ArrayList;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.local;
import static io.github.chainrule.ops.Elementwise.map;
import static io.github.chainrule.ops.Elementwise.require;

/**
 * Elementwise functions of one tensor: exp, log, sqrt, square, abs, tanh, sigmoid, relu, leaky relu,
 * softplus. Where the derivative is easiest from the output (exp, tanh, sigmoid, sqrt), the backward rule
 * reuses the output, as the course's g'(z) = a(1 − a) for the sigmoid does. Each rule is written twice, side
 * by side: with differentiable ops (a {@link Derivative}) and as the local derivative f'(x) that the in-place
 * kernel multiplies the gradient by. Forward mode needs no third copy: an elementwise op's Jacobian is
 * diagonal, its own transpose, so the same {@link Derivative} applied to a tangent t gives t·f'(x)
 * ({@link Jvp#diagonal}).
 */
public final class Unary {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();
    /** The leaky ReLU's default slope for negative inputs, the course's 0.01. */
    public static final double DEFAULT_LEAKY_SLOPE = 0.01;
    /** The forward-mode rule of the ops below, as the derivative table shows it. */
    private static final String DIAGONAL = "t·f′(x): the backward rule applied to t (a diagonal Jacobian is its own transpose)";

    private Unary() {
    }

    private static void define(OpDef.Builder b) {
        Families.define(DEFINITIONS, "Unary", b);
    }

    static {
        define(OpDef.builder("exp", Signature.UNARY).jvp(DIAGONAL).forward("e^x").derivative("dx = g·e^x (the output)")
                .rule("dx = g*y")
                .invoker((in, at) -> exp(in[0])));
        define(OpDef.builder("log", Signature.UNARY).jvp(DIAGONAL).forward("ln x").derivative("dx = g / x")
                .rule("dx = g/x")
                .domain(ValueDomain.POSITIVE).invoker((in, at) -> log(in[0])));
        define(OpDef.builder("sqrt", Signature.UNARY).jvp(DIAGONAL).forward("√x").derivative("dx = g / (2√x)")
                .rule("dx = g/(2*sqrt(x))")
                .domain(ValueDomain.POSITIVE).invoker((in, at) -> sqrt(in[0])));
        define(OpDef.builder("square", Signature.UNARY).jvp(DIAGONAL).forward("x²").derivative("dx = 2x·g")
                .rule("dx = 2*x*g")
                .invoker((in, at) -> square(in[0])));
        define(OpDef.builder("abs", Signature.UNARY).jvp(DIAGONAL).forward("|x|").derivative("dx = g·sign(x)")
                .rule("dx = g*sign(x)")
                .kinks("at x = 0 the derivative is taken as 0 (sign(0) = 0), as PyTorch does", 0)
                .invoker((in, at) -> abs(in[0])));
        define(OpDef.builder("tanh", Signature.UNARY).jvp(DIAGONAL).forward("tanh x").derivative("dx = g·(1 − tanh²x)")
                .rule("dx = g*(1 - tanh(x)^2)")
                .invoker((in, at) -> tanh(in[0])));
        define(OpDef.builder("sigmoid", Signature.UNARY).jvp(DIAGONAL).forward("σ(x) = 1 / (1 + e^−x)").derivative("dx = g·σ(x)(1 − σ(x))")
                .rule("dx = g*sigmoid(x)*(1 - sigmoid(x))")
                .invoker((in, at) -> sigmoid(in[0])));
        define(OpDef.builder("relu", Signature.UNARY).jvp(DIAGONAL).forward("max(0, x)").derivative("dx = g·[x ≥ 0]")
                .rule("dx = g*[x >= 0]")
                .kinks("at x = 0 the derivative is taken as 1, as the course does", 0)
                .invoker((in, at) -> relu(in[0])));
        define(OpDef.builder("leaky_relu", Signature.UNARY_WITH_PARAM).forward("x if x ≥ 0, else slope·x")
                .derivative("dx = g if x ≥ 0, else slope·g")
                .rule("dx = g*([x >= 0] + slope*[x < 0])").param("slope", DEFAULT_LEAKY_SLOPE, 0.2)
                .kinks("at x = 0 the derivative is taken as 1, like relu", 0)
                .invoker((in, at) -> leakyRelu(in[0], at.real("leaky_relu", "slope"))));
        define(OpDef.builder("softplus", Signature.UNARY).jvp(DIAGONAL).forward("ln(1 + e^x)").derivative("dx = g·σ(x)")
                .rule("dx = g*sigmoid(x)")
                .invoker((in, at) -> softplus(in[0])));
    }

    /**
     * Returns e^x, each value within an ulp of {@link Math#exp} (a vectorized loop where the JVM has the Vector API).
     *
     * @param x the exponents
     * @return e^x elementwise, of x's shape
     */
    public static Tensor exp(Tensor x) {
        require("exp", "x", x);
        Tensor out;
        if (x.size() == 1) {
            out = map(x, Math::exp);   // a graph of scalars: no array
        } else {
            // The vectorized loop, within an ulp of Math.exp: 640 values took 3.1–3.4 µs through map's
            // shared lambda and 0.42–0.48 µs here (AMD Zen 4, JDK 17).
            double[] in = x.buffer();
            double[] y = new double[in.length];
            Exponentials.exp(in, 0, in.length, y);
            out = Tensor.wrap(y, x.shape());
        }
        return Graph.record(EXP_OP, out, x);
    }

    private static final Derivative EXP = (g, in, out) -> new Tensor[] {g.mul(out)};
    // Written out rather than local((x, y) -> y), as relu's is: softmax runs it on every attention score, and
    // the shared loop of local() calls its lambda without inlining it.
    private static final LocalDerivative EXP_KERNEL = new LocalDerivative() {
        @Override
        public void accumulate(double[] g, Tensor[] in, Tensor out, double[][] grads) {
            double[] dx = grads[0];
            double[] y = out.buffer();
            for (int i = 0; i < dx.length; i++) {
                dx[i] += g[i] * y[i];   // dx = g·e^x, the output
            }
        }

        @Override
        public double partial(int i, double x, double unused, double out) {
            return out;
        }
    };
    private static final Origin EXP_OP = Origin.of("exp", EXP, EXP_KERNEL, Jvp.diagonal(EXP));

    /**
     * Returns ln x; NaN for {@code x < 0} (anomaly mode names the op).
     *
     * @param x the tensor to take the logarithm of
     * @return ln x elementwise, of x's shape
     */
    public static Tensor log(Tensor x) {
        Tensor out = map(require("log", "x", x), Math::log);
        return Graph.record(LOG_OP, out, x);
    }

    private static final Derivative LOG = (g, in, out) -> new Tensor[] {g.div(in[0])};
    private static final LocalDerivative LOG_KERNEL = local((x, y) -> 1 / x);
    private static final Origin LOG_OP = Origin.of("log", LOG, LOG_KERNEL, Jvp.diagonal(LOG));

    /**
     * Returns √x.
     *
     * @param x the tensor to take the square root of
     * @return √x elementwise, of x's shape
     */
    public static Tensor sqrt(Tensor x) {
        Tensor out = map(require("sqrt", "x", x), Math::sqrt);
        return Graph.record(SQRT_OP, out, x);
    }

    private static final Derivative SQRT = (g, in, out) -> new Tensor[] {g.div(out.mul(2.0))};
    private static final LocalDerivative SQRT_KERNEL = local((x, y) -> 1 / (2 * y));
    private static final Origin SQRT_OP = Origin.of("sqrt", SQRT, SQRT_KERNEL, Jvp.diagonal(SQRT));

    /**
     * Returns x².
     *
     * @param x the tensor to square
     * @return x² elementwise, of x's shape
     */
    public static Tensor square(Tensor x) {
        Tensor out = map(require("square", "x", x), v -> v * v);
        return Graph.record(SQUARE_OP, out, x);
    }

    private static final Derivative SQUARE = (g, in, out) -> new Tensor[] {g.mul(in[0]).mul(2.0)};
    private static final LocalDerivative SQUARE_KERNEL = local((x, y) -> 2 * x);
    private static final Origin SQUARE_OP = Origin.of("square", SQUARE, SQUARE_KERNEL, Jvp.diagonal(SQUARE));

    /**
     * Returns |x|; the derivative at 0 is 0.
     *
     * @param x the tensor to take the absolute value of
     * @return |x| elementwise, of x's shape
     */
    public static Tensor abs(Tensor x) {
        Tensor out = map(require("abs", "x", x), Math::abs);
        return Graph.record(ABS_OP, out, x);
    }

    private static final Derivative ABS = (g, in, out) -> new Tensor[] {g.mul(map(in[0], Math::signum))};
    private static final LocalDerivative ABS_KERNEL = local((x, y) -> Math.signum(x));
    private static final Origin ABS_OP = Origin.of("abs", ABS, ABS_KERNEL, Jvp.diagonal(ABS));

    /**
     * Returns tanh x.
     *
     * @param x the tensor to apply tanh to
     * @return tanh x elementwise, in (−1, 1), of x's shape
     */
    public static Tensor tanh(Tensor x) {
        Tensor out = map(require("tanh", "x", x), Math::tanh);
        return Graph.record(TANH_OP, out, x);
    }

    // tanh' = 1 − tanh², from the output (the course's g'(z) = 1 − a²).
    private static final Derivative TANH = (g, in, out) -> new Tensor[] {g.mul(out.square().neg().add(1.0))};
    private static final LocalDerivative TANH_KERNEL = local((x, y) -> 1 - y * y);
    private static final Origin TANH_OP = Origin.of("tanh", TANH, TANH_KERNEL, Jvp.diagonal(TANH));

    /**
     * Returns the logistic sigmoid, without overflow: e^x / (1 + e^x) for negative x, 1 / (1 + e^−x) otherwise.
     *
     * @param x the logits
     * @return σ(x) elementwise, in [0, 1], of x's shape
     */
    public static Tensor sigmoid(Tensor x) {
        Tensor out = map(require("sigmoid", "x", x), Unary::sigmoid);
        return Graph.record(SIGMOID_OP, out, x);
    }

    // σ' = σ(1 − σ), from the output (the course's g'(z) = a(1 − a)).
    private static final Derivative SIGMOID = (g, in, out) -> new Tensor[] {g.mul(out).mul(out.neg().add(1.0))};
    private static final LocalDerivative SIGMOID_KERNEL = local((x, y) -> y * (1 - y));
    private static final Origin SIGMOID_OP = Origin.of("sigmoid", SIGMOID, SIGMOID_KERNEL, Jvp.diagonal(SIGMOID));

    /**
     * Returns max(0, x); its derivative at 0 is 1, as the course takes it.
     *
     * @param x the pre-activations
     * @return max(0, x) elementwise (NaN stays NaN), of x's shape
     */
    public static Tensor relu(Tensor x) {
        // relu's loops are written out rather than passed to map and local as lambdas: the hidden layers of
        // every network run them on large tensors, and a loop shared by many ops calls its lambda without
        // inlining it (see ArithmeticLoops), which costs relu several times its arithmetic.
        // A scalar still goes through map, which keeps it in one object (a graph of scalars).
        if (require("relu", "x", x).size() == 1) {
            return Graph.record(RELU_OP, map(x, Unary::relu), x);
        }
        double[] v = x.buffer();
        double[] out = FreshArrays.zeros(v.length);
        // A convolution's feature maps (LeNet's first: 221,184 values a batch) are shared out over the cores.
        Split.ranges("relu", v.length, v.length, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = relu(v[i]);
            }
        });
        return Graph.record(RELU_OP, Tensor.wrap(out, x.shape()), x);
    }

    private static double relu(double v) {
        // Math.max keeps NaN NaN and makes −0 +0, as relu must; and it compiles to a max instruction, not to
        // a branch on the sign, which a hidden layer's mixed signs mispredict about every other element.
        return Math.max(0.0, v);
    }

    private static final Derivative RELU = (g, in, out) -> new Tensor[] {g.mul(map(in[0], v -> v >= 0 ? 1.0 : 0.0))};

    private static final LocalDerivative RELU_KERNEL = new LocalDerivative() {
        @Override
        public void accumulate(double[] g, Tensor[] in, Tensor out, double[][] grads) {
            // dx += g·[x ≥ 0], vectorized where the JVM can, over the cores when large
            double[] x = in[0].buffer();
            double[] dx = grads[0];
            Split.ranges("relu backward", dx.length, dx.length, (from, to) -> ReluLoops.addGated(g, x, dx, from, to));
        }

        @Override
        public double partial(int i, double x, double unused, double out) {
            return x >= 0 ? 1.0 : 0.0;
        }
    };
    private static final Origin RELU_OP = Origin.of("relu", RELU, RELU_KERNEL, Jvp.diagonal(RELU));

    /**
     * Returns x for x ≥ 0 and slope·x otherwise; its derivative at 0 is 1.
     *
     * @param x     the pre-activations
     * @param slope the factor applied to negative inputs, usually small and positive
     * @return the activations, of x's shape
     */
    public static Tensor leakyRelu(Tensor x, double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("leaky_relu: slope must be finite, got " + slope);
        }
        Tensor out = map(require("leaky_relu", "x", x), v -> v >= 0 ? v : slope * v);
        Backward rule = g -> new Tensor[] {g.mul(map(x, v -> v >= 0 ? 1.0 : slope))};
        return Graph.record("leaky_relu", out, rule, local((v, y) -> v >= 0 ? 1.0 : slope), x);
    }

    /**
     * Returns ln(1 + e^x), computed as max(x, 0) + ln(1 + e^−|x|) so that it never overflows.
     *
     * @param x the tensor to apply softplus to
     * @return ln(1 + e^x) elementwise, positive, of x's shape
     */
    public static Tensor softplus(Tensor x) {
        Tensor out = map(require("softplus", "x", x), v -> Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
        return Graph.record(SOFTPLUS_OP, out, x);
    }

    private static final Derivative SOFTPLUS = (g, in, out) -> new Tensor[] {g.mul(in[0].sigmoid())};
    private static final LocalDerivative SOFTPLUS_KERNEL = local((x, y) -> sigmoid(x));
    private static final Origin SOFTPLUS_OP = Origin.of("softplus", SOFTPLUS, SOFTPLUS_KERNEL, Jvp.diagonal(SOFTPLUS));

    static double sigmoid(double v) {
        if (v >= 0) {
            return 1.0 / (1.0 + Math.exp(-v));
        }
        double e = Math.exp(v);
        return e / (1.0 + e);
    }
}
