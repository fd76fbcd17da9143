package io.github.chainrule.ops;

import io.github.chainrule.Backward;
import io.github.chainrule.Derivative;
import io.github.chainrule.GradKernel;
import io.github.chainrule.Graph;
import io.github.chainrule.Jvp;
import io.github.chainrule.LocalDerivative;
import io.github.chainrule.Origin;
import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.ArithmeticLoops;

import java.util.ArrayList;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.addGrad;
import static io.github.chainrule.ops.Elementwise.addProduct;
import static io.github.chainrule.ops.Elementwise.require;
import static io.github.chainrule.ops.Elementwise.unbroadcast;
import static io.github.chainrule.ops.Elementwise.zip;

/**
 * Elementwise arithmetic with numpy broadcasting: add, sub, mul, div, pow, maximum, minimum, neg.
 *
 * <p>Each op computes its value, then records a backward rule written with the same differentiable ops.
 * A broadcast input receives the gradient summed over the axes it was stretched along
 * ({@link Elementwise#unbroadcast}): the adjoint of broadcasting is summation. The everyday ops also have
 * an in-place kernel ({@link GradKernel}) with the same formula written as loops.
 */
public final class Arithmetic {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    private Arithmetic() {
    }

    private static void define(OpDef.Builder b) {
        Families.define(DEFINITIONS, "Arithmetic", b);
    }

    static {
        define(OpDef.builder("add", Signature.BINARY).jvp("ta + tb (each broadcast to the output's shape)").forward("a + b").derivative("da = g, db = g (each summed to its input's shape)")
                .rule("da = g; db = g")
                .invoker((in, at) -> add(in[0], in[1])));
        define(OpDef.builder("sub", Signature.BINARY).jvp("ta − tb").forward("a − b").derivative("da = g, db = −g")
                .rule("da = g; db = -g")
                .invoker((in, at) -> sub(in[0], in[1])));
        define(OpDef.builder("mul", Signature.BINARY).jvp("ta·b + a·tb").forward("a · b").derivative("da = g·b, db = g·a")
                .rule("da = g*b; db = g*a")
                .invoker((in, at) -> mul(in[0], in[1])));
        define(OpDef.builder("div", Signature.BINARY).jvp("ta / b − tb·a / b²").forward("a / b").derivative("da = g / b, db = −g·a / b²")
                .rule("da = g/b; db = -g*a/b^2")
                .domain(ValueDomain.REAL, ValueDomain.NONZERO).invoker((in, at) -> div(in[0], in[1])));
        define(OpDef.builder("pow", Signature.BINARY).forward("a^b").derivative("da = g·b·a^(b−1), db = g·a^b·ln a")
                .rule("da = g*b*a^(b-1); db = g*a^b*ln(a)")
                .domain(ValueDomain.POSITIVE, ValueDomain.REAL).invoker((in, at) -> pow(in[0], in[1])));
        define(OpDef.builder("pow_scalar", Signature.UNARY_WITH_PARAM).forward("x^p (p a constant)").derivative("dx = g·p·x^(p−1)")
                .rule("dx = g*exponent*x^(exponent-1)")
                .domain(ValueDomain.POSITIVE).param("exponent", 2, 3, 0.5, -1, -2.5, 1.5)
                .invoker((in, at) -> pow(in[0], at.real("pow_scalar", "exponent"))));
        define(OpDef.builder("maximum", Signature.BINARY).forward("max(a, b)").derivative("da = g·[a > b], db = g·[b > a]")
                .rule("da = g*[a > b]; db = g*[b > a]")
                .ties("at a tie a = b each input gets g/2 (a subgradient, as PyTorch does)")
                .invoker((in, at) -> maximum(in[0], in[1])));
        define(OpDef.builder("minimum", Signature.BINARY).forward("min(a, b)").derivative("da = g·[a < b], db = g·[b < a]")
                .rule("da = g*[a < b]; db = g*[b < a]")
                .ties("at a tie a = b each input gets g/2 (a subgradient, as PyTorch does)")
                .invoker((in, at) -> minimum(in[0], in[1])));
        define(OpDef.builder("neg", Signature.UNARY).jvp("−t").forward("−x").derivative("dx = −g")
                .rule("dx = -g")
                .invoker((in, at) -> neg(in[0])));
    }

    /**
     * Returns a + b, broadcasting.
     *
     * @param a the first term
     * @param b the second term, broadcast against {@code a}
     * @return the sum, of the broadcast shape
     */
    public static Tensor add(Tensor a, Tensor b) {
        Tensor out = zip("add", require("add", "a", a), require("add", "b", b), ArithmeticLoops.ADD);
        return Graph.record(ADD_OP, out, a, b);
    }

    private static final Derivative ADD = (g, in, out) -> new Tensor[] {unbroadcast(g, in[0]), unbroadcast(g, in[1])};

