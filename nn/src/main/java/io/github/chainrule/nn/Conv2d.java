package io.github.chainrule.nn;

import io.github.chainrule.Tensor;
import io.github.chainrule.ops.ConvOptions;

import java.util.Random;

/**
 * A 2-d convolutional layer: y = conv2d(x, W) + b for images x of shape (N, C, H, W), batch first as every
 * image library stores them, giving (N, F, H', W'). Follow a convolutional body with {@link Flatten} to
 * reach a {@link Dense} head in the course's (features, m) layout. The convolution itself, and why it is a
 * matmul underneath: {@link io.github.chainrule.ops.Convolution}.
 */
public final class Conv2d extends Convolutional {
    /**
     * Creates a layer of {@code outChannels} square filters of size {@code kernel}, stride 1, no padding.
     *
     * @param inChannels  C
     * @param outChannels F
     * @param kernel      the filter's height and width
     * @param init        the weight initializer, applied with the filter's fan-in C·kernel² as n[l-1]
     * @param rng         the seeded generator
     * @throws IllegalArgumentException if a size is not positive or an argument is null
     */
    public Conv2d(int inChannels, int outChannels, int kernel, Initializer init, Random rng) {
        this(inChannels, outChannels, kernel, kernel, ConvOptions.DEFAULT, init, rng);
    }

    /**
     * Creates a layer of {@code outChannels} filters of size kernelH × kernelW with the given options.
     *
     * @param inChannels  C
     * @param outChannels F
     * @param kernelH     the filter's height
     * @param kernelW     the filter's width
     * @param options     stride, padding, dilation and groups, e.g. {@code ConvOptions.DEFAULT.padding(2)}
     * @param init        the weight initializer, applied with the fan-in C/groups·kH·kW as n[l-1]
     * @param rng         the seeded generator
     * @throws IllegalArgumentException if a size is not positive, groups do not divide C and F, or an
     *                                  argument is null
     */
    public Conv2d(int inChannels, int outChannels, int kernelH, int kernelW, ConvOptions options, Initializer init,
                  Random rng) {
        super("Conv2d", inChannels, outChannels, new int[] {kernelH, kernelW}, options, init, rng);
    }

    /**
     * Returns conv2d(x, W) + b.
     *
     * @param x images, (N, C, H, W)
     * @return feature maps, (N, F, H', W')
     * @throws IllegalArgumentException naming the layer and the shapes if x does not fit
     */
    @Override
    public Tensor forward(Tensor x) {
        requireInput(x, 4, "(N, C, H, W)");
        return x.conv2d(W(), b(), options());
    }
}
