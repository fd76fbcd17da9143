package io.github.chainrule.nn.train;

import io.github.chainrule.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The course's mini-batches over in-memory X (n_x, m) and Y (n_y, m): each epoch, shuffle the columns
 * (X and Y by the same permutation), then cut them into batches of {@code batchSize}; the last batch holds
 * the remaining m mod batchSize examples when the size does not divide m.
 *
 * <p>A batch size of m or more gives batch gradient descent (one batch, no shuffling needed); a batch
 * size of 1 gives stochastic gradient descent.
 */
public final class MiniBatches implements BatchSource {
    private final Tensor X;
    private final Tensor Y;
    private final int batchSize;
    private final Random rng;

    private MiniBatches(Tensor X, Tensor Y, int batchSize, Random rng) {
        new Batch(X, Y);   // checks the shapes
        if (batchSize <= 0) {
            throw new IllegalArgumentException("MiniBatches: batch size must be positive, got " + batchSize);
        }
        this.X = X;
        this.Y = Y;
        this.batchSize = batchSize;
        this.rng = rng;
    }

    /**
     * Returns shuffled mini-batches of {@code batchSize}, the order drawn from {@code rng} each epoch.
     *
     * @throws IllegalArgumentException if the shapes do not match, the batch size is not positive or rng is null
     */
    public static MiniBatches shuffled(Tensor X, Tensor Y, int batchSize, Random rng) {
        if (rng == null) {
            throw new IllegalArgumentException("MiniBatches: rng is null; pass a seeded java.util.Random");
        }
        return new MiniBatches(X, Y, batchSize, rng);
    }

    /** Returns the whole set as one batch every epoch: batch gradient descent. */
    public static MiniBatches fullBatch(Tensor X, Tensor Y) {
        return new MiniBatches(X, Y, Integer.MAX_VALUE, null);
    }

    /** Returns the batches of one epoch: a fresh permutation (if shuffled), then consecutive slices of it. */
    @Override
    public List<Batch> epoch(int epoch) {
        int m = X.shape().dim(1);
        if (batchSize >= m) {
            return List.of(new Batch(X, Y));
        }
        int[] order = permutation(m);
        List<Batch> batches = new ArrayList<>((m + batchSize - 1) / batchSize);
        for (int start = 0; start < m; start += batchSize) {
            int[] cols = java.util.Arrays.copyOfRange(order, start, Math.min(m, start + batchSize));
            batches.add(new Batch(X.selectColumns(cols), Y.selectColumns(cols)));
        }
        return batches;
    }

    private int[] permutation(int m) {
        int[] p = new int[m];
        for (int i = 0; i < m; i++) {
            p[i] = i;
        }
        // Fisher–Yates: every permutation equally likely.
        for (int i = m - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int tmp = p[i];
            p[i] = p[j];
            p[j] = tmp;
        }
        return p;
    }
}
