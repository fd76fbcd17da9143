package io.github.chainrule.nn;

import io.github.chainrule.Tensor;

import java.util.Random;

/**
 * A fully connected layer for batch-first input, as PyTorch's {@code nn.Linear}: Y = X·Wᵀ + bᵀ for X of
 * shape (m, n[l-1]), one row per example, giving (m, n[l]).
 *
 * <p>It is {@link Dense} seen from the other side: the same W of shape (n[l], n[l-1]) (which is also
 * PyTorch's weight layout, (out_features, in_features)), the same b of shape (n[l], 1), made by Dense's own
 * constructor so that initialization and checks are written once; only the product is transposed,
 * Yᵀ = W·Xᵀ + b. No activation is applied (PyTorch's habit); follow it with an activation or use Dense in
 * the course's (features, m) layout.
 */
public final class Linear extends Layer {
    private final Dense dense;

    /**
     * Creates a layer from {@code in} to {@code out} features, W drawn by {@code init}, b zero.
     *
     * @param in   n[l-1], the input features
     * @param out  n[l], the output features
     * @param init the weight initializer
     * @param rng  the seeded generator
     * @throws IllegalArgumentException as {@link Dense#Dense(int, int, Initializer, Random)}
     */
    public Linear(int in, int out, Initializer init, Random rng) {
        this.dense = new Dense(in, out, init, rng);
        addWeight("W", dense.W());
        addParameter("b", dense.b());
    }

    /**
     * Returns X·Wᵀ + bᵀ for X of shape (m, n[l-1]).
     *
     * @param X the input, one row per example
     * @return the output, (m, n[l])
     * @throws IllegalArgumentException naming both shapes if X is not (m, n[l-1])
     */
    @Override
    public Tensor forward(Tensor X) {
        if (X == null || X.rank() != 2 || X.shape().dim(1) != dense.inputs()) {
            throw new IllegalArgumentException("Linear(" + dense.inputs() + " -> " + dense.units() + "): input X has "
                    + (X == null ? "null" : "shape " + X.shape()) + " but needs (m, " + dense.inputs()
                    + "): one row per example (the course's column layout is Dense's)");
        }
        return X.matmulTransB(dense.W()).add(dense.b().reshape(1, dense.units()));
    }

    /**
     * Returns W, (n[l], n[l-1]): the live parameter.
     *
     * @return W
     */
    public Tensor W() {
        return dense.W();
    }

    /**
     * Returns b, (n[l], 1): the live parameter.
     *
     * @return b
     */
    public Tensor b() {
        return dense.b();
    }

    @Override
    public String toString() {
        return "Linear(" + dense.inputs() + " -> " + dense.units() + ", batch first)";
    }
}
