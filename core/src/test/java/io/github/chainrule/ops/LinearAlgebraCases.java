package io.github.chainrule.ops;

import io.github.chainrule.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

import java.util.Arrays;
import java.util.List;

/**
 * Case generators for the dense linear algebra signatures ({@link Signature#SQUARE}, {@link Signature#SOLVE},
 * {@link Signature#SPD}, {@link Signature#TRIANGULAR_SOLVE}): matrices whose condition is bounded, so that
 * finite differences of an inverse or a factor are as accurate as those of a product.
 *
 * <p>A general matrix is drawn as U·Σ·Vᵀ, U and V orthogonal (products of Givens rotations by random
 * angles) and Σ diagonal with |σᵢ| in [0.5, 2] and random signs: its condition number is at most 4, and its
 * determinant takes either sign. A symmetric positive definite one is Q·Λ·Qᵀ with λᵢ in [0.5, 2]. A
 * triangular one has diagonal entries with magnitude in [0.5, 2] and the rest in [−0.5, 0.5]. Matrices are
 * 1×1 to 3×3, alone or in a stack of one batch axis of length 1 or 2.
 */
final class LinearAlgebraCases {
    private LinearAlgebraCases() {
    }

    static Arbitrary<OpCase> square(OpDef op) {
        return Combinators.combine(batch(), order()).as(LinearAlgebraCases::matrixDims)
                .flatMap(d -> general(d).map(a -> new OpCase(op, new Tensor[] {a}, Attrs.NONE, new int[] {0})));
    }

    /** A well-conditioned A and right-hand sides (…, n, k), or (n) for a single A a third of the time. */
    static Arbitrary<OpCase> solve(OpDef op) {
        return Combinators.combine(batch(), order(), Arbitraries.integers().between(0, 3)).as(List::of).flatMap(p -> {
            int[] batch = (int[]) p.get(0);
            int n = (Integer) p.get(1);
            int k = (Integer) p.get(2);
            int[] bDims = k == 0 && batch.length == 0 ? new int[] {n} : withMatrix(batch, n, Math.max(k, 1));
            return Combinators.combine(general(matrixDims(batch, n)), OpCases.tensor(op, 1, bDims))
                    .as((a, b) -> new OpCase(op, new Tensor[] {a, b}, Attrs.NONE, new int[] {0, 1}));
        });
    }

    static Arbitrary<OpCase> spd(OpDef op) {
        return Combinators.combine(batch(), order()).as(LinearAlgebraCases::matrixDims)
                .flatMap(d -> symmetricPositive(d).map(a -> new OpCase(op, new Tensor[] {a}, Attrs.NONE, new int[] {0})));
    }

    /** A triangular T (the other triangle filled too: the op must ignore it), B (…, n, k), either triangle. */
    static Arbitrary<OpCase> triangularSolve(OpDef op) {
        return Combinators.combine(batch(), order(), Arbitraries.integers().between(1, 3), Arbitraries.of(true, false))
                .as(List::of).flatMap(p -> {
                    int[] batch = (int[]) p.get(0);
                    int n = (Integer) p.get(1);
                    int k = (Integer) p.get(2);
                    boolean lower = (Boolean) p.get(3);
                    return Combinators.combine(triangular(matrixDims(batch, n)), OpCases.tensor(op, 1, withMatrix(batch, n, k)))
                            .as((t, b) -> new OpCase(op, new Tensor[] {t, b}, Attrs.of("lower", lower), new int[] {0, 1}));
                });
    }

    // ---------------------------------------------------------------- matrices

    private static Arbitrary<int[]> batch() {
        return Arbitraries.integers().between(1, 2).list().ofMaxSize(1).map(OpCases::ints);
    }

    private static Arbitrary<Integer> order() {
        return Arbitraries.integers().between(1, 3);
    }

    private static int[] matrixDims(int[] batch, int n) {
        return withMatrix(batch, n, n);
    }

    private static int[] withMatrix(int[] batch, int rows, int cols) {
        int[] d = Arrays.copyOf(batch, batch.length + 2);
        d[batch.length] = rows;
        d[batch.length + 1] = cols;
        return d;
    }

