package io.github.chainrule;

/**
 * The backward rule of an op as a function of what the graph recorded: given the gradient with respect
 * to the op's output, its inputs and its output, returns the gradient with respect to each input.
 *
 * <p>This is the form the built-in ops use: the rule captures nothing, so one instance (a static
 * constant beside the op's forward computation) serves every application of the op, and recording an op
 * allocates no closure. A rule that needs more than its inputs and output (an exponent, the axes of a
 * reduction) is a {@link Backward} closure instead. Either way the rule is written with chainrule's own
 * differentiable ops, so that a pass with {@code createGraph} can be differentiated again.
 */
@FunctionalInterface
public interface Derivative {
    /**
     * Returns one gradient per input, each of that input's shape, or {@code null} for an input that needs none.
     *
     * @param gradOutput the gradient of the final result with respect to the op's output; the output's shape
     * @param inputs     the op's inputs, as recorded (a fresh array the rule may keep)
     * @param output     the op's output, as recorded
     * @return one gradient per input, in the inputs' order, null for an input that needs none
     */
    Tensor[] backward(Tensor gradOutput, Tensor[] inputs, Tensor output);
}