    private static final LocalDerivative ADD_KERNEL = new LocalDerivative() {
        @Override
        public void accumulate(double[] g, Tensor[] in, Tensor out, double[][] grads) {
            addGrad(grads[0], in[0], g, 1.0, out);   // da += g
            addGrad(grads[1], in[1], g, 1.0, out);   // db += g
        }

        @Override
        public boolean passesThrough(int i) {
            return true;   // da = db = g at the output's shape
        }

        @Override
        public double partial(int i, double a, double b, double out) {
            return 1;   // ∂(a + b)/∂a = ∂(a + b)/∂b = 1
        }
    };
    // Linear: add is its own Jacobian-vector product, each tangent broadcast to the output's shape.
    private static final Jvp ADD_JVP = (t, in, out) -> t[0] == null ? spread(t[1], out)
            : t[1] == null ? spread(t[0], out) : spread(t[0].add(t[1]), out);
    private static final Origin ADD_OP = Origin.of("add", ADD, ADD_KERNEL, ADD_JVP);

    /**
     * Returns a − b, broadcasting.
     *
     * @param a the tensor to subtract from
     * @param b the tensor subtracted, broadcast against {@code a}
     * @return the difference, of the broadcast shape
     */
    public static Tensor sub(Tensor a, Tensor b) {
        Tensor out = zip("sub", require("sub", "a", a), require("sub", "b", b), ArithmeticLoops.SUB);
        return Graph.record(SUB_OP, out, a, b);
    }

    private static final Derivative SUB = (g, in, out) -> new Tensor[] {
        unbroadcast(g, in[0]),
        in[1].isGradRequired() ? unbroadcast(g.neg(), in[1]) : null};

    private static final LocalDerivative SUB_KERNEL = new LocalDerivative() {
        @Override
        public void accumulate(double[] g, Tensor[] in, Tensor out, double[][] grads) {
            addGrad(grads[0], in[0], g, 1.0, out);    // da += g
            addGrad(grads[1], in[1], g, -1.0, out);   // db += −g
        }

        @Override
        public boolean passesThrough(int i) {
            return i == 0;   // da = g at the output's shape; db = −g is not
        }

        @Override
        public double partial(int i, double a, double b, double out) {
            return i == 0 ? 1 : -1;
        }
    };
    private static final Jvp SUB_JVP = (t, in, out) -> t[1] == null ? spread(t[0], out)
            : t[0] == null ? spread(t[1].neg(), out) : spread(t[0].sub(t[1]), out);
    private static final Origin SUB_OP = Origin.of("sub", SUB, SUB_KERNEL, SUB_JVP);

    /**
     * Returns a · b elementwise, broadcasting.
     *
     * @param a the first factor
     * @param b the second factor, broadcast against {@code a}
     * @return the elementwise product, of the broadcast shape
     */
    public static Tensor mul(Tensor a, Tensor b) {
        Tensor out = zip("mul", require("mul", "a", a), require("mul", "b", b), ArithmeticLoops.MUL);
        return Graph.record(MUL_OP, out, a, b);
    }

    private static final Derivative MUL = (g, in, out) -> new Tensor[] {
        in[0].isGradRequired() ? unbroadcast(g.mul(in[1]), in[0]) : null,
        in[1].isGradRequired() ? unbroadcast(g.mul(in[0]), in[1]) : null};

    private static final LocalDerivative MUL_KERNEL = new LocalDerivative() {
        @Override
        public void accumulate(double[] g, Tensor[] in, Tensor out, double[][] grads) {
            addProduct(grads[0], in[0], g, in[1], 1.0, out);   // da += g·b
            addProduct(grads[1], in[1], g, in[0], 1.0, out);   // db += g·a
        }

        @Override
        public double partial(int i, double a, double b, double out) {
            return i == 0 ? b : a;
        }
    };
    // Bilinear: d(a·b) = da·b + a·db, the same partials (b and a) as the backward rule, not summed down.
    private static final Jvp MUL_JVP = (t, in, out) -> sum(t[0] == null ? null : spread(t[0].mul(in[1]), out),
            t[1] == null ? null : spread(in[0].mul(t[1]), out));
    private static final Origin MUL_OP = Origin.of("mul", MUL, MUL_KERNEL, MUL_JVP);

    /**
     * Returns a / b elementwise, broadcasting.
     *
     * @param a the dividend
     * @param b the divisor, broadcast against {@code a}
     * @return the elementwise quotient, of the broadcast shape
     */
    public static Tensor div(Tensor a, Tensor b) {
        Tensor out = zip("div", require("div", "a", a), require("div", "b", b), ArithmeticLoops.DIV);
        return Graph.record(DIV_OP, out, a, b);
    }

    // d(a/b)/db = −a/b² = −(a/b)/b: reuse the output.
    private static final Derivative DIV = (g, in, out) -> new Tensor[] {
        in[0].isGradRequired() ? unbroadcast(g.div(in[1]), in[0]) : null,
        in[1].isGradRequired() ? unbroadcast(g.mul(out).div(in[1]).neg(), in[1]) : null};

