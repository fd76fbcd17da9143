package io.github.chainrule.nn.optim;

import io.github.chainrule.Tensor;

import java.util.Map;

/** Plain gradient descent, the course's W := W − α·dW, b := b − α·db. */
public final class GradientDescent extends Optimizer {
    /**
     * Creates gradient descent with learning rate α.
     *
     * @param parameters the parameters to update, by name (as {@code Layer.namedParameters()} gives them)
     * @param learningRate the learning rate α
     * @throws IllegalArgumentException as {@link Optimizer#Optimizer}
     */
    public GradientDescent(Map<String, Tensor> parameters, double learningRate) {
        super("GradientDescent", parameters, learningRate);
    }

    @Override
    protected void update(String name, Tensor param, Tensor grad, int t) {
        double alpha = learningRate(name);
        double[] p = param.buffer();
        double[] g = grad.buffer();
        for (int i = 0; i < p.length; i++) {
            p[i] -= alpha * g[i];
        }
    }
}
