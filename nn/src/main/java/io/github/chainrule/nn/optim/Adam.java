package io.github.chainrule.nn.optim;

import io.github.chainrule.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Adam, momentum and RMSprop together, with bias correction:
 * <pre>
 *   v_dW = β₁·v_dW + (1 − β₁)·dW          s_dW = β₂·s_dW + (1 − β₂)·dW²
 *   v_corrected = v_dW / (1 − β₁^t)       s_corrected = s_dW / (1 − β₂^t)
 *   W := W − α·v_corrected / (√s_corrected + ε)
 * </pre>
 * with t the step count (1 on the first step). The course's defaults: β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
 * State: {@code <parameter>.v}, {@code <parameter>.s} and the step count.
 */
public sealed class Adam extends Optimizer permits AdamW {
    /** The course's β₁ = 0.9. */
    public static final double DEFAULT_BETA1 = 0.9;
    /** The course's β₂ = 0.999. */
    public static final double DEFAULT_BETA2 = 0.999;
    /** The course's ε = 1e-8. */
    public static final double DEFAULT_EPSILON = 1e-8;
    private final Map<String, ExponentiallyWeightedAverage> v = new LinkedHashMap<>();
    private final Map<String, ExponentiallyWeightedAverage> s = new LinkedHashMap<>();
    private final double beta1;
    private final double beta2;
    private final double epsilon;

    /**
     * Creates Adam with learning rate α, β₁, β₂ and ε.
     *
     * @param parameters the parameters to update, by name (as {@code Layer.namedParameters()} gives them)
     * @param learningRate the learning rate α
     * @param beta1 β₁, the decay of the first-moment average v
     * @param beta2 β₂, the decay of the second-moment average s
     * @param epsilon ε, added to √s to keep the step finite
     * @throws IllegalArgumentException if a β is outside [0, 1), ε is not positive, or as {@link Optimizer#Optimizer}
     */
    public Adam(Map<String, Tensor> parameters, double learningRate, double beta1, double beta2, double epsilon) {
        this("Adam", parameters, learningRate, beta1, beta2, epsilon);
    }

    /** Creates Adam under another name, for {@link AdamW}. */
    Adam(String name, Map<String, Tensor> parameters, double learningRate, double beta1, double beta2, double epsilon) {
        super(name, parameters, learningRate);
        checkBeta(name, "β₁", beta1);
        checkBeta(name, "β₂", beta2);
        checkEpsilon(name, epsilon);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        for (String parameter : parameters().keySet()) {
            v.put(parameter, slot(parameter, "v", beta1));
            s.put(parameter, slot(parameter, "s", beta2));
        }
    }

    /**
     * Creates Adam with the course's β₁ = 0.9, β₂ = 0.999 and ε = 1e-8.
     *
     * @param parameters the parameters to update, by name (as {@code Layer.namedParameters()} gives them)
     * @param learningRate the learning rate α
     */
    public Adam(Map<String, Tensor> parameters, double learningRate) {
        this(parameters, learningRate, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPSILON);
    }

    @Override
    protected final void update(String name, Tensor param, Tensor grad, int t) {
        ExponentiallyWeightedAverage first = v.get(name);
        ExponentiallyWeightedAverage second = s.get(name);
        first.push(grad);
        second.pushSquare(grad);
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        double alpha = learningRate(name);
        double[] p = param.buffer();
        double[] vs = first.live().buffer();
        double[] ss = second.live().buffer();
        for (int i = 0; i < p.length; i++) {
            double vCorrected = vs[i] / c1;
            double sCorrected = ss[i] / c2;
            p[i] -= alpha * vCorrected / (Math.sqrt(sCorrected) + epsilon);
        }
    }
}
