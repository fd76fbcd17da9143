package io.github.chainrule.examples.train;

import io.github.chainrule.GradMode;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.examples.plot.Charts;
import io.github.chainrule.nn.Activation;
import io.github.chainrule.nn.Dense;
import io.github.chainrule.nn.Initializer;
import io.github.chainrule.nn.Layer;
import io.github.chainrule.nn.Sequential;

import java.util.Random;

/** The course's model shapes, built from nn layers. */
public final class Models {
    private Models() {
    }

    /** Logistic regression as a network: one sigmoid unit over n_x inputs, w and b starting at zero. */
    public static Sequential logisticRegression(int nx) {
        return new Sequential().add(new Dense(nx, 1, Activation.SIGMOID, Initializer.zeros(), null));
    }

    /**
     * The course's shallow network: n_h tanh hidden units, one sigmoid output, weights drawn as
     * randn · 0.01 and biases zero.
     */
    public static Sequential shallowTanh(int nx, int nh, Random rng) {
        return new Sequential()
                .add(new Dense(nx, nh, Activation.TANH, Initializer.smallRandom(), rng))
                .add(new Dense(nh, 1, Activation.SIGMOID, Initializer.smallRandom(), rng));
    }

    /**
     * The course's L-layer network: ReLU hidden layers of the given sizes and a sigmoid output unit (or as
     * many softmax outputs as {@code dims}' last entry when it is more than 1), weights from {@code init}.
     *
     * @param dims layer sizes n[0] (inputs), n[1], ..., n[L]
     */
    public static Sequential deep(int[] dims, Initializer init, Random rng) {
        if (dims.length < 2) {
            throw new IllegalArgumentException("Models.deep: needs at least the input and output sizes, got "
                    + java.util.Arrays.toString(dims));
        }
        Sequential model = new Sequential();
        int last = dims.length - 1;
        for (int l = 1; l <= last; l++) {
            Activation g = l < last ? Activation.RELU : dims[last] == 1 ? Activation.SIGMOID : Activation.SOFTMAX;
            model.add(new Dense(dims[l - 1], dims[l], g, init, rng));
        }
        return model;
    }

    /**
     * A classifier that outputs logits: ReLU hidden layers of the given sizes and a linear last layer, whose
     * sigmoid (one output) or softmax (several) the cost applies, stably.
     *
     * @param dims layer sizes n[0] (inputs), n[1], ..., n[L]
     */
    public static Sequential logits(int[] dims, Initializer init, Random rng) {
        if (dims.length < 2) {
            throw new IllegalArgumentException("Models.logits: needs at least the input and output sizes, got "
                    + java.util.Arrays.toString(dims));
        }
        Sequential model = new Sequential();
        int last = dims.length - 1;
        for (int l = 1; l <= last; l++) {
            model.add(new Dense(dims[l - 1], dims[l], l < last ? Activation.RELU : Activation.IDENTITY, init, rng));
        }
        return model;
    }

    /** Returns a classifier of 2-D points that asks {@code model} (2 inputs, probabilities out) for each point's class. */
    public static Charts.PlaneClassifier plane(Layer model) {
        return plane(model, false);
    }

    /**
     * Returns a classifier of 2-D points that asks {@code model} (2 inputs) for each point's class; its output is
     * logits when {@code logits} is true, probabilities otherwise.
     */
    public static Charts.PlaneClassifier plane(Layer model, boolean logits) {
        return (x1, x2) -> {
            double[] x = new double[2 * x1.length];
            System.arraycopy(x1, 0, x, 0, x1.length);
            System.arraycopy(x2, 0, x, x1.length, x2.length);
            GradMode.Scope noGrad = GradMode.noGrad();
            try (noGrad) {
                Tensor X = Tensor.wrap(x, Shape.of(2, x1.length));
                return logits ? Metrics.predictFromLogits(model, X) : Metrics.predict(model, X);
            }
        };
    }
}
