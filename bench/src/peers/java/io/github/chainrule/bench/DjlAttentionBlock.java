package io.github.chainrule.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

/**
 * W7's attention block on PyTorch via DJL, FLOAT64: q, k, v = x·W split into heads, softmax(q·kᵀ/√(D/H)) over
 * the last axis, ·v, heads joined, ·Wo, loss = mean(out²), backward to the four W. x and the W are copied from
 * an {@link AttentionBlock}, so the loss and gradients equal chainrule's.
 */
final class DjlAttentionBlock implements AutoCloseable {
    private final NDManager manager;
    private final AttentionBlock shape;
    private final NDArray x;
    /** Wq, Wk, Wv, Wo. */
    private final NDArray[] w = new NDArray[4];
    /** Whether a backward pass has given the W their gradients (libtorch has none before the first). */
    private boolean ranOnce;

    /** Copies x and the four W of {@code ours}. */
    DjlAttentionBlock(AttentionBlock ours) {
        manager = NDManager.newBaseManager("PyTorch");
        shape = ours;
        x = manager.create(ours.x.buffer(), new Shape(ours.batch, ours.seq, ours.width));
        io.github.chainrule.Tensor[] theirs = {ours.wq, ours.wk, ours.wv, ours.wo};
        for (int i = 0; i < 4; i++) {
            w[i] = manager.create(theirs[i].buffer(), new Shape(ours.width, ours.width));
            w[i].setRequiresGradient(true);
        }
    }

    /** One iteration: the gradients cleared, forward, loss, backward; returns the loss. */
    double iteration() {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            if (ranOnce) {
                for (NDArray p : w) {
                    p.getGradient().muli(0.0);
                }
            }
            NDArray loss;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                int dh = shape.width / shape.heads;
                NDArray q = split(x.matMul(w[0]));
                NDArray k = split(x.matMul(w[1]));
                NDArray v = split(x.matMul(w[2]));
                NDArray a = q.matMul(k.transpose(0, 1, 3, 2)).mul(1.0 / Math.sqrt(dh)).softmax(-1);
                NDArray o = a.matMul(v).transpose(0, 2, 1, 3).reshape(shape.batch, shape.seq, shape.width);
                loss = o.matMul(w[3]).square().mean();
                collector.backward(loss);
            }
            ranOnce = true;
            return loss.getDouble();
        }
    }

    private NDArray split(NDArray t) {
        return t.reshape(shape.batch, shape.seq, shape.heads, shape.width / shape.heads).transpose(0, 2, 1, 3);
    }

    /** Returns the gradient of W number {@code i} (Wq, Wk, Wv, Wo) after the last iteration, for the smoke test. */
    double[] gradient(int i) {
        return w[i].getGradient().toDoubleArray();
    }

    /** Frees the data and parameters. */
    @Override
    public void close() {
        manager.close();
    }
}
