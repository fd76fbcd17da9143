package io.github.chainrule.nn;

import io.github.chainrule.Tensor;

import java.util.function.UnaryOperator;

/**
 * An activation function g, applied to Z to give A = g(Z): usable as a function
 * ({@code Activation.RELU.apply(Z)}) and as a layer ({@code Activation.RELU.asLayer()}).
 *
 * <p>Each is a composition of core graph ops, so its derivative g'(Z) comes from autodiff: for sigmoid
 * the op's rule a(1 − a), for tanh 1 − a², for ReLU 1 where z ≥ 0 (the course takes relu'(0) = 1),
 * for leaky ReLU 1 or the slope, for softmax the full Jacobian-vector product, for identity 1, for GELU
 * Φ(z) + z·φ(z), for SiLU σ(z)(1 + z(1 − σ(z))), for ELU 1 where z &gt; 0 and α·e^z elsewhere.
 */
public interface Activation {
    /** The logistic sigmoid σ(z) = 1 / (1 + e^−z), for a binary output unit. */
    Activation SIGMOID = of("sigmoid", Tensor::sigmoid);
    /** The hyperbolic tangent, (e^z − e^−z) / (e^z + e^−z). */
    Activation TANH = of("tanh", Tensor::tanh);
    /** The rectified linear unit, max(0, z). */
    Activation RELU = of("relu", Tensor::relu);
    /** The leaky ReLU with the course's slope 0.01: max(0.01z, z). */
    Activation LEAKY_RELU = leakyRelu(0.01);
    /** Softmax over axis 0, the classes: each column (example) becomes a probability distribution. */
    Activation SOFTMAX = of("softmax", Z -> Z.softmax(0));
    /** The identity, g(z) = z, for a linear output (regression). */
    Activation IDENTITY = of("identity", Z -> Z);
    /**
     * The Gaussian error linear unit in its exact form, gelu(z) = z·Φ(z) with Φ(z) = (1 + erf(z/√2))/2 the
     * standard normal distribution function (not the tanh approximation).
     */
    Activation GELU = of("gelu", Tensor::gelu);
    /** The sigmoid-weighted linear unit (swish), silu(z) = z·σ(z) = z / (1 + e^−z). */
    Activation SILU = of("silu", Tensor::silu);
    /** The exponential linear unit with α = 1: elu(z) = z for z &gt; 0, e^z − 1 otherwise. */
    Activation ELU = elu(1.0);

    /**
     * Returns g(Z), elementwise (softmax: per column), recording the graph when grad mode is on.
     *
     * @param Z the pre-activations
     * @return g(Z), of Z's shape
     */
    Tensor apply(Tensor Z);

    /**
     * Returns the activation's name, e.g. "relu".
     *
     * @return the name, e.g. "relu"
     */
    String name();

    /**
     * Returns a layer that applies this activation: A = g(Z).
     *
     * @return a layer without parameters that applies this function
     */
    default Layer asLayer() {
        return new ActivationLayer(this);
    }

    /**
     * Returns the leaky ReLU max(slope·z, z) with the given slope for negative z.
     *
     * @param slope the slope for z &lt; 0, e.g. 0.01
     * @return the activation
     * @throws IllegalArgumentException if the slope is not finite
     */
    static Activation leakyRelu(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("leakyRelu: slope must be finite, got " + slope);
        }
        return of(slope == 0.01 ? "leaky_relu" : "leaky_relu(" + slope + ")", Z -> Z.leakyRelu(slope));
    }

    /**
     * Returns the exponential linear unit with the given α: elu(z) = z for z &gt; 0, α(e^z − 1) otherwise, so
     * it tends to −α as z → −∞.
     *
     * @param alpha α, the value approached for very negative z
     * @return the ELU activation, named "elu" for α = 1 and "elu(α)" otherwise
     * @throws IllegalArgumentException if alpha is not finite
     */
    static Activation elu(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("elu: alpha must be finite, got " + alpha);
        }
        return of(alpha == 1.0 ? "elu" : "elu(" + alpha + ")", Z -> Z.elu(alpha));
    }

    /**
     * Returns an activation with the given name computed by {@code g}, which must use graph ops only.
     *
     * @param name the name for messages and summaries
     * @param g    the function, written with differentiable tensor ops
     * @return the activation
     */
    static Activation of(String name, UnaryOperator<Tensor> g) {
        if (name == null || g == null) {
            throw new IllegalArgumentException("Activation.of: name and function must not be null");
        }
        return new Activation() {
            @Override
            public Tensor apply(Tensor Z) {
                if (Z == null) {
                    throw new IllegalArgumentException(name + ": input Z is null");
                }
                return g.apply(Z);
            }

            @Override
            public String name() {
                return name;
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
