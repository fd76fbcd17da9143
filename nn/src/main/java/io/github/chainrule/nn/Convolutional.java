package io.github.chainrule.nn;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.ops.ConvOptions;

import java.util.Random;

/**
 * What {@link Conv2d} and {@link Conv1d} share: filters W of shape (F, C/groups, k...) drawn by an
 * {@link Initializer} with the filter's fan-in C/groups·k... standing for the course's n[l-1] (so He and
 * Xavier keep their meaning: He scales by √(2 / fan-in)), a bias b of shape (F) starting at 0, and the
 * convolution's options. W is a weight (penalized by regularization); b is not.
 */
public abstract sealed class Convolutional extends Layer permits Conv2d, Conv1d {
    private final String layer;
    private final int inChannels;
    private final ConvOptions options;
    private final Tensor W;
    private final Tensor b;

    Convolutional(String kind, int inChannels, int outChannels, int[] kernel, ConvOptions options, Initializer init, Random rng) {
        if (inChannels <= 0 || outChannels <= 0) {
            throw new IllegalArgumentException(kind + ": channel counts must be positive, got " + inChannels + " in and "
                    + outChannels + " out");
        }
        if (options == null || init == null) {
            throw new IllegalArgumentException(kind + ": options and initializer must not be null");
        }
        int groups = options.groups();
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException(kind + ": groups = " + groups + " must divide both " + inChannels
                    + " input and " + outChannels + " output channels");
        }
        long fanIn = inChannels / groups;
        int[] dims = new int[kernel.length + 2];
        dims[0] = outChannels;
        dims[1] = inChannels / groups;
        for (int i = 0; i < kernel.length; i++) {
            if (kernel[i] <= 0) {
                throw new IllegalArgumentException(kind + ": kernel sizes must be positive, got " + kernel[i]);
            }
            fanIn *= kernel[i];
            dims[i + 2] = kernel[i];
        }
        Shape weightShape = Shape.of(dims);
        Tensor w = init.weights(outChannels, Math.toIntExact(fanIn), rng).reshape(dims);
        StringBuilder k = new StringBuilder();
        for (int i = 0; i < kernel.length; i++) {
            k.append(i > 0 ? "x" : "").append(kernel[i]);
        }
        this.layer = kind + "(" + inChannels + " -> " + outChannels + ", " + k + ")";
        this.inChannels = inChannels;
        this.options = options;
        this.W = addWeight("W", w.detach().copy().reshape(weightShape.dims()));
        this.b = addParameter("b", Tensor.zeros(outChannels));
    }

    /**
     * Returns the filters W, (F, C/groups, k...): the live parameter.
     *
     * @return W
     */
    public final Tensor W() {
        return W;
    }

    /**
     * Returns the bias b, (F): the live parameter.
     *
     * @return b
     */
    public final Tensor b() {
        return b;
    }

    /**
     * Returns the convolution's options (stride, padding, dilation, groups).
     *
     * @return the options
     */
    public final ConvOptions options() {
        return options;
    }

    /** Checks the input's rank and channel axis, naming the layer. */
    final void requireInput(Tensor x, int rank, String layout) {
        if (x == null || x.rank() != rank || x.shape().dim(1) != inChannels) {
            throw new IllegalArgumentException(layer + ": input has " + (x == null ? "null" : "shape " + x.shape())
                    + " but needs " + layout.replace("C", String.valueOf(inChannels)) + ", batch first");
        }
    }

    @Override
    public String toString() {
        return layer;
    }
}
