package io.github.chainrule.nn.data;

import io.github.chainrule.Tensor;

import java.util.List;
import java.util.Random;

/**
 * A set of m examples in the course's layout: inputs X of shape (n_x, m) and targets Y of shape (n_y, m),
 * one example per COLUMN.
 *
 * <p>A dataset is a pair of constant tensors checked once, at construction, to hold the same number of
 * examples; the methods that cut it up ({@link #subset}, {@link #miniBatches}) return new datasets and
 * never modify this one.
 */
public final class Dataset {
    private final Tensor x;
    private final Tensor y;

    private Dataset(Tensor x, Tensor y) {
        this.x = x;
        this.y = y;
    }

    /**
     * Returns the dataset of inputs X (n_x, m) and targets Y (n_y, m).
     *
     * @param x the inputs, shape (n_x, m)
     * @param y the labels, one column per example
     * @return the data set
     * @throws IllegalArgumentException if either is null or not 2-D, or their example counts m differ
     */
    public static Dataset of(Tensor x, Tensor y) {
        if (x == null || y == null) {
            throw new IllegalArgumentException("Dataset.of: X and Y must not be null");
        }
        if (x.rank() != 2 || y.rank() != 2) {
            throw new IllegalArgumentException("Dataset.of: X and Y must be 2-D (features or outputs, m),"
                    + " got X " + x.shape() + " and Y " + y.shape());
        }
        if (x.shape().dim(1) != y.shape().dim(1)) {
            throw new IllegalArgumentException("Dataset.of: X " + x.shape() + " and Y " + y.shape()
                    + " hold different numbers of examples (columns): " + x.shape().dim(1) + " != "
                    + y.shape().dim(1));
        }
        return new Dataset(x, y);
    }

    /**
     * Returns the inputs X, shape (n_x, m).
     *
     * @return X, shape (n_x, m)
     */
    public Tensor x() {
        return x;
    }

    /**
     * Returns the targets Y, shape (n_y, m).
     *
     * @return Y, one column per example
     */
    public Tensor y() {
        return y;
    }

    /**
     * Returns the number of examples m.
     *
     * @return m
     */
    public int m() {
        return x.shape().dim(1);
    }

    /**
     * Returns the number of input features n_x.
     *
     * @return n_x
     */
    public int inputSize() {
        return x.shape().dim(0);
    }

    /**
     * Returns the number of target rows n_y.
     *
     * @return the rows of Y
     */
    public int outputSize() {
        return y.shape().dim(0);
    }

    /**
     * Returns the examples at {@code indices}, in that order (Tensor.selectColumns on X and Y).
     *
     * @param indices the examples to keep, in the order given
     * @return the selected examples
     * @throws IllegalArgumentException if an index is outside [0, m)
     */
    public Dataset subset(int... indices) {
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= m()) {
                throw new IllegalArgumentException("Dataset.subset: index " + indices[i] + " at position " + i
                        + " is outside [0, " + m() + ")");
            }
        }
        return new Dataset(x.selectColumns(indices), y.selectColumns(indices));
    }

    /**
     * Returns a copy of this dataset whose inputs are replaced by {@code newX}, same m; for augmentation and normalization.
     *
     * @param newX the new inputs, one column per example
     * @return the data set with the new inputs and the same labels
     */
    public Dataset withX(Tensor newX) {
        return of(newX, y);
    }

    /**
     * Returns the course's random mini-batches: the examples shuffled by {@code rng}, then cut into
     * batches of {@code batchSize} with a smaller last batch when m is not a multiple of it.
     *
     * @see MiniBatches#random(Dataset, int, Random)
     * @param batchSize the examples per mini-batch
     * @param rng       the source of the shuffle
     * @return the mini-batches
     */
    public List<Dataset> miniBatches(int batchSize, Random rng) {
        return MiniBatches.random(this, batchSize, rng);
    }

    /** Returns "Dataset(X (n_x,m), Y (n_y,m))". */
    @Override
    public String toString() {
        return "Dataset(X " + x.shape() + ", Y " + y.shape() + ")";
    }
}