    private static Arbitrary<List<Double>> uniform(double low, double high, int count) {
        return Arbitraries.doubles().between(low, high).ofScale(6).withDistribution(RandomDistribution.uniform())
                .list().ofSize(count);
    }

    /** U·Σ·Vᵀ per matrix of the stack: singular values |σ| in [0.5, 2], signs random. */
    static Arbitrary<Tensor> general(int[] dims) {
        int n = dims[dims.length - 1];
        int entries = entries(dims);
        return Combinators.combine(uniform(-3.14, 3.14, entries * 6), uniform(0.5, 2, entries * n),
                Arbitraries.of(1.0, -1.0).list().ofSize(entries * n)).as((angles, sigma, signs) -> {
            double[] v = new double[entries * n * n];
            for (int e = 0; e < entries; e++) {
                double[] u = orthogonal(n, angles.subList(6 * e, 6 * e + 3));
                double[] w = orthogonal(n, angles.subList(6 * e + 3, 6 * e + 6));
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int p = 0; p < n; p++) {
                            s += u[i * n + p] * signs.get(e * n + p) * sigma.get(e * n + p) * w[j * n + p];
                        }
                        v[e * n * n + i * n + j] = s;
                    }
                }
            }
            return Tensor.of(v, dims);
        });
    }

    /** Q·Λ·Qᵀ per matrix of the stack, λ in [0.5, 2]. */
    static Arbitrary<Tensor> symmetricPositive(int[] dims) {
        int n = dims[dims.length - 1];
        int entries = entries(dims);
        return Combinators.combine(uniform(-3.14, 3.14, entries * 3), uniform(0.5, 2, entries * n)).as((angles, lambda) -> {
            double[] v = new double[entries * n * n];
            for (int e = 0; e < entries; e++) {
                double[] q = orthogonal(n, angles.subList(3 * e, 3 * e + 3));
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int p = 0; p < n; p++) {
                            s += q[i * n + p] * lambda.get(e * n + p) * q[j * n + p];
                        }
                        v[e * n * n + i * n + j] = s;
                    }
                }
            }
            return Tensor.of(v, dims);
        });
    }

    /** Every entry in [−0.5, 0.5], then the diagonal replaced by ±[0.5, 2]. */
    static Arbitrary<Tensor> triangular(int[] dims) {
        int n = dims[dims.length - 1];
        int entries = entries(dims);
        return Combinators.combine(uniform(-0.5, 0.5, entries * n * n), uniform(0.5, 2, entries * n),
                Arbitraries.of(1.0, -1.0).list().ofSize(entries * n)).as((values, diagonal, signs) -> {
            double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
            for (int e = 0; e < entries; e++) {
                for (int i = 0; i < n; i++) {
                    v[e * n * n + i * n + i] = signs.get(e * n + i) * diagonal.get(e * n + i);
                }
            }
            return Tensor.of(v, dims);
        });
    }

    /** The n×n product of Givens rotations in planes (0,1), (0,2), (1,2) by the given angles, for n ≤ 3. */
    static double[] orthogonal(int n, List<Double> angles) {
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) {
            q[i * n + i] = 1;
        }
        int[][] planes = {{0, 1}, {0, 2}, {1, 2}};
        for (int r = 0; r < planes.length; r++) {
            int a = planes[r][0];
            int b = planes[r][1];
            if (b >= n) {
                continue;
            }
            double c = Math.cos(angles.get(r));
            double s = Math.sin(angles.get(r));
            for (int i = 0; i < n; i++) {   // q ← q·G: columns a and b rotate
                double qa = q[i * n + a];
                double qb = q[i * n + b];
                q[i * n + a] = c * qa - s * qb;
                q[i * n + b] = s * qa + c * qb;
            }
        }
        return q;
    }

    private static int entries(int[] dims) {
        int e = 1;
        for (int i = 0; i < dims.length - 2; i++) {
            e *= dims[i];
        }
        return e;
    }
}
