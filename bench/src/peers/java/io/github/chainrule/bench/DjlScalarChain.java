package io.github.chainrule.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;

/**
 * W1's chain x(i+1) = x(i)·w(i) + c(i) on PyTorch via DJL: one 0-d FLOAT64 {@code NDArray} per leaf, with
 * the values of a chainrule {@link ScalarChain} of the same size (same seed), so both differentiate the
 * same numbers.
 *
 * <p>As WORKLOADS.md says for DJL, the leaves' gradients are not reset between runs (that would be one
 * more JNI call per leaf), so libtorch accumulates them: after r runs d x_K / d c_(K−1) = r.
 */
final class DjlScalarChain implements AutoCloseable {
    private final NDManager manager;
    private final NDArray x0;
    private final NDArray[] w;
    private final NDArray[] c;

    /** Copies the leaves of {@code chain} into 0-d FLOAT64 arrays that require a gradient. */
    DjlScalarChain(ScalarChain chain) {
        manager = NDManager.newBaseManager("PyTorch");
        x0 = leaf(chain.x0.item());
        w = new NDArray[chain.steps];
        c = new NDArray[chain.steps];
        for (int i = 0; i < chain.steps; i++) {
            w[i] = leaf(chain.w[i].item());
            c[i] = leaf(chain.c[i].item());
        }
    }

    private NDArray leaf(double value) {
        NDArray leaf = manager.create(value);       // a double gives a 0-d FLOAT64 array
        leaf.setRequiresGradient(true);
        return leaf;
    }

    /** Builds the chain, runs backward from x_K and returns d x_K / d c_(K−1), accumulated over runs. */
    double run() {
        // The scope closes the 2K intermediate arrays and the gradient read below, so native memory
        // does not grow with the number of runs; the leaves were created outside it and stay.
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray x = x0;
                for (int i = 0; i < w.length; i++) {
                    x = x.mul(w[i]).add(c[i]);
                }
                collector.backward(x);
            }
            return c[c.length - 1].getGradient().getDouble();
        }
    }

    /** Returns the accumulated d x_K / d x_0 (for the smoke test). */
    double gradX0() {
        try (NDArray grad = x0.getGradient()) {
            return grad.getDouble();
        }
    }

    /** Returns the accumulated d x_K / d w_i (for the smoke test). */
    double gradW(int i) {
        try (NDArray grad = w[i].getGradient()) {
            return grad.getDouble();
        }
    }

    /** Frees every native array of the chain. */
    @Override
    public void close() {
        manager.close();
    }
}
