package io.github.chainrule.nn.optim;

import io.github.chainrule.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RMSprop: s_dW = β₂·s_dW + (1 − β₂)·dW² (elementwise square), then W := W − α·dW / (√s_dW + ε).
 *
 * <p>Dividing by the root of the average squared gradient slows the directions that oscillate and speeds
 * the ones that do not; ε keeps the division safe when s_dW is near 0. State: {@code <parameter>.s}.
 */
public final class RMSprop extends Optimizer {
    /** The usual β₂ = 0.999 (the course's Adam default; RMSprop is often used with 0.9 too). */
    public static final double DEFAULT_BETA2 = 0.999;
    /** The course's ε = 1e-8. */
    public static final double DEFAULT_EPSILON = 1e-8;
    private final Map<String, ExponentiallyWeightedAverage> s = new LinkedHashMap<>();
    private final double epsilon;

    /**
     * Creates RMSprop with learning rate α, β₂ and ε.
     *
     * @param parameters the parameters to update, by name (as {@code Layer.namedParameters()} gives them)
     * @param learningRate the learning rate α
     * @param beta2 β₂, the decay of the average of squared gradients s
     * @param epsilon ε, added to √s to keep the step finite
     * @throws IllegalArgumentException if β₂ is outside [0, 1), ε is not positive, or as {@link Optimizer#Optimizer}
     */
    public RMSprop(Map<String, Tensor> parameters, double learningRate, double beta2, double epsilon) {
        super("RMSprop", parameters, learningRate);
        checkBeta("RMSprop", "β₂", beta2);
        checkEpsilon("RMSprop", epsilon);
        this.epsilon = epsilon;
        for (String name : parameters().keySet()) {
            s.put(name, slot(name, "s", beta2));
        }
    }

    /**
     * Creates RMSprop with β₂ = 0.999 and ε = 1e-8.
     *
     * @param parameters the parameters to update, by name (as {@code Layer.namedParameters()} gives them)
     * @param learningRate the learning rate α
     */
    public RMSprop(Map<String, Tensor> parameters, double learningRate) {
        this(parameters, learningRate, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    @Override
    protected void update(String name, Tensor param, Tensor grad, int t) {
        ExponentiallyWeightedAverage avg = s.get(name);
        avg.pushSquare(grad);
        double alpha = learningRate(name);
        double[] p = param.buffer();
        double[] g = grad.buffer();
        double[] ss = avg.live().buffer();
        for (int i = 0; i < p.length; i++) {
            p[i] -= alpha * g[i] / (Math.sqrt(ss[i]) + epsilon);
        }
    }
}
