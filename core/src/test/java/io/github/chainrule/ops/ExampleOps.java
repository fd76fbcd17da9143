package io.github.chainrule.ops;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import net.jqwik.api.Combinators;

/**
 * User-defined ops, written the way a user writes one, and registered once per JVM under names no
 * built-in uses: the property suite then checks them exactly like the built-ins.
 *
 * <p>{@code test_cube} has a standard calling pattern (UNARY), so the suite's generators cover it with no
 * further code; it also gives its own forward-mode rule, where {@code test_scaled_exp} leaves it derived. {@code test_scaled_exp} takes two tensors of the same shape, a pattern no built-in signature
 * describes, so it is registered as {@link Signature#CUSTOM} and its author supplies its cases with
 * {@link OpCases#supply}. The registry is global: these names must stay unique across the test suite.
 */
public final class ExampleOps {
    /** How many ops this class registers. */
    public static final int COUNT = 2;

    /** x³, derivative 3x²: a user's op with a built-in calling pattern. */
    public static final CustomOp CUBE = new CustomOp("test_cube") {
        @Override
        protected Tensor forward(Tensor... x) {
            return x[0].mul(x[0]).mul(x[0]);
        }

        @Override
        protected Tensor[] backward(Tensor g, Tensor y, Tensor... x) {
            return new Tensor[] {g.mul(x[0].square()).mul(3)};      // d(x³)/dx = 3x²
        }

        @Override
        protected Tensor jvp(Tensor[] t, Tensor y, Tensor... x) {
            return t[0].mul(x[0].square()).mul(3);                   // forward mode: t·3x² (test_scaled_exp's is derived)
        }
    };

    /** a·e^b of two same-shape tensors, derivatives e^b and a·e^b: a user's op with its own calling pattern. */
    public static final CustomOp SCALED_EXP = new CustomOp("test_scaled_exp") {
        @Override
        protected Tensor forward(Tensor... x) {
            if (x.length != 2 || !x[0].shape().equals(x[1].shape())) {
                throw new IllegalArgumentException("test_scaled_exp: needs two tensors of one shape");
            }
            return x[0].mul(x[1].exp());
        }

        @Override
        protected Tensor[] backward(Tensor g, Tensor y, Tensor... x) {
            // ∂(a·e^b)/∂a = e^b, ∂(a·e^b)/∂b = a·e^b = y: the output is reused, as exp reuses its own.
            return new Tensor[] {g.mul(x[1].exp()), g.mul(y)};
        }
    };

    static {
        CUBE.register(Signature.UNARY, "x³", "dx = 3x²·g");
        SCALED_EXP.register(Signature.CUSTOM, "a·e^b, a and b of one shape", "da = g·e^b, db = g·a·e^b");
        // The author's cases: two tensors of one shape (the op does not broadcast), values from the reals.
        OpCases.supply("test_scaled_exp", OpCases.dims(0, OpCases.MAX_LENGTH).flatMap(d -> {
            int n = Shape.of(d).size();
            return Combinators.combine(OpCases.value(ValueDomain.REAL).list().ofSize(n),
                    OpCases.value(ValueDomain.REAL).list().ofSize(n)).as((a, b) -> new Tensor[] {
                Tensor.of(a.stream().mapToDouble(Double::doubleValue).toArray(), d),
                Tensor.of(b.stream().mapToDouble(Double::doubleValue).toArray(), d)});
        }));
    }

    private ExampleOps() {
    }

    /** Registers the example ops if this JVM has not yet done so (class initialization runs once). */
    public static void registerOnce() {
        // Calling any static method initializes the class, and its static block registers both ops.
    }
}
