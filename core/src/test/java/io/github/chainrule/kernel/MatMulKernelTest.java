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
            {1000, 1, 7}, {20, 12288, 209}, {20, 209, 12288}, {301, 260, 2100}
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

    @Property(tries = 40)
    void everyKernelMatchesTheTripleLoopOnRandomShapes(@ForAll @IntRange(min = 1, max = 70) int m,
                                                        @ForAll @IntRange(min = 1, max = 600) int k,
                                                        @ForAll @IntRange(min = 1, max = 70) int n,
                                                        @ForAll boolean transA, @ForAll boolean transB) {
        checkAllKernels(m, k, n, transA, transB, new Random(m * 1_000_003L + k * 1009L + n));
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

    @Test
    void theDefaultIsTheVectorKernelExactlyWhenItsModuleIsPresent() {
        String name = Kernels.matMul().name();
        assertEquals(Kernels.vectorApiAvailable(), name.startsWith("vector"), name);
        assertTrue(Kernels.available().size() >= 3);
    }

    private static void checkAllKernels(int m, int k, int n, boolean transA, boolean transB, Random rng) {
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        double[] a = randn(rng, aRows * aCols);
        double[] b = randn(rng, bRows * bCols);
        double[] expected = tripleLoop(a, aCols, transA, b, bCols, transB, m, k, n);
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
