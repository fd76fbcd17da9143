package io.github.chainrule.nn;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

/**
 * Joins a batch-first tensor's per-example axes into one and turns it to the course's layout: (N, C, H, W)
 * (or any (N, d₁, ..., d_k)) becomes (C·H·W, N), one column per example, so that a {@link Dense} head can
 * follow a convolutional body. Images are stored batch first, as every image library stores them; Dense
 * keeps the course's (features, m): this layer is where the two meet, a reshape to (N, C·H·W) and a
 * transpose.
 */
public final class Flatten extends Layer {
    /**
     * Returns A reshaped to (N, rest) and transposed to (rest, N).
     *
     * @param A the input, batch first, rank at least 2
     * @return the features as rows, one column per example
     * @throws IllegalArgumentException if A has rank below 2 or too many features per example
     */
    @Override
    public Tensor forward(Tensor A) {
        if (A == null || A.rank() < 2) {
            throw new IllegalArgumentException("Flatten: needs a batch-first input (N, d1, ...) of rank 2 or more, got "
                    + (A == null ? "null" : "shape " + A.shape()));
        }
        Shape s = A.shape();
        long features = 1;
        for (int i = 1; i < s.rank(); i++) {
            features *= s.dim(i);    // in long: with N = 0 the other axes may multiply past an int
        }
        if (features > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Flatten: shape " + s + " has " + features + " features per example,"
                    + " more than " + Integer.MAX_VALUE);
        }
        return A.reshape(s.dim(0), (int) features).transpose();
    }

    @Override
    public String toString() {
        return "Flatten()";
    }
}
