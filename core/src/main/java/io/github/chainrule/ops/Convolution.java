package io.github.chainrule.ops;

import io.github.chainrule.Graph;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.FreshArrays;

import java.util.ArrayList;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.require;

/**
 * Convolutions as im2col + GEMM: {@code im2col} lays every receptive field of the input out as a column,
 * so that a convolution is one matrix product with the filters, through the same matmul kernels as
 * {@code matmul}. {@code im2col} and {@code col2im} are an adjoint pair, each the other's backward rule
 * (like slice and pad), and conv2d and conv1d are composites of them, reshape, permute and matmul, so
 * their backward rules are written with differentiable ops and second order works:
 * <ul>
 *   <li>forward: Y = W (F, C·kH·kW) · cols (C·kH·kW, N·H'·W'), the whole batch in one product;</li>
 *   <li>dW = G · colsᵀ, a matmul with im2col(x);</li>
 *   <li>dx = col2im(Wᵀ · G), a transposed convolution.</li>
 * </ul>
 * Without groups, conv2d computes the same products one image at a time ({@code ImageConv2d}), so that
 * no batch-sized columns are built; those formulas remain its differentiable backward rule.
 *
 * <p>Images are (N, C, H, W), batch first, as every image library stores them, while {@code nn}'s Dense
 * keeps the course's (features, m), examples as columns. They meet with a reshape and a transpose:
 * {@code y.reshape(N, C * H * W).transpose()} is (C·H·W, N), the input a Dense layer takes.
 */
public final class Convolution {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    private Convolution() {
    }

    private static void define(OpDef.Builder b) {
        Families.define(DEFINITIONS, "Convolution", b);
    }

    static {
        define(OpDef.builder("conv2d", Signature.CONV2D).arity(-1)
                .shapes("x (N, C, H, W), w (F, C/groups, kH, kW), b (F) optional → (N, F, H', W'), H' = ⌊(H + 2p − d(kH − 1) − 1)/s⌋ + 1")
                .forward("y[n, f] = b[f] + Σ_{c in f's group, i, j} w[f, c, i, j]·x[n, c, s·h' − p + d·i, s·w' − p + d·j] (composite: W·im2col(x))")
                .derivative("dW = G·im2col(x)ᵀ, dx = col2im(Wᵀ·G), db = Σ_{n, h', w'} g (G is g as (F, N·H'·W'))")
                .invoker((in, at) -> conv2d(input(in, "conv2d", 0), in[1], bias(in), options("conv2d", at))));
        define(OpDef.builder("conv1d", Signature.CONV1D).arity(-1)
                .shapes("x (N, C, L), w (F, C/groups, k), b (F) optional → (N, F, L'), L' = ⌊(L + 2p − d(k − 1) − 1)/s⌋ + 1")
                .forward("y[n, f, l'] = b[f] + Σ_{c, i} w[f, c, i]·x[n, c, s·l' − p + d·i] (composite: conv2d with height 1)")
                .derivative("as conv2d's: dW = G·im2col(x)ᵀ, dx = col2im(Wᵀ·G), db = Σ g")
                .invoker((in, at) -> conv1d(input(in, "conv1d", 0), in[1], bias(in), options1d(at))));
        define(OpDef.builder("im2col", Signature.IM2COL)
                .shapes("x (N, C, H, W) → (C·kH·kW, N·H'·W')")
                .forward("cols[(c, i, j), (n, h', w')] = x[n, c, s·h' − p + d·i, s·w' − p + d·j], 0 in the padding")
                .derivative("dx = col2im(g): each column's gradient added back where it was read")
                .invoker((in, at) -> {
                    int[] k = at.ints("im2col", "kernel", false);
                    return im2col(in[0], pair("im2col", "kernel", k)[0], k[1], options("im2col", at));
                }));
        define(OpDef.builder("col2im", Signature.COL2IM)
                .shapes("cols (C·kH·kW, N·H'·W'), attribute shape (N, C, H, W) → (N, C, H, W)")
                .forward("x[n, c, h, w] = Σ of the columns' entries read from (n, c, h, w) by im2col (overlaps add)")
                .derivative("dcols = im2col(g)")
                .invoker((in, at) -> {
                    int[] k = at.ints("col2im", "kernel", false);
                    return col2im(in[0], Shape.of("col2im", at.ints("col2im", "shape", false)), pair("col2im", "kernel", k)[0], k[1],
                            options("col2im", at));
                }));
    }

