package io.github.chainrule.ops;

import io.github.chainrule.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The laws behind the issue-12 indexing ops: gather and scatterAdd are adjoints (which is why each is the
 * other's backward rule), so are a matrix's diagonal and the matrix with a given diagonal; sort returns a
 * permutation in order; topk is the front of the sort; tile and repeatInterleave are the concatenations and
 * index selections they stand for.
 */
class GatherAndSortProperties {

    /** A random tensor, an axis, and a random index tensor for gathering along it: [x, index] and the axis. */
    record GatherCase(Tensor x, int axis, Tensor index) {
    }

    @Provide
    Arbitrary<GatherCase> gatherCases() {
        return OpCases.dims(1, 3).flatMap(d -> Combinators.combine(Arbitraries.integers().between(0, d.length - 1),
                Arbitraries.longs()).as((axis, seed) -> {
            Random rng = new Random(seed);
            int[] id = new int[d.length];
            for (int a = 0; a < d.length; a++) {
                id[a] = a == axis ? rng.nextInt(5) : 1 + rng.nextInt(d[a]);
            }
            Tensor index = Tensor.zeros(id);
            double[] v = new double[index.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextInt(d[axis]);
            }
            return new GatherCase(Tensor.randn(rng, d), axis, Tensor.of(v, id));
        }));
    }

    private static double dot(Tensor a, Tensor b) {
        double s = 0;
        double[] x = a.toArray();
        double[] y = b.toArray();
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    /** ⟨gather(x, axis, index), y⟩ = ⟨x, scatterAdd(0, axis, index, y)⟩ for every x, index and y: the two are adjoint. */
    @Property(tries = 200)
    void gatherAndScatterAddAreAdjoint(@ForAll("gatherCases") GatherCase c, @ForAll long seed) {
        Tensor y = Tensor.randn(new Random(seed), c.index().shape().dims());
        double left = dot(c.x().gather(c.axis(), c.index()), y);
        double right = dot(c.x(), Tensor.zeros(c.x().shape()).scatterAdd(c.axis(), c.index(), y));
        assertEquals(left, right, 1e-12 * (1 + Math.abs(left)));
    }

    /** ⟨diag(v, k), M⟩ = ⟨v, diag(M, k)⟩: placing a vector on a diagonal and reading that diagonal are adjoint. */
    @Property(tries = 100)
    void aDiagonalMatrixAndTheDiagonalOfAMatrixAreAdjoint(@ForAll("lengths") int n, @ForAll("offsets") int k, @ForAll long seed) {
        Random rng = new Random(seed);
        Tensor v = Tensor.randn(rng, n);
        int side = n + Math.abs(k);
        Tensor m = Tensor.randn(rng, side, side);
        assertEquals(dot(v.diag(k), m), dot(v, m.diag(k)), 1e-12 * (1 + Math.abs(dot(v, m.diag(k)))));
        assertArrayEquals(v.toArray(), v.diag(k).diag(k).toArray(), 0.0);
    }

    @Provide
    Arbitrary<Integer> lengths() {
        return Arbitraries.integers().between(0, 4);
    }

    @Provide
    Arbitrary<Integer> offsets() {
        return Arbitraries.integers().between(-3, 3);
    }

    @Provide
    Arbitrary<Tensor> tensors() {
        return OpCases.dims(1, 4).flatMap(d -> Arbitraries.longs().map(seed -> {
            Random rng = new Random(seed);
            double[] v = new double[Tensor.zeros(d).size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = rng.nextInt(4);          // few distinct values, so that ties are common
            }
            return Tensor.of(v, d);
        }));
    }

    /**
     * Sorting along an axis gives, on every line, values in order whose indices are a permutation of the line's
     * positions, with gather(x, indices) = values; equal values keep their order (stable).
     */
    @Property(tries = 200)
    void sortGivesOrderedValuesAndAStablePermutation(@ForAll("tensors") Tensor x, @ForAll("axisDraws") int draw,
                                                     @ForAll boolean descending) {
        int axis = draw % x.rank();
        Sorting.ValuesAndIndices s = x.sort(axis, descending);
        assertArrayEquals(s.values().toArray(), x.gather(axis, s.indices()).toArray(), 0.0);
        Tensor movedValues = s.values().swapAxes(axis, -1);
        Tensor movedIndices = s.indices().swapAxes(axis, -1);
        int n = x.shape().dim(axis);
        double[] vs = movedValues.toArray();
        double[] is = movedIndices.toArray();
        for (int line = 0; line * n < vs.length; line++) {
            boolean[] seen = new boolean[n];
            for (int j = 0; j < n; j++) {
                int at = line * n + j;
                seen[(int) is[at]] = true;
                if (j > 0) {
                    double before = vs[at - 1];
                    double now = vs[at];
                    assertTrue(descending ? before >= now : before <= now, () -> "out of order: " + Arrays.toString(vs));
                    if (before == now) {
                        assertTrue(is[at - 1] < is[at], () -> "ties out of their first order: " + Arrays.toString(is));
                    }
                }
            }
            for (boolean b : seen) {
                assertTrue(b, () -> "indices are not a permutation: " + Arrays.toString(is));
            }
        }
    }

    @Provide
    Arbitrary<Integer> axisDraws() {
        return Arbitraries.integers().between(0, 3);
    }

    /** topk(x, k) is the first k entries of the descending sort (and of the ascending one for the smallest). */
    @Property(tries = 200)
    void topkIsTheFrontOfTheSort(@ForAll("tensors") Tensor x, @ForAll("axisDraws") int draw, @ForAll("axisDraws") int kDraw,
                                 @ForAll boolean largest) {
        int axis = draw % x.rank();
        int k = kDraw % (x.shape().dim(axis) + 1);
        Sorting.ValuesAndIndices top = x.topk(k, axis, largest);
        Sorting.ValuesAndIndices sorted = x.sort(axis, largest);
        assertArrayEquals(sorted.values().slice(axis, 0, k).toArray(), top.values().toArray(), 0.0);
        assertArrayEquals(sorted.indices().slice(axis, 0, k).toArray(), top.indices().toArray(), 0.0);
    }

    /** Tiling r times along one axis is concatenating r copies along it; repeating in place is selecting 0,0,..,1,1,... */
    @Property(tries = 100)
    void tileConcatenatesCopiesAndRepeatInterleaveSelectsEachIndexRepeatedly(@ForAll("tensors") Tensor x,
                                                                             @ForAll("axisDraws") int draw,
                                                                             @ForAll("axisDraws") int repeats) {
        int axis = draw % x.rank();
        int[] reps = new int[x.rank()];
        Arrays.fill(reps, 1);
        reps[axis] = repeats;
        Tensor[] copies = new Tensor[repeats];
        Arrays.fill(copies, x);
        Tensor tiled = x.tile(reps);
        assertArrayEquals(tiled.shape().dims(), x.shape().withDim(axis, x.shape().dim(axis) * repeats).dims());
        if (repeats > 0) {
            assertArrayEquals(Tensor.concat(axis, copies).toArray(), tiled.toArray(), 0.0);
        }
        int n = x.shape().dim(axis);
        int[] runs = new int[n * repeats];
        for (int i = 0; i < runs.length; i++) {
            runs[i] = i / repeats;
        }
        assertArrayEquals(x.indexSelect(axis, runs).toArray(), x.repeatInterleave(repeats, axis).toArray(), 0.0);
    }
}
