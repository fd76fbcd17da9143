package io.github.chainrule;

import io.github.chainrule.ops.Attrs;
import io.github.chainrule.ops.OpRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each finding of issue 14's API measurement (and issue 13's misdirected messages), reproduced: the call, and
 * the clear exception naming the op, or the numpy result, that it must give instead.
 */
class HardInputTest {
    private static final int MAX = Integer.MAX_VALUE;

    private static void refused(String op, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().startsWith(op + ": "), () -> "message should name " + op + ": " + e.getMessage());
    }

    @Test
    void resultSizesPastIntMaxAreRefusedNamingTheOp() {
        refused("matmul", () -> Tensor.zeros(50000, 0).matmul(Tensor.zeros(0, 50000)));
        refused("one_hot", () -> Tensor.oneHot(new int[] {0, 1}, MAX));
        refused("one_hot", () -> Tensor.oneHot(new int[] {0, 1, 2, 3}, 1 << 30));
        refused("pad", () -> Tensor.zeros(3, 2).pad(0, MAX, MAX));
        refused("concat", () -> Tensor.concat(0, Tensor.zeros(MAX, 0), Tensor.zeros(MAX, 0)));
        refused("arange", () -> Tensor.arange(0, 3e9, 1));
        refused("jacobian", () -> Autograd.jacobian(t -> t, Tensor.zeros(46341)));
        refused("eye", () -> Tensor.eye(50000));
        refused("index_add", () -> OpRegistry.call("index_add", Attrs.of("axis", 1, "indices", new int[] {0}, "size", MAX),
                Tensor.zeros(2, 1)));
    }

    @Test
    void theShapeCheckDoesNotDependOnAxisOrder() {
        assertEquals(0, Shape.of(0, 2, MAX).size());
        assertEquals(0, Shape.of(2, MAX, 0).size());
        assertEquals(0, Shape.of(MAX, 0, 2).size());
        refused("Shape.of", () -> Shape.of(2, MAX, 1));
        refused("Shape.of", () -> Shape.of(1, MAX, 2));
        refused("zeros", () -> Tensor.zeros(65536, 65536));
        refused("zeros", () -> Tensor.zeros(65536, 1, 65536));
    }

    @Test
    void emptyResultsTakeNoWorkProportionalToTheirOtherAxes() {
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(2), () -> {
            Tensor c = Tensor.concat(1, Tensor.zeros(MAX, 0), Tensor.zeros(MAX, 0));
            assertEquals(Shape.of(MAX, 0), c.shape());
            assertEquals(Shape.of(MAX, 0), Tensor.zeros(MAX, 0).slice(1, 0, 0).shape());
            assertEquals(Shape.of(MAX, 0), Tensor.zeros(MAX - 2, 0).pad(0, 1, 1).shape());
            assertEquals(Shape.of(0, MAX), Tensor.zeros(MAX, 0).transpose().shape());
            assertEquals(Shape.of(MAX, 0), OpRegistry.call("index_add", Attrs.of("axis", 1, "indices", new int[0], "size", 0),
                    Tensor.zeros(MAX, 0)).shape());
        });
    }

    @Test
    void nullArgumentsOfAutogradAreRefusedNamingTheMethod() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        refused("hvp", () -> Autograd.hvp(t -> t.square().sum(), x, null));
        refused("grad", () -> Autograd.grad(null, x));
        refused("grad", () -> Autograd.grad(x.square().sum(), x, null));
        refused("jacobian", () -> Autograd.jacobian(null, x));
        refused("jacobian", () -> Autograd.jacobian(t -> null, x));
        refused("hessian", () -> Autograd.hessian(t -> null, x));
    }

    @Test
    void factoriesNameThemselvesNotShape() {
        refused("eye", () -> Tensor.eye(-1));
        refused("zeros", () -> Tensor.zeros(-1));
        refused("full", () -> Tensor.full(2.0, -1, 3));
        refused("ones", () -> Tensor.ones(3, -1));
        refused("of", () -> Tensor.of(new double[] {1, 2}, -2));
        refused("of", () -> Tensor.of(new double[] {1, 2}, 3));
        refused("rand", () -> Tensor.rand(new Random(1), -1));
        refused("randn", () -> Tensor.randn(new Random(1), 2, -1));
        refused("uniform", () -> Tensor.uniform(new Random(1), 0, 1, -1));
        refused("softmax", () -> Tensor.zeros(2, 2).softmax(2));
        refused("log_softmax", () -> Tensor.zeros(2, 2).logSoftmax(2));
    }

    @Test
    void softmaxOverAnEmptyAxisIsEmptyAsInNumpy() {
        Tensor x = Tensor.zeros(3, 0).requiresGrad();
        assertEquals(Shape.of(3, 0), x.softmax(1).shape());
        assertEquals(Shape.of(3, 0), x.logSoftmax(1).shape());
        assertEquals(Shape.of(3, 0), x.softmax(0).shape());
        x.softmax(1).sum().backward();
        assertEquals(Shape.of(3, 0), x.grad().shape());
    }

    @Test
    void reluOfNaNIsNaN() {
        assertTrue(Double.isNaN(Tensor.scalar(Double.NaN).relu().item()));
        double[] v = Tensor.vector(Double.NaN, -1, 2).relu().toArray();
        assertTrue(Double.isNaN(v[0]));
        assertArrayEquals(new double[] {0, 2}, new double[] {v[1], v[2]});
    }

    @Test
    void gradOfANonLeafAfterBackwardPointsToRetainGrad() {
        Tensor x = Tensor.vector(1, 2).requiresGrad();
        Tensor h = x.square();
        h.sum().backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, h::grad);
        assertTrue(e.getMessage().contains("retainGrad()"), e.getMessage());
    }
}
