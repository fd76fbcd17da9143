package io.github.chainrule.examples.train;

import io.github.chainrule.Tensor;
import io.github.chainrule.examples.cli.Console;
import io.github.chainrule.nn.Layer;
import io.github.chainrule.nn.cost.Cost;
import io.github.chainrule.nn.optim.GradientDescent;
import io.github.chainrule.nn.train.History;
import io.github.chainrule.nn.train.Trainer;

/** Runs nn's {@link Trainer} the way the course's first assignments train: batch gradient descent. */
public final class Fit {
    private Fit() {
    }

    /**
     * Trains {@code model} on all of X (n_x, m) and Y at every iteration with θ = θ − α·dθ, printing the
     * course's "Cost after iteration N" line every {@code printEvery} iterations (unless the console is
     * quiet), and returns the cost of every iteration.
     */
    public static double[] batchGradientDescent(Layer model, Tensor X, Tensor Y, Cost cost, double learningRate,
                                                int iterations, int printEvery, Console console) {
        History history = progress(new Trainer(model, cost, new GradientDescent(model.namedParameters(), learningRate))
                .epochs(iterations).printEvery(printEvery), console)
                .fit(X, Y);
        return costs(history);
    }

    /**
     * Sends a trainer's progress to the console's stream (a progress bar on an interactive terminal, the
     * course's lines otherwise: the trainer decides), or silences it when the console is quiet.
     */
    public static Trainer progress(Trainer trainer, Console console) {
        return console.quiet() ? trainer.quiet() : trainer.progressTo(console.out());
    }

    /** Returns the training cost of every epoch of a history. */
    public static double[] costs(History history) {
        return history.costs().stream().mapToDouble(Double::doubleValue).toArray();
    }
}
