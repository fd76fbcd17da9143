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
 * Values of prod, var, std, norm, cumsum, cumprod, argmax and argmin against plain Java and known numbers;
 * prod's gradient at zeros; bad input, NaN and empty tensors. Gradients away from zeros and ties are
 * checked by the registry-driven suite ({@link OpGradientProperties}).
 */
class StatisticsTest {

    private static double[] gradient(Function<Tensor, Tensor> f, double... x) {
        Tensor t = Tensor.vector(x).requiresGrad();
        return Autograd.grad(f.apply(t), new Tensor[] {t})[0].toArray();
    }

    /** prod's gradient is the product of the others: exact at one zero, 0 with two, as PyTorch's rule gives. */
    @Example
    void prodGradientAtZerosIsTheProductOfTheOthers() {
        assertArrayEquals(new double[] {12, 8, 6}, gradient(Tensor::prod, 2, 3, 4));
        assertArrayEquals(new double[] {0, 6, 0}, gradient(Tensor::prod, 2, 0, 3), "a lone zero gets 2·3, the rest 0");
        assertArrayEquals(new double[] {0, 0, 0}, gradient(Tensor::prod, 0, 2, 0), "two zeros: all 0");
        Tensor x = Tensor.matrix(new double[][] {{1, 2}, {0, 3}, {0, 0}}).requiresGrad();
        Tensor p = x.prod(1);
        assertArrayEquals(new double[] {2, 0, 0}, p.toArray());
        assertArrayEquals(new double[] {2, 1, 3, 0, 0, 0}, Autograd.grad(p.sum(), new Tensor[] {x})[0].toArray(),
                "each row by its own count of zeros");
    }

