package io.github.chainrule.ops;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.gradcheck.GradCheck;
import io.github.chainrule.gradcheck.Report;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Convolution and pooling against their definitions: each op's value equals a naive loop written
 * straight from the formula (the registry suite checks their gradients to first and second order),
 * im2col and col2im are adjoint, and bad input is refused with a message naming the op.
 */
class ConvolutionProperties {

    /** A convolution problem: shapes, geometry and a seed for the values. */
    record Problem(int n, int c, int f, int h, int w, int kH, int kW, int sH, int sW, int pH, int pW, int dH, int dW,
                   int groups, long seed) {
        ConvOptions options() {
            return ConvOptions.DEFAULT.stride(sH, sW).padding(pH, pW).dilation(dH, dW).groups(groups);
        }

        int outH() {
            return OpCases.outLength(h, kH, sH, pH, dH);
        }

        int outW() {
            return OpCases.outLength(w, kW, sW, pW, dW);
        }

        @Override
        public String toString() {
            return "x (" + n + ", " + c + ", " + h + ", " + w + "), w (" + f + ", " + c / groups + ", " + kH + ", " + kW + "), " + options();
        }
    }

    @Provide
    Arbitrary<Problem> problems() {
        Arbitrary<Integer> groups = Arbitraries.of(1, 1, 2, 3);
        return groups.flatMap(g -> Combinators.combine(List.of(
                        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 3 / g),
                        Arbitraries.integers().between(1, 3 / g), Arbitraries.integers().between(1, 6),
                        Arbitraries.integers().between(1, 6), Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 3),
                        Arbitraries.integers().between(1, 3))).as(p -> p)
                .flatMap(p -> Arbitraries.longs().map(seed -> new Problem(p.get(0), g * p.get(1), g * p.get(2), p.get(3), p.get(4),
                        p.get(5), p.get(6), p.get(7), p.get(8), p.get(9), p.get(10), p.get(11), p.get(12), g, seed))))
                .filter(q -> q.outH() > 0 && q.outW() > 0);
    }

    /** The seven loops of the definition: n, f, h', w', then c in f's group, i, j. */
    static double[] naiveConv2d(Problem q, double[] x, double[] w, double[] b) {
        int oh = q.outH();
        int ow = q.outW();
        int cg = q.c / q.groups;
        int fg = q.f / q.groups;
        double[] y = new double[q.n * q.f * oh * ow];
        for (int n = 0; n < q.n; n++) {
            for (int f = 0; f < q.f; f++) {
                for (int yh = 0; yh < oh; yh++) {
                    for (int yw = 0; yw < ow; yw++) {
                        double s = b == null ? 0 : b[f];
                        for (int cc = 0; cc < cg; cc++) {
                            int c = f / fg * cg + cc;
                            for (int i = 0; i < q.kH; i++) {
                                for (int j = 0; j < q.kW; j++) {
                                    int ih = yh * q.sH - q.pH + i * q.dH;
                                    int iw = yw * q.sW - q.pW + j * q.dW;
                                    if (ih >= 0 && ih < q.h && iw >= 0 && iw < q.w) {
                                        s += w[((f * cg + cc) * q.kH + i) * q.kW + j] * x[((n * q.c + c) * q.h + ih) * q.w + iw];
                                    }
                                }
                            }
                        }
                        y[((n * q.f + f) * oh + yh) * ow + yw] = s;
                    }
                }
            }
        }
        return y;
    }

    private static Tensor randn(Random r, int... dims) {
        return Tensor.randn(r, dims);
    }

    private static void assertClose(double[] expected, Tensor actual, double tol, Object what) {
        double[] a = actual.toArray();
        assertEquals(expected.length, a.length, () -> "size of " + what);
        for (int i = 0; i < a.length; i++) {
            int at = i;
            assertTrue(Math.abs(expected[i] - a[i]) <= tol * (1 + Math.abs(expected[i])),
                    () -> what + ": element " + at + " is " + a[at] + ", the definition gives " + expected[at]);
        }
    }

    /** conv2d equals the seven-loop definition to 1e-12 on random strides, paddings, dilations and groups, with and without a bias. */
    @Property(tries = 150)
    void conv2dEqualsTheSevenLoopDefinition(@ForAll("problems") Problem q) {
        Random r = new Random(q.seed());
        Tensor x = randn(r, q.n, q.c, q.h, q.w);
        Tensor w = randn(r, q.f, q.c / q.groups, q.kH, q.kW);
        Tensor b = q.seed() % 2 == 0 ? randn(r, q.f) : null;
        Tensor y = Convolution.conv2d(x, w, b, q.options());
        assertEquals(Shape.of(q.n, q.f, q.outH(), q.outW()), y.shape(), q::toString);
        assertClose(naiveConv2d(q, x.toArray(), w.toArray(), b == null ? null : b.toArray()), y, 1e-12, q);
    }

    /** conv1d equals conv2d's definition on images of height 1 (the loops over the height run once). */
    @Property(tries = 100)
    void conv1dEqualsTheDefinitionOnSequences(@ForAll("problems") Problem p) {
        Problem q = new Problem(p.n, p.c, p.f, 1, p.w, 1, p.kW, 1, p.sW, 0, p.pW, 1, p.dW, p.groups, p.seed);
        if (q.outW() <= 0) {
            return;
        }
        Random r = new Random(q.seed());
        Tensor x = randn(r, q.n, q.c, q.w);
        Tensor w = randn(r, q.f, q.c / q.groups, q.kW);
        Tensor b = randn(r, q.f);
        Tensor y = x.conv1d(w, b, ConvOptions.DEFAULT.stride(q.sW).padding(q.pW).dilation(q.dW).groups(q.groups));
        assertEquals(Shape.of(q.n, q.f, q.outW()), y.shape(), q::toString);
        assertClose(naiveConv2d(q, x.toArray(), w.toArray(), b.toArray()), y, 1e-12, q);
    }

    /** Each pooling window's value, by a loop over the window: max with −∞ padding, mean with zeros counted. */
    static double[] naivePool(Problem q, double[] x, boolean max) {
        int oh = q.outH();
        int ow = q.outW();
        double[] y = new double[q.n * q.c * oh * ow];
        for (int plane = 0; plane < q.n * q.c; plane++) {
            for (int yh = 0; yh < oh; yh++) {
                for (int yw = 0; yw < ow; yw++) {
                    double acc = max ? Double.NEGATIVE_INFINITY : 0;
                    for (int i = 0; i < q.kH; i++) {
                        for (int j = 0; j < q.kW; j++) {
                            int ih = yh * q.sH - q.pH + i;
                            int iw = yw * q.sW - q.pW + j;
                            double v = ih >= 0 && ih < q.h && iw >= 0 && iw < q.w ? x[(plane * q.h + ih) * q.w + iw]
                                    : max ? Double.NEGATIVE_INFINITY : 0;
                            acc = max ? Math.max(acc, v) : acc + v;
                        }
                    }
                    y[(plane * oh + yh) * ow + yw] = max ? acc : acc / (q.kH * q.kW);
                }
            }
        }
        return y;
    }

    /** max_pool2d and avg_pool2d equal a loop over each window, on random windows, strides and paddings. */
    @Property(tries = 100)
    void poolsEqualALoopOverEachWindow(@ForAll("problems") Problem p) {
        Problem q = new Problem(p.n, p.c, p.c, p.h, p.w, p.kH, p.kW, p.sH, p.sW, Math.min(p.pH, p.kH / 2), Math.min(p.pW, p.kW / 2),
                1, 1, 1, p.seed);
        if (q.outH() <= 0 || q.outW() <= 0) {
            return;
        }
        Tensor x = randn(new Random(q.seed()), q.n, q.c, q.h, q.w);
        ConvOptions o = ConvOptions.DEFAULT.stride(q.sH, q.sW).padding(q.pH, q.pW);
        assertClose(naivePool(q, x.toArray(), true), Pooling.maxPool2d(x, q.kH, q.kW, o), 1e-15, "max " + q);
        assertClose(naivePool(q, x.toArray(), false), Pooling.avgPool2d(x, q.kH, q.kW, o), 1e-12, "avg " + q);
    }

    /**
     * Max pooling by tiling windows (stride = kernel, no padding), which runs its own loops, gives exactly
     * the composite's value (max over im2col) and gradient (up to the sign of a zero), in the plain pass (its in-place kernel) and in
     * a recorded one (its differentiable rule), with many tied maxima (integer values) and NaN windows,
     * and kernels that do not divide the image (uncovered pixels get 0).
     */
    @Property(tries = 100)
    void tiledMaxPoolEqualsTheCompositeValueAndGradient(@ForAll("problems") Problem p) {
        if (p.h < p.kH || p.w < p.kW) {
            return;
        }
        Random r = new Random(p.seed());
        double[] v = new double[p.n * p.c * p.h * p.w];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(10) == 0 ? Double.NaN : r.nextInt(3);
        }
        Tensor x0 = Tensor.of(v, p.n, p.c, p.h, p.w);
        Tensor weights = randn(r, p.n, p.c, p.h / p.kH, p.w / p.kW);
        for (boolean recorded : new boolean[] {false, true}) {
            Tensor x = x0.detach().requiresGrad();
            Tensor tiled = Pooling.maxPool2d(x, p.kH, p.kW, ConvOptions.DEFAULT.stride(p.kH, p.kW));
            Tensor xc = x0.detach().requiresGrad();
            Tensor cols = Convolution.im2col(xc.reshape(p.n * p.c, 1, p.h, p.w), p.kH, p.kW, ConvOptions.DEFAULT.stride(p.kH, p.kW));
            Tensor composite = Reductions.max(cols, new int[] {0}, false).reshape(tiled.shape().dims());
            assertArrayEquals(composite.toArray(), tiled.toArray(), () -> "value " + p);
            Tensor gTiled = io.github.chainrule.Autograd.grad(tiled.mul(weights).sum(),
                    recorded ? io.github.chainrule.GradOptions.createGraph() : io.github.chainrule.GradOptions.defaults(), x)[0];
            Tensor gComposite = io.github.chainrule.Autograd.grad(composite.mul(weights).sum(), xc)[0];
            assertArrayEquals(gComposite.toArray(), gTiled.toArray(), 0.0, () -> (recorded ? "recorded" : "plain") + " gradient " + p);
        }
    }

    /**
     * conv2d without groups runs image by image (its own forward and in-place backward); its value and
     * its gradients for x, w and b, in a plain pass and a recorded one, equal those of the batch-wide
     * composite written out: W·im2col(x), reshaped and permuted to (N, F, H', W'), plus the bias.
     */
    @Property(tries = 100)
    void conv2dImageByImageEqualsTheBatchCompositeValueAndGradients(@ForAll("problems") Problem p) {
        Problem q = new Problem(p.n, p.c / p.groups, p.f / p.groups, p.h, p.w, p.kH, p.kW, p.sH, p.sW, p.pH, p.pW, p.dH, p.dW, 1, p.seed);
        Random r = new Random(q.seed());
        Tensor x0 = randn(r, q.n, q.c, q.h, q.w);
        Tensor w0 = randn(r, q.f, q.c, q.kH, q.kW);
        Tensor b0 = randn(r, q.f);
        Tensor weights = randn(r, q.n, q.f, q.outH(), q.outW());
        for (boolean recorded : new boolean[] {false, true}) {
            Tensor x = x0.detach().requiresGrad();
            Tensor w = w0.detach().requiresGrad();
            Tensor b = b0.detach().requiresGrad();
            Tensor y = Convolution.conv2d(x, w, b, q.options());
            Tensor xc = x0.detach().requiresGrad();
            Tensor wc = w0.detach().requiresGrad();
            Tensor bc = b0.detach().requiresGrad();
            Tensor cols = Convolution.im2col(xc, q.kH, q.kW, q.options());
            Tensor composite = wc.reshape(q.f, q.c * q.kH * q.kW).matmul(cols).reshape(q.f, q.n, q.outH(), q.outW())
                    .permute(1, 0, 2, 3).add(bc.reshape(1, q.f, 1, 1));
            assertClose(composite.toArray(), y, 1e-13, "value " + q);
            io.github.chainrule.GradOptions o = recorded ? io.github.chainrule.GradOptions.createGraph() : io.github.chainrule.GradOptions.defaults();
            Tensor[] g = io.github.chainrule.Autograd.grad(y.mul(weights).sum(), o, x, w, b);
            Tensor[] gc = io.github.chainrule.Autograd.grad(composite.mul(weights).sum(), xc, wc, bc);
            for (int i = 0; i < 3; i++) {
                assertClose(gc[i].toArray(), g[i], 1e-12, (recorded ? "recorded" : "plain") + " gradient " + i + " of " + q);
            }
        }
    }

    /**
     * LeNet's two layers (W6's shapes, a smaller batch): products large enough to take the packed kernel's
     * paths (dW computed as cols·gᵀ, g and the output read and written in place) give the composite's
     * value and gradients too.
     */
    @Example
    void conv2dAtLeNetsShapesEqualsTheBatchComposite() {
        conv2dImageByImageEqualsTheBatchCompositeValueAndGradients(new Problem(3, 1, 6, 28, 28, 5, 5, 1, 1, 2, 2, 1, 1, 1, 11));
        conv2dImageByImageEqualsTheBatchCompositeValueAndGradients(new Problem(3, 6, 16, 14, 14, 5, 5, 1, 1, 0, 0, 1, 1, 1, 12));
    }

    /**
     * Windows of stride 1 and dilation 1, whose columns are laid out in rows of the padded image's width
     * (and, unpadded, whose dx is added back in those rows): kernels of one row or column, a 1×1 kernel, a
     * kernel as tall as the image, paddings on one axis or both, and images more than twice as wide as
     * their output (back to im2col's layout), all give the composite's value and gradients.
     */
    @Example
    void conv2dWithStrideOneUsesRowsOfTheImageWidthLikeTheComposite() {
        int[][] shapes = {{2, 3, 4, 9, 7, 3, 2, 0, 0}, {2, 2, 3, 5, 6, 1, 1, 0, 0}, {2, 2, 3, 6, 6, 6, 4, 0, 0},
            {1, 2, 2, 4, 9, 2, 5, 0, 0}, {2, 1, 2, 5, 9, 1, 6, 0, 0}, {3, 2, 5, 7, 3, 3, 1, 0, 0},
            {2, 3, 4, 9, 7, 3, 2, 1, 1}, {2, 1, 3, 6, 5, 5, 5, 2, 2}, {1, 2, 2, 4, 6, 2, 3, 0, 2},
            {2, 2, 3, 5, 4, 3, 2, 2, 0}, {1, 1, 2, 3, 3, 1, 1, 1, 3}};
        long seed = 20;
        for (int[] d : shapes) {
            conv2dImageByImageEqualsTheBatchCompositeValueAndGradients(
                    new Problem(d[0], d[1], d[2], d[3], d[4], d[5], d[6], 1, 1, d[7], d[8], 1, 1, 1, seed++));
        }
    }

    /** A pool large enough to be split over the cores (ops.Split) gives the composite's value and gradient too. */
    @Example
    void aTiledMaxPoolSplitOverTheCoresEqualsTheComposite() {
        Random r = new Random(5);
        Tensor x0 = Tensor.randn(r, 2, 64, 32, 33).relu();   // relu's zeros: many ties
        Tensor weights = randn(r, 2, 64, 16, 16);
        Tensor x = x0.detach().requiresGrad();
        Tensor tiled = x.maxPool2d(2);
        Tensor xc = x0.detach().requiresGrad();
        Tensor composite = Reductions.max(Convolution.im2col(xc.reshape(128, 1, 32, 33), 2, 2, ConvOptions.DEFAULT.stride(2)),
                new int[] {0}, false).reshape(2, 64, 16, 16);
        assertArrayEquals(composite.toArray(), tiled.toArray());
        tiled.mul(weights).sum().backward();
        composite.mul(weights).sum().backward();
        assertArrayEquals(xc.grad().toArray(), x.grad().toArray(), 0.0);
    }

    /** im2col and col2im are adjoint: ⟨im2col(x), y⟩ = ⟨x, col2im(y)⟩ for random x and y, to 1e-12 relative. */
    @Property(tries = 100)
    void im2colAndCol2imAreAdjoint(@ForAll("problems") Problem q) {
        Random r = new Random(q.seed());
        Tensor x = randn(r, q.n, q.c, q.h, q.w);
        Tensor cols = Convolution.im2col(x, q.kH, q.kW, q.options());
        Tensor y = randn(r, cols.shape().dims());
        Tensor back = Convolution.col2im(y, x.shape(), q.kH, q.kW, q.options());
        double left = cols.mul(y).sum().item();
        double right = x.mul(back).sum().item();
        assertEquals(left, right, 1e-12 * (1 + Math.abs(left)), q::toString);
    }

    /** The gradient of max pooling goes to each window's maximum, and only there. */
    @Example
    void maxPoolSendsTheGradientToEachWindowsMaximum() {
        Tensor x = Tensor.of(new double[] {1, 5, 2, 0, 3, 4, 9, 8, 7, 6, -1, -2, 0.5, 0.25, -3, 10}, 1, 1, 4, 4).requiresGrad();
        Tensor y = x.maxPool2d(2);
        assertClose(new double[] {5, 9, 7, 10}, y, 0, "max_pool2d");
        y.sum().backward();
        assertClose(new double[] {0, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1}, x.grad(), 0, "gradient");
    }

    /**
     * At a tie the declared convention holds and the kink-aware checker accepts it: two tied maxima in a
     * window share its gradient evenly, each share (0.5) lying between the one-sided slopes (1 raising the
     * entry, 0 lowering it).
     */
    @Example
    void tiedMaximaInAWindowShareItsGradientAndTheCheckerSeesTheTie() {
        Tensor x = Tensor.of(new double[] {2, 2, 1, 0.5}, 1, 1, 2, 2);
        Report r = GradCheck.of(xs -> xs[0].maxPool2d(2)).check(x);
        r.assertPassed();
        assertEquals(2, r.kinks().size(), r::toString);
        for (Report.Entry k : r.kinks()) {
            assertEquals(0.5, k.analytic());
            assertEquals(1.0, k.forward(), 1e-7);
            assertEquals(0.0, k.backward(), 1e-7);
        }
    }

    /** NaN in a window makes that window's output NaN, for both pools and for conv2d. */
    @Example
    void nanInAWindowGivesNanOut() {
        Tensor x = Tensor.of(new double[] {1, Double.NaN, 2, 3}, 1, 1, 2, 2);
        assertTrue(Double.isNaN(x.maxPool2d(2).item()));
        assertTrue(Double.isNaN(x.avgPool2d(2).item()));
        assertTrue(Double.isNaN(x.conv2d(Tensor.of(new double[] {1, 0, 0, 1}, 1, 1, 2, 2)).item()));
    }

    /** Zero-size axes (no images, no channels, no filters) give empty results, or empty sums, of the right shape. */
    @Example
    void anEmptyBatchGivesAnEmptyResult() {
        Tensor y = Tensor.zeros(0, 2, 4, 4).conv2d(Tensor.zeros(3, 2, 3, 3), null, ConvOptions.DEFAULT.padding(1));
        assertEquals(Shape.of(0, 3, 4, 4), y.shape());
        assertEquals(Shape.of(0, 2, 2, 2), Tensor.zeros(0, 2, 4, 4).maxPool2d(2).shape());
        assertEquals(Shape.of(1, 0, 2, 2), Tensor.zeros(1, 0, 4, 4).avgPool2d(2).shape());
        assertEquals(Shape.of(1, 0, 3), Tensor.zeros(1, 2, 5).conv1d(Tensor.zeros(0, 2, 3)).shape());
        // No input channels: each output is an empty sum, 0 plus the bias.
        Tensor noChannels = Tensor.zeros(1, 0, 3, 3).conv2d(Tensor.zeros(2, 0, 2, 2), Tensor.vector(1, 2), ConvOptions.DEFAULT);
        assertClose(new double[] {1, 1, 1, 1, 2, 2, 2, 2}, noChannels, 0, "conv2d over no channels");
    }

    /** The bridge to Dense: (N, C, H, W) feature maps reshaped to (N, C·H·W) and transposed are (C·H·W, N), examples as columns. */
    @Example
    void featureMapsMeetDenseAfterAReshapeAndATranspose() {
        Tensor maps = Tensor.randn(new Random(1), 2, 3, 4, 4).maxPool2d(2);
        Tensor a = maps.reshape(2, 3 * 2 * 2).transpose();
        assertEquals(Shape.of(12, 2), a.shape());
        assertEquals(maps.get(1, 2, 0, 1), a.get(2 * 4 + 1, 1));
    }

    /** Options are values: each method returns a changed copy, and one value for both axes equals the pair. */
    @Example
    void optionsAreImmutableValues() {
        ConvOptions strided = ConvOptions.DEFAULT.stride(2);
        assertEquals(ConvOptions.DEFAULT.stride(2, 2), strided);
        assertEquals(ConvOptions.DEFAULT.stride(2, 2).hashCode(), strided.hashCode());
        assertEquals(1, ConvOptions.DEFAULT.strideH(), "DEFAULT is unchanged");
        assertEquals("stride (2, 2), padding (1, 0), dilation (1, 1), groups 3", strided.padding(1, 0).groups(3).toString());
    }

    private static void assertRefused(String op, String detail, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(op + ":"), () -> "message does not name " + op + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(detail), () -> "message does not mention '" + detail + "': " + e.getMessage());
    }

    /** Bad input is refused with an IllegalArgumentException naming the op and the shapes or values at fault. */
    @Example
    void badInputIsRefusedNamingTheOpAndTheValues() {
        Tensor x = Tensor.zeros(1, 3, 5, 5);
        Tensor w = Tensor.zeros(4, 3, 3, 3);
        ConvOptions d = ConvOptions.DEFAULT;
        assertRefused("conv2d", "(1,2,3,3)", () -> x.conv2d(Tensor.zeros(1, 2, 3, 3)));
        assertRefused("conv2d", "(3,5,5)", () -> Tensor.zeros(3, 5, 5).conv2d(w));
        assertRefused("conv2d", "stride (0, 0)", () -> x.conv2d(w, null, d.stride(0)));
        assertRefused("conv2d", "dilation (1, 0)", () -> x.conv2d(w, null, d.dilation(1, 0)));
        assertRefused("conv2d", "padding (-1, -1)", () -> x.conv2d(w, null, d.padding(-1)));
        assertRefused("conv2d", "more than the padded input's 5", () -> x.conv2d(w, null, d.dilation(3)));
        assertRefused("conv2d", "groups 2", () -> x.conv2d(Tensor.zeros(4, 1, 3, 3), null, d.groups(2)));
        assertRefused("conv2d", "groups must be at least 1", () -> x.conv2d(w, null, d.groups(0)));
        assertRefused("conv2d", "bias (3,) should be (4,)", () -> x.conv2d(w, Tensor.zeros(3), d));
        assertRefused("conv2d", "null", () -> x.conv2d(w, null, null));
        assertRefused("conv1d", "(1,3,2)", () -> Tensor.zeros(1, 3, 2).conv1d(Tensor.zeros(1, 3, 3)));
        assertRefused("conv1d", "two values", () -> Tensor.zeros(1, 3, 5).conv1d(Tensor.zeros(1, 3, 3), null, d.stride(1, 2)));
        assertRefused("conv1d", "channels", () -> Tensor.zeros(1, 2, 5).conv1d(Tensor.zeros(1, 3, 3)));
        assertRefused("max_pool2d", "(1,3,2,2)", () -> Tensor.zeros(1, 3, 2, 2).maxPool2d(3));
        assertRefused("max_pool2d", "at most half", () -> x.maxPool2d(2, 1, 2));
        assertRefused("max_pool2d", "stride (0, 0)", () -> x.maxPool2d(2, 0, 0));
        assertRefused("avg_pool2d", "(5,5)", () -> Tensor.zeros(5, 5).avgPool2d(2));
        assertRefused("avg_pool2d", "dilation", () -> Pooling.avgPool2d(x, 2, 2, d.dilation(2)));
        assertRefused("im2col", "kernel (0, 3)", () -> Convolution.im2col(x, 0, 3, d));
        assertRefused("col2im", "expected (27,9)", () -> Convolution.col2im(Tensor.zeros(27, 8), x.shape(), 3, 3, d));
    }

    /** Output sizes are computed in long: a result past 2^31 − 1 elements is refused with the op's name, not a negative array size. */
    @Example
    void sizesPastTheIntRangeAreRefused() {
        Tensor x = Tensor.zeros(1, 1, 1, 1);
        assertRefused("im2col", "more than 2^31 − 1", () -> Convolution.im2col(x, 1, 1,
                ConvOptions.DEFAULT.padding(30000)));
        assertRefused("col2im", "(1,1,1,1)", () -> Convolution.col2im(Tensor.zeros(1, 1), x.shape(), 1, 1,
                ConvOptions.DEFAULT.padding(Integer.MAX_VALUE / 2)));
    }
}
