package io.github.chainrule.nn;

import io.github.chainrule.Tensor;

/**
 * Average pooling of images (N, C, H, W): each window's mean, per channel. Its gradient spreads evenly
 * over the window (see {@link io.github.chainrule.ops.Pooling} for how padding counts). No parameters.
 */
public final class AvgPool2d extends Pool2d {
    /**
     * Creates pooling over kernel × kernel windows that do not overlap (stride = kernel), no padding.
     *
     * @param kernel the window's height and width
     * @throws IllegalArgumentException if kernel is not positive
     */
    public AvgPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    /**
     * Creates pooling over kernel × kernel windows.
     *
     * @param kernel  the window's height and width
     * @param stride  the step between windows
     * @param padding the zero padding on each side
     * @throws IllegalArgumentException if kernel or stride is not positive or padding is negative
     */
    public AvgPool2d(int kernel, int stride, int padding) {
        super("AvgPool2d", kernel, stride, padding);
    }

    /**
     * Returns the pooled maps.
     *
     * @param x images, (N, C, H, W)
     * @return (N, C, H', W')
     */
    @Override
    public Tensor forward(Tensor x) {
        return x.avgPool2d(kernel(), stride(), padding());
    }
}
