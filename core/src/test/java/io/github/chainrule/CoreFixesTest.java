package io.github.chainrule;

import io.github.chainrule.gradcheck.GradCheck;
import io.github.chainrule.gradcheck.Report;
import io.github.chainrule.ops.Attrs;
import io.github.chainrule.ops.ExampleOps;
import io.github.chainrule.ops.OpRegistry;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per core bug the property suite and the fuzzer found, so that none comes back. */
class CoreFixesTest {

    /** Strided.zip read past the input when broadcasting a non-scalar (its equal-shapes fast path ignored the output shape). */
    @Test
    void broadcastToOfANonScalarRepeatsItsValues() {
        Tensor x = Tensor.vector(1, 2).broadcastTo(Shape.of(3, 2));
        assertArrayEquals(new double[] {1, 2, 1, 2, 1, 2}, x.toArray());
        Tensor w = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2).requiresGrad();
        w.sum(0, false).mul(Tensor.vector(10, 20)).sum().backward();   // sum's backward broadcasts the gradient back
        assertArrayEquals(new double[] {10, 20, 10, 20}, w.grad().toArray());
    }

    /** GradCheck kept a reference to the output's array; reshape shares its input's array, so every difference was 0. */
    @Test
    void gradCheckSeesTheDerivativeOfAnOpThatSharesItsInputsArray() {
        Report r = GradCheck.of(xs -> xs[0].reshape(3, 2).mul(Tensor.vector(1, 2))).check(Tensor.randn(new Random(1), 2, 3));
        r.assertPassed();
        assertTrue(Math.abs(r.worst().numeric()) > 0.1, r::toString);
    }

    /** A CUSTOM op with two inputs was refused by name ("takes 1 tensor input"): custom ops now check their own inputs. */
    @Test
    void aCustomSignatureOpTakesAsManyInputsAsItsAuthorDefines() {
        ExampleOps.registerOnce();
        Tensor y = OpRegistry.call("test_scaled_exp", Attrs.NONE, Tensor.vector(2), Tensor.vector(0));
        assertArrayEquals(new double[] {2}, y.toArray());
        assertEquals(-1, OpRegistry.get("test_scaled_exp").arity());
    }

    /** Broadcasting a length-0 axis against a length-1 axis gave length 1 (max of the two) instead of numpy's 0. */
    @Test
    void aZeroLengthAxisBroadcastAgainstLengthOneStaysZero() {
        assertEquals(Shape.of(0), Shape.broadcast("add", Shape.of(0), Shape.of(1)));
        assertEquals(Shape.of(2, 0), Tensor.zeros(2, 1).add(Tensor.zeros(0)).shape());
        assertThrows(IllegalArgumentException.class, () -> Shape.broadcast("add", Shape.of(0), Shape.of(3)));
    }

    /** toString of a zero-size tensor threw StringIndexOutOfBoundsException; it now prints as numpy does. */
    @Test
    void zeroSizeTensorsPrintLikeNumpy() {
        assertEquals("tensor([])", Tensor.zeros(0).toString());
        assertEquals("tensor([], shape=(2,0))", Tensor.zeros(2, 0).toString());
    }

    /** Null arguments threw NullPointerException; each is now an IllegalArgumentException naming the method. */
    @Test
    void nullArgumentsAreRejectedByName() {
        String[][] cases = {
            {"zeros", message(() -> Tensor.zeros((Shape) null))},
            {"full", message(() -> Tensor.full(1, (Shape) null))},
            {"randn", message(() -> Tensor.randn(null, 2))},
            {"rand: random generator is null", message(() -> Tensor.rand(null, 2))},   // the method called, not its helper (issue 13)
            {"vector", message(() -> Tensor.vector((double[]) null))},
            {"matrix: row 1 is null", message(() -> Tensor.matrix(new double[][] {{1}, null}))},
            {"allClose", message(() -> Tensor.zeros(1).allClose(null))},
            {"assign: argument is null", message(() -> Tensor.zeros(1).assign(null))},
            {"broadcastsTo", message(() -> Shape.of(2).broadcastsTo(null))},
            {"add: cannot broadcast a null shape", message(() -> Shape.broadcast("add", null, Shape.of(1)))},
            {"sum: the array of tensor inputs is null", message(() -> OpRegistry.call("sum", Attrs.NONE, (Tensor[]) null))},
        };
        for (String[] c : cases) {
            assertTrue(c[1].contains(c[0]), () -> "expected \"" + c[0] + "\" in: " + c[1]);
        }
    }

    private static String message(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }
}