    /** The second derivative of prod at a lone zero is right too: ∂²(abc)/∂a∂b = c with b = 0. */
    @Example
    void prodSecondDerivativeAtALoneZero() {
        Tensor h = Autograd.hessian(Tensor::prod, Tensor.vector(2, 0, 3));
        assertArrayEquals(new double[] {0, 3, 0, 3, 0, 2, 0, 2, 0}, h.toArray());
        // Two zeros: ∂²(abcd)/∂b∂d = ac, every other entry 0; three zeros: all 0.
        Tensor two = Autograd.hessian(Tensor::prod, Tensor.vector(2, 0, 3, 0));
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 6, 0, 0}, two.toArray());
        assertArrayEquals(new double[9], Autograd.hessian(Tensor::prod, Tensor.vector(0, 0, 0)).toArray());
        assertEquals(1.0, Tensor.zeros(0).prod().item(), "the empty product is 1");
    }

    /** var and std with correction 0 and 1 against plain Java, over all axes and over one, keepDims either way. */
    @Example
    void varAndStdWithCorrectionMatchPlainJava() {
        Tensor x = Tensor.vector(1, 2, 3, 4);
        assertEquals(5.0 / 3, x.var().item(), 1e-15, "Bessel's correction by default");
        assertEquals(1.25, x.var(null, 0, false).item(), 1e-15);
        assertEquals(Math.sqrt(5.0 / 3), x.std().item(), 1e-15);
        assertEquals(Math.sqrt(1.25), x.std(null, 0, false).item(), 1e-15);
        Tensor m = Tensor.matrix(new double[][] {{1, 3}, {2, 8}});
        assertArrayEquals(new double[] {0.5, 12.5}, m.var(0).toArray(), 1e-15);
        assertArrayEquals(new double[] {2, 18}, m.var(1).toArray(), 1e-15);
        Tensor kept = m.var(new int[] {1}, 0, true);
        assertEquals(java.util.List.of(2, 1), java.util.List.of(kept.shape().dim(0), kept.shape().dim(1)));
        assertArrayEquals(new double[] {1, 9}, kept.toArray(), 1e-15);
        assertEquals(m.var(0, 1).item(), m.var().item(), 1e-15, "varargs over every axis");
    }

    /** A correction not below the element count, or a negative one, is refused naming the op. */
    @Example
    void varRefusesTooFewElementsForTheCorrection() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.vector(1).var());
        assertTrue(e.getMessage().startsWith("var:") && e.getMessage().contains("correction 1"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tensor.vector(1, 2).std(null, -1, false)).getMessage().startsWith("std:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).var(2)).getMessage().startsWith("var: axis 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OpRegistry.call("var", Attrs.of("correction", 0.5), Tensor.vector(1, 2)))
                .getMessage().startsWith("var: correction"));
    }

    /** norm: p = 1, 2, ∞ and the Frobenius norm against plain Java; the 2-norm neither overflows nor underflows. */
    @Example
    void normsMatchPlainJava() {
        Tensor x = Tensor.vector(3, -4, 1);
        assertEquals(8, x.norm(1).item(), 0);
        assertEquals(Math.sqrt(26), x.norm().item(), 1e-15);
        assertEquals(4, x.norm(Double.POSITIVE_INFINITY).item(), 0);
        Tensor m = Tensor.matrix(new double[][] {{1, -2}, {-3, 4}});
        assertEquals(Math.sqrt(30), m.norm().item(), 1e-15, "Frobenius");
        assertArrayEquals(new double[] {2, 4}, m.norm(Double.POSITIVE_INFINITY, 1).toArray());
        assertArrayEquals(new double[] {4, 6}, m.norm(1, 0).toArray());
        assertEquals(Math.sqrt(2) * 1e200, Tensor.vector(1e200, 1e200).norm().item(), 1e186);
        assertEquals(Math.sqrt(2) * 1e-200, Tensor.vector(1e-200, 1e-200).norm().item(), 1e-214);
        assertEquals(Double.POSITIVE_INFINITY, Tensor.vector(1, Double.NEGATIVE_INFINITY).norm().item());
    }

    /** At x = 0 every norm's gradient is 0 (PyTorch's convention), never NaN. */
    @Example
    void normGradientAtZeroIsZero() {
        for (double p : new double[] {1, 2, Double.POSITIVE_INFINITY}) {
            assertArrayEquals(new double[] {0, 0}, gradient(t -> t.norm(p), 0, 0), "p = " + p);
        }
        assertArrayEquals(new double[] {0.6, -0.8}, gradient(Tensor::norm, 3, -4), 1e-15);
        assertArrayEquals(new double[] {0, -1}, gradient(t -> t.norm(Double.POSITIVE_INFINITY), 3, -4));
    }

    /** A p other than 1, 2, ∞ is refused naming norm and the p. */
    @Example
    void normRefusesAnUnsupportedP() {
        for (double p : new double[] {3, 0, -1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.vector(1, 2).norm(p));
            assertTrue(e.getMessage().startsWith("norm: p must be 1, 2 or infinity"), e.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0).norm(Double.POSITIVE_INFINITY))
                .getMessage().startsWith("norm:"));
        assertEquals(0.0, Tensor.zeros(0).norm().item(), "the 2-norm of nothing is 0");
    }

    /** cumsum and cumprod along either axis of a matrix, against running sums and products; cumprod passes zeros on. */
    @Example
    void cumsumAndCumprodMatchRunningSumsAndProducts() {
        Tensor m = Tensor.matrix(new double[][] {{1, 2, 3}, {4, 0, 6}});
        assertArrayEquals(new double[] {1, 3, 6, 4, 4, 10}, m.cumsum(1).toArray());
        assertArrayEquals(new double[] {1, 2, 3, 5, 2, 9}, m.cumsum(0).toArray());
        assertArrayEquals(new double[] {1, 2, 6, 4, 0, 0}, m.cumprod(-1).toArray());
        assertArrayEquals(new double[] {1, 2, 3, 4, 0, 18}, m.cumprod(0).toArray());
        assertArrayEquals(new double[] {3, 2, 1}, gradient(t -> t.cumsum(0).sum(), 5, 6, 7), "each x reaches every later sum");
        // d/dx of x0 + x0x1 + x0x1x2 at (2, 3, 4): (1 + 3 + 12, 2 + 8, 6).
        assertArrayEquals(new double[] {16, 10, 6}, gradient(t -> t.cumprod(0).sum(), 2, 3, 4), 1e-14);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.cumsum(2)).getMessage().startsWith("cumsum: axis 2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tensor.scalar(1).cumprod(0)).getMessage().startsWith("cumprod:"));
        assertEquals(Tensor.zeros(0, 3).shape(), Tensor.zeros(0, 3).cumsum(1).shape());
    }

    /** argmax/argmin return indices as doubles along an axis or of the flattened tensor; ties and NaN take the first. */
    @Example
    void argmaxAndArgminTakeTheFirstOfTiesAndOfNaNs() {
        Tensor m = Tensor.matrix(new double[][] {{1, 5, 5}, {7, 0, 0}, {Double.NaN, 9, Double.NaN}});
        assertArrayEquals(new double[] {1, 0, 0}, m.argmax(1).toArray());
        assertArrayEquals(new double[] {0, 1, 0}, m.argmin(1).toArray());
        assertArrayEquals(new double[] {2, 2, 2}, m.argmax(0).toArray(), "NaN counts as the largest");
        assertEquals(6.0, m.argmax().item(), "flat index of the first NaN");
        assertEquals(4.0, Tensor.matrix(new double[][] {{1, 5, 5}, {7, 0, 0}}).argmin().item());
        Tensor kept = m.argmax(1, true);
        assertEquals(java.util.List.of(3, 1), java.util.List.of(kept.shape().dim(0), kept.shape().dim(1)));
        assertTrue(!Tensor.vector(1, 2).requiresGrad().argmax().isGradRequired(), "indices are constants");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 0).argmax(1)).getMessage().startsWith("argmax:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0).argmin()).getMessage().startsWith("argmin:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> m.argmax(-3)).getMessage().startsWith("argmax: axis -3"));
        assertEquals(Tensor.zeros(0).shape(), Tensor.zeros(0, 2).argmax(1).shape(), "an empty batch of non-empty rows");
    }

    /** An accuracy: the fraction of columns whose argmax over classes matches the label. */
    @Example
    void anAccuracyFromArgmaxAndEq() {
        Tensor scores = Tensor.matrix(new double[][] {{0.1, 0.8, 0.3}, {0.9, 0.2, 0.7}});   // (classes, m)
        Tensor labels = Tensor.vector(1, 0, 0);
        assertEquals(2.0 / 3, scores.argmax(0).eq(labels).mean().item(), 1e-15);
    }

    /** max, min and logSumExp over several axes, keepDims defaulting to false. */
    @Example
    void maxMinAndLogSumExpOverSeveralAxes() {
        Tensor x = Tensor.arange(24).reshape(2, 3, 4);
        assertArrayEquals(new double[] {11, 23}, x.max(1, 2).toArray());
        assertArrayEquals(new double[] {0, 1, 2, 3}, x.min(0, 1).toArray());
        assertArrayEquals(new double[] {66, 210}, x.sum(1, 2).toArray());
        assertArrayEquals(new double[] {5.5, 17.5}, x.mean(-1, -2).toArray());
        assertEquals(java.util.List.of(2, 1, 1), java.util.List.of(x.max(new int[] {1, 2}, true).shape().dim(0),
                x.max(new int[] {1, 2}, true).shape().dim(1), x.max(new int[] {1, 2}, true).shape().dim(2)));
        Tensor two = Tensor.matrix(new double[][] {{0, 0}, {0, 0}});
        assertEquals(Math.log(4), two.logSumExp(0, 1).item(), 1e-15);
        assertArrayEquals(new double[] {0, 0}, x.logSumExp(new int[] {1, 2}, false).sub(x.logSumExp(1, false).logSumExp(1, false)).toArray(), 1e-12);
    }

    /** NaN in is NaN out for every new reduction. */
    @Example
    void nanInIsNanOut() {
        Tensor x = Tensor.vector(1, Double.NaN, 2);
        Tensor[] outs = {x.prod(), x.var(), x.std(), x.norm(1), x.norm(), x.norm(Double.POSITIVE_INFINITY), x.cumsum(0), x.cumprod(0)};
        for (Tensor y : outs) {
            double[] v = y.toArray();
            assertTrue(Double.isNaN(v[v.length - 1]), () -> "NaN became " + y);
        }
    }

    @Example
    void normOfAnEmptyTensorWhoseResultCouldNotExistNamesNormWhateverItsOrder() {
        Tensor x = Tensor.zeros(0, 2147483646, 3);   // empty, but reducing axes 0 and 2 leaves 2147483646 values
        for (double p : new double[] {1, 2, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> x.norm(p, new int[] {0, 2}, false));
            assertTrue(e.getMessage().startsWith("norm:"), () -> "p = " + p + ": " + e.getMessage());
        }
    }
}
