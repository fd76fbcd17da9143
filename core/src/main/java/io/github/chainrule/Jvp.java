package io.github.chainrule;

/**
 * The Jacobian-vector product of one recorded op, its forward-mode rule: given a tangent (a direction of
 * change) for each input, returns the tangent of the output, J·t.
 *
 * <p>Optional. {@link ForwardMode} derives the product of any op from its backward rule by transposition
 * (see there), so an op needs a rule of this kind only where writing it removes work: a linear op is its
 * own product (add: ta + tb), and an elementwise op's Jacobian is diagonal, hence its own transpose, so
 * its backward rule applied to the tangent is the product ({@link #diagonal}). Like a {@link Derivative}
 * it is written with differentiable ops, so that forward mode composes with reverse mode at any order.
 */
@FunctionalInterface
public interface Jvp {
    /**
     * Returns the tangent of the op's output, of the output's shape; or null to decline, in which case
     * the product is derived from the backward rule.
     *
     * @param tangents one tangent per input, each of that input's shape, or null for an input whose
     *                 tangent is zero (at least one is not null)
     * @param inputs   the op's inputs, as recorded
     * @param output   the op's output, as recorded
     * @return J·t, or null to have it derived
     */
    Tensor tangent(Tensor[] tangents, Tensor[] inputs, Tensor output);

    /**
     * Returns the forward rule of a one-input elementwise op from its backward rule: the Jacobian is the
     * diagonal matrix of f'(x), which is its own transpose, so g ↦ g·f'(x) applied to the tangent t gives
     * t·f'(x). The derivative is written once, in the backward rule, and serves both modes.
     *
     * @param derivative the op's backward rule, g ↦ g·f'(x) for an output of the input's shape
     * @return the forward rule t ↦ t·f'(x)
     * @throws IllegalArgumentException if the derivative is null
     */
    static Jvp diagonal(Derivative derivative) {
        if (derivative == null) {
            throw new IllegalArgumentException("Jvp.diagonal: the backward rule is null");
        }
        return (t, in, out) -> derivative.backward(t[0], in, out)[0];
    }

    /**
     * Returns the forward rule of a one-input linear op: a linear map is its own derivative, so the op
     * applied to the tangent is the product (reshape: t ↦ reshape(t)). Its backward rule is the adjoint.
     *
     * @param op the op with the same attributes, applied to a tangent
     * @return the forward rule t ↦ op(t)
     * @throws IllegalArgumentException if op is null
     */
    static Jvp linear(java.util.function.UnaryOperator<Tensor> op) {
        if (op == null) {
            throw new IllegalArgumentException("Jvp.linear: the op is null");
        }
        return (t, in, out) -> op.apply(t[0]);
    }
}
