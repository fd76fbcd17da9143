package io.github.chainrule.ops;

import io.github.chainrule.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * affine, W·A + b in one op, against the two ops it fuses (matmul, then add): the same values and the same
 * gradients for every shape of b that broadcasts, sizes across the kernels' paths (0 to past a block); and
 * bad shapes refused with the op and the shapes named.
 */
class AffineProperties {

    private static int[] biasShape(int form, int m, int n) {
        return switch (form) {
            case 0 -> new int[] {m, 1};
            case 1 -> new int[] {1, n};
            case 2 -> new int[] {n};
            case 3 -> new int[] {m, n};
            default -> new int[0];
        };
    }

    @Property(tries = 150)
    void affineEqualsMatmulThenAddInValueAndGradient(@ForAll @IntRange(min = 0, max = 40) int m,
                                                     @ForAll @IntRange(min = 0, max = 300) int k,
                                                     @ForAll @IntRange(min = 0, max = 70) int n,
                                                     @ForAll @IntRange(min = 0, max = 4) int form, @ForAll long seed) {
        Random rng = new Random(seed);
        Tensor w = Tensor.randn(rng, m, k).requiresGrad();
        Tensor a = Tensor.randn(rng, k, n).requiresGrad();
        Tensor b = Tensor.randn(rng, biasShape(form, m, n)).requiresGrad();
        Tensor up = Tensor.randn(rng, m, n);   // a gradient from above that is not all ones
        Tensor fused = w.affine(a, b);
        Tensor composed = w.matmul(a).add(b);
        double tol = 1e-12 * (k + 1);
        assertTrue(fused.allClose(composed, tol, tol), () -> "forward: " + fused + " vs " + composed);
        fused.mul(up).sum().backward();
        Tensor[] grads = {w.grad(), a.grad(), b.grad()};
        w.zeroGrad();
        a.zeroGrad();
        b.zeroGrad();
        composed.mul(up).sum().backward();
        Tensor[] expected = {w.grad(), a.grad(), b.grad()};
        String[] names = {"dW", "dA", "db"};
        for (int i = 0; i < 3; i++) {
            int at = i;
            assertTrue(grads[i].allClose(expected[i], 1e-12 * (m + n + k + 1), 1e-12 * (m + n + k + 1)),
                    () -> names[at] + ": " + grads[at] + " vs " + expected[at]);
        }
    }

    @Test
    void badShapesAreRefusedNamingTheOpAndTheShapes() {
        Random rng = new Random(3);
        Tensor w = Tensor.randn(rng, 4, 3);
        String misaligned = assertThrows(IllegalArgumentException.class,
                () -> w.affine(Tensor.randn(rng, 4, 209), Tensor.randn(rng, 4, 1))).getMessage();
        assertEquals("affine: shapes (4,3) and (4,209) do not line up: 3 != 4", misaligned);
        String bias = assertThrows(IllegalArgumentException.class,
                () -> w.affine(Tensor.randn(rng, 3, 5), Tensor.randn(rng, 3, 1))).getMessage();
        assertTrue(bias.startsWith("affine: b of shape (3,1) does not broadcast to W·A's shape (4,5)"), bias);
        String rank = assertThrows(IllegalArgumentException.class,
                () -> w.affine(Tensor.randn(rng, 2, 3, 5), Tensor.randn(rng, 4, 1))).getMessage();
        assertTrue(rank.startsWith("affine: W and A must be matrices") && rank.contains("(2,3,5)"), rank);
        String highBias = assertThrows(IllegalArgumentException.class,
                () -> w.affine(Tensor.randn(rng, 3, 5), Tensor.randn(rng, 1, 4, 1))).getMessage();
        assertTrue(highBias.contains("(1,4,1)"), highBias);
        String nothing = assertThrows(IllegalArgumentException.class, () -> w.affine(null, Tensor.scalar(1))).getMessage();
        assertTrue(nothing.startsWith("affine"), nothing);
    }
}
