package io.github.chainrule.nn.train;

import io.github.chainrule.nn.data.Augmentation;
import io.github.chainrule.nn.data.Dataset;

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
    private final Augmentation augmentation;

    private MiniBatches(Tensor X, Tensor Y, int batchSize, Random rng, Augmentation augmentation) {
        new Batch(X, Y);   // checks the shapes
        if (batchSize <= 0) {
            throw new IllegalArgumentException("MiniBatches: batch size must be positive, got " + batchSize);
        }
        this.X = X;
        this.Y = Y;
        this.batchSize = batchSize;
        this.rng = rng;
        this.augmentation = augmentation;
    }

    /**
     * Returns shuffled mini-batches of {@code batchSize}, the order drawn from {@code rng} each epoch.
     *
     * @param X         the inputs, shape (n_x, m)
     * @param Y         the labels, shape (n_y, m)
     * @param batchSize the examples per mini-batch
     * @param rng       the source of the shuffle
     * @return the batch source
     * @throws IllegalArgumentException if the shapes do not match, the batch size is not positive or rng is null
     */
    public static MiniBatches shuffled(Tensor X, Tensor Y, int batchSize, Random rng) {
        if (rng == null) {
            throw new IllegalArgumentException("MiniBatches: rng is null; pass a seeded java.util.Random");
        }
        return new MiniBatches(X, Y, batchSize, rng, Augmentation.none());
    }

    /**
     * Returns shuffled mini-batches of a dataset's examples, each batch's inputs changed by
     * {@code augmentation} (flips, shifts): data augmentation, applied to training batches only.
     *
     * @param data         the examples
     * @param batchSize    the examples per mini-batch
     * @param rng          the source of the shuffle and the augmentation
     * @param augmentation applied to each mini-batch
     * @return the batch source
     * @throws IllegalArgumentException if the batch size is not positive or rng or augmentation is null
     */
    public static MiniBatches augmented(Dataset data, int batchSize, Random rng, Augmentation augmentation) {
        if (rng == null || augmentation == null) {
            throw new IllegalArgumentException("MiniBatches: rng and augmentation must not be null");
        }
        return new MiniBatches(data.x(), data.y(), batchSize, rng, augmentation);
    }

    /**
     * Returns the whole set as one batch every epoch: batch gradient descent.
     *
     * @param X the inputs, shape (n_x, m)
     * @param Y the labels, shape (n_y, m)
     * @return the batch source
     */
    public static MiniBatches fullBatch(Tensor X, Tensor Y) {
        return new MiniBatches(X, Y, Integer.MAX_VALUE, null, Augmentation.none());
    }

    /** Returns the batches of one epoch: a fresh permutation (if shuffled), then consecutive slices of it. */
    @Override
    public List<Batch> epoch(int epoch) {
        if (batchSize >= X.shape().dim(1)) {
            return List.of(new Batch(X, Y));
        }
        // The shuffling and cutting are nn.data's (the course's random_mini_batches); this adapts them to the loop.
        List<Batch> batches = new ArrayList<>();
        for (Dataset d : io.github.chainrule.nn.data.MiniBatches.random(Dataset.of(X, Y), batchSize, rng, augmentation)) {
            batches.add(new Batch(d.x(), d.y()));
        }
        return batches;
    }
}
