package io.github.chainrule.kernel;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every matrix-multiply kernel this JVM can run agrees with a naive triple loop, for every combination of
 * transposes, on shapes chosen to hit the blocking's edges: 1×1, odd sizes, sizes just past the micro-tile,
 * block and parallel thresholds, and the course's skinny 20×12288·12288×209.
 */
class MatMulKernelTest {

    /** m, k, n: shapes of op(A) (m × k) and op(B) (k × n). */
    static Stream<Arguments> shapes() {
        int[][] mkn = {
            {1, 1, 1}, {1, 7, 1}, {2, 3, 4}, {3, 1, 5}, {7, 9, 5}, {6, 8, 8}, {13, 17, 19}, {4, 300, 4},
            {65, 33, 70}, {97, 257, 31}, {100, 100, 100}, {129, 513, 95}, {200, 3, 300}, {1, 1000, 1},
            {1000, 1, 7}, {20, 12288, 209}, {20, 209, 12288}, {301, 260, 2100},
            // short and wide, computed swapped with the big operand read in place when B is transposed:
            // ragged rows, a depth past one block (accumulated into a transposed C), 1 to 4 rows
            {21, 50, 301}, {24, 7, 100}, {17, 300, 53}, {20, 600, 130}, {3, 300, 70}, {1, 513, 40}, {4, 1, 9},
            // a small C from a deep inner dimension, split over the inner dimension on several threads
            // (transposed B: {20, 1100, 60} also swapped into a transposed C first)
            {30, 1500, 30}, {13, 12000, 7}, {20, 1100, 60},
            // narrow C, computed by the vector kernel's narrower tile where it pads less: attention's heads,
            // a 5×5 filter's 25 columns, ragged rows
            {130, 70, 16}, {61, 300, 25}, {128, 128, 16}, {7, 40, 32}, {6, 25, 668},
            // many rows, computed by the 512-bit vector kernel's 8-row tile: ragged rows and columns below a depth
            // past one block; one column panel (op(A) read in place)
            {261, 300, 50}, {330, 520, 49}, {330, 520, 24},
            // many rows, three of the 8-row tile's blocks, the last ragged (512 deep below 2 MiB of L2, 1024 from
            // it), a ragged last A block
            {203, 1100, 75}, {203, 2200, 75},
            // small products whose op(A) is read in place across several column panels: the minibatch MLP's
            // 32×64·64×64 and the products of its backward pass (a last batch of 5), ragged rows and columns
            // with a depth past one block
            {32, 64, 64}, {10, 64, 32}, {32, 10, 64}, {32, 64, 5}, {64, 64, 64}, {61, 300, 70}, {45, 33, 97},
            // C covered exactly by the 512-bit kernel's 8 × 16 tile where 24-column tiles pad it: an odd depth,
            // and a depth past one block
            {40, 37, 48}, {16, 300, 32}, {128, 16, 128},
            // op(A) past PackedMatMul.IN_PLACE_A even when its rows are split over two threads: packed, ragged
            {700, 400, 50}, {600, 520, 130},
            // a small C from a deep inner dimension, as dot products of rows when B is transposed (LeNet's first
            // filter gradient, 25 × 6 from 892; odd rows and columns, a depth not a whole number of vectors)
            {25, 892, 6}, {7, 515, 9}, {16, 512, 16},
            // a C wider than a column block with more rows than columns, split over two threads by columns, so
            // that each thread's columns are one block (PackedMatMul.packedPerThread)
            {2100, 8, 2090},
            // a slab that streams a deep B in place, in blocks PackedMatMul.STREAMED_DEPTH deep: a depth that is
            // not a whole number of them (1000 = 10 × 96 + 40), and one shallower than one block
            {20, 1000, 140}, {16, 70, 2000}
        };
        List<Arguments> cases = new ArrayList<>();
        for (int[] s : mkn) {
            for (int t = 0; t < 4; t++) {
                cases.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "({0}x{1})·({1}x{2}) transA={3} transB={4}")
    @MethodSource("shapes")
    void everyKernelMatchesTheTripleLoop(int m, int k, int n, boolean transA, boolean transB) {
        checkAllKernels(m, k, n, transA, transB, new Random(31L * m + 17L * k + n));
    }

    /** multiplyAdd on the same shapes: C's prior values plus the triple loop's product, for every kernel. */
    @ParameterizedTest(name = "C + ({0}x{1})·({1}x{2}) transA={3} transB={4}")
    @MethodSource("shapes")
    void everyKernelAddsTheProductToWhatCHolds(int m, int k, int n, boolean transA, boolean transB) {
        Random rng = new Random(29L * m + 13L * k + n);
        Operands o = Operands.random(rng, m, k, n, transA, transB);
        double[] before = randn(rng, m * n);
        double[] expected = o.tripleLoop();
        for (int i = 0; i < expected.length; i++) {
            expected[i] += before[i];
        }
        for (MatMulKernel kernel : Kernels.available()) {
            double[] c = before.clone();
            kernel.multiplyAdd(o.a, o.aRows, o.aCols, transA, o.b, o.bRows, o.bCols, transB, c);
            assertClose(expected, c, k, kernel.name() + " multiplyAdd (" + m + "x" + k + ")·(" + k + "x" + n + ") transA="
                    + transA + " transB=" + transB);
        }
    }

    /**
     * multiplyAdd from offsets (an entry of a stack, as attention's backward adds each head's gradient):
     * the entry of C gets its prior values plus the product, and C's values around it are left as they were.
     */
    @ParameterizedTest(name = "C[off] + ({0}x{1})·({1}x{2}) transA={3} transB={4}")
    @MethodSource("offsetShapes")
    void everyKernelAddsTheProductIntoAnEntryAtAnOffset(int m, int k, int n, boolean transA, boolean transB) {
        Random rng = new Random(7L * m + 5L * k + n);
        Operands o = Operands.random(rng, m, k, n, transA, transB);
        int aOff = 3;
        int bOff = 5;
        int cOff = 7;
        double[] a = new double[aOff + o.a.length + 2];
        double[] b = new double[bOff + o.b.length + 2];
        System.arraycopy(o.a, 0, a, aOff, o.a.length);
        System.arraycopy(o.b, 0, b, bOff, o.b.length);
        double[] before = randn(rng, cOff + m * n + 4);
        double[] product = o.tripleLoop();
        double[] expected = before.clone();
        for (int i = 0; i < product.length; i++) {
            expected[cOff + i] += product[i];
        }
        for (MatMulKernel kernel : Kernels.available()) {
            double[] c = before.clone();
            kernel.multiplyAdd(a, aOff, o.aRows, o.aCols, transA, b, bOff, o.bRows, o.bCols, transB, c, cOff);
            assertClose(expected, c, k, kernel.name() + " multiplyAdd at offsets (" + m + "x" + k + ")·(" + k + "x" + n
                    + ") transA=" + transA + " transB=" + transB);
        }
    }

    @Test
    void multiplyAddWithAnEmptyInnerDimensionLeavesCAsItWas() {
        for (MatMulKernel kernel : Kernels.available()) {
            double[] c = {1, 2, 3, 4};
            kernel.multiplyAdd(new double[0], 2, 0, false, new double[0], 0, 2, false, c);
            assertArrayEquals(new double[] {1, 2, 3, 4}, c, kernel.name());
        }
    }

    @Property(tries = 40)
    void everyKernelMatchesTheTripleLoopOnRandomShapes(@ForAll @IntRange(min = 1, max = 70) int m,
                                                        @ForAll @IntRange(min = 1, max = 600) int k,
                                                        @ForAll @IntRange(min = 1, max = 70) int n,
                                                        @ForAll boolean transA, @ForAll boolean transB) {
        checkAllKernels(m, k, n, transA, transB, new Random(m * 1_000_003L + k * 1009L + n));
    }

    /** Offsets into larger arrays: the matrices sit between guard values that must stay untouched. */
    @ParameterizedTest(name = "({0}x{1})·({1}x{2}) transA={3} transB={4} at offsets")
    @MethodSource("offsetShapes")
    void everyKernelReadsAndWritesAtOffsetsInPlace(int m, int k, int n, boolean transA, boolean transB) {
        Random rng = new Random(7L * m + 13L * k + n);
        int aOff = 5;
        int bOff = 11;
        int cOff = 3;
        double[] a = randn(rng, aOff + m * k + 4);
        double[] b = randn(rng, bOff + k * n + 6);
        double[] aAlone = java.util.Arrays.copyOfRange(a, aOff, aOff + m * k);
        double[] bAlone = java.util.Arrays.copyOfRange(b, bOff, bOff + k * n);
        double[] expected = tripleLoop(aAlone, transA ? m : k, transA, bAlone, transB ? k : n, transB, m, k, n);
        for (MatMulKernel kernel : Kernels.available()) {
            double[] aBefore = a.clone();
            double[] bBefore = b.clone();
            double[] c = new double[cOff + m * n + 2];
            java.util.Arrays.fill(c, Double.NaN);
            kernel.multiply(a, aOff, transA ? k : m, transA ? m : k, transA, b, bOff, transB ? n : k, transB ? k : n,
                    transB, c, cOff);
            String what = kernel.name() + ": (" + m + "x" + k + ")·(" + k + "x" + n + ") transA=" + transA
                    + " transB=" + transB + " at offsets";
            assertClose(expected, java.util.Arrays.copyOfRange(c, cOff, cOff + m * n), k, what);
            for (int i = 0; i < cOff; i++) {
                assertTrue(Double.isNaN(c[i]), what + ": wrote before its offset, at " + i);
            }
            for (int i = cOff + m * n; i < c.length; i++) {
                assertTrue(Double.isNaN(c[i]), what + ": wrote past its end, at " + i);
            }
            assertTrue(java.util.Arrays.equals(aBefore, a) && java.util.Arrays.equals(bBefore, b), what + ": modified a or b");
        }
    }

    static Stream<Arguments> offsetShapes() {
        int[][] mkn = {{1, 1, 1}, {3, 1, 5}, {7, 9, 5}, {1, 40, 30}, {30, 40, 1}, {13, 17, 19}, {97, 257, 31},
            {20, 300, 500}, {128, 16, 128}, {200, 64, 200}, {32, 64, 64}, {61, 300, 70}, {700, 400, 50}};
        List<Arguments> cases = new ArrayList<>();
        for (int[] s : mkn) {
            for (int t = 0; t < 4; t++) {
                cases.add(Arguments.of(s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0));
            }
        }
        return cases.stream();
    }

    /**
     * A batch: entries of stacks read in place, a shared (broadcast) right matrix, entries small enough to be
     * split over the cores (attention's heads) and entries large enough to be split one by one.
     */
    @ParameterizedTest(name = "{0} entries of ({1}x{2})·({2}x{3}) transA={4} transB={5}")
    @MethodSource("batchShapes")
    void everyKernelMultipliesABatchInPlace(int entries, int m, int k, int n, boolean transA, boolean transB) {
        Random rng = new Random(entries * 101L + m * 7L + k * 3L + n);
        int aSize = m * k;
        int bSize = k * n;
        double[] a = randn(rng, entries * aSize);
        double[] b = randn(rng, 2 * bSize);
        int[] aOffsets = new int[entries];
        int[] bOffsets = new int[entries];
        for (int e = 0; e < entries; e++) {
            aOffsets[e] = (entries - 1 - e) * aSize;   // reversed, so an entry's offset is not implied by its index
            bOffsets[e] = (e % 2) * bSize;
        }
        for (MatMulKernel kernel : Kernels.available()) {
            double[] c = new double[entries * m * n];
            java.util.Arrays.fill(c, Double.NaN);
            kernel.multiplyBatch(entries, a, aOffsets, transA ? k : m, transA ? m : k, transA,
                    b, bOffsets, transB ? n : k, transB ? k : n, transB, c);
            for (int e = 0; e < entries; e++) {
                double[] expected = tripleLoop(java.util.Arrays.copyOfRange(a, aOffsets[e], aOffsets[e] + aSize),
                        transA ? m : k, transA, java.util.Arrays.copyOfRange(b, bOffsets[e], bOffsets[e] + bSize),
                        transB ? k : n, transB, m, k, n);
                assertClose(expected, java.util.Arrays.copyOfRange(c, e * m * n, (e + 1) * m * n), k,
                        kernel.name() + ": entry " + e + " of " + entries + " (" + m + "x" + k + ")·(" + k + "x" + n
                                + ") transA=" + transA + " transB=" + transB);
            }
        }
    }

    static Stream<Arguments> batchShapes() {
        int[][] emkn = {{1, 5, 7, 3}, {3, 1, 1, 1}, {32, 128, 16, 128}, {32, 128, 128, 16}, {5, 9, 0, 4},
            {4, 0, 3, 2}, {0, 4, 4, 4}, {3, 150, 120, 130}, {7, 20, 33, 9}};
        List<Arguments> cases = new ArrayList<>();
        for (int[] s : emkn) {
            for (int t = 0; t < 4; t++) {
                cases.add(Arguments.of(s[0], s[1], s[2], s[3], (t & 1) != 0, (t & 2) != 0));
            }
        }
        return cases.stream();
    }

    @Test
    void ourKernelsRejectOffsetsPastTheArraysNamingThem() {
        for (MatMulKernel kernel : Kernels.available()) {
            if (kernel instanceof PackedMatMul) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                        kernel.multiply(new double[12], 1, 4, 3, false, new double[12], 0, 3, 4, false, new double[16], 0));
                assertTrue(e.getMessage().contains("[1, 13)"), e.getMessage());
                e = assertThrows(IllegalArgumentException.class, () -> kernel.multiplyBatch(2, new double[24],
                        new int[] {0, 13}, 4, 3, false, new double[12], new int[] {0, 0}, 3, 4, false, new double[32]));
                assertTrue(e.getMessage().contains("[13, 25)"), e.getMessage());
                e = assertThrows(IllegalArgumentException.class, () -> kernel.multiplyBatch(2, new double[24],
                        new int[] {0}, 4, 3, false, new double[12], new int[] {0, 0}, 3, 4, false, new double[32]));
                assertTrue(e.getMessage().contains("2 entries"), e.getMessage());
            }
        }
    }

