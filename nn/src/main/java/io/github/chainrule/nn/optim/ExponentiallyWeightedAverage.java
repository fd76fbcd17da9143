package io.github.chainrule.nn.optim;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

/**
 * An exponentially weighted (moving) average of a stream of tensors, the course's
 * v_t = β·v_{t−1} + (1 − β)·θ_t with v_0 = 0, and its bias-corrected value v_t / (1 − β^t).
 *
 * <p>v_t averages roughly the last 1/(1 − β) values (β = 0.9: about 10). Starting from 0 makes the early
 * v_t too small; dividing by 1 − β^t corrects that while t is small and changes nothing once β^t ≈ 0.
 * Momentum, RMSprop and Adam keep one of these per parameter. For a stream of numbers use the scalar form:
 * {@code ewa.update(temperature)}.
 *
 * <p>Not part of any graph: values are plain tensors updated in place.
 */
public final class ExponentiallyWeightedAverage {
    private final double beta;
    private final Tensor v;
    private int t;

    /**
     * Creates an average of tensors of the given shape, starting at v_0 = 0.
     *
     * @param beta  β, the weight of the past, in [0, 1)
     * @param shape the shape of the values averaged
     * @throws IllegalArgumentException if β is outside [0, 1)
     */
    public ExponentiallyWeightedAverage(double beta, Shape shape) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("ExponentiallyWeightedAverage: β must be in [0, 1), got " + beta);
        }
        if (shape == null) {
            throw new IllegalArgumentException("ExponentiallyWeightedAverage: shape is null");
        }
        this.beta = beta;
        this.v = Tensor.zeros(shape);
    }

    /**
     * Creates a scalar average, for a stream of numbers.
     *
     * @param beta β, the weight of the past, in [0, 1)
     */
    public ExponentiallyWeightedAverage(double beta) {
        this(beta, Shape.SCALAR);
    }

    /**
     * Takes in θ_t: v_t = β·v_{t−1} + (1 − β)·θ_t; returns v_t (uncorrected) as a new tensor.
     *
     * @param theta θ_t, of the average's shape
     * @return v_t, uncorrected
     * @throws IllegalArgumentException if θ's shape is not the average's
     */
    public Tensor update(Tensor theta) {
        push(theta);
        return v.copy();
    }

    /** Takes in θ_t without returning a copy of v_t: the optimizers' per-step path. */
    void push(Tensor theta) {
        double[] th = valuesOf(theta);
        double[] vs = v.buffer();
        for (int i = 0; i < vs.length; i++) {
            vs[i] = beta * vs[i] + (1 - beta) * th[i];
        }
        t++;
    }

    /**
     * Takes in θ_t² (θ squared elementwise): v_t = β·v_{t−1} + (1 − β)·θ_t², RMSprop's and Adam's s_dW.
     * Squaring in this loop spares a temporary tensor the size of the parameter on every step.
     */
    void pushSquare(Tensor theta) {
        double[] th = valuesOf(theta);
        double[] vs = v.buffer();
        for (int i = 0; i < vs.length; i++) {
            vs[i] = beta * vs[i] + (1 - beta) * (th[i] * th[i]);
        }
        t++;
    }

    private double[] valuesOf(Tensor theta) {
        if (theta == null || !theta.shape().equals(v.shape())) {
            throw new IllegalArgumentException("ExponentiallyWeightedAverage.update: θ has shape "
                    + (theta == null ? "null" : theta.shape()) + " but the average has shape " + v.shape());
        }
        return theta.buffer();
    }

    /**
     * Takes in a number θ_t; returns v_t.
     *
     * @param theta θ_t
     * @return v_t, uncorrected
     * @throws IllegalStateException if this is not a scalar average
     */
    public double update(double theta) {
        if (!v.shape().isScalar()) {
            throw new IllegalStateException("ExponentiallyWeightedAverage.update: a number for an average of shape " + v.shape());
        }
        push(Tensor.scalar(theta));
        return v.item();
    }

    /**
     * Returns v_t, uncorrected (0 before the first update), as a new tensor.
     *
     * @return v_t, uncorrected
     */
    public Tensor value() {
        return v.copy();
    }

    /**
     * Returns the bias-corrected v_t / (1 − β^t) as a new tensor (0 before the first update).
     *
     * @return v_t / (1 − β^t)
     */
    public Tensor corrected() {
        if (t == 0) {
            return v.copy();
        }
        double[] out = v.toArray();
        double c = 1 - Math.pow(beta, t);
        for (int i = 0; i < out.length; i++) {
            out[i] /= c;
        }
        return Tensor.wrap(out, v.shape());
    }

    /** Returns the backing tensor of v_t itself, for optimizers' in-place loops; do not keep it. */
    Tensor live() {
        return v;
    }

    /**
     * Returns t, the number of values taken in so far.
     *
     * @return t
     */
    public int count() {
        return t;
    }

    /**
     * Returns β.
     *
     * @return β
     */
    public double beta() {
        return beta;
    }

    /**
     * Sets v_t and t, to resume from saved state.
     *
     * @param value v_t, of the average's shape
     * @param count t, the number of values taken in
     * @throws IllegalArgumentException if the shape differs or t is negative
     */
    public void restore(Tensor value, int count) {
        if (value == null || !value.shape().equals(v.shape())) {
            throw new IllegalArgumentException("ExponentiallyWeightedAverage.restore: value has shape "
                    + (value == null ? "null" : value.shape()) + " but the average has shape " + v.shape());
        }
        if (count < 0) {
            throw new IllegalArgumentException("ExponentiallyWeightedAverage.restore: count must be non-negative, got " + count);
        }
        System.arraycopy(value.buffer(), 0, v.buffer(), 0, v.size());
        t = count;
    }
}