    /** Returns input i of a conv call by name, after checking that there are two tensors or three (with a bias). */
    private static Tensor input(Tensor[] in, String op, int i) {
        if (in.length != 2 && in.length != 3) {
            throw new IllegalArgumentException(op + ": takes an input, a weight and optionally a bias, got " + in.length + " tensors");
        }
        return in[i];
    }

    private static Tensor bias(Tensor[] in) {
        return in.length == 3 ? in[2] : null;
    }

    private static int[] pair(String op, String name, int[] v) {
        if (v.length != 2) {
            throw new IllegalArgumentException(op + ": attribute '" + name + "' should hold 2 values (height, width), got " + v.length);
        }
        return v;
    }

    /** Reads the int[2] attributes stride, padding and dilation and the int groups, each optional. */
    static ConvOptions options(String op, Attrs at) {
        ConvOptions o = ConvOptions.DEFAULT;
        if (at.has("stride")) {
            int[] s = pair(op, "stride", at.ints(op, "stride", false));
            o = o.stride(s[0], s[1]);
        }
        if (at.has("padding")) {
            int[] p = pair(op, "padding", at.ints(op, "padding", false));
            o = o.padding(p[0], p[1]);
        }
        if (at.has("dilation")) {
            int[] d = pair(op, "dilation", at.ints(op, "dilation", false));
            o = o.dilation(d[0], d[1]);
        }
        return at.has("groups") ? o.groups(at.integer(op, "groups")) : o;
    }

    private static ConvOptions options1d(Attrs at) {
        ConvOptions o = ConvOptions.DEFAULT;
        o = at.has("stride") ? o.stride(at.integer("conv1d", "stride")) : o;
        o = at.has("padding") ? o.padding(at.integer("conv1d", "padding")) : o;
        o = at.has("dilation") ? o.dilation(at.integer("conv1d", "dilation")) : o;
        return at.has("groups") ? o.groups(at.integer("conv1d", "groups")) : o;
    }

    // ---------------------------------------------------------------- conv2d, conv1d

    /**
     * Returns the 2-d convolution (PyTorch's, a cross-correlation) of images x with filters w, stride 1,
     * no padding.
     *
     * @param x the images, (N, C, H, W)
     * @param w the filters, (F, C, kH, kW)
     * @return the feature maps, (N, F, H − kH + 1, W − kW + 1)
     * @throws IllegalArgumentException naming the shapes if they do not fit together
     */
    public static Tensor conv2d(Tensor x, Tensor w) {
        return conv2d(x, w, null, ConvOptions.DEFAULT);
    }

