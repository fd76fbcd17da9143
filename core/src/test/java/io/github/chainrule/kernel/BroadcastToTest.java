package io.github.chainrule.kernel;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.gradcheck.GradCheck;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * Broadcasting a non-scalar to a bigger shape: the equal-input-shapes fast path of {@link Strided#zip}
 * must not be taken when the output is bigger than the inputs.
 */
class BroadcastToTest {

    @Test
    void aRowBroadcastToFourRowsRepeatsIt() {
        Tensor row = Tensor.of(new double[] {1, 2, 3}, 1, 3);
        assertArrayEquals(new double[] {1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3},
                row.broadcastTo(Shape.of(4, 3)).toArray());
    }

    @Test
    void aColumnBroadcastToThreeColumnsRepeatsEachValue() {
        Tensor col = Tensor.of(new double[] {1, 2}, 2, 1);
        assertArrayEquals(new double[] {1, 1, 1, 2, 2, 2}, col.broadcastTo(Shape.of(2, 3)).toArray());
    }

    @Test
    void meanOverAxisZeroKeepingDimsHasTheRightGradient() {
        // the backward of sum/mean with keepDims broadcasts a (1, m) gradient back to (n, m)
        Tensor x = Tensor.of(new double[] {1, -2, 0.5, 3, 4, -1, 2, 0}, 4, 2);
        GradCheck.of(a -> a[0].sub(a[0].mean(0, true)).square().sum()).check(x).assertPassed();
    }
}
