package io.github.chainrule.ops;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.require;

/**
 * Max and average pooling over 2-d windows of images (N, C, H, W), each channel on its own. Both are
 * composites: every channel plane becomes a one-channel image, {@link Convolution#im2col} lays its
 * windows out as columns, and a max or mean over the column reduces each window. So the gradient is the
 * reduction's, routed back through col2im: max pooling sends a window's gradient to its maximum (tied
 * maxima share it evenly, as {@code max} over axes does), average pooling spreads it evenly over the
 * window. Max pooling whose windows tile the image (stride = kernel, no padding, the usual 2 × 2 pool)
 * skips im2col and runs {@code TiledMaxPool}'s loops, with the same values and gradients.
 *
 * <p>As PyTorch's defaults: padding is at most half the kernel; max pooling pads with −∞ (padding never
 * wins), average pooling with zeros that count in the divisor ({@code count_include_pad}); windows do
 * not run past the padded input ({@code ceil_mode} off); no dilation.
 */
public final class Pooling {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    private Pooling() {
    }

    private static void define(OpDef.Builder b) {
        Families.define(DEFINITIONS, "Pooling", b);
    }

    static {
        define(OpDef.builder("max_pool2d", Signature.POOL2D)
                .forward("y[n, c, h', w'] = max over the window x[n, c, s·h' − p + i, s·w' − p + j], −∞ in the padding (composite: max over im2col)")
                .derivative("dx = col2im(g·[x = window max] / number of tied maxima): the gradient goes to the window's maximum")
                .ties("tied maxima in a window share its gradient evenly (PyTorch's max_pool2d gives it all to the first)")
                .invoker((in, at) -> maxPool2d(in[0], kernel("max_pool2d", at)[0], kernel("max_pool2d", at)[1],
                        Convolution.options("max_pool2d", at))));
        define(OpDef.builder("avg_pool2d", Signature.POOL2D)
                .forward("y[n, c, h', w'] = (1/(kH·kW)) Σ over the window x[n, c, s·h' − p + i, s·w' − p + j], padding counted as 0")
                .derivative("dx = col2im(g/(kH·kW) repeated over the window)")
                .invoker((in, at) -> avgPool2d(in[0], kernel("avg_pool2d", at)[0], kernel("avg_pool2d", at)[1],
                        Convolution.options("avg_pool2d", at))));
    }

    private static int[] kernel(String op, Attrs at) {
        int[] k = at.ints(op, "kernel", false);
        if (k.length != 2) {
            throw new IllegalArgumentException(op + ": attribute 'kernel' should hold 2 values (height, width), got " + k.length);
        }
        return k;
    }

    /**
     * Returns the maximum of each kernel × kernel window of each channel, the windows not overlapping
     * (stride = kernel), no padding.
     *
     * @param x      the images, (N, C, H, W)
     * @param kernel the window's height and width
     * @return (N, C, ⌊H/kernel⌋, ⌊W/kernel⌋)
     * @throws IllegalArgumentException naming the op and the values at fault
     */
    public static Tensor maxPool2d(Tensor x, int kernel) {
        return maxPool2d(x, kernel, kernel, 0);
    }

