package io.github.chainrule.nn.data;

import io.github.chainrule.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MiniBatchesProperties {

    /** Example j has x = (j, -j) and y = 1000 + j, so a column's identity can be read back from any batch. */
    static Dataset numbered(int m) {
        double[] x = new double[2 * m];
        double[] y = new double[m];
        for (int j = 0; j < m; j++) {
            x[j] = j;
            x[m + j] = -j;
            y[j] = 1000 + j;
        }
        return Dataset.of(Tensor.of(x, 2, m), Tensor.of(y, 1, m));
    }

    @Property(tries = 60)
    void everyExampleAppearsExactlyOncePerEpoch(@ForAll @IntRange(min = 1, max = 300) int m,
                                                @ForAll @IntRange(min = 1, max = 64) int batchSize,
                                                @ForAll long seed) {
        List<Dataset> batches = MiniBatches.random(numbered(m), batchSize, new Random(seed));
        int[] seen = new int[m];
        for (Dataset b : batches) {
            for (int j = 0; j < b.m(); j++) {
                seen[(int) b.x().get(0, j)]++;
            }
        }
        int[] once = new int[m];
        Arrays.fill(once, 1);
        assertArrayEquals(once, seen);
    }

    @Property(tries = 60)
    void allBatchesAreFullButALastPartialOneOfMModBatchSize(@ForAll @IntRange(min = 1, max = 300) int m,
                                                            @ForAll @IntRange(min = 1, max = 64) int batchSize,
                                                            @ForAll long seed) {
        List<Dataset> batches = MiniBatches.random(numbered(m), batchSize, new Random(seed));
        assertEquals((m + batchSize - 1) / batchSize, batches.size());
        assertEquals(MiniBatches.count(m, batchSize), batches.size());
        for (int k = 0; k < batches.size() - 1; k++) {
            assertEquals(batchSize, batches.get(k).m());
        }
        int last = m % batchSize == 0 ? batchSize : m % batchSize;
        assertEquals(last, batches.get(batches.size() - 1).m());
    }

    @Property(tries = 40)
    void shufflingKeepsEachXWithItsY(@ForAll @IntRange(min = 1, max = 200) int m,
                                     @ForAll @IntRange(min = 1, max = 50) int batchSize,
                                     @ForAll long seed) {
        for (Dataset b : MiniBatches.random(numbered(m), batchSize, new Random(seed))) {
            for (int j = 0; j < b.m(); j++) {
                double id = b.x().get(0, j);
                assertEquals(-id, b.x().get(1, j), 0.0);
                assertEquals(1000 + id, b.y().get(0, j));
            }
        }
    }

    @Property(tries = 30)
    void theSameSeedGivesTheSameBatches(@ForAll @IntRange(min = 1, max = 200) int m, @ForAll long seed) {
        List<Dataset> a = MiniBatches.random(numbered(m), 16, new Random(seed));
        List<Dataset> b = MiniBatches.random(numbered(m), 16, new Random(seed));
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(a.get(k).x().toArray(), b.get(k).x().toArray());
        }
    }

    @Test
    void shufflingActuallyReordersAndDifferentSeedsDiffer() {
        double[] a = MiniBatches.random(numbered(100), 100, new Random(1)).get(0).x().toArray();
        double[] b = MiniBatches.random(numbered(100), 100, new Random(2)).get(0).x().toArray();
        assertFalse(Arrays.equals(a, numbered(100).x().toArray()));
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void eachPositionIsEquallyLikelyToHoldEachExample() {
        // Over many permutations of 5 items each of the 25 (position, item) cells is hit about 1/5 of the time.
        int trials = 20000;
        int[][] counts = new int[5][5];
        Random rng = new Random(7);
        for (int t = 0; t < trials; t++) {
            int[] p = MiniBatches.permutation(5, rng);
            for (int pos = 0; pos < 5; pos++) {
                counts[pos][p[pos]]++;
            }
        }
        for (int[] row : counts) {
            for (int c : row) {
                // expected 4000, standard deviation sqrt(20000 * 0.2 * 0.8) ≈ 57; allow 5 sigma
                assertEquals(4000, c, 5 * 57, "cell count " + c);
            }
        }
    }

    @Test
    void sequentialBatchesKeepTheDatasetOrder() {
        List<Dataset> batches = MiniBatches.sequential(numbered(10), 4);
        assertEquals(3, batches.size());
        assertArrayEquals(new double[] {8, 9, -8, -9}, batches.get(2).x().toArray(), 0);
        assertArrayEquals(new double[] {0, 1, 2, 3}, Arrays.copyOf(batches.get(0).x().toArray(), 4), 0);
    }

    @Test
    void aNonPositiveBatchSizeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MiniBatches.random(numbered(10), 0, new Random(1)));
        assertEquals("MiniBatches: batch size must be positive, got 0", e.getMessage());
    }

    @Test
    void augmentedBatchesChangeOnlyX() {
        Dataset d = numbered(10);
        List<Dataset> batches = MiniBatches.random(d, 3, new Random(3), (x, rng) -> x.mul(2));
        for (Dataset b : batches) {
            for (int j = 0; j < b.m(); j++) {
                double id = b.x().get(0, j) / 2;
                assertEquals(1000 + id, b.y().get(0, j));
            }
        }
    }
}