    /**
     * Returns the 2-d convolution (PyTorch's, a cross-correlation) of images x with filters w, plus a bias
     * per filter: {@code y[n, f, h', w'] = b[f] + Σ w[f, c, i, j]·x[n, c, s·h' − p + d·i, s·w' − p + d·j]},
     * the sum over i, j and the input channels c of filter f's group.
     *
     * <p>Images are (N, C, H, W), batch first; to feed the result to {@code nn}'s Dense, which takes
     * (features, m), use {@code y.reshape(N, F * H' * W').transpose()}.
     *
     * @param x       the images, (N, C, H, W)
     * @param w       the filters, (F, C/groups, kH, kW)
     * @param b       the bias, (F), or null for none
     * @param options stride, zero padding, dilation and groups
     * @return the feature maps, (N, F, H', W') with {@code H' = ⌊(H + 2p − d·(kH − 1) − 1)/s⌋ + 1}, W' alike
     * @throws IllegalArgumentException naming the op and the shapes or values at fault: ranks, channels
     *                                  that do not match, groups not dividing C or F, a stride or dilation
     *                                  below 1, negative padding, a kernel larger than the padded input
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor b, ConvOptions options) {
        require("conv2d", "x", x);
        require("conv2d", "w", w);
        requireOptions("conv2d", options);
        if (x.rank() != 4 || w.rank() != 4) {
            throw new IllegalArgumentException("conv2d: needs an input (N, C, H, W) and a weight (F, C/groups, kH, kW), got "
                    + x.shape() + " and " + w.shape());
        }
        int c = x.shape().dim(1);
        int f = w.shape().dim(0);
        checkChannels("conv2d", x.shape(), w.shape(), b, options.groups());
        Window win = Window.of("conv2d", w.shape().dim(2), w.shape().dim(3), options);
        win.outputLength("conv2d", x.shape(), 2);
        win.outputLength("conv2d", x.shape(), 3);

        int n = x.shape().dim(0);
        int groups = options.groups();
        if (groups == 1) {
            return ImageConv2d.apply(x, w, b, win, win.outputLength("conv2d", x.shape(), 2), win.outputLength("conv2d", x.shape(), 3));
        }
        int rows = c / groups * win.kH * win.kW;
        Tensor cols = im2col(x, win);                         // (C·kH·kW, N·H'·W')
        Tensor wm = w.reshape(f, rows);                       // (F, C/g·kH·kW)
        Tensor y;
        if (groups == 1) {
            y = LinearAlgebra.matmul(wm, cols, false, false);
        } else {
            // Group i's filters are rows [i·F/g, (i+1)·F/g) of W, and its channels rows [i·rows, (i+1)·rows) of cols.
            Tensor[] parts = new Tensor[groups];
            int fg = f / groups;
            for (int i = 0; i < groups; i++) {
                parts[i] = LinearAlgebra.matmul(wm.slice(0, i * fg, (i + 1) * fg), cols.slice(0, i * rows, (i + 1) * rows), false, false);
            }
            y = Shaping.concat(0, parts);
        }
        int oh = win.outputLength("conv2d", x.shape(), 2);
        int ow = win.outputLength("conv2d", x.shape(), 3);
        // The product's columns run over (n, h', w'); moving F behind N gives (N, F, H', W').
        Tensor out = y.reshape(f, n, oh, ow).permute(1, 0, 2, 3);
        return b == null ? out : out.add(b.reshape(1, f, 1, 1));
    }

    /**
     * Returns the 1-d convolution of sequences x with filters w, stride 1, no padding.
     *
     * @param x the sequences, (N, C, L)
     * @param w the filters, (F, C, k)
     * @return (N, F, L − k + 1)
     * @throws IllegalArgumentException naming the shapes if they do not fit together
     */
    public static Tensor conv1d(Tensor x, Tensor w) {
        return conv1d(x, w, null, ConvOptions.DEFAULT);
    }

    /**
     * Returns the 1-d convolution of sequences x with filters w, plus a bias per filter:
     * {@code y[n, f, l'] = b[f] + Σ w[f, c, i]·x[n, c, s·l' − p + d·i]}; conv2d on inputs of height 1.
     *
     * @param x       the sequences, (N, C, L), batch first
     * @param w       the filters, (F, C/groups, k)
     * @param b       the bias, (F), or null for none
     * @param options stride, padding and dilation, each set with its one-value method, and groups
     * @return (N, F, L') with {@code L' = ⌊(L + 2p − d·(k − 1) − 1)/s⌋ + 1}
     * @throws IllegalArgumentException naming the op and the shapes or values at fault, or if the options
     *                                  give different height and width values
     */
    public static Tensor conv1d(Tensor x, Tensor w, Tensor b, ConvOptions options) {
        require("conv1d", "x", x);
        require("conv1d", "w", w);
        requireOptions("conv1d", options);
        if (x.rank() != 3 || w.rank() != 3) {
            throw new IllegalArgumentException("conv1d: needs an input (N, C, L) and a weight (F, C/groups, k), got "
                    + x.shape() + " and " + w.shape());
        }
        if (options.strideH() != options.strideW() || options.paddingH() != options.paddingW()
                || options.dilationH() != options.dilationW()) {
            throw new IllegalArgumentException("conv1d: options " + options + " give two values for one axis; set them with"
                    + " stride(s), padding(p), dilation(d)");
        }
        checkChannels("conv1d", x.shape(), w.shape(), b, options.groups());
        Window.of("conv1d", 1, w.shape().dim(2), options);
        long span = (long) options.dilationW() * (w.shape().dim(2) - 1) + 1;
        long padded = x.shape().dim(2) + 2L * options.paddingW();
        if (span > padded) {
            throw new IllegalArgumentException("conv1d: the kernel " + w.shape().dim(2) + " with dilation " + options.dilationW()
                    + " spans " + span + ", more than the padded input's " + padded + " (input " + x.shape() + ", padding "
                    + options.paddingW() + ")");
        }
        int[] xd = x.shape().dims();
        int[] wd = w.shape().dims();
        ConvOptions flat = options.stride(1, options.strideW()).padding(0, options.paddingW()).dilation(1, options.dilationW());
        Tensor y = conv2d(x.reshape(xd[0], xd[1], 1, xd[2]), w.reshape(wd[0], wd[1], 1, wd[2]), b, flat);
        return y.reshape(y.shape().dim(0), y.shape().dim(1), y.shape().dim(3));
    }

