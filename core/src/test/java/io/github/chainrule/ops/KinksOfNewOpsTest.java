package io.github.chainrule.ops;

import io.github.chainrule.Tensor;
import io.github.chainrule.gradcheck.GradCheck;
import io.github.chainrule.gradcheck.Report;
import net.jqwik.api.Example;

import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The kink-aware gradient check run exactly at the kinks the new ops declare, where the property suite's
 * generators never go: at each, the op's convention (the analytic value) lies between the one-sided
 * slopes, so GradCheck accepts it and lists the element as a kink.
 */
class KinksOfNewOpsTest {

    private static Report.Entry kinkOf(Function<Tensor, Tensor> f, double at, double convention) {
        Report r = GradCheck.of(xs -> f.apply(xs[0])).check(Tensor.scalar(at));
        r.assertPassed();
        assertEquals(1, r.kinks().size(), r::toString);
        Report.Entry k = r.kinks().get(0);
        assertEquals(convention, k.analytic(), 1e-15, r::toString);
        double lo = Math.min(k.forward(), k.backward());
        double hi = Math.max(k.forward(), k.backward());
        assertTrue(lo - 1e-7 <= k.analytic() && k.analytic() <= hi + 1e-7, r::toString);
        return k;
    }

    /** clamp at either bound passes the gradient (1), between the slopes 0 and 1. */
    @Example
    void clampAtItsBoundsTakesTheInsideSlope() {
        Report.Entry upper = kinkOf(x -> x.clamp(-1, 0.5), 0.5, 1);
        assertEquals(1, upper.backward(), 1e-7);
        assertEquals(0, upper.forward(), 1e-7);
        kinkOf(x -> x.clamp(-1, 0.5), -1, 1);
        kinkOf(x -> x.clampMin(2), 2, 1);
    }

    /** maximum and minimum with a scalar give half the gradient at a tie. */
    @Example
    void maximumAndMinimumWithAScalarHalveTheGradientAtATie() {
        kinkOf(x -> x.maximum(0.5), 0.5, 0.5);
        kinkOf(x -> x.minimum(-1), -1, 0.5);
    }

    /** elu with α ≠ 1 takes the left slope α at 0; with α = 1 both slopes are 1 and there is no kink. */
    @Example
    void eluAtZeroTakesTheLeftSlope() {
        kinkOf(x -> x.elu(0.5), 0, 0.5);
        Report smooth = GradCheck.check(xs -> xs[0].elu(), Tensor.scalar(0));
        smooth.assertPassed();
        assertTrue(smooth.kinks().isEmpty(), smooth::toString);
    }

    /** Every norm at 0 takes gradient 0, between the slopes −1 and 1. */
    @Example
    void normsAtZeroTakeGradientZero() {
        kinkOf(Tensor::norm, 0, 0);
        kinkOf(x -> x.norm(1), 0, 0);
        kinkOf(x -> x.norm(Double.POSITIVE_INFINITY), 0, 0);
    }

    /** Away from the declared points the same checks see no kink. */
    @Example
    void awayFromTheDeclaredPointsNoKinkIsSeen() {
        for (Function<Tensor, Tensor> f : java.util.List.<Function<Tensor, Tensor>>of(x -> x.clamp(-1, 0.5), x -> x.maximum(0.5), x -> x.elu(0.5), Tensor::norm)) {
            Report r = GradCheck.of(xs -> f.apply(xs[0])).check(Tensor.scalar(0.25));
            r.assertPassed();
            assertFalse(!r.kinks().isEmpty(), r::toString);
        }
    }
}
