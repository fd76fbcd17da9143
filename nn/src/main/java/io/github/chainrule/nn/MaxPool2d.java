package io.github.chainrule.nn;

import io.github.chainrule.Tensor;

/**
 * Max pooling of images (N, C, H, W): each window's largest value, per channel. Its gradient goes to
 * the position of the maximum (ties: see {@link io.github.chainrule.ops.Pooling}). No parameters.
 */
public final class MaxPool2d extends Pool2d {
    /**
     * Creates pooling over kernel × kernel windows that do not overlap (stride = kernel), no padding.
     *
     * @param kernel the window's height and width
     * @throws IllegalArgumentException if kernel is not positive
     */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /**
     * Creates pooling over kernel × kernel windows.
     *
     * @param kernel  the window's height and width
     * @param stride  the step between windows
     * @param padding the padding on each side (padded positions never win)
     * @throws IllegalArgumentException if kernel or stride is not positive or padding is negative
     */
    public MaxPool2d(int kernel, int stride, int padding) {
        super("MaxPool2d", kernel, stride, padding);
    }

    /**
     * Returns the pooled maps.
     *
     * @param x images, (N, C, H, W)
     * @return (N, C, H', W')
     */
    @Override
    public Tensor forward(Tensor x) {
        return x.maxPool2d(kernel(), stride(), padding());
    }
}
