package io.github.chainrule.nn;

/**
 * What {@link MaxPool2d} and {@link AvgPool2d} share: a square window, its stride and padding, and no
 * parameters. Both take images (N, C, H, W) and pool each channel on its own.
 */
public abstract sealed class Pool2d extends Layer permits MaxPool2d, AvgPool2d {
    private final String kind;
    private final int kernel;
    private final int stride;
    private final int padding;

    Pool2d(String kind, int kernel, int stride, int padding) {
        if (kernel <= 0 || stride <= 0 || padding < 0) {
            throw new IllegalArgumentException(kind + ": kernel and stride must be positive and padding not negative, got "
                    + kernel + ", " + stride + ", " + padding);
        }
        this.kind = kind;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /**
     * Returns the window's height and width.
     *
     * @return the kernel size
     */
    public final int kernel() {
        return kernel;
    }

    /**
     * Returns the step between windows.
     *
     * @return the stride
     */
    public final int stride() {
        return stride;
    }

    /**
     * Returns the padding on each side.
     *
     * @return the padding
     */
    public final int padding() {
        return padding;
    }

    @Override
    public String toString() {
        return kind + "(" + kernel + ", stride " + stride + ", padding " + padding + ")";
    }
}
