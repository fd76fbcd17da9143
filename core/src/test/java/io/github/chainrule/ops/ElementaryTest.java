package io.github.chainrule.ops;

import io.github.chainrule.Autograd;
import io.github.chainrule.Tensor;
import net.jqwik.api.Example;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values of the new elementwise functions against known numbers and plain Java, their conventions at kinks
 * and bounds, bad arguments, NaN and empty tensors. Their gradients are checked by the registry-driven
 * suite ({@link OpGradientProperties}).
 */
class ElementaryTest {

    /** erf agrees with reference values (glibc's erf, within an ulp) to 1e-15 on both sides of the switch at 2. */
    @Example
    void erfMatchesReferenceValuesTo1e15() {
        double[][] known = {
            {0.1, 0.1124629160182849}, {0.25, 0.2763263901682369}, {0.5, 0.5204998778130465},
            {1, 0.8427007929497149}, {1.5, 0.9661051464753108}, {1.9999, 0.9953201979070294}, {2, 0.9953222650189527},
            {2.5, 0.999593047982555}, {2.9999, 0.9999778955735178}, {3, 0.9999779095030014},
            {3.5, 0.9999992569016276}, {4, 0.9999999845827421}, {5, 0.9999999999984626},
            {1e-10, 1.1283791670955126e-10}, {0, 0}};
        for (double[] k : known) {
            assertEquals(k[1], Elementary.erf(k[0]), 1e-15, "erf(" + k[0] + ")");
            assertEquals(-k[1], Elementary.erf(-k[0]), 1e-15, "erf(" + -k[0] + ") (erf is odd)");
        }
        assertEquals(1.0, Elementary.erf(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Elementary.erf(-7));
        assertTrue(Double.isNaN(Elementary.erf(Double.NaN)));
    }

    /** Near 0 erf keeps its relative accuracy: erf(x) ≈ 2x/√π with the next term −2x³/(3√π). */
    @Example
    void erfIsRelativelyAccurateForTinyArguments() {
        double x = 1e-300;
        assertEquals(2 / Math.sqrt(Math.PI) * x, Elementary.erf(x), 1e-315);
        assertEquals(2 / Math.sqrt(Math.PI) * 1e-5 * (1 - 1e-10 / 3), Elementary.erf(1e-5), 1e-21);
    }

    /** The exact GELU is x·Φ(x): reference values of x·Φ(x) and Φ's symmetry gelu(x) − gelu(−x) = x. */
    @Example
    void geluIsXTimesTheNormalDistributionFunction() {
        Tensor x = Tensor.vector(-3, -1, 0, 0.5, 1, 2);
        double[] expected = {-0.00404969409489031, -0.15865525393145707, 0, 0.34573123063700656, 0.8413447460685429, 1.9544997361036416};
        assertArrayEquals(expected, x.gelu().toArray(), 1e-14);
        Tensor d = x.gelu().sub(x.neg().gelu());
        assertArrayEquals(x.toArray(), d.toArray(), 1e-15);
    }

    /** silu, elu, log1p, expm1, sin, cos, reciprocal, rsqrt, sign, rsub, rdiv agree with plain Java. */
    @Example
    void elementaryFunctionsAgreeWithPlainJava() {
        double[] v = {-2.5, -0.3, 1e-12, 0.7, 3};
        Tensor x = Tensor.vector(v);
        for (int i = 0; i < v.length; i++) {
            double a = v[i];
            assertEquals(a / (1 + Math.exp(-a)), x.silu().toArray()[i], 1e-15);
            assertEquals(a > 0 ? a : 0.5 * (Math.exp(a) - 1), x.elu(0.5).toArray()[i], 1e-15);
            assertEquals(Math.log1p(a), x.log1p().toArray()[i], 0);
            assertEquals(Math.expm1(a), x.expm1().toArray()[i], 0);
            assertEquals(Math.sin(a), x.sin().toArray()[i], 0);
            assertEquals(Math.cos(a), x.cos().toArray()[i], 0);
            assertEquals(1 / a, x.reciprocal().toArray()[i], 0);
            assertEquals(Math.signum(a), x.sign().toArray()[i], 0);
            assertEquals(1 - a, x.rsub(1).toArray()[i], 0);
            assertEquals(2 / a, x.rdiv(2).toArray()[i], 0);
        }
        assertArrayEquals(new double[] {0.5, 1 / Math.sqrt(2)}, Tensor.vector(4, 2).rsqrt().toArray(), 1e-16);
        assertEquals(1e-12 - 0.5e-24, Tensor.scalar(1e-12).log1p().item(), 1e-27, "log1p keeps the digits ln(1 + x) loses");
    }

    /** clamp cuts at both bounds, either side may be open, and the gradient passes inside and on the bounds. */
    @Example
    void clampCutsAtTheBoundsAndPassesTheGradientInsideAndOnThem() {
        Tensor x = Tensor.vector(-2, -1, 0, 1, 2).requiresGrad();
        Tensor y = x.clamp(-1, 1);
        assertArrayEquals(new double[] {-1, -1, 0, 1, 1}, y.toArray());
        y.sum().backward();
        assertArrayEquals(new double[] {0, 1, 1, 1, 0}, x.grad().toArray(), "bounds included, as PyTorch");
        assertArrayEquals(new double[] {-1, -1, 0, 1, 2}, x.clampMin(-1).toArray());
        assertArrayEquals(new double[] {-2, -1, 0, 0, 0}, x.clampMax(0).toArray());
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5, 0.5}, x.clamp(0.5, 0.5).toArray(), "min = max is allowed");
    }

    /** clamp refuses min &gt; max and NaN bounds, naming the op and the values. */
    @Example
    void clampRejectsCrossedOrNaNBoundsNamingTheOp() {
        Tensor x = Tensor.vector(1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.clamp(2, 1));
        assertTrue(e.getMessage().startsWith("clamp:") && e.getMessage().contains("2.0") && e.getMessage().contains("1.0"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> x.clamp(Double.NaN, 1)).getMessage().startsWith("clamp:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> x.maximum(Double.NaN)).getMessage().startsWith("maximum:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> x.elu(Double.POSITIVE_INFINITY)).getMessage().startsWith("elu:"));
    }

    /** maximum/minimum with a scalar pick the larger/smaller value and halve the gradient at a tie. */
    @Example
    void maximumAndMinimumWithAScalarSplitTheGradientAtATie() {
        Tensor x = Tensor.vector(-1, 0.5, 2).requiresGrad();
        Tensor hi = x.maximum(0.5);
        assertArrayEquals(new double[] {0.5, 0.5, 2}, hi.toArray());
        Tensor[] g = Autograd.grad(hi.sum(), new Tensor[] {x});
        assertArrayEquals(new double[] {0, 0.5, 1}, g[0].toArray());
        Tensor lo = x.minimum(0.5);
        assertArrayEquals(new double[] {-1, 0.5, 0.5}, lo.toArray());
        assertArrayEquals(new double[] {1, 0.5, 0}, Autograd.grad(lo.sum(), new Tensor[] {x})[0].toArray());
    }

    /** sign's derivative is 0 everywhere, and elu's at 0 is the left one, α. */
    @Example
    void signHasZeroGradientAndEluTakesTheLeftSlopeAtZero() {
        Tensor x = Tensor.vector(-1, 0, 2).requiresGrad();
        assertArrayEquals(new double[] {0, 0, 0}, Autograd.grad(x.sign().sum(), new Tensor[] {x})[0].toArray());
        Tensor z = Tensor.vector(0, -1).requiresGrad();
        assertArrayEquals(new double[] {0.5, 0.5 * Math.exp(-1)}, Autograd.grad(z.elu(0.5).sum(), new Tensor[] {z})[0].toArray(), 1e-16);
    }

    /** NaN in is NaN out for every new elementwise function, clamp and maximum/minimum with a scalar included. */
    @Example
    void nanInIsNanOut() {
        Tensor nan = Tensor.vector(Double.NaN, 1);
        Tensor[] outs = {nan.clamp(-1, 1), nan.clampMin(0), nan.log1p(), nan.expm1(), nan.sin(), nan.cos(), nan.reciprocal(),
            nan.rsqrt(), nan.erf(), nan.gelu(), nan.silu(), nan.elu(), nan.sign(), nan.rsub(1), nan.rdiv(2),
            nan.maximum(0.0), nan.minimum(0.0)};
        for (Tensor y : outs) {
            assertTrue(Double.isNaN(y.toArray()[0]), () -> "NaN became " + y);
            assertTrue(Double.isFinite(y.toArray()[1]), () -> "1 became " + y);
        }
    }

    /** Every new elementwise function maps an empty tensor to an empty tensor of its shape. */
    @Example
    void emptyInputsGiveEmptyOutputs() {
        Tensor e = Tensor.zeros(0, 3).requiresGrad();
        Tensor[] outs = {e.clamp(-1, 1), e.log1p(), e.expm1(), e.sin(), e.cos(), e.reciprocal(), e.rsqrt(), e.erf(),
            e.gelu(), e.silu(), e.elu(), e.sign(), e.rsub(1), e.rdiv(2), e.maximum(0.0), e.minimum(0.0)};
        for (Tensor y : outs) {
            assertEquals(e.shape(), y.shape());
            assertEquals(e.shape(), Autograd.grad(y.sum(), new Tensor[] {e})[0].shape());
        }
    }

    /**
     * A focal loss, −(1 − p)^γ·ln p with p = σ(z) clamped away from 0 and 1, built from the new ops: its value
     * matches plain Java and its gradient passes the check.
     */
    @Example
    void aFocalLossBuiltFromTheNewOpsHasTheRightValueAndGradient() {
        Function<Tensor, Tensor> focal = z -> {
            Tensor p = z.sigmoid().clamp(1e-7, 1 - 1e-7);
            return p.rsub(1).square().mul(p.log()).neg().mean();
        };
        double[] z = {-2, 0.3, 1.5};
        double expected = 0;
        for (double v : z) {
            double p = 1 / (1 + Math.exp(-v));
            expected += -(1 - p) * (1 - p) * Math.log(p) / z.length;
        }
        assertEquals(expected, focal.apply(Tensor.vector(z)).item(), 1e-15);
        io.github.chainrule.gradcheck.GradCheck.check(xs -> focal.apply(xs[0]), Tensor.vector(z)).assertPassed();
    }

    /**
     * relu on a tensor large enough to be shared out over the cores (a convolution's feature maps) gives,
     * value by value, max(0, x), and its gradient [x ≥ 0]·g, NaN and −0 included.
     */
    @Example
    void reluOverTheCoresIsReluValueByValue() {
        int n = 100_003;   // past the size at which the cores share it, and odd, so the parts are uneven
        java.util.Random rng = new java.util.Random(3);
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 1000 == 0 ? Double.NaN : i % 997 == 0 ? -0.0 : rng.nextGaussian();
            w[i] = rng.nextGaussian();
        }
        Tensor t = Tensor.of(x, n).requiresGrad();
        Tensor y = Unary.relu(t);
        y.mul(Tensor.of(w, n)).sum().backward();
        double[] got = y.toArray();
        double[] grad = t.grad().toArray();
        for (int i = 0; i < n; i++) {
            assertEquals(Math.max(0.0, x[i]), got[i], "relu at " + i + " of " + x[i]);
            assertEquals(x[i] >= 0 ? w[i] : 0.0, grad[i], "gradient at " + i + " of " + x[i]);
        }
    }
}
