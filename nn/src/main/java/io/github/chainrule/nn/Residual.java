package io.github.chainrule.nn;

import io.github.chainrule.Tensor;

/**
 * A residual block, y = x + f(x) (He et al. 2016): the identity path lets the gradient reach early layers
 * undiminished, dy/dx = I + df/dx, which is what makes very deep networks trainable.
 *
 * <p>f must map its input to an output of the same shape; its parameters appear under {@code f.}
 * (e.g. {@code block1.f.layer1.W} inside a Sequential).
 */
public final class Residual extends Layer {
    private final Layer f;

    /**
     * Wraps {@code f} in a skip connection.
     *
     * @param f the residual branch, shape-preserving
     * @throws IllegalArgumentException if f is null
     */
    public Residual(Layer f) {
        if (f == null) {
            throw new IllegalArgumentException("Residual: the branch f is null");
        }
        this.f = addLayer("f", f);
    }

    /**
     * Returns A + f(A).
     *
     * @param A the input
     * @return the block's output, A's shape
     * @throws IllegalArgumentException naming the shapes if f changes the shape of its input
     */
    @Override
    public Tensor forward(Tensor A) {
        Tensor fa = f.forward(A);
        if (!fa.shape().equals(A.shape())) {
            throw new IllegalArgumentException("Residual: the branch " + f + " maps shape " + A.shape() + " to "
                    + fa.shape() + "; y = x + f(x) needs f to keep the shape");
        }
        return A.add(fa);
    }

    @Override
    public String toString() {
        return "Residual(" + f + ")";
    }
}
