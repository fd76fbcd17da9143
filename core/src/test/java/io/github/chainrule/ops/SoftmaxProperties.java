package io.github.chainrule.ops;

import io.github.chainrule.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forward facts of softmax, log-softmax and logSumExp, and the numerical stability of every op that
 * exponentiates: a naive e^x overflows to ∞ at x = 710, so these ops shift by the maximum first.
 */
class SoftmaxProperties {

    /** A tensor of rank 1 to 4 with logits in [−20, 20], and an axis of it (possibly negative). */
    @Provide
    Arbitrary<Object[]> logitsAndAxis() {
        return OpCases.dims(1, 4).flatMap(d -> Combinators.combine(
                Arbitraries.doubles().between(-20, 20).list().ofSize(io.github.chainrule.Shape.of(d).size()),
                Arbitraries.integers().between(-d.length, d.length - 1))
                .as((v, axis) -> new Object[] {Tensor.of(v.stream().mapToDouble(Double::doubleValue).toArray(), d), axis}));
    }

    /** Softmax turns any logits into a probability distribution along its axis: entries in [0, 1] that sum to 1. */
    @Property(tries = 200)
    void softmaxEntriesArePositiveAndSumToOneAlongTheAxis(@ForAll("logitsAndAxis") Object[] c) {
        Tensor x = (Tensor) c[0];
        int axis = (Integer) c[1];
        Tensor s = x.softmax(axis);
        for (double v : s.toArray()) {
            assertTrue(v >= 0 && v <= 1, () -> "entry " + v);
        }
        for (double total : s.sum(axis, false).toArray()) {
            assertEquals(1.0, total, 1e-12);
        }
    }

    /** logSumExp(x) = ln Σ eˣ wherever the naive formula is finite; the max shift changes nothing but overflow. */
    @Property(tries = 200)
    void logSumExpEqualsLogOfSumOfExpWhereThatIsFinite(@ForAll("logitsAndAxis") Object[] c) {
        Tensor x = (Tensor) c[0];
        int axis = (Integer) c[1];
        Tensor naive = x.exp().sum(axis, false).log();
        assertTrue(naive.allClose(x.logSumExp(axis, false), 1e-12, 1e-12), () -> naive + " vs " + x.logSumExp(axis, false));
    }

    /**
     * The fused loops equal the definition written as separate ops, e^x / Σ e^x and x − ln Σ e^x, on
     * every axis (the last one's contiguous rows and an inner axis's interleaved ones), forward and
     * backward: the in-place kernel's gradient is the composition's.
     */
    @Property(tries = 200)
    void fusedSoftmaxAndLogSoftmaxEqualTheirDefinitionForwardAndBackward(@ForAll("logitsAndAxis") Object[] c) {
        Tensor x = (Tensor) c[0];
        int axis = (Integer) c[1];
        Tensor naive = x.exp().div(x.exp().sum(axis, true));
        assertTrue(naive.allClose(x.softmax(axis), 1e-13, 1e-13), () -> naive + " vs " + x.softmax(axis));
        Tensor naiveLog = x.sub(x.exp().sum(axis, true).log());
        assertTrue(naiveLog.allClose(x.logSoftmax(axis), 1e-12, 1e-12), () -> naiveLog + " vs " + x.logSoftmax(axis));

        Tensor weights = Tensor.randn(new java.util.Random(x.size()), x.shape().dims());
        for (boolean log : new boolean[] {false, true}) {
            Tensor xs = x.detach().requiresGrad();
            Tensor fused = log ? xs.logSoftmax(axis) : xs.softmax(axis);
            fused.mul(weights).sum().backward();
            Tensor xn = x.detach().requiresGrad();
            Tensor byOps = log ? xn.sub(xn.exp().sum(axis, true).log()) : xn.exp().div(xn.exp().sum(axis, true));
            byOps.mul(weights).sum().backward();
            assertTrue(xn.grad().allClose(xs.grad(), 1e-12, 1e-12), () -> (log ? "log_softmax " : "softmax ") + xn.grad() + " vs " + xs.grad());
        }
    }

