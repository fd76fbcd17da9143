package io.github.chainrule.nn;

/**
 * Batch normalization of images (N, C, H, W): each of the C channels normalized over the batch and every
 * position, the N·H·W values of that channel; γ, β and the running statistics of shape (1, C, 1, 1). The
 * formulas: {@link BatchNormalization}.
 */
public final class BatchNorm2d extends BatchNormalization {
    /**
     * Creates batch normalization of {@code channels} channels with ε = 1e-5 and momentum 0.1.
     *
     * @param channels C
     * @throws IllegalArgumentException if C is not positive
     */
    public BatchNorm2d(int channels) {
        this(channels, DEFAULT_EPSILON, DEFAULT_MOMENTUM);
    }

    /**
     * Creates batch normalization of {@code channels} channels.
     *
     * @param channels C
     * @param epsilon  ε added to the variance, positive
     * @param momentum how far each running statistic moves toward the batch's, in [0, 1]
     * @throws IllegalArgumentException if C or ε is not positive or momentum is outside [0, 1]
     */
    public BatchNorm2d(int channels, double epsilon, double momentum) {
        super("BatchNorm2d", channels, 4, 1, new int[] {0, 2, 3}, epsilon, momentum);
    }

    @Override
    String expectedShape() {
        return "(N, " + gamma().shape().dim(1) + ", H, W): images batch first";
    }
}
