package io.github.chainrule.nn;

import io.github.chainrule.Tensor;
import io.github.chainrule.ops.ConvOptions;

import java.util.Random;

/**
 * A 1-d convolutional layer: y = conv1d(x, W) + b for sequences x of shape (N, C, L), batch first, giving
 * (N, F, L').
 */
public final class Conv1d extends Convolutional {
    /**
     * Creates a layer of {@code outChannels} filters of length {@code kernel}, stride 1, no padding.
     *
     * @param inChannels  C
     * @param outChannels F
     * @param kernel      the filter's length
     * @param init        the weight initializer, applied with the fan-in C·kernel as n[l-1]
     * @param rng         the seeded generator
     * @throws IllegalArgumentException if a size is not positive or an argument is null
     */
    public Conv1d(int inChannels, int outChannels, int kernel, Initializer init, Random rng) {
        this(inChannels, outChannels, kernel, ConvOptions.DEFAULT, init, rng);
    }

    /**
     * Creates a layer of {@code outChannels} filters of length {@code kernel} with the given options.
     *
     * @param inChannels  C
     * @param outChannels F
     * @param kernel      the filter's length
     * @param options     stride, padding and dilation (their one-value forms) and groups
     * @param init        the weight initializer, applied with the fan-in C/groups·kernel as n[l-1]
     * @param rng         the seeded generator
     * @throws IllegalArgumentException if a size is not positive, groups do not divide C and F, or an
     *                                  argument is null
     */
    public Conv1d(int inChannels, int outChannels, int kernel, ConvOptions options, Initializer init, Random rng) {
        super("Conv1d", inChannels, outChannels, new int[] {kernel}, options, init, rng);
    }

    /**
     * Returns conv1d(x, W) + b.
     *
     * @param x sequences, (N, C, L)
     * @return (N, F, L')
     * @throws IllegalArgumentException naming the layer and the shapes if x does not fit
     */
    @Override
    public Tensor forward(Tensor x) {
        requireInput(x, 3, "(N, C, L)");
        return x.conv1d(W(), b(), options());
    }
}
