package io.github.chainrule.ops;

import io.github.chainrule.Graph;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.FreshArrays;
import io.github.chainrule.kernel.MaxPoolLoops;

import java.util.Arrays;

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
    /** The planes' sizes for windows of 2 × 2, whose loops are {@link MaxPoolLoops}'; null for other windows. */
    private final MaxPoolLoops.Grid twoByTwo;

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
        this.twoByTwo = kH == 2 && kW == 2 ? new MaxPoolLoops.Grid(h, w, oh, ow) : null;
    }

    /** The pool of x (N, C, H, W) by kH × kW windows at stride kH × kW, whose output is (N, C, oh, ow); checked by the caller. */
    static TiledMaxPool of(Tensor x, int kH, int kW, int oh, int ow) {
        return new TiledMaxPool(x, kH, kW, oh, ow);
    }

    /** Returns the pooled maps, recorded with their backward rule and kernel. */
    Tensor apply() {
        int[] d = x.shape().dims();
        Shape outShape = Shape.of("max_pool2d", d[0], d[1], oh, ow);
        double[] out = FreshArrays.zeros(outShape.size());
        if (out.length > 0) {
            forward(x.buffer(), out);
        }
        return Graph.record("max_pool2d", Tensor.wrap(out, outShape), (g, in, y) -> new Tensor[] {spread(g).mul(routing(y))},
                (g, in, y, grads) -> accumulate(g, y.buffer(), grads[0]), x);
    }

    private void forward(double[] in, double[] out) {
        Split.ranges("max_pool2d", planes, in.length, (from, to) -> forward(in, out, from, to));
    }

    private void forward(double[] in, double[] out, int fromPlane, int toPlane) {
        if (twoByTwo != null) {
            MaxPoolLoops.max(in, out, twoByTwo, fromPlane, toPlane);
            return;
        }
        int o = fromPlane * oh * ow;
        for (int p = fromPlane; p < toPlane; p++) {
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
        double[] ones = new double[y.size()];
        Arrays.fill(ones, 1.0);
        route(ones, y.buffer(), share);
        return Tensor.wrap(share, x.shape());
    }

    /** dx += g·routing: the rule above without its temporaries. */
    private void accumulate(double[] g, double[] max, double[] dx) {
        route(g, max, dx);
    }

    /**
     * Adds g[o]·[x = max[o]] / ties(o) to each pixel of window o, as share·hit with share = g·(1/ties) and
     * hit 1 or 0: the composite's g·(hit/ties) to the last bit, signed zeros included (with no tie, a NaN
     * window, 1/0 = ∞ and ∞·0 = NaN as 0/0 is). Windows of 2 × 2, the common pool, take
     * {@link MaxPoolLoops#route}, the same sums without the loops over the window.
     */
    private void route(double[] g, double[] max, double[] dx) {
        Split.ranges("max_pool2d backward", planes, dx.length, (from, to) -> route(g, max, dx, from, to));
    }

    private void route(double[] g, double[] max, double[] dx, int fromPlane, int toPlane) {
        double[] in = x.buffer();
        if (twoByTwo != null) {
            MaxPoolLoops.route(g, max, in, dx, twoByTwo, fromPlane, toPlane);
            return;
        }
        int o = fromPlane * oh * ow;
        for (int p = fromPlane; p < toPlane; p++) {
            for (int r = 0; r < oh; r++) {
                int top = (p * h + r * kH) * w;
                for (int c = 0; c < ow; c++, o++) {
                    int first = top + c * kW;
                    double m = max[o];
                    int ties = 0;
                    for (int i = 0, row = first; i < kH; i++, row += w) {
                        for (int j = 0; j < kW; j++) {
                            ties += in[row + j] == m ? 1 : 0;
                        }
                    }
                    double share = g[o] * (1.0 / ties);
                    for (int i = 0, row = first; i < kH; i++, row += w) {
                        for (int j = 0; j < kW; j++) {
                            // the hit as an int, a conditional move (see MaxPoolLoops.routeWindow)
                            dx[row + j] += share * (in[row + j] == m ? 1 : 0);
                        }
                    }
                }
            }
        }
    }
}
