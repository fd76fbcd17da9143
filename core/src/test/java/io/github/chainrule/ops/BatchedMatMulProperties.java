package io.github.chainrule.ops;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Batched matmul against its definition: for each entry of the broadcast batch shape, the naive triple loop
 * over the operands' entries that broadcast to it, on shapes with missing, length-1 and length-0 batch axes,
 * empty matrices, every transpose flag and 1-D operands on either side.
 */
class BatchedMatMulProperties {

    /** One call: batch shapes of a and b, m, k, n, the transpose flags, which operands are vectors. */
    record Call(int[] batchA, int[] batchB, int m, int k, int n, boolean transA, boolean transB, boolean vectorA, boolean vectorB) {
        @Override
        public String toString() {
            return Arrays.toString(batchA) + " " + Arrays.toString(batchB) + " m=" + m + " k=" + k + " n=" + n
                    + (transA ? " Aᵀ" : "") + (transB ? " Bᵀ" : "") + (vectorA ? " a 1-D" : "") + (vectorB ? " b 1-D" : "");
        }
    }

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<Integer> len = Arbitraries.integers().between(0, 4);
        Arbitrary<Boolean> flag = Arbitraries.of(false, true);
        Arbitrary<Boolean> vector = Arbitraries.integers().between(0, 3).map(v -> v == 0);   // a quarter of the time
        Arbitrary<int[]> batch = Arbitraries.integers().between(0, 3).list().ofMaxSize(3).map(OpCases::ints);
        return batch.flatMap(out -> Combinators.combine(OpCases.broadcastableTo(out), OpCases.broadcastableTo(out),
                        Combinators.combine(len, len, len).as(List::of), Combinators.combine(flag, flag, vector, vector).as(List::of))
                .as((ba, bb, mkn, f) -> new Call(ba, bb, mkn.get(0), mkn.get(1), mkn.get(2), f.get(0), f.get(1),
                        f.get(2), f.get(3))));
    }

    /** Every output element is Σₚ op(A_entry)[i][p]·op(B_entry)[p][j] for the entries broadcast to its batch index. */
    @Property(tries = 300)
    void batchedMatmulAgreesWithTheNaiveLoopPerBroadcastEntry(@ForAll("calls") Call c, @ForAll long seed) {
        Statistics.label("kind").collect(c.vectorA() || c.vectorB() ? "vector" : c.batchA().length + c.batchB().length == 0 ? "2-D" : "batched");
        Random rng = new Random(seed);
        int[] aDims = c.vectorA() ? new int[] {c.k()} : concat(c.batchA(), c.transA() ? c.k() : c.m(), c.transA() ? c.m() : c.k());
        int[] bDims = c.vectorB() ? new int[] {c.k()} : concat(c.batchB(), c.transB() ? c.n() : c.k(), c.transB() ? c.k() : c.n());
        Tensor a = Tensor.randn(rng, aDims);
        Tensor b = Tensor.randn(rng, bDims);
        Tensor got = LinearAlgebra.matmul(a, b, c.transA(), c.transB());

        // The reference: both operands as stacks of matrices (a vector a row or a column), looped naively.
        int[] ba = c.vectorA() ? new int[0] : c.batchA();
        int[] bb = c.vectorB() ? new int[0] : c.batchB();
        Shape batch = Shape.broadcast("test", Shape.of(ba), Shape.of(bb));
        int m = c.vectorA() ? 1 : c.m();
        int n = c.vectorB() ? 1 : c.n();
        int k = c.k();
        double[] expected = new double[batch.size() * m * n];
        int[] fromA = LinearAlgebra.entryIndices(batch, Shape.of(ba));
        int[] fromB = LinearAlgebra.entryIndices(batch, Shape.of(bb));
        double[] av = a.toArray();
        double[] bv = b.toArray();
        boolean ta = c.transA() && !c.vectorA();
        boolean tb = c.transB() && !c.vectorB();
        for (int e = 0; e < batch.size(); e++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        double x = av[fromA[e] * m * k + (ta ? p * m + i : i * k + p)];
                        double y = bv[fromB[e] * k * n + (tb ? j * k + p : p * n + j)];
                        s += x * y;
                    }
                    expected[(e * m + i) * n + j] = s;
                }
            }
        }
        int[] outDims = concat(batch.dims(), m, n);
        if (c.vectorA() && c.vectorB()) {
            outDims = new int[0];
        } else if (c.vectorA()) {
            outDims = concat(batch.dims(), n);
        } else if (c.vectorB()) {
            outDims = concat(batch.dims(), m);
        }
        assertEquals(Shape.of(outDims), got.shape(), c::toString);
        double[] g = got.toArray();
        for (int i = 0; i < g.length; i++) {
            assertEquals(expected[i], g[i], 1e-12 * (1 + Math.abs(expected[i])), c::toString);
        }
    }

    /**
     * A matrix B shared by a stack of A's (a linear layer on (batch, T, features)) gets the sum over the entries
     * of each entry's gradient, dB = Σₑ op(Aₑᵀ·Gₑ), as the naive loop computes it, with and without B
     * transposed; A's gradient is each entry's G·op(B)ᵀ. Stacks with several, length-1 and length-0 batch axes.
     */
    @Property(tries = 150)
    void aMatrixSharedByAStackGetsTheSumOfItsEntriesGradients(@ForAll("sharedB") Call c, @ForAll long seed) {
        Random rng = new Random(seed);
        int m = c.m();
        int k = c.k();
        int n = c.n();
        Tensor a = Tensor.randn(rng, concat(c.batchA(), m, k)).requiresGrad();
        Tensor b = Tensor.randn(rng, c.transB() ? new int[] {n, k} : new int[] {k, n}).requiresGrad();
        Tensor weights = Tensor.randn(rng, concat(c.batchA(), m, n));
        LinearAlgebra.matmul(a, b, false, c.transB()).mul(weights).sum().backward();

        int entries = Shape.of(c.batchA()).size();
        double[] av = a.toArray();
        double[] bv = b.toArray();
        double[] g = weights.toArray();
        double[] expectedB = new double[k * n];
        double[] expectedA = new double[av.length];
        for (int e = 0; e < entries; e++) {
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    for (int j = 0; j < n; j++) {
                        int bAt = c.transB() ? j * k + p : p * n + j;
                        double gij = g[(e * m + i) * n + j];
                        expectedB[bAt] += av[(e * m + i) * k + p] * gij;
                        expectedA[(e * m + i) * k + p] += gij * bv[bAt];
                    }
                }
            }
        }
        double[] gotB = b.grad().toArray();
        double[] gotA = a.grad().toArray();
        for (int i = 0; i < expectedB.length; i++) {
            assertEquals(expectedB[i], gotB[i], 1e-12 * (1 + Math.abs(expectedB[i])), () -> "dB, " + c);
        }
        for (int i = 0; i < expectedA.length; i++) {
            assertEquals(expectedA[i], gotA[i], 1e-12 * (1 + Math.abs(expectedA[i])), () -> "dA, " + c);
        }
    }

    @Provide
    Arbitrary<Call> sharedB() {
        Arbitrary<Integer> len = Arbitraries.integers().between(0, 4);
        Arbitrary<int[]> batch = Arbitraries.integers().between(0, 3).list().ofMinSize(1).ofMaxSize(3).map(OpCases::ints);
        return Combinators.combine(batch, len, len, len, Arbitraries.of(false, true))
                .as((ba, m, k, n, tb) -> new Call(ba, new int[0], m, k, n, false, tb, false, false));
    }

    /** The broadcast-entry indices are those of numpy's broadcasting: a length-1 axis repeats its one entry. */
    @Property(tries = 1)
    void entryIndicesRepeatALengthOneAxis() {
        assertEquals(List.of(0, 0, 0, 1, 1, 1), Arrays.stream(LinearAlgebra.entryIndices(Shape.of(2, 3), Shape.of(2, 1))).boxed().toList());
        assertEquals(List.of(0, 1, 2, 0, 1, 2), Arrays.stream(LinearAlgebra.entryIndices(Shape.of(2, 3), Shape.of(3))).boxed().toList());
    }

    private static int[] concat(int[] batch, int... last) {
        int[] d = Arrays.copyOf(batch, batch.length + last.length);
        System.arraycopy(last, 0, d, batch.length, last.length);
        return d;
    }

    /**
     * A stack of many small products (past the size at which the batch is split over the cores, each entry
     * below the kernel's own split) equals each entry's 2-D product, with and without transposes and with
     * a broadcast operand, and so do its gradients.
     */
    @net.jqwik.api.Example
    void aStackSplitOverTheCoresEqualsEachEntrysProduct() {
        Random rng = new Random(17);
        Tensor a = Tensor.randn(rng, 2, 16, 64, 16).requiresGrad();
        Tensor b = Tensor.randn(rng, 2, 16, 16, 64).requiresGrad();
        Tensor shared = Tensor.randn(rng, 1, 16, 64, 16);
        Tensor[][] cases = {{a, b}, {a, shared.mT()}, {b.mT(), a.mT()}};
        for (Tensor[] q : cases) {
            Tensor c = q[0].matmul(q[1]);
            assertEquals(Shape.of(2, 16, 64, 64), c.shape());
            for (int e = 0; e < 32; e += 5) {
                Tensor left = q[0].reshape(32, 64, 16).slice(0, e, e + 1).reshape(64, 16);
                Tensor right = q[1].broadcastTo(Shape.of(2, 16, 16, 64)).reshape(32, 16, 64).slice(0, e, e + 1).reshape(16, 64);
                Tensor expected = left.matmul(right);
                Tensor actual = c.reshape(32, 64, 64).slice(0, e, e + 1).reshape(64, 64);
                for (int i = 0; i < expected.size(); i++) {
                    assertEquals(expected.buffer()[i], actual.buffer()[i], 1e-12, "entry " + e + ", element " + i);
                }
            }
        }
        a.matmul(b).sum().backward();
        // d Σ(A·B)/dA = 1·Bᵀ: row sums of each B entry, repeated along A's rows
        Tensor expectedGrad = b.sum(new int[] {3}, false).unsqueeze(2).broadcastTo(Shape.of(2, 16, 64, 16));
        for (int i = 0; i < expectedGrad.size(); i++) {
            assertEquals(expectedGrad.buffer()[i], a.grad().buffer()[i], 1e-12, "dA element " + i);
        }
    }
}
