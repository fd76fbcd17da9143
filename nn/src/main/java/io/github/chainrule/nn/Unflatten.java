package io.github.chainrule.nn;

import io.github.chainrule.Tensor;

/**
 * The inverse of {@link Flatten}: turns the course's columns (C·H·W, m) into batch-first images
 * (m, C, H, W), so that data kept in the course's layout (and batched by columns, as {@code MiniBatches}
 * does) can feed a convolutional body. A transpose and a reshape; no parameters.
 */
public final class Unflatten extends Layer {
    private final int channels;
    private final int height;
    private final int width;

    /**
     * Creates the layer for images of C channels, H rows and W columns.
     *
     * @param channels C
     * @param height   H
     * @param width    W
     * @throws IllegalArgumentException if a size is not positive or C·H·W passes Integer.MAX_VALUE
     */
    public Unflatten(int channels, int height, int width) {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("Unflatten: channels, height and width must be positive, got "
                    + channels + ", " + height + ", " + width);
        }
        if ((long) channels * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Unflatten: " + channels + "·" + height + "·" + width
                    + " features per image pass Integer.MAX_VALUE");
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    /**
     * Returns the columns of A as images.
     *
     * @param A the input, (C·H·W, m), one column per example
     * @return the images, (m, C, H, W)
     * @throws IllegalArgumentException naming the shapes if A does not have C·H·W rows
     */
    @Override
    public Tensor forward(Tensor A) {
        int features = channels * height * width;
        requireRows("Unflatten(" + channels + ", " + height + ", " + width + ")", A, features);
        return A.transpose().reshape(A.shape().dim(1), channels, height, width);
    }

    @Override
    public String toString() {
        return "Unflatten(" + channels + ", " + height + ", " + width + ")";
    }
}