    private static void requireOptions(String op, ConvOptions options) {
        if (options == null) {
            throw new IllegalArgumentException(op + ": options are null; use ConvOptions.DEFAULT");
        }
    }

    private static void checkChannels(String op, Shape x, Shape w, Tensor b, int groups) {
        int c = x.dim(1);
        int f = w.dim(0);
        if (groups < 1) {
            throw new IllegalArgumentException(op + ": groups must be at least 1, got " + groups);
        }
        if (c % groups != 0 || f % groups != 0) {
            throw new IllegalArgumentException(op + ": groups " + groups + " must divide the input channels " + c
                    + " and the filters " + f + " (input " + x + ", weight " + w + ")");
        }
        Reshaping.requireFewPieces(op, groups, w);   // a product per group
        if (w.dim(1) != c / groups) {
            throw new IllegalArgumentException(op + ": weight " + w + " expects " + w.dim(1) + " input channels per group, but input "
                    + x + " has " + c + " channels in " + groups + " group" + (groups == 1 ? "" : "s") + ": " + (c / groups) + " each");
        }
        if (b != null && (b.rank() != 1 || b.shape().dim(0) != f)) {
            throw new IllegalArgumentException(op + ": bias " + b.shape() + " should be (" + f + ",), one value per filter of weight " + w);
        }
    }

    // ---------------------------------------------------------------- im2col, col2im

    /**
     * Returns every receptive field of images x as a column: row (c, i, j) and column (n, h', w') of the
     * result hold {@code x[n, c, s·h' − p + d·i, s·w' − p + d·j]}, 0 where that falls in the padding.
     * A convolution is then W (F, C·kH·kW) times this matrix. Its backward rule is {@link #col2im}.
     *
     * @param x       the images, (N, C, H, W)
     * @param kernelH the window's height kH
     * @param kernelW the window's width kW
     * @param options stride, padding and dilation (groups is not used)
     * @return the columns, (C·kH·kW, N·H'·W')
     * @throws IllegalArgumentException naming the op and the values at fault: x not 4-d, a kernel length,
     *                                  stride or dilation below 1, negative padding, a kernel larger than
     *                                  the padded input, a result of more than 2^31 − 1 elements
     */
    public static Tensor im2col(Tensor x, int kernelH, int kernelW, ConvOptions options) {
        require("im2col", "x", x);
        requireOptions("im2col", options);
        if (x.rank() != 4) {
            throw new IllegalArgumentException("im2col: needs images (N, C, H, W), got " + x.shape());
        }
        return im2col(x, Window.of("im2col", kernelH, kernelW, options));
    }

    static Tensor im2col(Tensor x, Window win) {
        Shape image = x.shape();
        Shape colShape = win.columnShape("im2col", image);
        double[] cols = FreshArrays.zeros(colShape.size());
        win.gather(x.buffer(), image, cols);
        return Graph.record("im2col", Tensor.wrap(cols, colShape), g -> new Tensor[] {col2im(g, image, win)}, x);
    }

