package io.github.chainrule.ops;

import io.github.chainrule.Graph;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

/**
 * Max pooling whose windows tile the image (stride = kernel, no padding: LeNet's and most CNNs' 2×2
 * pool), computed straight on the planes instead of through im2col. The windows do not overlap, so
 * every input pixel belongs to at most one window and the backward pass is a gather, not a scatter.
 *
 * <p>It gives exactly what the composite {@code max over im2col(x)} gives, window by window in the same
 * order of comparisons (NaN wins, as {@link Math#max} does), and the same gradient: each window's
 * gradient times the constant routing weight {@code [x = window max] / (number of tied maxima)} (so a
 * NaN window, which has no maximum equal to any entry, routes NaN to all of its pixels, 0/0); pixels no
 * window covers (the last rows or columns when the kernel does not divide the image) get 0.
 * Its rule is written with differentiable ops (spread the gradient over each window, then weight it),
 * so second order works; an in-place kernel does the same in one loop when the pass is not recorded.
 */
final class TiledMaxPool {
    private final Tensor x;
    private final int kH;
    private final int kW;
    private final int oh;
    private final int ow;
    private final int planes;
    private final int h;
    private final int w;

    private TiledMaxPool(Tensor x, int kH, int kW, int oh, int ow) {
        this.x = x;
        this.kH = kH;
        this.kW = kW;
        this.oh = oh;
        this.ow = ow;
        int[] d = x.shape().dims();
        this.planes = d[0] * d[1];
        this.h = d[2];
        this.w = d[3];
    }

    /** The pool of x (N, C, H, W) by kH × kW windows at stride kH × kW, whose output is (N, C, oh, ow); checked by the caller. */
    static TiledMaxPool of(Tensor x, int kH, int kW, int oh, int ow) {
        return new TiledMaxPool(x, kH, kW, oh, ow);
    }

    /** Returns the pooled maps, recorded with their backward rule and kernel. */
    Tensor apply() {
        int[] d = x.shape().dims();
        Shape outShape = Shape.of("max_pool2d", d[0], d[1], oh, ow);
        double[] out = new double[outShape.size()];
        if (out.length > 0) {
            forward(x.buffer(), out);
        }
        return Graph.record("max_pool2d", Tensor.wrap(out, outShape), (g, in, y) -> new Tensor[] {spread(g).mul(routing(y))},
                (g, in, y, grads) -> accumulate(g, y.buffer(), grads[0]), x);
    }

    private void forward(double[] in, double[] out) {
        int o = 0;
        for (int p = 0; p < planes; p++) {
            for (int r = 0; r < oh; r++) {
                int top = (p * h + r * kH) * w;
                for (int c = 0; c < ow; c++, o++) {
                    double m = Double.NEGATIVE_INFINITY;
                    for (int i = 0, row = top + c * kW; i < kH; i++, row += w) {
                        for (int j = 0; j < kW; j++) {
                            m = Math.max(m, in[row + j]);
                        }
                    }
                    out[o] = m;
                }
            }
        }
    }

    /** g (N, C, oh, ow) repeated over each window, as (N, C, H, W) with zeros where no window reaches: differentiable in g. */
    private Tensor spread(Tensor g) {
        int[] d = x.shape().dims();
        Tensor tiled = g.reshape(d[0], d[1], oh, 1, ow, 1)
                .broadcastTo(Shape.of(d[0], d[1], oh, kH, ow, kW))
                .reshape(d[0], d[1], oh * kH, ow * kW);
        if (oh * kH < h) {
            tiled = tiled.pad(2, 0, h - oh * kH);
        }
        return ow * kW < w ? tiled.pad(3, 0, w - ow * kW) : tiled;
    }

    /** The constant routing weights [x = window max] / (tied maxima), x's shape, 0 outside every window. */
    private Tensor routing(Tensor y) {
        double[] share = new double[x.size()];
        double[] in = x.buffer();
        double[] max = y.buffer();
        for (int o = 0; o < max.length; o++) {
            int first = corner(o);
            double count = ties(in, first, max[o]);
            for (int i = 0, row = first; i < kH; i++, row += w) {
                for (int j = 0; j < kW; j++) {
                    share[row + j] = (in[row + j] == max[o] ? 1.0 : 0.0) / count;
                }
            }
        }
        return Tensor.wrap(share, x.shape());
    }

    /** dx += g·routing, one window at a time: the rule above without its temporaries. */
    private void accumulate(double[] g, double[] max, double[] dx) {
        double[] in = x.buffer();
        for (int o = 0; o < max.length; o++) {
            int first = corner(o);
            double m = max[o];
            double count = ties(in, first, m);
            double go = g[o];
            for (int i = 0, row = first; i < kH; i++, row += w) {
                for (int j = 0; j < kW; j++) {
                    dx[row + j] += go * ((in[row + j] == m ? 1.0 : 0.0) / count);
                }
            }
        }
    }

    /** Index in x of the top-left pixel of output o's window. */
    private int corner(int o) {
        int c = o % ow;
        int rest = o / ow;
        int r = rest % oh;
        int p = rest / oh;
        return (p * h + r * kH) * w + c * kW;
    }

    private double ties(double[] in, int first, double m) {
        int count = 0;
        for (int i = 0, row = first; i < kH; i++, row += w) {
            for (int j = 0; j < kW; j++) {
                count += in[row + j] == m ? 1 : 0;
            }
        }
        return count;
    }
}
