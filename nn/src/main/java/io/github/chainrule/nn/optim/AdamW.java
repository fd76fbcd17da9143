package io.github.chainrule.nn.optim;

import io.github.chainrule.Tensor;

import java.util.Map;

/**
 * Adam with decoupled weight decay (Loshchilov and Hutter, "Decoupled Weight Decay Regularization", 2019):
 * <pre>
 *   W := W − α·λ·W                                   the decay, on the weights themselves
 *   W := W − α·v_corrected / (√s_corrected + ε)       Adam's step, from dW alone
 * </pre>
 * Adam with an L2 term divides λ·W by √s like the rest of the gradient, so weights with large gradients
 * are barely decayed; decoupling the decay makes it the same fraction for every weight. As in PyTorch's
 * AdamW, the decay is scaled by the learning rate, so a schedule moves both (Loshchilov and Hutter's
 * η_t·λ is this with their λ equal to α·λ here). Every parameter decays by default, biases included;
 * exempt them with {@code configure(ParameterGroup.matching("biases", n -> n.endsWith(".b")).weightDecay(0))}.
 */
public final class AdamW extends Adam {
    /** PyTorch's default decay, λ = 0.01. */
    public static final double DEFAULT_WEIGHT_DECAY = 0.01;

    /**
     * Creates AdamW with learning rate α, decay λ, β₁, β₂ and ε.
     *
     * @param parameters   the parameters by name, as {@code namedParameters()} gives them
     * @param learningRate α
     * @param weightDecay  λ, applied to every parameter (change it per group with {@link #configure})
     * @param beta1        β₁, the first moment's decay
     * @param beta2        β₂, the second moment's decay
     * @param epsilon      ε in the denominator
     * @throws IllegalArgumentException if λ is negative, a β is outside [0, 1), ε is not positive, or as
     *                                  {@link Optimizer#Optimizer}
     */
    public AdamW(Map<String, Tensor> parameters, double learningRate, double weightDecay, double beta1, double beta2,
                 double epsilon) {
        super("AdamW", parameters, learningRate, beta1, beta2, epsilon);
        configure(ParameterGroup.all().weightDecay(weightDecay));
    }

    /**
     * Creates AdamW with learning rate α and decay λ, and the course's β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
     *
     * @param parameters   the parameters by name
     * @param learningRate α
     * @param weightDecay  λ
     * @throws IllegalArgumentException as {@link #AdamW(Map, double, double, double, double, double)}
     */
    public AdamW(Map<String, Tensor> parameters, double learningRate, double weightDecay) {
        this(parameters, learningRate, weightDecay, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    /**
     * Returns true: the decay acts on the weights, not through the gradient.
     *
     * @return true
     */
    @Override
    protected boolean decouplesWeightDecay() {
        return true;
    }
}
