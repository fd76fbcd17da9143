package io.github.chainrule.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;

/**
 * W2's network on PyTorch via DJL: the course's [12288, 20, 7, 5, 1] net (LINEAR→RELU ×3,
 * LINEAR→SIGMOID, cross-entropy), one iteration of forward, cost, backward ({@code GradientCollector})
 * and plain gradient descent by hand, all FLOAT64. Data and initial parameters are copied from a
 * {@link CourseNetwork}, so the first iteration's cost and update equal chainrule's.
 */
final class DjlCourseNetwork implements AutoCloseable {
    private final NDManager manager;
    private final int m;
    private final int layers = CourseNetwork.LAYERS.length - 1;
    private final NDArray x;
    private final NDArray y;
    private final NDArray oneMinusY;
    private final NDArray[] w = new NDArray[layers + 1];
    private final NDArray[] b = new NDArray[layers + 1];

    /** Copies X, Y and the initial W[l], b[l] of {@code net} into FLOAT64 arrays. */
    DjlCourseNetwork(CourseNetwork net) {
        manager = NDManager.newBaseManager("PyTorch");
        m = net.m;
        int[] dims = CourseNetwork.LAYERS;
        x = manager.create(net.x.buffer(), new Shape(dims[0], m));
        y = manager.create(net.y.buffer(), new Shape(1, m));
        oneMinusY = manager.create(net.oneMinusY.buffer(), new Shape(1, m));
        for (int l = 1; l <= layers; l++) {
            w[l] = manager.create(net.w[l].buffer(), new Shape(dims[l], dims[l - 1]));
            b[l] = manager.zeros(new Shape(dims[l], 1), DataType.FLOAT64);
            w[l].setRequiresGradient(true);
            b[l].setRequiresGradient(true);
        }
    }

    /** One iteration: forward, cost, backward, W −= 0.0075·dW and b −= 0.0075·db; returns the cost. */
    double iteration() {
        // Everything created in here (activations, the cost, gradient handles, detached views) is closed
        // with the scope; the parameters were created before it and survive.
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray cost;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray a = x;
                for (int l = 1; l <= layers; l++) {
                    NDArray z = w[l].matMul(a).add(b[l]);
                    a = l < layers ? Activation.relu(z) : Activation.sigmoid(z);
                }
                // J = −(1/m) Σ (Y log A + (1 − Y) log(1 − A))
                cost = y.mul(a.log()).add(oneMinusY.mul(a.neg().add(1.0).log())).sum().mul(-1.0 / m);
                collector.backward(cost);
            }
            for (int l = 1; l <= layers; l++) {
                descend(w[l]);
                descend(b[l]);
            }
            return cost.getDouble();
        }
    }

    /**
     * θ −= lr·dθ, then dθ = 0. The step goes through a detached view (as PyTorch's {@code p.data -= ...}),
     * which libtorch allows on a leaf that requires a gradient whatever the thread's grad mode is; the
     * gradient is zeroed by hand because DJL's PyTorch collector no longer does it.
     */
    private void descend(NDArray theta) {
        NDArray grad = theta.getGradient();
        theta.stopGradient().subi(grad.mul(CourseNetwork.LEARNING_RATE));
        grad.muli(0.0);
    }

    /** Returns W[l] as a row-major array (for the smoke test). */
    double[] weights(int l) {
        return w[l].toDoubleArray();
    }

    /** Returns b[l] (for the smoke test). */
    double[] biases(int l) {
        return b[l].toDoubleArray();
    }

    /** Frees the data and parameters. */
    @Override
    public void close() {
        manager.close();
    }
}
