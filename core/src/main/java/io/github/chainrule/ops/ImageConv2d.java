package io.github.chainrule.ops;

import io.github.chainrule.Graph;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.Kernels;
import io.github.chainrule.kernel.MatMulKernel;

import java.util.Arrays;

/**
 * conv2d without groups, one image at a time: the image's columns (C·kH·kW, H'·W') are laid out in a
 * small buffer that stays in cache, and W (F, C·kH·kW) times them is that image's (F, H'·W') block of the
 * result, already in (N, F, H', W') order. The batch-wide composite ({@link Convolution#im2col} of the
 * whole batch, one product, a permute, a bias add) wrote and read several batch-sized temporaries: for
 * LeNet's first layer 10 MB of columns per step, as much again backward, and each op's output fresh
 * memory. Images are split between the cores.
 *
 * <p>The backward rule is the composite's, written with differentiable ops (so second order works):
 * G is g as (F, N·H'·W'), dW = G·im2col(x)ᵀ, dx = col2im(Wᵀ·G), db = Σ_{n, h', w'} g. The in-place
 * kernel computes the same products image by image, the columns rebuilt from x rather than kept.
 */
final class ImageConv2d {
    private final Convolution.Window win;
    private final Shape image;
    private final int n;
    private final int c;
    private final int f;
    private final int rows;
    private final int oh;
    private final int ow;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private ImageConv2d(Shape image, int f, Convolution.Window win, int oh, int ow) {
        this.win = win;
        this.image = image;
        this.n = image.dim(0);
        this.c = image.dim(1);
        this.f = f;
        this.rows = c * win.kH * win.kW;
        this.oh = oh;
        this.ow = ow;
    }

    /** conv2d of x (N, C, H, W) with w (F, C, kH, kW) and bias b (F) or null, groups 1; checked by the caller. */
    static Tensor apply(Tensor x, Tensor w, Tensor b, Convolution.Window win, int oh, int ow) {
        ImageConv2d conv = new ImageConv2d(x.shape(), w.shape().dim(0), win, oh, ow);
        Shape outShape = Shape.of("conv2d", conv.n, conv.f, oh, ow);
        double[] y = new double[outShape.size()];
        // One image's columns (C·kH·kW, H'·W') are the buffer both passes work in. With an output, F ≥ 1 and
        // C·kH·kW ≤ w's size, so the product of the two ints fits a long.
        long columns = (long) conv.rows * oh * ow;
        if (y.length > 0 && columns > Shape.MAX_SIZE) {
            throw new IllegalArgumentException("conv2d: one image's columns, C·kH·kW × H'·W' = " + conv.rows + " × "
                    + (long) oh * ow + " = " + columns + " elements, exceed the largest array, " + Shape.MAX_SIZE
                    + ", for input " + x.shape() + " and weight " + w.shape());
        }
        if (y.length > 0) {
            conv.forward(x.buffer(), w.buffer(), b == null ? null : b.buffer(), y);
        }
        Tensor out = Tensor.wrap(y, outShape);
        if (b == null) {
            return Graph.record("conv2d", out, conv::rule, conv::accumulate, x, w);
        }
        return Graph.record("conv2d", out, conv::rule, conv::accumulate, x, w, b);
    }

    private void forward(double[] x, double[] w, double[] b, double[] y) {
        int pq = oh * ow;
        MatMulKernel kernel = Kernels.matMul();
        int[] layout = layout();
        eachImage(img -> {
            double[] cols = SCRATCH.get().cols(rows * pq, layout);
            win.move(x, img * imageSize(), 1, image, cols, true);
            int at = img * f * pq;
            if (rows == 0) {
                Arrays.fill(y, at, at + f * pq, 0.0);   // no input channels: each output is an empty sum
            } else {
                // W·cols_n written where the image's block of y lies: no per-image block to copy out.
                kernel.multiply(w, 0, f, rows, false, cols, 0, rows, pq, false, y, at);
            }
            if (b != null) {
                for (int k = 0; k < f; k++) {
                    double bias = b[k];
                    for (int z = at + k * pq, end = z + pq; z < end; z++) {
                        y[z] += bias;
                    }
                }
            }
        });
    }

