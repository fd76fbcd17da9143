package io.github.chainrule.nn.train;

import io.github.chainrule.Tensor;

/**
 * A mini-batch in the course's layout: X of shape (n_x, m_t) and Y of shape (n_y, m_t), one column per
 * example, the course's X{t}, Y{t}.
 *
 * @param X the inputs
 * @param Y the labels
 */
public record Batch(Tensor X, Tensor Y) {
    /**
     * Checks that X and Y are matrices with the same number of columns (examples).
     *
     * @param X the inputs, shape (n_x, m_t)
     * @param Y the labels, shape (n_y, m_t)
     * @throws IllegalArgumentException naming both shapes otherwise
     */
    public Batch {
        if (X == null || Y == null) {
            throw new IllegalArgumentException("Batch: X and Y must not be null");
        }
        if (X.rank() != 2 || Y.rank() != 2 || X.shape().dim(1) != Y.shape().dim(1)) {
            throw new IllegalArgumentException("Batch: X " + X.shape() + " and Y " + Y.shape()
                    + " must be matrices with the same number of columns (one per example)");
        }
        if (X.shape().dim(1) == 0) {
            throw new IllegalArgumentException("Batch: no examples (m = 0)");
        }
    }

    /**
     * Returns m_t, the number of examples (columns) in this batch.
     *
     * @return m_t, the examples in this batch
     */
    public int size() {
        return X.shape().dim(1);
    }
}
