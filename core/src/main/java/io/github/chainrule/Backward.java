package io.github.chainrule;

/**
 * The vector-Jacobian product of one recorded op: given the gradient of the final output with respect to
 * this op's output, returns the gradient with respect to each of the op's inputs.
 *
 * <p>Implementations are written with chainrule's own differentiable ops (never raw arrays), so that when
 * {@code backward} runs with {@code createGraph} the returned gradients are graph nodes themselves and
 * can be differentiated again. Return {@code null} in a slot for an input that needs no gradient (the
 * input does not require one); the engine treats it as zero without materializing it.
 *
 * <p>A closure suits a rule that needs an op's attributes (an exponent, axes); a rule that needs only the
 * recorded inputs and output is better a {@link Derivative}, which allocates nothing per application.
 */
@FunctionalInterface
public interface Backward extends Derivative {
    /**
     * Returns one gradient per input, each of that input's shape, or {@code null} for an input that needs none.
     *
     * @param gradOutput the gradient of the final output with respect to this op's output; same shape as it
     * @return one gradient per input, in the inputs' order, null for an input that needs none
     */
    Tensor[] apply(Tensor gradOutput);

    /** Runs {@link #apply}: a closure has captured whatever it needs of the inputs and output. */
    @Override
    default Tensor[] backward(Tensor gradOutput, Tensor[] inputs, Tensor output) {
        return apply(gradOutput);
    }
}
