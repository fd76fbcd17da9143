package io.github.chainrule.nn.cost;

import io.github.chainrule.Tensor;
import io.github.chainrule.nn.Layer;

import java.util.Collection;

/**
 * A penalty on the weights added to the cost as a graph term, so that autodiff adds its gradient to dW
 * (the course's "weight decay"): J_regularized = J + penalty(W[1..L], m).
 *
 * <p>Only weights are penalized ({@link Layer#namedWeights()}: the W matrices, not the biases b), as
 * the course does.
 */
@FunctionalInterface
public interface Regularizer {
    /**
     * Returns the scalar penalty of the given weight matrices for a batch of m examples.
     *
     * @param weights the weight matrices to penalize
     * @param m       the number of examples J averages over
     * @return the penalty term, a scalar graph node
     */
    Tensor penalty(Collection<Tensor> weights, int m);

    /**
     * Returns the penalty of the model's weights (not its biases) for a batch of m examples.
     *
     * @param model the model whose weights to penalize
     * @param m     the number of examples J averages over
     * @return the penalty term, a scalar graph node
     */
    default Tensor penalty(Layer model, int m) {
        return penalty(model.namedWeights().values(), m);
    }

    /**
     * No penalty: the scalar 0.
     *
     * @return the regularizer
     */
    static Regularizer none() {
        return (weights, m) -> Tensor.scalar(0);
    }

    /**
     * L2 regularization, the course's λ/(2m) Σ_l ‖W[l]‖²_F (the squared Frobenius norm: the sum of the
     * squares of the entries); it adds (λ/m)·W[l] to each dW[l].
     *
     * @param lambda the regularization strength λ, non-negative
     * @return the regularizer
     * @throws IllegalArgumentException if λ is negative or not finite
     */
    static Regularizer l2(double lambda) {
        checkLambda("l2", lambda);
        return (weights, m) -> scaledSum(weights, m, lambda / (2.0 * checkM("l2", m)), true);
    }

    /**
     * L1 regularization, λ/(2m) Σ_l Σ |W[l]ᵢⱼ| with the course's scaling (some texts use λ/m; only the
     * meaning of λ changes); it adds (λ/2m)·sign(W) to each dW and drives weights to exactly zero.
     *
     * @param lambda the regularization strength λ, non-negative
     * @return the regularizer
     * @throws IllegalArgumentException if λ is negative or not finite
     */
    static Regularizer l1(double lambda) {
        checkLambda("l1", lambda);
        return (weights, m) -> scaledSum(weights, m, lambda / (2.0 * checkM("l1", m)), false);
    }

    private static Tensor scaledSum(Collection<Tensor> weights, int m, double scale, boolean squared) {
        if (weights == null) {
            throw new IllegalArgumentException("regularizer: weights are null");
        }
        Tensor total = Tensor.scalar(0);
        for (Tensor W : weights) {
            total = total.add(squared ? W.square().sum() : W.abs().sum());
        }
        return total.mul(scale);
    }

    private static void checkLambda(String name, double lambda) {
        if (!(lambda >= 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException(name + ": λ must be finite and non-negative, got " + lambda);
        }
    }

    private static int checkM(String name, int m) {
        if (m <= 0) {
            throw new IllegalArgumentException(name + ": the number of examples m must be positive, got " + m);
        }
        return m;
    }
}