    /**
     * Several callers share the kernels' pool: products split over the inner dimension (each worker's part
     * summed by its caller) and over C's rows, run at once from two threads, each still gets its own result.
     */
    @Test
    void concurrentCallersEachGetTheirOwnProduct() throws Exception {
        int[][] mkn = {{30, 1500, 30}, {200, 300, 200}};
        for (MatMulKernel kernel : Kernels.available()) {
            for (int[] s : mkn) {
                int m = s[0];
                int k = s[1];
                int n = s[2];
                List<Thread> callers = new ArrayList<>();
                List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                for (int t = 0; t < 2; t++) {
                    Random rng = new Random(t);
                    double[] a = randn(rng, m * k);
                    double[] b = randn(rng, k * n);
                    double[] expected = tripleLoop(a, k, false, b, n, false, m, k, n);
                    Thread caller = new Thread(() -> {
                        try {
                            for (int round = 0; round < 20; round++) {
                                double[] c = new double[m * n];
                                kernel.multiply(a, m, k, false, b, k, n, false, c);
                                assertClose(expected, c, k, kernel.name() + " from a concurrent caller, round " + round);
                            }
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    });
                    callers.add(caller);
                    caller.start();
                }
                for (Thread caller : callers) {
                    caller.join();
                }
                assertTrue(failures.isEmpty(), () -> failures.get(0).toString());
            }
        }
    }

    @Test
    void aResultOverwritesWhatCHeldBefore() {
        for (MatMulKernel kernel : Kernels.available()) {
            double[] c = {9, 9, 9, 9};
            kernel.multiply(new double[] {1, 2, 3, 4}, 2, 2, false, new double[] {1, 0, 0, 1}, 2, 2, false, c);
            assertEquals(List.of(1.0, 2.0, 3.0, 4.0), List.of(c[0], c[1], c[2], c[3]), kernel.name());
            kernel.multiply(new double[0], 2, 0, false, new double[0], 0, 2, false, c);
            assertEquals(List.of(0.0, 0.0, 0.0, 0.0), List.of(c[0], c[1], c[2], c[3]), kernel.name() + " with k = 0");
        }
    }

    @Test
    void ourKernelsRejectMisalignedShapesNamingThem() {
        for (MatMulKernel kernel : Kernels.available()) {
            if (kernel instanceof PackedMatMul) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                        kernel.multiply(new double[12], 4, 3, false, new double[8], 4, 2, false, new double[8]));
                assertTrue(e.getMessage().contains("3 != 4"), e.getMessage());
            }
        }
    }

    /** The shapes above keep testing both sides of the in-place limit if the limit moves. */
    @Test
    void theShapesReachOpAPackedAndInPlace() {
        assertTrue(700L / 2 * 400 > PackedMatMul.IN_PLACE_A, "{700, 400, 50} no longer packs op(A) on two threads");
        assertTrue(61L * 300 <= PackedMatMul.IN_PLACE_A, "{61, 300, 70} no longer reads op(A) in place");
    }

    @Test
    void blockSizesBelowOneAreRefusedWithTheValuesGiven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PackedMatMul(4, 8, 1, 0, 24) {
            @Override
            protected void microKernel(int kc, double[] a, int aOff, int aRowStride, int aStep, double[] b, int bOff,
                                       int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
            }

            @Override
            public String name() {
                return "unused";
            }
        });
        assertTrue(e.getMessage().contains("got 4, 8, 1, 0, 24"), e.getMessage());
    }

    @Test
    void theDefaultIsTheVectorKernelExactlyWhenItsModuleIsPresent() {
        String name = Kernels.matMul().name();
        assertEquals(Kernels.vectorApiAvailable(), name.startsWith("vector"), name);
        assertTrue(Kernels.available().size() >= 3);
    }

    /** Random operands of op(A) (m × k) and op(B) (k × n), as stored: A is (k × m) when transposed, B (n × k). */
    private record Operands(double[] a, int aRows, int aCols, boolean transA, double[] b, int bRows, int bCols,
                            boolean transB, int m, int k, int n) {
        static Operands random(Random rng, int m, int k, int n, boolean transA, boolean transB) {
            int aRows = transA ? k : m;
            int aCols = transA ? m : k;
            int bRows = transB ? n : k;
            int bCols = transB ? k : n;
            return new Operands(randn(rng, aRows * aCols), aRows, aCols, transA, randn(rng, bRows * bCols), bRows, bCols,
                    transB, m, k, n);
        }

        /** op(A)·op(B) by the naive triple loop. */
        double[] tripleLoop() {
            return MatMulKernelTest.tripleLoop(a, aCols, transA, b, bCols, transB, m, k, n);
        }
    }

    private static void checkAllKernels(int m, int k, int n, boolean transA, boolean transB, Random rng) {
        Operands o = Operands.random(rng, m, k, n, transA, transB);
        double[] a = o.a;
        double[] b = o.b;
        int aRows = o.aRows;
        int aCols = o.aCols;
        int bRows = o.bRows;
        int bCols = o.bCols;
        double[] expected = o.tripleLoop();
        for (MatMulKernel kernel : Kernels.available()) {
            double[] c = new double[m * n];
            java.util.Arrays.fill(c, Double.NaN);   // the kernel must overwrite, not accumulate into, C
            kernel.multiply(a, aRows, aCols, transA, b, bRows, bCols, transB, c);
            for (int i = 0; i < c.length; i++) {
                // Sums of k products of N(0,1) values: rounding differs with summation order by ~ k·eps.
                double tol = 1e-12 * k + 1e-13 * Math.abs(expected[i]);
                if (!(Math.abs(c[i] - expected[i]) <= tol)) {
                    throw new AssertionError(kernel.name() + ": (" + m + "x" + k + ")·(" + k + "x" + n + ") transA="
                            + transA + " transB=" + transB + " differs at (" + i / n + "," + i % n + "): " + c[i]
                            + " vs " + expected[i]);
                }
            }
        }
    }

    private static void assertClose(double[] expected, double[] actual, int k, String what) {
        for (int i = 0; i < expected.length; i++) {
            double tol = 1e-12 * k + 1e-13 * Math.abs(expected[i]);
            if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
                throw new AssertionError(what + " differs at " + i + ": " + actual[i] + " vs " + expected[i]);
            }
        }
    }

    private static double[] tripleLoop(double[] a, int lda, boolean transA, double[] b, int ldb, boolean transB,
                                       int m, int k, int n) {
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += (transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static double[] randn(Random rng, int size) {
        double[] x = new double[size];
        for (int i = 0; i < size; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }
}
