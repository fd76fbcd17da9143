package io.github.chainrule.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.GradientCollector;

/**
 * W6's LeNet-5 step on PyTorch via DJL: conv 5×5×6 (padding 2) → relu → max-pool 2 → conv 5×5×16 → relu →
 * max-pool 2 → flatten → dense 120, 84, 10 → softmax cross-entropy → SGD 0.01, all FLOAT64. The images, labels
 * and initial parameters are copied from a {@link CnnStep}, and the dense head keeps its (features, m) layout,
 * so the first step's cost and update equal chainrule's.
 */
final class DjlCnnStep implements AutoCloseable {
    private static final Shape ONE = new Shape(1, 1);
    private static final Shape TWO = new Shape(2, 2);
    private final NDManager manager;
    private final int batch;
    private final NDArray x;
    private final NDArray oneHot;
    /** conv1 W, b, conv2 W, b, then the dense W[l], b[l]: CnnStep.parameters()'s order. */
    private final NDArray[] params;

    /** Copies the batch and the initial parameters of {@code ours} into FLOAT64 arrays. */
    DjlCnnStep(CnnStep ours) {
        manager = NDManager.newBaseManager("PyTorch");
        batch = ours.batch;
        x = copy(ours.x);
        oneHot = copy(ours.oneHot);
        io.github.chainrule.Tensor[] theirs = ours.parameters();
        params = new NDArray[theirs.length];
        for (int i = 0; i < theirs.length; i++) {
            params[i] = copy(theirs[i]);
            params[i].setRequiresGradient(true);
        }
    }

    private NDArray copy(io.github.chainrule.Tensor t) {
        long[] dims = new long[t.shape().rank()];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = t.shape().dim(d);
        }
        return manager.create(t.buffer(), new Shape(dims));
    }

    /** One SGD step: forward, cost, backward, θ −= 0.01·dθ, dθ = 0; returns the cost before the update. */
    double step() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray cost;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray h = Conv2d.conv2d(x, params[0], params[1], ONE, TWO).singletonOrThrow();
                h = Pool.maxPool2d(Activation.relu(h), TWO, TWO, new Shape(0, 0), false);
                h = Conv2d.conv2d(h, params[2], params[3]).singletonOrThrow();
                h = Pool.maxPool2d(Activation.relu(h), TWO, TWO, new Shape(0, 0), false);
                NDArray a = h.reshape(batch, 400).transpose();
                for (int l = 0; l < 3; l++) {
                    NDArray z = params[4 + 2 * l].matMul(a).add(params[5 + 2 * l]);
                    a = l < 2 ? Activation.relu(z) : z;
                }
                cost = a.logSoftmax(0).mul(oneHot).sum().mul(-1.0 / batch);
                collector.backward(cost);
            }
            for (NDArray p : params) {
                NDArray grad = p.getGradient();
                p.stopGradient().subi(grad.mul(CnnStep.LEARNING_RATE));
                grad.muli(0.0);   // DJL's PyTorch collector does not zero gradients
            }
            return cost.getDouble();
        }
    }

    /** Returns parameter {@code i} (CnnStep.parameters()'s order) as a row-major array, for the smoke test. */
    double[] parameter(int i) {
        return params[i].toDoubleArray();
    }

    /** Frees the data and parameters. */
    @Override
    public void close() {
        manager.close();
    }
}
