package io.github.chainrule;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * numpy's broadcasting rule, as the course's broadcasting notes state it: align two shapes at their
 * trailing axes; lengths are compatible when equal or when one of them is 1; a missing leading axis
 * counts as 1; the result takes the larger length on every axis.
 */
class BroadcastingProperties {

    @Provide
    Arbitrary<int[]> shapes() {
        // Lengths 1 to 3, so that equal lengths, 1s and mismatches all occur often.
        return Arbitraries.integers().between(1, 3).list().ofMaxSize(4).map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Shape.broadcast agrees with the rule written out axis by axis, and fails exactly where the rule does. */
    @Property(tries = 300)
    void broadcastShapeFollowsNumpysRuleAxisByAxis(@ForAll("shapes") int[] a, @ForAll("shapes") int[] b) {
        int[] expected = referenceBroadcast(a, b);
        Statistics.label("broadcasts").collect(expected != null);
        if (expected == null) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Shape.broadcast("add", Shape.of(a), Shape.of(b)));
            assertTrue(e.getMessage().contains(Shape.of(a).toString()) && e.getMessage().contains(Shape.of(b).toString()),
                    e.getMessage());
        } else {
            assertArrayEquals(expected, Shape.broadcast("add", Shape.of(a), Shape.of(b)).dims());
        }
    }

    /** Broadcasting stretches values, not just shapes: (a + b)[i] = a[i mapped into a] + b[i mapped into b]. */
    @Property(tries = 200)
    void broadcastAddReadsEachInputAtItsStretchedIndex(@ForAll("shapes") int[] a, @ForAll("shapes") int[] b) {
        int[] out = referenceBroadcast(a, b);
        if (out == null) {
            return;
        }
        Random rng = new Random(7);
        Tensor x = Tensor.randn(rng, a);
        Tensor y = Tensor.randn(rng, b);
        Tensor sum = x.add(y);
        assertArrayEquals(out, sum.shape().dims());
        int[] index = new int[out.length];
        for (int flat = 0; flat < sum.size(); flat++) {
            int rest = flat;
            for (int axis = out.length - 1; axis >= 0; axis--) {
                index[axis] = rest % out[axis];
                rest /= out[axis];
            }
            assertEquals(x.get(stretched(index, a)) + y.get(stretched(index, b)), sum.get(index), 0.0);
        }
    }

    /** The course's worked example: 8×1×6×1 with 7×1×5 gives 8×7×6×5. */
    @Example
    void theCoursesFourDimensionalExampleBroadcastsTo8x7x6x5() {
        assertEquals(Shape.of(8, 7, 6, 5), Shape.broadcast("add", Shape.of(8, 1, 6, 1), Shape.of(7, 1, 5)));
        assertEquals(Shape.of(8, 7, 6, 5), Tensor.zeros(8, 1, 6, 1).add(Tensor.zeros(7, 1, 5)).shape());
    }

    /** The course's further examples: 5×4 with 1 and with 4; 15×3×5 with 15×1×5, with 3×5 and with 3×1. */
    @Example
    void theCoursesOtherExamplesBroadcastAsListed() {
        List<int[][]> cases = List.of(
                new int[][] {{5, 4}, {1}, {5, 4}},
                new int[][] {{5, 4}, {4}, {5, 4}},
                new int[][] {{15, 3, 5}, {15, 1, 5}, {15, 3, 5}},
                new int[][] {{15, 3, 5}, {3, 5}, {15, 3, 5}},
                new int[][] {{15, 3, 5}, {3, 1}, {15, 3, 5}});
        for (int[][] c : cases) {
            assertEquals(Shape.of(c[2]), Shape.broadcast("add", Shape.of(c[0]), Shape.of(c[1])));
        }
    }

    /** 3 with 4: the trailing lengths differ and neither is 1. */
    @Example
    void threeAndFourDoNotBroadcastAndTheMessageNamesBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(3).add(Tensor.zeros(4)));
        assertTrue(e.getMessage().startsWith("add:"), e.getMessage());
        assertTrue(e.getMessage().contains("(3,)") && e.getMessage().contains("(4,)"), e.getMessage());
    }

    /** 2×1 with 8×4×3: the second-to-last lengths 2 and 4 differ and neither is 1. */
    @Example
    void twoByOneAndEightByFourByThreeDoNotBroadcast() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.zeros(2, 1).mul(Tensor.zeros(8, 4, 3)));
        assertTrue(e.getMessage().contains("(2,1)") && e.getMessage().contains("(8,4,3)"), e.getMessage());
        assertTrue(e.getMessage().contains("2 and 4"), e.getMessage());
    }

    /** The rule written out independently of Shape: null where the shapes do not broadcast. */
    static int[] referenceBroadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[i] = Math.max(da, db);
        }
        return out;
    }

    private static int[] stretched(int[] outIndex, int[] dims) {
        int[] idx = new int[dims.length];
        int offset = outIndex.length - dims.length;
        for (int i = 0; i < dims.length; i++) {
            idx[i] = dims[i] == 1 ? 0 : outIndex[offset + i];
        }
        return idx;
    }
}
