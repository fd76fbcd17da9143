package io.github.chainrule.ops;

import io.github.chainrule.Autograd;
import io.github.chainrule.GradOptions;
import io.github.chainrule.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * attention, softmax(s·Q·Kᵀ)·V in one op, against the ops it fuses (matmul, mul, softmax, matmul): the same
 * values and the same gradients, from both the in-place kernel and the differentiable rule, on shapes past the
 * registry's 3-long axes (entries shared out over the cores, products past a tile); a row of scores with −∞
 * and NaN in it; and bad shapes refused with the op and the shapes named. The registry suite checks its first
 * and second derivatives against finite differences.
 */
class AttentionProperties {

    private static Tensor composed(Tensor q, Tensor k, Tensor v, double scale) {
        return q.matmul(k.mT()).mul(scale).softmax(-1).matmul(v);
    }

    @Property(tries = 60)
    void attentionEqualsItsCompositeInValueAndInBothBackwardForms(@ForAll @IntRange(min = 0, max = 2) int batchAxes,
                                                                 @ForAll @IntRange(min = 1, max = 40) int t,
                                                                 @ForAll @IntRange(min = 1, max = 40) int s,
                                                                 @ForAll @IntRange(min = 1, max = 20) int d,
                                                                 @ForAll @IntRange(min = 1, max = 20) int e,
                                                                 @ForAll boolean grads, @ForAll long seed) {
        Random rng = new Random(seed);
        int[] batch = batchAxes == 0 ? new int[0] : batchAxes == 1 ? new int[] {3} : new int[] {2, 3};
        Tensor q = Tensor.randn(rng, dims(batch, t, d)).requiresGrad();
        Tensor k = Tensor.randn(rng, dims(batch, s, d));
        k = grads ? k.requiresGrad() : k;   // k without a gradient: the kernel skips dK but still needs dS for dQ
        Tensor v = Tensor.randn(rng, dims(batch, s, e)).requiresGrad();
        Tensor up = Tensor.randn(rng, dims(batch, t, e));
        double scale = 1 / Math.sqrt(d);
        Tensor fused = q.attention(k, v);
        Tensor reference = composed(q, k, v, scale);
        double tol = 1e-12 * (s + d + e);
        assertTrue(fused.allClose(reference, tol, tol), () -> "forward: " + fused + " vs " + reference);

        Tensor[] wrt = grads ? new Tensor[] {q, k, v} : new Tensor[] {q, v};
        Tensor[] expected = Autograd.grad(reference.mul(up).sum(), GradOptions.retainGraph(), wrt);
        Tensor[] inPlace = Autograd.grad(fused.mul(up).sum(), GradOptions.retainGraph(), wrt);
        Tensor[] byRule = Autograd.grad(fused.mul(up).sum(), GradOptions.createGraph(), wrt);   // the rule's graph ops
        for (int i = 0; i < wrt.length; i++) {
            int at = i;
            assertTrue(inPlace[i].allClose(expected[i], tol, tol),
                    () -> "kernel, gradient " + at + ": " + inPlace[at] + " vs " + expected[at]);
            assertTrue(byRule[i].allClose(expected[i], tol, tol),
                    () -> "rule, gradient " + at + ": " + byRule[at] + " vs " + expected[at]);
        }
    }

