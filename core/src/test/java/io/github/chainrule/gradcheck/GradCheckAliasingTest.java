package io.github.chainrule.gradcheck;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A function that returns its input unchanged must not fool the checker through a shared buffer. */
class GradCheckAliasingTest {

    @Test
    void theIdentityFunctionReturningItsInputPassesWithDerivativeOne() {
        Report r = GradCheck.of(x -> x[0]).check(Tensor.of(new double[] {0.5, -2, 3}, 3, 1));
        r.assertPassed();
        assertEquals(0.0, r.relativeError(), 1e-9);
    }

    @Test
    void aScalarIdentityHasNumericDerivativeOne() {
        Report r = GradCheck.of(x -> x[0]).check(Tensor.scalar(2));
        assertEquals(1.0, r.worst().centered(), 1e-6);
    }
}