    /**
     * Returns the adjoint of {@link #im2col}: images of {@code shape} where each entry is the sum of the
     * column entries im2col would have read from it (overlapping windows add up; padding is dropped).
     * With stride equal to the kernel and no padding it undoes im2col. Its backward rule is im2col.
     *
     * @param cols    the columns, (C·kH·kW, N·H'·W')
     * @param shape   the images' shape (N, C, H, W)
     * @param kernelH the window's height kH
     * @param kernelW the window's width kW
     * @param options stride, padding and dilation (groups is not used)
     * @return the images, of {@code shape}
     * @throws IllegalArgumentException naming the op if shape is not 4-d, the window does not fit it, or
     *                                  cols is not the shape im2col gives for it
     */
    public static Tensor col2im(Tensor cols, Shape shape, int kernelH, int kernelW, ConvOptions options) {
        require("col2im", "cols", cols);
        requireOptions("col2im", options);
        if (shape == null || shape.rank() != 4) {
            throw new IllegalArgumentException("col2im: needs an image shape (N, C, H, W), got " + shape);
        }
        Window win = Window.of("col2im", kernelH, kernelW, options);
        Shape expected = win.columnShape("col2im", shape);
        if (!cols.shape().equals(expected)) {
            throw new IllegalArgumentException("col2im: columns " + cols.shape() + " do not fit images " + shape + " with kernel ("
                    + kernelH + ", " + kernelW + ") and " + options + ": expected " + expected);
        }
        return col2im(cols, shape, win);
    }

    static Tensor col2im(Tensor cols, Shape image, Window win) {
        double[] out = FreshArrays.zeros(image.size());
        win.scatter(cols.buffer(), image, out);
        return Graph.record("col2im", Tensor.wrap(out, image), g -> new Tensor[] {im2col(g, win)}, cols);
    }

    /**
     * A sliding window's geometry: kernel lengths, stride, padding and dilation per axis, checked once,
     * and the two loops that move values between images and columns.
     */
    static final class Window {
        final int kH;
        final int kW;
        final int sH;
        final int sW;
        final int pH;
        final int pW;
        final int dH;
        final int dW;

        private Window(int kH, int kW, ConvOptions o) {
            this.kH = kH;
            this.kW = kW;
            this.sH = o.strideH();
            this.sW = o.strideW();
            this.pH = o.paddingH();
            this.pW = o.paddingW();
            this.dH = o.dilationH();
            this.dW = o.dilationW();
        }

        /** Returns the window, or throws naming {@code op} and the value at fault. */
        static Window of(String op, int kH, int kW, ConvOptions o) {
            if (kH < 1 || kW < 1) {
                throw new IllegalArgumentException(op + ": kernel (" + kH + ", " + kW + ") must be at least 1 on each axis");
            }
            if (o.strideH() < 1 || o.strideW() < 1) {
                throw new IllegalArgumentException(op + ": stride (" + o.strideH() + ", " + o.strideW() + ") must be at least 1 on each axis");
            }
            if (o.dilationH() < 1 || o.dilationW() < 1) {
                throw new IllegalArgumentException(op + ": dilation (" + o.dilationH() + ", " + o.dilationW() + ") must be at least 1 on each axis");
            }
            if (o.paddingH() < 0 || o.paddingW() < 0) {
                throw new IllegalArgumentException(op + ": padding (" + o.paddingH() + ", " + o.paddingW() + ") must not be negative");
            }
            return new Window(kH, kW, o);
        }

        /**
         * Returns the number of window positions along axis 2 (height) or 3 (width) of {@code image},
         * computed in long.
         *
         * @throws IllegalArgumentException naming op if the dilated kernel is longer than the padded axis
         */
        int outputLength(String op, Shape image, int axis) {
            boolean h = axis == 2;
            long n = image.dim(axis);
            long k = h ? kH : kW;
            long p = h ? pH : pW;
            long d = h ? dH : dW;
            long s = h ? sH : sW;
            long span = d * (k - 1) + 1;
            long padded = n + 2 * p;
            if (span > padded) {
                throw new IllegalArgumentException(op + ": the kernel (" + kH + ", " + kW + ") with dilation (" + dH + ", " + dW
                        + ") spans " + span + " along the " + (h ? "height" : "width") + ", more than the padded input's "
                        + padded + " (input " + image + ", padding (" + pH + ", " + pW + "))");
            }
            long out = (padded - span) / s + 1;
            if (out > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(op + ": " + out + " output positions along the " + (h ? "height" : "width")
                        + " exceed 2^31 − 1 (input " + image + ")");
            }
            return (int) out;
        }

