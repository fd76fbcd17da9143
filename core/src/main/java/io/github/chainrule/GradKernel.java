package io.github.chainrule;

/**
 * An op's in-place backward kernel: adds the op's vector-Jacobian product straight into its inputs'
 * gradient buffers, with plain loops over arrays instead of differentiable ops.
 *
 * <p>Every op has a {@link Backward} rule written with differentiable ops; that is what higher-order
 * gradients need, and it is always right. When a backward pass does not record itself (no
 * {@code createGraph}, the usual {@link Tensor#backward()}), building a tensor per gradient contribution
 * is pure overhead, so an op may also give a kernel that does the same arithmetic in place: for a
 * million-node scalar graph it is the difference between allocating several tensors per node and
 * allocating none. The engine runs the kernel when it has one and the pass is not being recorded, and the
 * differentiable rule otherwise. A property in the test suite checks on every registered op that the
 * two give the same gradients.
 *
 * <p>An elementwise op's kernel may also be a {@link LocalDerivative}, which gives the same product one
 * element at a time, so that a graph of scalars can be differentiated on plain doubles.
 *
 * <p>A kernel must be stateless about the pass (it may be shared by every node of its op) and must only
 * write into {@code grads}; the arrays it reads belong to tensors and are never modified.
 */
@FunctionalInterface
public interface GradKernel {
    /**
     * Adds the vector-Jacobian product of the op into each input's gradient:
     * {@code grads[i] += (∂output/∂inputs[i])ᵀ·gradOutput} for every {@code i} with
     * {@code grads[i] != null} (an input that needs no gradient gets null).
     *
     * @param gradOutput the gradient with respect to the op's output, row-major in the output's shape
     * @param inputs     the op's inputs, as recorded
     * @param output     the op's output, as recorded
     * @param grads      one buffer per input, row-major in that input's shape, or null. Modified.
     */
    void accumulate(double[] gradOutput, Tensor[] inputs, Tensor output, double[][] grads);

    /**
     * Whether the op's vector-Jacobian product for input {@code i} is the output's gradient itself
     * whenever that input has the output's shape (add's for both inputs, sub's for the first). The
     * engine then hands the gradient on to that input unchanged, without a buffer or a loop, when it is
     * the input's first contribution, and passes null for that input's buffer to {@link #accumulate};
     * so a kernel that says true must add exactly {@code gradOutput} into such an input's buffer when it
     * gets one. The default, false, is always right.
     *
     * @param i the input's position
     * @return true if the product for input {@code i}, at the output's shape, is {@code gradOutput} itself
     */
    default boolean passesThrough(int i) {
        return false;
    }

    /**
     * Called once when the engine frees the graph that this kernel's node belongs to (a backward pass without
     * {@code retainGraph} is done with it), so that a kernel holding buffers from its op's forward pass for
     * the backward one (attention's probabilities) can give them back for reuse. The kernel is not run again
     * after this. The default does nothing.
     */
    default void released() {
    }
}
