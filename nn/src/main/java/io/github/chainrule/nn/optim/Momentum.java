package io.github.chainrule.nn.optim;

import io.github.chainrule.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Gradient descent with momentum: v_dW = β·v_dW + (1 − β)·dW, then W := W − α·v_dW (and the same for b).
 *
 * <p>The step follows an exponentially weighted average of the gradients, which damps oscillation across
 * a ravine and keeps speed along it. As in the course, no bias correction: after about 1/(1 − β) steps it
 * no longer matters. State: {@code <parameter>.v}.
 */
public final class Momentum extends Optimizer {
    /** The course's usual β = 0.9. */
    public static final double DEFAULT_BETA = 0.9;
    private final Map<String, ExponentiallyWeightedAverage> v = new LinkedHashMap<>();

    /**
     * Creates momentum with learning rate α and β.
     *
     * @param parameters the parameters to update, by name (as {@code Layer.namedParameters()} gives them)
     * @param learningRate the learning rate α
     * @param beta β, the decay of the gradients' average v
     * @throws IllegalArgumentException if β is outside [0, 1) or as {@link Optimizer#Optimizer}
     */
    public Momentum(Map<String, Tensor> parameters, double learningRate, double beta) {
        super("Momentum", parameters, learningRate);
        checkBeta("Momentum", "β", beta);
        for (String name : parameters().keySet()) {
            v.put(name, slot(name, "v", beta));
        }
    }

    /**
     * Creates momentum with β = 0.9.
     *
     * @param parameters the parameters to update, by name (as {@code Layer.namedParameters()} gives them)
     * @param learningRate the learning rate α
     */
    public Momentum(Map<String, Tensor> parameters, double learningRate) {
        this(parameters, learningRate, DEFAULT_BETA);
    }

    @Override
    protected void update(String name, Tensor param, Tensor grad, int t) {
        ExponentiallyWeightedAverage avg = v.get(name);
        avg.push(grad);
        double alpha = learningRate(name);
        double[] p = param.buffer();
        double[] vs = avg.live().buffer();
        for (int i = 0; i < p.length; i++) {
            p[i] -= alpha * vs[i];
        }
    }
}