    /** Large enough to be split over the cores (ops.Split): the same values and gradient as the composition. */
    @Example
    void aSoftmaxSplitOverTheCoresEqualsItsDefinition() {
        Tensor x = Tensor.randn(new java.util.Random(3), 300, 128).mul(4.0);
        Tensor weights = Tensor.randn(new java.util.Random(4), 300, 128);
        Tensor xs = x.detach().requiresGrad();
        Tensor s = xs.softmax(-1);
        assertTrue(x.exp().div(x.exp().sum(-1, true)).allClose(s, 1e-13, 1e-13));
        s.mul(weights).sum().backward();
        Tensor xn = x.detach().requiresGrad();
        xn.exp().div(xn.exp().sum(-1, true)).mul(weights).sum().backward();
        assertTrue(xn.grad().allClose(xs.grad(), 1e-12, 1e-12));
    }

    /** log-softmax is log of softmax, and softmax is exp of log-softmax. */
    @Property(tries = 100)
    void logSoftmaxIsTheLogarithmOfSoftmax(@ForAll("logitsAndAxis") Object[] c) {
        Tensor x = (Tensor) c[0];
        int axis = (Integer) c[1];
        assertTrue(x.softmax(axis).log().allClose(x.logSoftmax(axis), 1e-9, 1e-9));
    }

    /** At logits of ±1000 the naive formulas give ∞/∞ = NaN; the stable ones give the limits, and finite gradients. */
    @Example
    void softmaxLogSoftmaxAndLogSumExpAreFiniteAtLogitsOfPlusMinus1000() {
        Tensor x = Tensor.vector(1000, -1000, 999);
        assertTrue(Double.isNaN(Math.exp(1000) / (Math.exp(1000) + Math.exp(-1000))), "the naive formula overflows");
        double e = Math.exp(-1);   // e^(999 − 1000)
        assertTrue(x.softmax(0).allClose(Tensor.vector(1 / (1 + e), 0, e / (1 + e)), 1e-12, 1e-300));
        assertTrue(x.logSoftmax(0).allClose(Tensor.vector(-Math.log1p(e), -2000 - Math.log1p(e), -1 - Math.log1p(e)), 1e-10, 0));
        assertEquals(1000 + Math.log1p(e), x.logSumExp().item(), 1e-12);
        assertEquals(1000 + Math.log(2), Tensor.vector(1000, 1000).logSumExp().item(), 1e-12);
        assertEquals(-1000 + Math.log(2), Tensor.vector(-1000, -1000).logSumExp().item(), 1e-12);
        assertFiniteGradient(t -> t.softmax(0).mul(Tensor.vector(1, 2, 3)).sum(), x);
        assertFiniteGradient(t -> t.logSoftmax(0).sum(), x);
        assertFiniteGradient(Tensor::logSumExp, x);
    }

    /** σ(±1000) is 1 and 0 (not NaN), softplus(1000) = 1000 and softplus(−1000) ≈ 0, and their gradients are finite. */
    @Example
    void sigmoidAndSoftplusAreFiniteAtPlusMinus1000() {
        Tensor x = Tensor.vector(1000, -1000);
        assertTrue(x.sigmoid().allClose(Tensor.vector(1, 0), 0, 0));
        assertEquals(1000.0, x.softplus().get(0));
        double tiny = x.softplus().get(1);
        assertTrue(tiny >= 0 && tiny < 1e-300, () -> "softplus(-1000) = " + tiny);
        assertFiniteGradient(t -> t.sigmoid().sum(), x);
        assertFiniteGradient(t -> t.softplus().sum(), x);
    }

    private static void assertFiniteGradient(Function<Tensor, Tensor> f, Tensor x) {
        Tensor leaf = x.copy().requiresGrad();
        f.apply(leaf).backward();
        for (double g : leaf.grad().toArray()) {
            assertTrue(Double.isFinite(g), () -> "gradient " + leaf.grad());
        }
    }
}