    /**
     * The P that a graph's backward pass frees is given back for later calls to reuse (entries of at least
     * {@link io.github.chainrule.kernel.SpareArrays#MIN_DOUBLES} scores): a call made after one graph is freed
     * takes its arrays, and neither it nor a graph still alive, differentiated twice with retainGraph, may see
     * another's probabilities.
     */
    @Test
    void probabilitiesGivenBackByAFreedGraphLeaveEveryOtherGraphAlone() {
        Random rng = new Random(5);
        int t = 80;
        int s = 72;
        int d = 8;
        int e = 6;
        Tensor[][] inputs = new Tensor[3][];
        Tensor[] ups = new Tensor[3];
        Tensor[][] expected = new Tensor[3][];
        for (int i = 0; i < 3; i++) {
            inputs[i] = new Tensor[] {Tensor.randn(rng, 2, t, d).requiresGrad(), Tensor.randn(rng, 2, s, d).requiresGrad(),
                Tensor.randn(rng, 2, s, e).requiresGrad()};
            ups[i] = Tensor.randn(rng, 2, t, e);
            Tensor reference = composed(inputs[i][0], inputs[i][1], inputs[i][2], 1 / Math.sqrt(d));
            expected[i] = Autograd.grad(reference.mul(ups[i]).sum(), inputs[i]);
        }
        Tensor live = inputs[1][0].attention(inputs[1][1], inputs[1][2]).mul(ups[1]).sum();
        Tensor[] first = Autograd.grad(inputs[0][0].attention(inputs[0][1], inputs[0][2]).mul(ups[0]).sum(), inputs[0]);
        Tensor later = inputs[2][0].attention(inputs[2][1], inputs[2][2]).mul(ups[2]).sum();   // takes the freed P
        Tensor[] liveOnce = Autograd.grad(live, GradOptions.retainGraph(), inputs[1]);
        Tensor[] laterGrads = Autograd.grad(later, inputs[2]);
        Tensor again = inputs[0][0].attention(inputs[0][1], inputs[0][2]).mul(ups[0]).sum();   // takes what is free now
        Tensor[] liveTwice = Autograd.grad(live, inputs[1]);
        Tensor[] againGrads = Autograd.grad(again, inputs[0]);
        double tol = 1e-11;
        for (int j = 0; j < 3; j++) {
            int at = j;
            assertTrue(first[j].allClose(expected[0][j], tol, tol), () -> "freed graph, gradient " + at);
            assertTrue(liveOnce[j].allClose(expected[1][j], tol, tol), () -> "live graph, first pass, gradient " + at);
            assertTrue(liveTwice[j].allClose(expected[1][j], tol, tol), () -> "live graph, second pass, gradient " + at);
            assertTrue(laterGrads[j].allClose(expected[2][j], tol, tol), () -> "later call, gradient " + at);
            assertTrue(againGrads[j].allClose(expected[0][j], tol, tol), () -> "a call after two freed graphs, gradient " + at);
        }
    }

    private static int[] dims(int[] batch, int rows, int cols) {
        int[] out = java.util.Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = rows;
        out[batch.length + 1] = cols;
        return out;
    }

    @Test
    void theDefaultScaleIsOneOverTheSquareRootOfTheFeatureLength() {
        Random rng = new Random(5);
        Tensor q = Tensor.randn(rng, 2, 4, 9);
        Tensor k = Tensor.randn(rng, 2, 6, 9);
        Tensor v = Tensor.randn(rng, 2, 6, 3);
        assertTrue(q.attention(k, v).allClose(composed(q, k, v, 1.0 / 3), 1e-13, 1e-13));
        assertTrue(q.attention(k, v, 0.7).allClose(composed(q, k, v, 0.7), 1e-13, 1e-13));
    }

    @Property(tries = 20)
    void withoutAGraphTheValueIsTheSameAsWithOne(@ForAll @IntRange(min = 1, max = 30) int t,
                                               @ForAll @IntRange(min = 1, max = 30) int s, @ForAll long seed) {
        Random rng = new Random(seed);
        Tensor q = Tensor.randn(rng, 5, t, 4).requiresGrad();   // five entries: shared out over the cores
        Tensor k = Tensor.randn(rng, 5, s, 4);
        Tensor v = Tensor.randn(rng, 5, s, 3);
        Tensor recorded = q.attention(k, v);
        Tensor inference = io.github.chainrule.GradMode.noGrad(() -> q.attention(k, v));
        assertTrue(inference.allClose(recorded, 0, 0), () -> inference + " vs " + recorded);
        assertTrue(q.detach().attention(k, v).allClose(recorded, 0, 0), "no input needing a gradient");
    }

