package io.github.chainrule.nn;

import io.github.chainrule.Tensor;

/** A layer without parameters that applies an activation function: A = g(Z). */
public final class ActivationLayer extends Layer {
    private final Activation activation;

    /**
     * Creates the layer for {@code activation}.
     *
     * @param activation the function to apply to each element
     * @throws IllegalArgumentException if the activation is null
     */
    public ActivationLayer(Activation activation) {
        if (activation == null) {
            throw new IllegalArgumentException("ActivationLayer: activation is null");
        }
        this.activation = activation;
    }

    /**
     * Returns the activation this layer applies.
     *
     * @return the activation
     */
    public Activation activation() {
        return activation;
    }

    /** Returns g(Z). */
    @Override
    public Tensor forward(Tensor Z) {
        return activation.apply(Z);
    }

    @Override
    public String toString() {
        return "ActivationLayer[" + activation.name() + "]";
    }
}