    private static final LocalDerivative DIV_KERNEL = new LocalDerivative() {
        @Override
        public void accumulate(double[] g, Tensor[] in, Tensor out, double[][] grads) {
            if (grads[0] != null) {
                addProduct(grads[0], in[0], g, Elementwise.map(in[1], v -> 1 / v), 1.0, out);   // da += g / b
            }
            if (grads[1] != null) {
                addProduct(grads[1], in[1], g, out.div(in[1]), -1.0, out);                      // db += −g·(a/b) / b
            }
        }

        @Override
        public double partial(int i, double a, double b, double out) {
            return i == 0 ? 1 / b : -(out / b);
        }
    };
    // d(a/b) = da / b − db·(a/b) / b, the backward rule's partials 1/b and −out/b.
    private static final Jvp DIV_JVP = (t, in, out) -> sum(t[0] == null ? null : spread(t[0].div(in[1]), out),
            t[1] == null ? null : spread(t[1].mul(out).div(in[1]).neg(), out));
    private static final Origin DIV_OP = Origin.of("div", DIV, DIV_KERNEL, DIV_JVP);

    /** Returns a tangent broadcast to the output's shape (an input with a size-1 axis moves every element along it). */
    private static Tensor spread(Tensor t, Tensor out) {
        return t.shape().equals(out.shape()) ? t : t.broadcastTo(out.shape());
    }

    /** Returns a + b where either may be null (a zero tangent), or null if both are. */
    private static Tensor sum(Tensor a, Tensor b) {
        return a == null ? b : b == null ? a : a.add(b);
    }

    /**
     * Returns x^p elementwise for a constant exponent p.
     *
     * @param x the base
     * @param p the constant exponent
     * @return the powers, of x's shape
     */
    public static Tensor pow(Tensor x, double p) {
        require("pow", "x", x);
        Tensor out = Elementwise.map(x, v -> Math.pow(v, p));
        Backward rule = g -> new Tensor[] {g.mul(x.pow(p - 1).mul(p))};
        return Graph.record("pow_scalar", out, rule, Elementwise.local((v, y) -> Math.pow(v, p - 1) * p), x);
    }

    /**
     * Returns a^b elementwise, broadcasting; d/db needs a > 0.
     *
     * @param a the base
     * @param b the exponent, broadcast against {@code a}
     * @return the powers, of the broadcast shape
     */
    public static Tensor pow(Tensor a, Tensor b) {
        Tensor out = zip("pow", require("pow", "a", a), require("pow", "b", b), Math::pow);
        return Graph.record("pow", out, g -> new Tensor[] {
            a.isGradRequired() ? unbroadcast(g.mul(b).mul(a.pow(b.sub(1.0))), a) : null,
            b.isGradRequired() ? unbroadcast(g.mul(out).mul(a.log()), b) : null}, a, b);
    }

    /**
     * Returns max(a, b) elementwise, broadcasting; a tie sends half the gradient to each input.
     *
     * @param a the first operand
     * @param b the second operand, broadcast against {@code a}
     * @return the larger of each pair, NaN where either is NaN
     */
    public static Tensor maximum(Tensor a, Tensor b) {
        Tensor out = zip("maximum", require("maximum", "a", a), require("maximum", "b", b), Math::max);
        return Graph.record("maximum", out, selectBackward(a, b, (x, y) -> x > y ? 1 : x == y ? 0.5 : 0, "maximum"), a, b);
    }

    /**
     * Returns min(a, b) elementwise, broadcasting; a tie sends half the gradient to each input.
     *
     * @param a the first operand
     * @param b the second operand, broadcast against {@code a}
     * @return the smaller of each pair, NaN where either is NaN
     */
    public static Tensor minimum(Tensor a, Tensor b) {
        Tensor out = zip("minimum", require("minimum", "a", a), require("minimum", "b", b), Math::min);
        return Graph.record("minimum", out, selectBackward(a, b, (x, y) -> x < y ? 1 : x == y ? 0.5 : 0, "minimum"), a, b);
    }

    /** The backward of maximum/minimum: route g by a constant 0 / ½ / 1 mask saying which input was chosen. */
    private static Backward selectBackward(Tensor a, Tensor b,
                                                               java.util.function.DoubleBinaryOperator share, String op) {
        return g -> {
            Tensor toA = zip(op, a, b, share);                 // constant: the mask has zero derivative
            Tensor toB = Elementwise.map(toA, s -> 1 - s);
            return new Tensor[] {
                a.isGradRequired() ? unbroadcast(g.mul(toA), a) : null,
                b.isGradRequired() ? unbroadcast(g.mul(toB), b) : null};
        };
    }

    /**
     * Returns −x.
     *
     * @param x the tensor to negate
     * @return the negation, of x's shape
     */
    public static Tensor neg(Tensor x) {
        Tensor out = Elementwise.map(require("neg", "x", x), v -> -v);
        return Graph.record(NEG_OP, out, x);
    }

    private static final Derivative NEG = (g, in, out) -> new Tensor[] {g.neg()};

    private static final LocalDerivative NEG_KERNEL = new LocalDerivative() {
        @Override
        public void accumulate(double[] g, Tensor[] in, Tensor out, double[][] grads) {
            addGrad(grads[0], in[0], g, -1.0, out);   // dx += −g
        }

        @Override
        public double partial(int i, double x, double unused, double out) {
            return -1;
        }
    };
    private static final Origin NEG_OP = Origin.of("neg", NEG, NEG_KERNEL, Jvp.diagonal(NEG));
}