    @Test
    void aKeyOfMinusInfinityGetsNoWeightAndANanQueryGivesANanRow() {
        Tensor q = Tensor.of(new double[] {1, 0, 0, 1, Double.NaN, 0}, 3, 2);
        Tensor k = Tensor.of(new double[] {1, 0, Double.NEGATIVE_INFINITY, 0}, 2, 2);
        Tensor v = Tensor.of(new double[] {1, 2, 30, 40}, 2, 2);
        Tensor o = q.attention(k, v, 1.0);
        // query 0 against key 1 scores −∞ and gets weight 0, so its row is value 0
        assertEquals(1.0, o.get(0, 0));
        assertEquals(2.0, o.get(0, 1));
        assertTrue(Double.isNaN(o.get(1, 0)), o.toString());   // query 1 against key 1: 0·(−∞) is NaN
        assertTrue(Double.isNaN(o.get(2, 0)) && Double.isNaN(o.get(2, 1)), o.toString());
        Tensor reference = composed(q, k, v, 1.0);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(reference.get(i, j), o.get(i, j), 1e-15, "(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void badShapesAreRefusedNamingTheOpAndTheShapes() {
        Random rng = new Random(3);
        Tensor q = Tensor.randn(rng, 2, 4, 8);
        String features = assertThrows(IllegalArgumentException.class,
                () -> q.attention(Tensor.randn(rng, 2, 5, 7), Tensor.randn(rng, 2, 5, 3))).getMessage();
        assertEquals("attention: q (2,4,8) and k (2,5,7) do not line up: features 8 != 7", features);
        String keys = assertThrows(IllegalArgumentException.class,
                () -> q.attention(Tensor.randn(rng, 2, 5, 8), Tensor.randn(rng, 2, 6, 3))).getMessage();
        assertEquals("attention: k (2,5,8) and v (2,6,3) do not line up: 5 keys != 6 values", keys);
        String batch = assertThrows(IllegalArgumentException.class,
                () -> q.attention(Tensor.randn(rng, 3, 5, 8), Tensor.randn(rng, 3, 5, 3))).getMessage();
        assertTrue(batch.startsWith("attention: q, k and v must have the same batch axes") && batch.contains("(3,5,8)"), batch);
        String rank = assertThrows(IllegalArgumentException.class,
                () -> Tensor.randn(rng, 8).attention(Tensor.randn(rng, 5, 8), Tensor.randn(rng, 5, 3))).getMessage();
        assertTrue(rank.startsWith("attention: q, k and v need rank 2 or more") && rank.contains("(8,)"), rank);
        String scale = assertThrows(IllegalArgumentException.class,
                () -> q.attention(Tensor.randn(rng, 2, 5, 8), Tensor.randn(rng, 2, 5, 3), Double.NaN)).getMessage();
        assertEquals("attention: scale must be finite, got NaN", scale);
        String nothing = assertThrows(IllegalArgumentException.class, () -> q.attention(null, q)).getMessage();
        assertTrue(nothing.startsWith("attention"), nothing);
    }

    @Test
    void scoresPastTheLargestTensorAreRefusedBeforeAnythingIsAllocated() {
        // 50,000 queries by 50,000 keys: 2.5e9 probabilities, past 2³¹ − 9, from inputs of 50,000 values each
        Tensor q = Tensor.zeros(50_000, 1);
        String message = assertThrows(IllegalArgumentException.class, () -> q.attention(q, q)).getMessage();
        assertTrue(message.startsWith("attention") && message.contains("50000"), message);
        String inference = assertThrows(IllegalArgumentException.class,
                () -> io.github.chainrule.GradMode.noGrad(() -> q.attention(q, q))).getMessage();
        assertEquals(message, inference);
    }

    @Test
    void emptyAxesGiveAnEmptyOrZeroResult() {
        Tensor noQueries = Tensor.zeros(2, 0, 4).attention(Tensor.zeros(2, 5, 4), Tensor.zeros(2, 5, 3));
        assertArrayEquals(new int[] {2, 0, 3}, noQueries.shape().dims());
        // no keys: every query's softmax is over nothing, and the weighted sum of no values is 0
        Tensor none = Tensor.ones(1, 2, 4).attention(Tensor.zeros(1, 0, 4), Tensor.zeros(1, 0, 3));
        assertTrue(none.allClose(Tensor.zeros(1, 2, 3), 0, 0), none.toString());
    }

    /**
     * Batch axes whose product is past 2³¹ − 1 (allowed, as every tensor is empty) give an empty result and an
     * empty gradient at once, without walking the entries.
     */
    @Test
    void emptyTensorsWithHugeBatchAxesAreDoneAtOnce() {
        Tensor q = Tensor.zeros(70_000, 70_000, 0, 4).requiresGrad();
        Tensor o = q.attention(Tensor.zeros(70_000, 70_000, 0, 4), Tensor.zeros(70_000, 70_000, 0, 2));
        assertArrayEquals(new int[] {70_000, 70_000, 0, 2}, o.shape().dims());
        o.sum().backward();
        assertArrayEquals(new int[] {70_000, 70_000, 0, 4}, q.grad().shape().dims());
    }
}
