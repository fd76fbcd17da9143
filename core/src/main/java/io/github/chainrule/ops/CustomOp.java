package io.github.chainrule.ops;

import io.github.chainrule.GradMode;
import io.github.chainrule.Graph;
import io.github.chainrule.Tensor;

/**
 * A user-defined differentiable op: the way to add a layer type's kernel or a custom loss with a
 * hand-written derivative, registered, differentiated and gradient-checked exactly like a built-in op.
 *
 * <p>Subclasses give the forward value (computed with any ops or raw arrays; nothing in it is recorded)
 * and the backward rule (written with differentiable ops, so that higher-order gradients work):
 * <pre>{@code
 * final class Cube extends CustomOp {
 *     Cube() { super("cube"); }
 *     protected Tensor forward(Tensor... x) { return x[0].mul(x[0]).mul(x[0]); }
 *     protected Tensor[] backward(Tensor g, Tensor y, Tensor... x) {
 *         return new Tensor[] {g.mul(x[0].square()).mul(3)};      // d(x³)/dx = 3x²
 *     }
 * }
 * CustomOp cube = new Cube().register(Signature.UNARY, "x³", "dx = 3x²·g");
 * Tensor y = cube.apply(x);
 * }</pre>
 * Like PyTorch's {@code autograd.Function}, and like every built-in op, it goes through
 * {@link Graph#record}: the engine cannot tell the two apart.
 */
public abstract class CustomOp {
    private final String name;
    private final boolean ownJvp;   // the subclass overrides jvp; otherwise forward mode derives it

    /** Creates the op with its registry name. */
    protected CustomOp(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("custom op: needs a name");
        }
        this.name = name;
        this.ownJvp = overridesJvp(getClass());
    }

    private static boolean overridesJvp(Class<?> c) {
        for (Class<?> k = c; k != CustomOp.class && k != null; k = k.getSuperclass()) {
            try {
                k.getDeclaredMethod("jvp", Tensor[].class, Tensor.class, Tensor[].class);
                return true;
            } catch (NoSuchMethodException notHere) {
                // look in the superclass
            }
        }
        return false;
    }

    /** Returns the op's name. */
    public final String name() {
        return name;
    }

    /**
     * Computes the output's value from the inputs' values. Runs with recording off: nothing done here
     * enters the graph.
     */
    protected abstract Tensor forward(Tensor... inputs);

    /**
     * Returns the gradient with respect to each input (null for one that needs none), given the
     * upstream gradient; written with differentiable ops so that it can itself be differentiated.
     *
     * @param gradOutput the gradient with respect to the output, of the output's shape
     * @param output     the forward output (reuse it where the derivative is easiest from it)
     * @param inputs     the inputs the op was applied to
     */
    protected abstract Tensor[] backward(Tensor gradOutput, Tensor output, Tensor... inputs);

    /**
     * Returns the tangent of the output given a tangent per input (forward mode's Jacobian-vector product),
     * written with differentiable ops. Optional: an op that does not override it gets the product derived
     * from {@link #backward} by transposition ({@link io.github.chainrule.ForwardMode}); override it where
     * the direct form is cheaper, e.g. {@code t[0].mul(x[0].square()).mul(3)} for x³.
     *
     * @param tangents   one tangent per input, of that input's shape, or null where it is zero
     * @param output     the forward output
     * @param inputs     the inputs the op was applied to
     * @return the output's tangent, of the output's shape (null: derive it instead)
     */
    protected Tensor jvp(Tensor[] tangents, Tensor output, Tensor... inputs) {
        return null;
    }

    /**
     * Applies the op: computes the forward value and records the backward rule.
     *
     * @throws IllegalArgumentException naming the op if an input is null or forward returns null
     */
    public final Tensor apply(Tensor... inputs) {
        if (inputs == null) {
            throw new IllegalArgumentException(name + ": inputs are null");
        }
        Tensor[] in = inputs.clone();
        for (int i = 0; i < in.length; i++) {
            Elementwise.require(name, "input " + i, in[i]);
        }
        Tensor value;
        GradMode.Scope noGrad = GradMode.noGrad();
        try (noGrad) {
            value = forward(in);
        }
        if (value == null) {
            throw new IllegalArgumentException(name + ": forward returned null");
        }
        // The output must be a fresh tensor the graph can own, even if forward returned an input as is.
        Tensor out = Tensor.wrap(value.toArray(), value.shape());
        if (ownJvp) {
            return Graph.record(name, out, g -> backward(g, out, in), (t, ins, o) -> jvp(t, out, in), in);
        }
        return Graph.record(name, out, g -> backward(g, out, in), in);
    }

    /**
     * Registers this op in the {@link OpRegistry} under its name, so tools and the property suite find it;
     * returns this op.
     *
     * @param signature  how the op is called (decides which generated cases check it)
     * @param forward    the forward formula for the derivative table
     * @param derivative the derivative formula for the derivative table
     * @param domains    the value domain of each input (default: all reals)
     */
    public final CustomOp register(Signature signature, String forward, String derivative, ValueDomain... domains) {
        OpDef.Builder b = OpDef.builder(name, signature).family("custom").forward(forward).derivative(derivative)
                .invoker((ins, attrs) -> apply(ins));
        if (ownJvp) {
            b.jvp("the author's rule (CustomOp.jvp)");
        }
        if (domains.length > 0) {
            b.domain(domains);
        }
        OpRegistry.register(b.build());
        return this;
    }
}