    /** The differentiable rule: the composite's three products. */
    private Tensor[] rule(Tensor g, Tensor[] in, Tensor out) {
        Tensor x = in[0];
        Tensor w = in[1];
        Tensor gm = Shaping.permute(g, 1, 0, 2, 3).reshape(f, n * oh * ow);   // G (F, N·H'·W')
        Tensor dx = x.isGradRequired()
                ? Convolution.col2im(LinearAlgebra.matmul(w.reshape(f, rows), gm, true, false), image, win) : null;
        Tensor dw = w.isGradRequired()
                ? LinearAlgebra.matmul(gm, Convolution.im2col(x, win), false, true).reshape(w.shape().dims()) : null;
        if (in.length == 2) {
            return new Tensor[] {dx, dw};
        }
        Tensor db = in[2].isGradRequired() ? Reductions.sum(g, new int[] {0, 2, 3}, false) : null;
        return new Tensor[] {dx, dw, db};
    }

    /** The same products in place, image by image; each core sums its own images' dW, added up in a fixed order. */
    private void accumulate(double[] g, Tensor[] in, Tensor out, double[][] grads) {
        int pq = oh * ow;
        double[] x = in[0].buffer();
        double[] w = in[1].buffer();
        double[] dx = grads[0];
        double[] dw = grads[1];
        double[] db = grads.length > 2 ? grads[2] : null;
        if (db != null) {
            for (int img = 0; img < n; img++) {
                for (int k = 0; k < f; k++) {
                    db[k] += planeSum(g, (img * f + k) * pq, pq);
                }
            }
        }
        if ((dx == null && dw == null) || rows == 0 || (long) n * f * oh * ow == 0) {
            // With no input channels dx and dW are empty; with an empty output (no images, no filters, no
            // positions) g is empty and both are zero, so no image's columns are built (they could be huge).
            return;
        }
        MatMulKernel kernel = Kernels.matMul();
        int parts = Split.parts(n);
        double[][] dwParts = new double[parts][];
        int[] layout = layout();
        boolean spread = spreadPays();
        Split.eachPart(n, parts, (t, firstImage, endImage) -> {
            Scratch s = SCRATCH.get();
            // This part's Σ_n dWᵀ, (C·kH·kW, F): computed as cols_n·g_nᵀ rather than g_n·cols_nᵀ. The product
            // has only F columns, so the kernel reads cols_n (the big operand) where it lies and packs only g_n,
            // where g_n·cols_nᵀ would gather all of cols_n transposed into a packed panel.
            double[] mine = dw == null ? null : new double[rows * f];
            double[] product = dw == null ? null : new double[rows * f];
            for (int img = firstImage; img < endImage; img++) {
                int gOff = img * f * pq;   // g_n (F, H'·W') read where it lies in g
                if (dw != null) {
                    double[] cols = s.cols(rows * pq, layout);
                    win.move(x, img * imageSize(), 1, image, cols, true);
                    kernel.multiply(cols, 0, rows, pq, false, g, gOff, f, pq, true, product, 0);   // cols_n·g_nᵀ
                    for (int k = 0; k < mine.length; k++) {
                        mine[k] += product[k];
                    }
                }
                if (dx != null && spread) {
                    addImageGradientInRows(kernel, s, w, g, gOff, dx, img * imageSize());
                } else if (dx != null) {
                    double[] dcols = s.dcols(rows * pq);
                    kernel.multiply(w, 0, f, rows, true, g, gOff, f, pq, false, dcols, 0);   // Wᵀ·g_n
                    win.move(dx, img * imageSize(), 1, image, dcols, false);
                }
            }
            dwParts[t] = mine;
        });
        if (dw != null) {
            for (double[] part : dwParts) {   // dW += (Σ_n dWᵀ)ᵀ, the parts in a fixed order
                for (int k = 0; k < f; k++) {
                    for (int r = 0; r < rows; r++) {
                        dw[k * rows + r] += part[r * f + k];
                    }
                }
            }
        }
    }

    /**
     * True when {@link #addImageGradientInRows} handles this window (stride 1, dilation 1, no padding) and
     * pays: the image is at most twice as wide as the output, so the product grows at most twofold, and the
     * spread buffers fit an array.
     */
    private boolean spreadPays() {
        int width = image.dim(3);
        long run = (oh - 1L) * width + ow;
        return win.sH == 1 && win.sW == 1 && win.dH == 1 && win.dW == 1 && win.pH == 0 && win.pW == 0
                && width <= 2L * ow && Math.max(f, rows) * run <= Shape.MAX_SIZE;
    }

