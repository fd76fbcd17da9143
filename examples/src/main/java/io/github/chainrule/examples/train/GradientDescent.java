package io.github.chainrule.examples.train;

import io.github.chainrule.GradMode;
import io.github.chainrule.Tensor;
import io.github.chainrule.examples.cli.Console;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.cost.Cost;
import io.github.chainrule.nn.cost.Regularizer;

/**
 * The course's training loop, written out by hand: forward propagation, cost, backward propagation,
 * update θ = θ − α·dθ, on the whole training set at every iteration (batch gradient descent).
 *
 * <p>Any differentiable cost works: the gradient comes from autodiff, not from a hand-derived formula.
 */
public final class GradientDescent {
    private final double learningRate;
    private final int iterations;
    private Regularizer regularizer = Regularizer.none();
    private int logEvery = 100;

    /**
     * Creates a loop running {@code iterations} steps of size {@code learningRate}.
     *
     * @throws IllegalArgumentException if the learning rate is not positive and finite or iterations is negative
     */
    public GradientDescent(double learningRate, int iterations) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("GradientDescent: learning rate must be positive and finite, got " + learningRate);
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("GradientDescent: iterations must be >= 0, got " + iterations);
        }
        this.learningRate = learningRate;
        this.iterations = iterations;
    }

    /** Adds a weight penalty (e.g. L2) to the cost; returns this loop. */
    public GradientDescent regularizer(Regularizer penalty) {
        if (penalty == null) {
            throw new IllegalArgumentException("GradientDescent.regularizer: penalty is null (use Regularizer.none())");
        }
        this.regularizer = penalty;
        return this;
    }

    /** Prints the cost (when not quiet) every {@code every} iterations; returns this loop. */
    public GradientDescent logEvery(int every) {
        if (every <= 0) {
            throw new IllegalArgumentException("GradientDescent.logEvery: must be positive, got " + every);
        }
        this.logEvery = every;
        return this;
    }

    /** Returns how many iterations lie between two printed costs. */
    public int logEvery() {
        return logEvery;
    }

    /**
     * Trains {@code model} on X (n_x, m) and Y and returns the cost of every iteration (before its update),
     * printing the course's "Cost after iteration N" log every {@code logEvery} iterations to {@code console}.
     */
    public double[] train(Module model, Tensor X, Tensor Y, Cost cost, Console console) {
        int m = X.shape().dim(1);
        double[] costs = new double[iterations];
        model.train();
        for (int i = 0; i < iterations; i++) {
            Tensor AL = model.forward(X);                                    // forward propagation
            Tensor J = cost.compute(AL, Y).add(regularizer.penalty(model, m)); // cost
            model.zeroGrad();
            J.backward();                                                    // backward propagation
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                for (Tensor theta : model.parameters()) {
                    theta.subInPlace(theta.grad().mul(learningRate));        // θ = θ − α·dθ
                }
            }
            costs[i] = J.item();
            if (i % logEvery == 0) {
                console.progress("Cost after iteration %d: %f", i, J.item());
            }
        }
        return costs;
    }
}
