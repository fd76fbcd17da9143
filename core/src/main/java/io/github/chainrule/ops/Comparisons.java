package io.github.chainrule.ops;

import io.github.chainrule.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

import static io.github.chainrule.ops.Elementwise.map;
import static io.github.chainrule.ops.Elementwise.require;
import static io.github.chainrule.ops.Elementwise.zip;

/**
 * Comparisons and masks: eq, ne, lt, le, gt, ge (two tensors broadcasting, or a tensor and a scalar) and
 * isNan, isFinite. Each returns a constant tensor of 1.0 (true) and 0.0 (false), like one-hot: the output
 * is piecewise constant in the inputs, so nothing is recorded and no gradient flows through it. Such a mask
 * is what {@link Indexing#where} takes, and multiplying by it keeps the gradient where it is 1.
 *
 * <p>Comparisons with NaN follow IEEE 754, as numpy and PyTorch do: every one is false but ne.
 */
public final class Comparisons {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    /** The six comparisons, their registry names, symbols and tests, in one place for the ops and the table. */
    enum Relation {
        EQ("eq", "=", (a, b) -> a == b),
        NE("ne", "≠", (a, b) -> a != b),
        LT("lt", "<", (a, b) -> a < b),
        LE("le", "≤", (a, b) -> a <= b),
        GT("gt", ">", (a, b) -> a > b),
        GE("ge", "≥", (a, b) -> a >= b);

        final String op;
        final String symbol;
        final DoubleRelation test;

        Relation(String op, String symbol, DoubleRelation test) {
            this.op = op;
            this.symbol = symbol;
            this.test = test;
        }

        double apply(double a, double b) {
            return test.test(a, b) ? 1.0 : 0.0;
        }
    }

    /** A test of two doubles, unboxed. */
    @FunctionalInterface
    interface DoubleRelation {
        boolean test(double a, double b);
    }

    private Comparisons() {
    }

    private static void define(OpDef.Builder b) {
        Families.define(DEFINITIONS, "Comparisons", b);
    }

    static {
        for (Relation r : Relation.values()) {
            define(OpDef.builder(r.op, Signature.BINARY).forward("[a " + r.symbol + " b] ∈ {0, 1}" + (r == Relation.NE ? " (1 if either is NaN)" : " (0 if either is NaN)"))
                    .derivative("none: a constant mask").notDifferentiable()
                    .invoker((in, at) -> compare(r, in[0], in[1])));
        }
        define(OpDef.builder("is_nan", Signature.UNARY).forward("[x is NaN] ∈ {0, 1}").derivative("none: a constant mask")
                .notDifferentiable().invoker((in, at) -> isNan(in[0])));
        define(OpDef.builder("is_finite", Signature.UNARY).forward("[x is neither ±∞ nor NaN] ∈ {0, 1}")
                .derivative("none: a constant mask").notDifferentiable().invoker((in, at) -> isFinite(in[0])));
    }

    static Tensor compare(Relation r, Tensor a, Tensor b) {
        return zip(r.op, require(r.op, "a", a), require(r.op, "b", b), r::apply);
    }

    /**
     * Returns [a = b] elementwise, broadcasting, as a constant mask of 1s and 0s.
     *
     * @param a the left side
     * @param b the right side
     * @return the mask, of the broadcast shape
     * @throws IllegalArgumentException naming eq and both shapes if they do not broadcast
     */
    public static Tensor eq(Tensor a, Tensor b) {
        return compare(Relation.EQ, a, b);
    }

    /**
     * Returns [a ≠ b] elementwise, broadcasting, as a constant mask of 1s and 0s (1 where either is NaN).
     *
     * @param a the left side
     * @param b the right side
     * @return the mask, of the broadcast shape
     * @throws IllegalArgumentException naming ne and both shapes if they do not broadcast
     */
    public static Tensor ne(Tensor a, Tensor b) {
        return compare(Relation.NE, a, b);
    }

    /**
     * Returns [a &lt; b] elementwise, broadcasting, as a constant mask of 1s and 0s.
     *
     * @param a the left side
     * @param b the right side
     * @return the mask, of the broadcast shape
     * @throws IllegalArgumentException naming lt and both shapes if they do not broadcast
     */
    public static Tensor lt(Tensor a, Tensor b) {
        return compare(Relation.LT, a, b);
    }

    /**
     * Returns [a ≤ b] elementwise, broadcasting, as a constant mask of 1s and 0s.
     *
     * @param a the left side
     * @param b the right side
     * @return the mask, of the broadcast shape
     * @throws IllegalArgumentException naming le and both shapes if they do not broadcast
     */
    public static Tensor le(Tensor a, Tensor b) {
        return compare(Relation.LE, a, b);
    }

    /**
     * Returns [a &gt; b] elementwise, broadcasting, as a constant mask of 1s and 0s.
     *
     * @param a the left side
     * @param b the right side
     * @return the mask, of the broadcast shape
     * @throws IllegalArgumentException naming gt and both shapes if they do not broadcast
     */
    public static Tensor gt(Tensor a, Tensor b) {
        return compare(Relation.GT, a, b);
    }

    /**
     * Returns [a ≥ b] elementwise, broadcasting, as a constant mask of 1s and 0s.
     *
     * @param a the left side
     * @param b the right side
     * @return the mask, of the broadcast shape
     * @throws IllegalArgumentException naming ge and both shapes if they do not broadcast
     */
    public static Tensor ge(Tensor a, Tensor b) {
        return compare(Relation.GE, a, b);
    }

    /**
     * Returns [x is NaN] elementwise as a constant mask of 1s and 0s.
     *
     * @param x the tensor
     * @return the mask, of x's shape
     */
    public static Tensor isNan(Tensor x) {
        return mask("is_nan", x, Double::isNaN);
    }

    /**
     * Returns [x is finite] (neither ±∞ nor NaN) elementwise as a constant mask of 1s and 0s.
     *
     * @param x the tensor
     * @return the mask, of x's shape
     */
    public static Tensor isFinite(Tensor x) {
        return mask("is_finite", x, Double::isFinite);
    }

    private static Tensor mask(String op, Tensor x, DoublePredicate test) {
        return map(require(op, "x", x), v -> test.test(v) ? 1.0 : 0.0);
    }
}
