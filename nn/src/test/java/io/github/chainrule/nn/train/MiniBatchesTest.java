package io.github.chainrule.nn.train;

import io.github.chainrule.Tensor;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Seeded mini-batches in the course's layout. */
class MiniBatchesTest {

    /** X row 0 holds the example's index, row 1 its index times 10; Y holds the index too. */
    private static Tensor indexed(int m, int rows) {
        double[] d = new double[rows * m];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < m; j++) {
                d[r * m + j] = j * Math.pow(10, r);
            }
        }
        return Tensor.of(d, rows, m);
    }

    @Property(tries = 30)
    void everyExampleAppearsOnceAnEpochWithItsOwnLabelAndOnlyTheLastBatchIsSmaller(
            @ForAll @IntRange(min = 1, max = 40) int m, @ForAll @IntRange(min = 1, max = 16) int batchSize,
            @ForAll long seed) {
        MiniBatches source = MiniBatches.shuffled(indexed(m, 2), indexed(m, 1), batchSize, new Random(seed));
        List<Batch> batches = source.epoch(0);
        assertEquals((m + batchSize - 1) / batchSize, batches.size());
        boolean[] seen = new boolean[m];
        for (int i = 0; i < batches.size(); i++) {
            Batch b = batches.get(i);
            int expectedSize = i < batches.size() - 1 ? batchSize : m - batchSize * (batches.size() - 1);
            assertEquals(Math.min(expectedSize, m), b.size());
            for (int j = 0; j < b.size(); j++) {
                int example = (int) b.X().get(0, j);
                assertEquals(example * 10.0, b.X().get(1, j), "X's rows move together");
                assertEquals(example, (int) b.Y().get(0, j), "Y follows X's permutation");
                assertTrue(!seen[example], "example " + example + " appears twice");
                seen[example] = true;
            }
        }
    }

    @Example
    void theSameSeedGivesTheSameBatchesAndEpochsAreShuffledDifferently() {
        Tensor X = indexed(50, 1);
        MiniBatches a = MiniBatches.shuffled(X, X, 8, new Random(3));
        MiniBatches b = MiniBatches.shuffled(X, X, 8, new Random(3));
        List<Batch> a0 = a.epoch(0);
        List<Batch> b0 = b.epoch(0);
        for (int i = 0; i < a0.size(); i++) {
            assertArrayEquals(a0.get(i).X().toArray(), b0.get(i).X().toArray());
        }
        assertNotEquals(Arrays.toString(a0.get(0).X().toArray()), Arrays.toString(a.epoch(1).get(0).X().toArray()));
    }

    @Example
    void aBatchAsBigAsTheSetIsBatchGradientDescent() {
        Tensor X = indexed(10, 1);
        assertEquals(1, MiniBatches.shuffled(X, X, 10, new Random(1)).epoch(0).size());
        assertEquals(1, MiniBatches.fullBatch(X, X).epoch(5).size());
        assertEquals(10, MiniBatches.shuffled(X, X, 1, new Random(1)).epoch(0).size());
    }

    @Example
    void mismatchedColumnsAndBadSizesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MiniBatches.shuffled(Tensor.zeros(2, 5), Tensor.zeros(1, 4), 2, new Random(1)));
        assertTrue(e.getMessage().contains("X (2,5) and Y (1,4)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MiniBatches.shuffled(Tensor.zeros(2, 5), Tensor.zeros(1, 5), 0, new Random(1)));
    }
}