    /**
     * Returns the maximum of each kernel × kernel window of each channel.
     *
     * @param x       the images, (N, C, H, W)
     * @param kernel  the window's height and width
     * @param stride  the step between windows
     * @param padding the −∞ padding on each side, at most kernel/2
     * @return (N, C, H', W'), {@code H' = ⌊(H + 2p − kernel)/s⌋ + 1}
     * @throws IllegalArgumentException naming the op and the values at fault
     */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        return maxPool2d(x, kernel, kernel, ConvOptions.DEFAULT.stride(stride).padding(padding));
    }

    /**
     * Returns the maximum of each kernelH × kernelW window of each channel; the gradient goes to the
     * window's maximum, tied maxima sharing it evenly.
     *
     * @param x       the images, (N, C, H, W)
     * @param kernelH the window's height
     * @param kernelW the window's width
     * @param options the stride and the −∞ padding (at most half the kernel); dilation must be 1
     * @return (N, C, H', W'), {@code H' = ⌊(H + 2p − kH)/s⌋ + 1}, W' alike
     * @throws IllegalArgumentException naming the op and the values at fault: x not 4-d, a kernel or
     *                                  stride below 1, padding negative or over half the kernel, a dilation
     *                                  other than 1, a kernel larger than the padded input
     */
    public static Tensor maxPool2d(Tensor x, int kernelH, int kernelW, ConvOptions options) {
        Convolution.Window win = window("max_pool2d", x, kernelH, kernelW, options);
        int[] d = x.shape().dims();
        int oh = win.outputLength("max_pool2d", x.shape(), 2);
        int ow = win.outputLength("max_pool2d", x.shape(), 3);
        if (options.strideH() == kernelH && options.strideW() == kernelW && options.paddingH() == 0 && options.paddingW() == 0) {
            return TiledMaxPool.of(x, kernelH, kernelW, oh, ow).apply();
        }
        Tensor planes = x.reshape(d[0] * d[1], 1, d[2], d[3]);
        int pH = options.paddingH();
        int pW = options.paddingW();
        if (pH > 0 || pW > 0) {
            // −∞ around the plane: padding never wins a window, and −∞ + 0 keeps it a constant the gradient ignores.
            planes = planes.pad(2, pH, pH).pad(3, pW, pW).add(border(d[2], d[3], pH, pW));
        }
        Tensor cols = Convolution.im2col(planes, Convolution.Window.of("max_pool2d", kernelH, kernelW, options.padding(0)));
        return Reductions.max(cols, new int[] {0}, false).reshape(d[0], d[1], oh, ow);
    }

    private static Tensor border(int h, int w, int pH, int pW) {
        int hp = h + 2 * pH;
        int wp = w + 2 * pW;
        double[] v = new double[hp * wp];
        for (int i = 0; i < hp; i++) {
            for (int j = 0; j < wp; j++) {
                boolean inside = i >= pH && i < pH + h && j >= pW && j < pW + w;
                v[i * wp + j] = inside ? 0 : Double.NEGATIVE_INFINITY;
            }
        }
        return Tensor.wrap(v, Shape.of(1, 1, hp, wp));
    }

    /**
     * Returns the mean of each kernel × kernel window of each channel, the windows not overlapping
     * (stride = kernel), no padding.
     *
     * @param x      the images, (N, C, H, W)
     * @param kernel the window's height and width
     * @return (N, C, ⌊H/kernel⌋, ⌊W/kernel⌋)
     * @throws IllegalArgumentException naming the op and the values at fault
     */
    public static Tensor avgPool2d(Tensor x, int kernel) {
        return avgPool2d(x, kernel, kernel, 0);
    }

    /**
     * Returns the mean of each kernel × kernel window of each channel.
     *
     * @param x       the images, (N, C, H, W)
     * @param kernel  the window's height and width
     * @param stride  the step between windows
     * @param padding the zero padding on each side (counted in the mean), at most kernel/2
     * @return (N, C, H', W'), {@code H' = ⌊(H + 2p − kernel)/s⌋ + 1}
     * @throws IllegalArgumentException naming the op and the values at fault
     */
    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) {
        return avgPool2d(x, kernel, kernel, ConvOptions.DEFAULT.stride(stride).padding(padding));
    }

    /**
     * Returns the mean of each kernelH × kernelW window of each channel, zero padding counted in it.
     *
     * @param x       the images, (N, C, H, W)
     * @param kernelH the window's height
     * @param kernelW the window's width
     * @param options the stride and the zero padding (at most half the kernel); dilation must be 1
     * @return (N, C, H', W'), {@code H' = ⌊(H + 2p − kH)/s⌋ + 1}, W' alike
     * @throws IllegalArgumentException naming the op and the values at fault, as {@link #maxPool2d(Tensor, int, int, ConvOptions)}
     */
    public static Tensor avgPool2d(Tensor x, int kernelH, int kernelW, ConvOptions options) {
        Convolution.Window win = window("avg_pool2d", x, kernelH, kernelW, options);
        int[] d = x.shape().dims();
        int oh = win.outputLength("avg_pool2d", x.shape(), 2);
        int ow = win.outputLength("avg_pool2d", x.shape(), 3);
        Tensor cols = Convolution.im2col(x.reshape(d[0] * d[1], 1, d[2], d[3]), win);
        return Reductions.mean(cols, new int[] {0}, false).reshape(d[0], d[1], oh, ow);
    }

    private static Convolution.Window window(String op, Tensor x, int kH, int kW, ConvOptions options) {
        require(op, "x", x);
        if (options == null) {
            throw new IllegalArgumentException(op + ": options are null; use ConvOptions.DEFAULT");
        }
        if (x.rank() != 4) {
            throw new IllegalArgumentException(op + ": needs images (N, C, H, W), got " + x.shape());
        }
        Convolution.Window win = Convolution.Window.of(op, kH, kW, options);
        if (options.dilationH() != 1 || options.dilationW() != 1) {
            throw new IllegalArgumentException(op + ": dilation (" + options.dilationH() + ", " + options.dilationW()
                    + ") is not supported; pooling windows are contiguous");
        }
        if (2L * options.paddingH() > kH || 2L * options.paddingW() > kW) {
            throw new IllegalArgumentException(op + ": padding (" + options.paddingH() + ", " + options.paddingW()
                    + ") must be at most half the kernel " + Arrays.toString(new int[] {kH, kW}));
        }
        long paddedPlane = (x.shape().dim(2) + 2L * options.paddingH()) * (x.shape().dim(3) + 2L * options.paddingW());
        if (paddedPlane > Shape.MAX_SIZE) {
            throw new IllegalArgumentException(op + ": input " + x.shape() + " with padding (" + options.paddingH() + ", "
                    + options.paddingW() + ") makes planes of " + paddedPlane + " values, more than 2^31 − 1");
        }
        win.outputLength(op, x.shape(), 2);
        win.outputLength(op, x.shape(), 3);
        return win;
    }
}