        /** Returns the columns' shape (C·kH·kW, N·H'·W') for images of {@code image}'s shape, sizes in long. */
        Shape columnShape(String op, Shape image) {
            long rows = (long) image.dim(1) * kH * kW;
            long columns = (long) image.dim(0) * outputLength(op, image, 2) * outputLength(op, image, 3);
            if (rows > Shape.MAX_SIZE || columns > Shape.MAX_SIZE || rows * columns > Shape.MAX_SIZE) {
                throw new IllegalArgumentException(op + ": the columns for input " + image + " and kernel (" + kH + ", " + kW
                        + ") would hold " + rows + " × " + columns + " values, more than 2^31 − 1");
            }
            return Shape.of(op, (int) rows, (int) columns);
        }

        /** Copies each receptive field of x into its column of cols (im2col's loop); padding stays 0. */
        void gather(double[] x, Shape image, double[] cols) {
            move(x, 0, image.dim(0), image, cols, true);
        }

        /** Adds each column entry of cols back into the image position it came from (col2im's loop). */
        void scatter(double[] cols, Shape image, double[] x) {
            move(x, 0, image.dim(0), image, cols, false);
        }

        /**
         * Moves the columns of {@code images} consecutive images of x, the first at {@code x[xOff]}, to or from
         * cols (C·kH·kW, images·H'·W'): copies them into cols (padding entries are left as they are), or adds
         * cols back into x. {@code image} gives C, H and W (its first length is not used).
         */
        void move(double[] x, int xOff, int images, Shape image, double[] cols, boolean toColumns) {
            int c = image.dim(1);
            int h = image.dim(2);
            int w = image.dim(3);
            int oh = outputLength("im2col", image, 2);
            int ow = outputLength("im2col", image, 3);
            int width = images * oh * ow;
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < kH; i++) {
                    for (int j = 0; j < kW; j++) {
                        // The output columns z whose input column iw = z·sW − pW + j·dW falls inside [0, w), found once
                        // per kernel column (in long: with a large stride, dilation or padding it may pass 2^31), so
                        // the innermost loop has no bounds test.
                        long shift = (long) j * dW - pW;
                        long lo = shift >= 0 ? 0 : -Math.floorDiv(shift, sW);
                        long hi = Math.min(ow, Math.floorDiv(w - 1 - shift, sW) + 1);
                        if (hi <= lo) {
                            continue;   // this kernel column reads only padding: its column entries stay 0
                        }
                        int zLo = (int) lo;
                        int run = (int) (hi - lo);
                        int first = (int) (zLo * (long) sW + shift);   // iw of z = zLo, inside [0, w)
                        int row = ((ch * kH + i) * kW + j) * width;
                        for (int img = 0; img < images; img++) {
                            int plane = xOff + (img * c + ch) * h * w;
                            for (int y = 0; y < oh; y++) {
                                long ih = (long) y * sH - pH + (long) i * dH;
                                if (ih < 0 || ih >= h) {
                                    continue;   // a padding row: its column entries are 0 and take no gradient
                                }
                                int col = row + (img * oh + y) * ow + zLo;
                                int src = plane + (int) ih * w + first;
                                moveRun(x, src, cols, col, run, toColumns);
                            }
                        }
                    }
                }
            }
        }

        /** Moves one run of {@code run} columns entries: x read (or added to) at stride sW, cols contiguously. */
        private void moveRun(double[] x, int src, double[] cols, int col, int run, boolean toColumns) {
            if (toColumns) {
                if (sW == 1) {
                    System.arraycopy(x, src, cols, col, run);
                } else {
                    for (int z = 0; z < run; z++) {
                        cols[col + z] = x[src + z * sW];
                    }
                }
            } else if (sW == 1) {
                for (int z = 0; z < run; z++) {
                    x[src + z] += cols[col + z];   // unit stride, the common case: a loop the JIT vectorizes
                }
            } else {
                for (int z = 0; z < run; z++) {
                    x[src + z * sW] += cols[col + z];
                }
            }
        }
    }
}
