package io.github.chainrule.ops;

import io.github.chainrule.Graph;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.FreshArrays;
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
    /** The columns in rows of the padded image's width, for a window that allows it and where it pays; else null. */
    private final Wide wide;

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
        this.wide = Wide.of(image, f, rows, win, oh, ow);
    }

    /** conv2d of x (N, C, H, W) with w (F, C, kH, kW) and bias b (F) or null, groups 1; checked by the caller. */
    static Tensor apply(Tensor x, Tensor w, Tensor b, Convolution.Window win, int oh, int ow) {
        ImageConv2d conv = new ImageConv2d(x.shape(), w.shape().dim(0), win, oh, ow);
        Shape outShape = Shape.of("conv2d", conv.n, conv.f, oh, ow);
        double[] y = FreshArrays.zeros(outShape.size());
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
            Scratch s = SCRATCH.get();
            int at = img * f * pq;
            if (rows == 0) {
                Arrays.fill(y, at, at + f * pq, 0.0);   // no input channels: each output is an empty sum
            } else if (wide != null) {
                double[] cols = wide.columns(s, x, img * imageSize());
                double[] rowsOut = s.wideOut.get(f * wide.run);
                kernel.multiply(w, 0, f, rows, false, cols, 0, rows, wide.run, false, rowsOut, 0);
                wide.compact(rowsOut, y, at);
            } else {
                double[] cols = s.cols.get(rows * pq, layout);
                win.move(x, img * imageSize(), 1, image, cols, true);
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
            // The filters are shared out over the cores; each filter's planes are added image by image, in order.
            Split.ranges("conv2d bias gradient", f, (long) n * f * pq, (k0, k1) -> {
                for (int k = k0; k < k1; k++) {
                    double sum = db[k];
                    for (int img = 0; img < n; img++) {
                        sum += planeSum(g, (img * f + k) * pq, pq);
                    }
                    db[k] = sum;
                }
            });
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
        Split.eachPart("conv2d backward", n, parts, (t, firstImage, endImage) -> {
            Scratch s = SCRATCH.get();
            // This part's Σ_n dWᵀ, (C·kH·kW, F): computed as cols_n·g_nᵀ rather than g_n·cols_nᵀ. The product
            // has only F columns, so the kernel reads cols_n (the big operand) where it lies and packs only g_n,
            // where g_n·cols_nᵀ would gather all of cols_n transposed into a packed panel.
            double[] mine = dw == null ? null : new double[rows * f];
            for (int img = firstImage; img < endImage; img++) {
                int gOff = img * f * pq;   // g_n (F, H'·W') read where it lies in g
                // In the wide layout g_n is spread to rows of the padded width, zeros between them: the
                // product with the wide columns then sums over the real positions only.
                double[] spread = wide == null ? null : wide.spread(s, g, gOff);
                if (dw != null) {
                    if (wide != null) {
                        double[] cols = wide.columns(s, x, img * imageSize());
                        kernel.multiplyAdd(cols, 0, rows, wide.run, false, spread, 0, f, wide.run, true, mine, 0);
                    } else {
                        double[] cols = s.cols.get(rows * pq, layout);
                        win.move(x, img * imageSize(), 1, image, cols, true);
                        kernel.multiplyAdd(cols, 0, rows, pq, false, g, gOff, f, pq, true, mine, 0);   // += cols_n·g_nᵀ
                    }
                }
                if (dx != null && wide != null && wide.unpadded()) {
                    addImageGradientInRows(kernel, s, w, spread, dx, img * imageSize());
                } else if (dx != null) {
                    double[] dcols = s.dcols.get(rows * pq);
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
     * dx_n += col2im(Wᵀ·g_n) for an unpadded wide layout, with every addition in runs of nearly a whole image
     * plane. col2im adds each of the C·kH·kW rows of Wᵀ·g_n back as H' runs of W' values (LeNet's second
     * layer: 1,500 runs of 10 per image, a tenth of W6, nearly all loop overhead). With g_n spread to rows of
     * the image's width, row (c, i, j) of Wᵀ·g_n lines up with image plane c shifted by (i, j), so it is
     * added back as one run of (H' − 1)·W + W' values; its zero columns add zeros to the next row's first
     * entries, and the run ends inside the plane. The kW runs of one (c, i) overlap, each one position right
     * of the last, and are added a few at a time ({@link #addShiftedRuns}).
     */
    private void addImageGradientInRows(MatMulKernel kernel, Scratch s, double[] w, double[] spread, double[] dx, int xOff) {
        int run = wide.run;
        int planeSize = image.dim(2) * image.dim(3);
        double[] wideCols = s.dcols.get(rows * run);
        kernel.multiply(w, 0, f, rows, true, spread, 0, f, run, false, wideCols, 0);   // Wᵀ·spread g_n
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < win.kH; i++) {
                int to = xOff + ch * planeSize + i * wide.width;
                int row = (ch * win.kH + i) * win.kW;   // row (ch, i, 0) of Wᵀ·g_n
                for (int j = 0; j < win.kW; j += SHIFTED_RUNS) {
                    addShiftedRuns(wideCols, (row + j) * run, run, Math.min(SHIFTED_RUNS, win.kW - j), dx, to + j);
                }
            }
        }
    }

    /** The most runs {@link #addShiftedRuns} adds in one pass. */
    private static final int SHIFTED_RUNS = 4;

    /**
     * Adds {@code runs} (1 to {@link #SHIFTED_RUNS}) consecutive rows of src, each {@code run} long, to dx, row
     * j shifted j positions right: dx[to + u] += src[from + j·run + u − j] for every row j and position u it
     * covers. Where all the rows overlap, one pass adds them all: one load and store of dx per value instead
     * of one per row, in a loop the JIT vectorizes (LeNet's second layer, five rows of 92: 0.6 of the time
     * of adding the rows one by one, measured in one JVM). Each value still takes row j before row j + 1, so
     * the sums are those of the rows added one at a time, to the last bit.
     */
    private static void addShiftedRuns(double[] src, int from, int run, int runs, double[] dx, int to) {
        int all = runs - 1;                      // [all, run): the positions every row covers
        int end = run + runs - 1;                // past the last position any row covers
        int tail = Math.max(all, run);
        for (int u = 0; u < all; u++) {
            addShiftedRunsAt(src, from, run, runs, dx, to, u);
        }
        int s0 = from;                           // row j's value for position u is src[s_j + u]
        int s1 = s0 + run - 1;
        int s2 = s1 + run - 1;
        int s3 = s2 + run - 1;
        switch (runs) {
            case 4 -> {
                for (int u = all; u < run; u++) {
                    dx[to + u] = (((dx[to + u] + src[s0 + u]) + src[s1 + u]) + src[s2 + u]) + src[s3 + u];
                }
            }
            case 3 -> {
                for (int u = all; u < run; u++) {
                    dx[to + u] = ((dx[to + u] + src[s0 + u]) + src[s1 + u]) + src[s2 + u];
                }
            }
            case 2 -> {
                for (int u = all; u < run; u++) {
                    dx[to + u] = (dx[to + u] + src[s0 + u]) + src[s1 + u];
                }
            }
            default -> {
                for (int u = all; u < run; u++) {
                    dx[to + u] += src[s0 + u];
                }
            }
        }
        for (int u = tail; u < end; u++) {
            addShiftedRunsAt(src, from, run, runs, dx, to, u);
        }
    }

    /** {@link #addShiftedRuns} at one position u, where only some of the rows reach: rows j with 0 ≤ u − j < run. */
    private static void addShiftedRunsAt(double[] src, int from, int run, int runs, double[] dx, int to, int u) {
        double sum = dx[to + u];
        for (int j = Math.max(0, u - run + 1), last = Math.min(u, runs - 1); j <= last; j++) {
            sum += src[from + j * run + u - j];
        }
        dx[to + u] = sum;
    }

    /**
     * One image's columns for a window of stride 1 and dilation 1, laid out in rows of the padded image's
     * width W + 2·pW instead of the output's W'. Row (c, i, j) of the columns is then plane c of the padded
     * image read from (i, j) on, one contiguous run of (H' − 1)·(W + 2·pW) + W' values, copied in one go:
     * im2col's usual layout takes H' runs of W' values per row (LeNet: 1,500 runs of 10 per image, forward
     * and again for dW, an eighth of W6). The W + 2·pW − W' entries past each output row are positions
     * no window has: the forward drops them from W·columns (compact), and the backward multiplies them by
     * the zeros of g spread to the same layout. The products grow by (W + 2·pW)/W' (LeNet: 32/28 and
     * 14/10), less than the copying they save; used where that is at most twofold.
     */
    private static final class Wide {
        final int c;
        final int f;
        final int h;
        final int w;
        final int oh;
        final int ow;
        final int kH;
        final int kW;
        final int pH;
        final int pW;
        /** The padded image's width and height. */
        final int width;
        final int height;
        /** The length of one row of the columns: (H' − 1)·width + W'. */
        final int run;
        final int[] layout;

        private Wide(Shape image, int f, Convolution.Window win, int oh, int ow) {
            this.c = image.dim(1);
            this.f = f;
            this.h = image.dim(2);
            this.w = image.dim(3);
            this.oh = oh;
            this.ow = ow;
            this.kH = win.kH;
            this.kW = win.kW;
            this.pH = win.pH;
            this.pW = win.pW;
            this.width = w + 2 * pW;
            this.height = h + 2 * pH;
            this.run = (oh - 1) * width + ow;
            this.layout = new int[] {c, h, w, pH, pW, f, oh, ow};
        }

        /** Returns the layout for this convolution, or null where the window does not allow it or it does not pay. */
        static Wide of(Shape image, int f, int rows, Convolution.Window win, int oh, int ow) {
            if (win.sH != 1 || win.sW != 1 || win.dH != 1 || win.dW != 1 || oh == 0 || ow == 0 || rows == 0) {
                return null;
            }
            long width = image.dim(3) + 2L * win.pW;
            long padded = image.dim(1) * (image.dim(2) + 2L * win.pH) * width;
            long run = (oh - 1L) * width + ow;
            if (width > 2L * ow || Math.max(f, rows) * run > Shape.MAX_SIZE || padded > Shape.MAX_SIZE) {
                return null;
            }
            return new Wide(image, f, win, oh, ow);
        }

        boolean unpadded() {
            return pH == 0 && pW == 0;
        }

        /** Returns image x[xOff..]'s columns in this layout, (C·kH·kW, run), in a per-thread buffer. */
        double[] columns(Scratch s, double[] x, int xOff) {
            double[] src = x;
            int srcOff = xOff;
            if (!unpadded()) {
                src = s.padded.get(c * height * width, layout);   // its border stays zero from call to call
                srcOff = 0;
                for (int ch = 0; ch < c; ch++) {
                    for (int y = 0; y < h; y++) {
                        System.arraycopy(x, xOff + (ch * h + y) * w, src, (ch * height + y + pH) * width + pW, w);
                    }
                }
            }
            double[] cols = s.wideCols.get(c * kH * kW * run);
            for (int ch = 0, r = 0; ch < c; ch++) {
                for (int i = 0; i < kH; i++) {
                    for (int j = 0; j < kW; j++, r++) {
                        System.arraycopy(src, srcOff + (ch * height + i) * width + j, cols, r * run, run);
                    }
                }
            }
            return cols;
        }

        /** Returns g_n (F, H'·W') from g[gOff..] in rows of this layout's width, (F, run), zeros between them. */
        double[] spread(Scratch s, double[] g, int gOff) {
            double[] spread = s.spread.get(f * run, layout);
            for (int k = 0; k < f; k++) {
                for (int y = 0; y < oh; y++) {
                    System.arraycopy(g, gOff + (k * oh + y) * ow, spread, k * run + y * width, ow);
                }
            }
            return spread;
        }

        /** Copies the output positions of W·columns (F, run) into y's block (F, H'·W') from {@code at}. */
        void compact(double[] rowsOut, double[] y, int at) {
            for (int k = 0; k < f; k++) {
                for (int r = 0; r < oh; r++) {
                    System.arraycopy(rowsOut, k * run + r * width, y, at + (k * oh + r) * ow, ow);
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
        Split.eachPart("conv2d", n, Split.parts(n), (part, from, to) -> {
            for (int img = from; img < to; img++) {
                body.accept(img);
            }
        });
    }

    /** Per-thread buffers for one image's columns and their gradient, reused from call to call. */
    private static final class Scratch {
        /**
         * Columns for one image of the given layout, zero wherever the window reads padding. move writes
         * every other entry, and the same ones for every image of a layout, so the zeros left by the last
         * use of the same layout still stand (LeNet's two layers share a thread's buffer; clearing it for
         * each image cost 4 % of W6).
         */
        final ZeroedPerLayout cols = new ZeroedPerLayout();
        /**
         * g_n spread to rows of the wide layout's width, {@code (f, run)}, zero past each output row: copies
         * fill only the output rows, the same entries for every image of a layout.
         */
        final ZeroedPerLayout spread = new ZeroedPerLayout();
        /** A padded image of a layout, zero on its border. */
        final ZeroedPerLayout padded = new ZeroedPerLayout();
        /** One image's wide columns; every entry is written each time. */
        final Overwritten wideCols = new Overwritten();
        /** W·(wide columns), (F, run); every entry is written each time. */
        final Overwritten wideOut = new Overwritten();
        /** The columns' gradient; every entry is written each time. */
        final Overwritten dcols = new Overwritten();
    }

    /** A buffer whose every entry its user writes each time: it only grows. */
    private static final class Overwritten {
        private double[] buffer = new double[0];

        double[] get(int size) {
            if (buffer.length < size) {
                buffer = new double[size];
            }
            return buffer;
        }
    }

    /**
     * A buffer whose user writes the same entries for every image of a layout and needs the others zero: it
     * is cleared only when the layout changes, not once per image.
     */
    private static final class ZeroedPerLayout {
        private double[] buffer = new double[0];
        private int[] layout;

        double[] get(int size, int[] layout) {
            if (buffer.length < size) {
                buffer = new double[size];
            } else if (!Arrays.equals(layout, this.layout)) {
                Arrays.fill(buffer, 0, size, 0.0);
            }
            this.layout = layout;
            return buffer;
        }
    }
}
