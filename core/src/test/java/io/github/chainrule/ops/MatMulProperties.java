package io.github.chainrule.ops;

import io.github.chainrule.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Matrix multiplication against its definition, C[i][j] = Σₖ op(A)[i][k]·op(B)[k][j], written as the naive
 * triple loop, for all four transpose variants (the kernel reads transposes in place).
 */
class MatMulProperties {

    /** Every variant of matmul agrees with the triple loop over the explicitly transposed matrices. */
    @Property(tries = 200)
    void matmulAgreesWithTheNaiveTripleLoopForEveryTransposeVariant(
            @ForAll @IntRange(min = 0, max = 7) int m, @ForAll @IntRange(min = 0, max = 7) int k,
            @ForAll @IntRange(min = 0, max = 7) int n, @ForAll boolean transA, @ForAll boolean transB,
            @ForAll long seed) {
        Statistics.label("variant").collect((transA ? "Aᵀ" : "A") + "·" + (transB ? "Bᵀ" : "B"));
        Random rng = new Random(seed);
        Tensor a = transA ? Tensor.randn(rng, k, m) : Tensor.randn(rng, m, k);
        Tensor b = transB ? Tensor.randn(rng, n, k) : Tensor.randn(rng, k, n);
        Tensor c = OpRegistry.call("matmul", Attrs.of("transA", transA, "transB", transB), a, b);
        assertEquals(io.github.chainrule.Shape.of(m, n), c.shape());
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = 0;
                for (int p = 0; p < k; p++) {
                    double aip = transA ? a.get(p, i) : a.get(i, p);
                    double bpj = transB ? b.get(j, p) : b.get(p, j);
                    expected += aip * bpj;
                }
                assertEquals(expected, c.get(i, j), 1e-12 * (1 + Math.abs(expected)));
            }
        }
        // The fluent methods are the same op.
        if (!transA && !transB) {
            assertEquals(c.shape(), a.matmul(b).shape());
        } else if (transA && !transB) {
            assertEquals(0, c.sub(a.matmulTransA(b)).abs().sum().item(), 0.0);
        } else if (!transA) {
            assertEquals(0, c.sub(a.matmulTransB(b)).abs().sum().item(), 0.0);
        }
    }
}
