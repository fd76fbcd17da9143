package io.github.chainrule.nn;

/**
 * Batch normalization in the course's layout: Z of shape (n, m), each of the n features normalized over
 * the m examples of the batch (the columns), γ, β and the running statistics of shape (n, 1). Placed
 * between Z = W·A + b and the activation, as the course places it (b is then redundant with β).
 * The formulas: {@link BatchNormalization}.
 */
public final class BatchNorm extends BatchNormalization {
    /**
     * Creates batch normalization of {@code n} features with ε = 1e-5 and momentum 0.1.
     *
     * @param n the number of features (rows of the input)
     * @throws IllegalArgumentException if n is not positive
     */
    public BatchNorm(int n) {
        this(n, DEFAULT_EPSILON, DEFAULT_MOMENTUM);
    }

    /**
     * Creates batch normalization of {@code n} features.
     *
     * @param n        the number of features (rows of the input)
     * @param epsilon  ε added to the variance, positive
     * @param momentum how far each running statistic moves toward the batch's, in [0, 1]
     * @throws IllegalArgumentException if n or ε is not positive or momentum is outside [0, 1]
     */
    public BatchNorm(int n, double epsilon, double momentum) {
        super("BatchNorm", n, 2, 0, new int[] {1}, epsilon, momentum);
    }

    @Override
    String expectedShape() {
        return "(" + gamma().shape().dim(0) + ", m): the features as rows, one column per example";
    }
}
