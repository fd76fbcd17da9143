package io.github.chainrule.gradcheck;

import io.github.chainrule.Tensor;
import io.github.chainrule.ops.CustomOp;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gradient checking where the derivative jumps, and where it is simply wrong.
 *
 * <p>At a kink no single number is "the" derivative: the centered difference averages the slopes on the
 * two sides (relu at 0 gives 1/2, abs at 0 gives 0, by accident), and the analytic value is whatever
 * convention the op documents (relu: 1). Any value between the one-sided slopes is a valid subgradient,
 * so GradCheck accepts it there and lists the element in {@link Report#kinks()}.
 */
class GradCheckKinkTest {

    @Test
    void reluAtZeroTakesDerivativeOneWhichLiesBetweenTheOneSidedSlopesZeroAndOne() {
        Report r = GradCheck.of(xs -> xs[0].relu()).check(Tensor.scalar(0));
        r.assertPassed();
        assertEquals(1, r.kinks().size(), r::toString);
        Report.Entry k = r.kinks().get(0);
        assertEquals(1.0, k.analytic());                       // the course's convention
        assertEquals(1.0, k.forward(), 1e-7);                  // slope to the right
        assertEquals(0.0, k.backward(), 1e-7);                 // slope to the left
        assertEquals(0.5, k.centered(), 1e-7);                 // the centered difference averages them
        assertTrue(r.toString().contains("kink"), r::toString);
    }

    @Test
    void absAtZeroTakesDerivativeZeroBetweenTheOneSidedSlopesMinusOneAndOne() {
        Report r = GradCheck.of(xs -> xs[0].abs()).check(Tensor.scalar(0));
        r.assertPassed();
        assertEquals(1, r.kinks().size(), r::toString);
        Report.Entry k = r.kinks().get(0);
        assertEquals(0.0, k.analytic());
        assertEquals(1.0, k.forward(), 1e-7);
        assertEquals(-1.0, k.backward(), 1e-7);
        assertTrue(r.toString().contains("kink"), r::toString);
    }

    @Test
    void maxOverTiedEntriesSharesTheGradientAndEachShareLiesBetweenTheOneSidedSlopes() {
        Report r = GradCheck.of(xs -> xs[0].max()).check(Tensor.vector(2, 2, 1));
        r.assertPassed();
        assertEquals(2, r.kinks().size(), r::toString);        // the two tied entries; the 1 is smooth (slope 0)
        for (Report.Entry k : r.kinks()) {
            assertEquals(0.5, k.analytic());                   // tied maxima share evenly
            assertEquals(1.0, k.forward(), 1e-7);              // raising a tied entry makes it the max
            assertEquals(0.0, k.backward(), 1e-7);             // lowering it leaves the other as the max
        }
        assertTrue(r.toString().contains("kink"), r::toString);
    }

    @Test
    void maximumAtATieSendsHalfTheGradientToEachInputBetweenTheOneSidedSlopes() {
        Report r = GradCheck.of(xs -> xs[0].maximum(xs[1])).check(Tensor.scalar(1.5), Tensor.scalar(1.5));
        r.assertPassed();
        assertEquals(2, r.kinks().size(), r::toString);
        for (Report.Entry k : r.kinks()) {
            assertEquals(0.5, k.analytic());
            assertEquals(1.0, k.forward(), 1e-7);
            assertEquals(0.0, k.backward(), 1e-7);
        }
    }

    @Test
    void awayFromKinksNoElementIsReportedAsAKink() {
        Report r = GradCheck.of(xs -> xs[0].relu().add(xs[0].abs()).sum()).check(Tensor.vector(-1.5, 0.25, 2));
        r.assertPassed();
        assertTrue(r.kinks().isEmpty(), r::toString);
    }

    /** A derivative outside the one-sided slopes is not rescued by the kink rule: relu with derivative 2 at 0 fails. */
    @Test
    void aKinkDoesNotExcuseAnAnalyticValueOutsideTheOneSidedSlopes() {
        CustomOp badRelu = new CustomOp("test_bad_relu_unregistered") {
            @Override
            protected Tensor forward(Tensor... x) {
                return x[0].relu();
            }

            @Override
            protected Tensor[] backward(Tensor g, Tensor y, Tensor... x) {
                return new Tensor[] {g.mul(2)};
            }
        };
        Report r = GradCheck.of(xs -> badRelu.apply(xs[0])).check(Tensor.scalar(0));
        assertFalse(r.passed(), r::toString);
        assertTrue(r.kinks().isEmpty(), r::toString);
    }

    /**
     * A wrong backward rule is caught, and the report says where: a user's sin whose author forgot the
     * chain rule's inner factor (d sin(2x)/dx written as cos(2x) instead of 2cos(2x)).
     */
    @Test
    void aWrongCustomGradientIsCaughtAndTheReportNamesInputIndexAnalyticAndNumeric() {
        CustomOp sinOfTwoX = new CustomOp("test_wrong_sin2x_unregistered") {   // never registered: the suite would fail on it
            @Override
            protected Tensor forward(Tensor... x) {
                double[] v = x[0].toArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.sin(2 * v[i]);
                }
                return Tensor.of(v, x[0].shape().dims());
            }

            @Override
            protected Tensor[] backward(Tensor g, Tensor y, Tensor... x) {
                double[] v = x[0].toArray();
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.cos(2 * v[i]);                           // wrong: the factor 2 is missing
                }
                return new Tensor[] {g.mul(Tensor.of(v, x[0].shape().dims()))};
            }
        };
        Tensor theta = Tensor.of(new double[] {0.1, 0.2, 0.3, 0.4}, 2, 2).named("theta");
        Report r = GradCheck.of(xs -> sinOfTwoX.apply(xs[0]).sum()).check(theta);

        assertFalse(r.passed());
        assertTrue(r.relativeError() > GradCheck.BUG_THRESHOLD, r::toString);   // "most likely a bug"
        assertEquals("most likely a bug", r.verdict());
        Report.Entry worst = r.worst();
        assertEquals("theta", worst.input());
        assertEquals(0, worst.index());                                        // cos(0.2) is the largest gap
        assertEquals(Math.cos(0.2), worst.analytic(), 1e-12);
        assertEquals(2 * Math.cos(0.2), worst.numeric(), 1e-6);
        String text = r.toString();
        assertTrue(text.contains("FAILED") && text.contains("theta[0, 0]"), text);
        assertTrue(text.contains("analytic " + worst.analytic()) && text.contains("numeric "), text);
        AssertionError e = assertThrows(AssertionError.class, r::assertPassed);
        assertTrue(e.getMessage().contains("theta[0, 0]"), e.getMessage());
    }
}