    /**
     * dx_n += col2im(Wᵀ·g_n) for a unit window (stride 1, dilation 1, no padding), with every addition in
     * runs of nearly a whole image plane. col2im adds each of the C·kH·kW rows of Wᵀ·g_n back as H' runs of
     * W' values (LeNet's second layer: 1,500 runs of 10 per image, a tenth of W6, nearly all loop overhead).
     * Here g_n is first spread to rows of the image's width W, zeros in the W − W' columns past each row's
     * end; then row (c, i, j) of Wᵀ·g_n lines up with the image plane c shifted by (i, j), so it is added
     * back as one run of (H' − 1)·W + W' values; its zero columns add zeros to the next row's first
     * entries, and the run ends inside the plane. The product grows by W/W' (14/10 for LeNet), less than
     * the loop overhead it saves.
     */
    private void addImageGradientInRows(MatMulKernel kernel, Scratch s, double[] w, double[] g, int gOff, double[] dx, int xOff) {
        int h = image.dim(2);
        int width = image.dim(3);
        int run = (oh - 1) * width + ow;
        double[] spread = s.spread(f * run, f, oh, ow, width);
        for (int k = 0; k < f; k++) {
            for (int y = 0; y < oh; y++) {
                System.arraycopy(g, gOff + (k * oh + y) * ow, spread, k * run + y * width, ow);
            }
        }
        double[] wide = s.dcols(rows * run);
        kernel.multiply(w, 0, f, rows, true, spread, 0, f, run, false, wide, 0);   // Wᵀ·spread g_n
        for (int ch = 0, r = 0; ch < c; ch++) {
            int plane = xOff + ch * h * width;
            for (int i = 0; i < win.kH; i++) {
                for (int j = 0; j < win.kW; j++, r++) {
                    int to = plane + i * width + j;
                    int from = r * run;
                    for (int t = 0; t < run; t++) {
                        dx[to + t] += wide[from + t];
                    }
                }
            }
        }
    }

    /**
     * Σ g[at, at + length), in four partial sums: one running sum waits for each addition before the next
     * (latency-bound, 4 % of W6 for its 400,000 values of db a step).
     */
    private static double planeSum(double[] g, int at, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int z = at;
        int end = at + length;
        for (; z + 3 < end; z += 4) {
            s0 += g[z];
            s1 += g[z + 1];
            s2 += g[z + 2];
            s3 += g[z + 3];
        }
        for (; z < end; z++) {
            s0 += g[z];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** What decides where an image's columns hold padding: the image's C, H, W and the window. */
    private int[] layout() {
        return new int[] {c, image.dim(2), image.dim(3), win.kH, win.kW, win.sH, win.sW, win.pH, win.pW, win.dH, win.dW};
    }

    private int imageSize() {
        return c * image.dim(2) * image.dim(3);
    }

    /** Runs {@code body} for every image, the images split between the cores in fixed ranges. */
    private void eachImage(java.util.function.IntConsumer body) {
        Split.eachPart(n, Split.parts(n), (part, from, to) -> {
            for (int img = from; img < to; img++) {
                body.accept(img);
            }
        });
    }

    /** Per-thread buffers for one image's columns and their gradient, reused from call to call. */
    private static final class Scratch {
        private double[] cols = new double[0];
        private double[] dcols = new double[0];
        private int[] colsLayout;
        private double[] spread = new double[0];
        private int[] spreadLayout;

        /**
         * Columns for one image of the given layout, zero wherever the window reads padding. move writes
         * every other entry, and the same ones for every image of a layout, so the zeros left by the last
         * use of the same layout still stand: the buffer is cleared only when the layout changes (LeNet's
         * two layers share a thread's buffer; clearing it for each image cost 4 % of W6).
         */
        double[] cols(int size, int[] layout) {
            if (cols.length < size) {
                cols = new double[size];
            } else if (!Arrays.equals(layout, colsLayout)) {
                Arrays.fill(cols, 0, size, 0.0);
            }
            colsLayout = layout;
            return cols;
        }

        /**
         * Room for g_n spread to rows of the image's width, {@code (f, run)}: the columns past each output row
         * are zero. Copies fill only the output rows, the same entries for every image of one shape, so the
         * buffer is cleared only when the shape changes.
         */
        double[] spread(int size, int f, int oh, int ow, int width) {
            int[] layout = {f, oh, ow, width};
            if (spread.length < size) {
                spread = new double[size];
            } else if (!Arrays.equals(layout, spreadLayout)) {
                Arrays.fill(spread, 0, size, 0.0);
            }
            spreadLayout = layout;
            return spread;
        }

        double[] dcols(int size) {
            if (dcols.length < size) {
                dcols = new double[size];
            }
            return dcols;
        }
    }
}
