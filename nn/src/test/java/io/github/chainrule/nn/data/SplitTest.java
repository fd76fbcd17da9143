package io.github.chainrule.nn.data;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SplitTest {

    @Test
    void theThreeSetsHaveTheAskedSizesAndPartitionTheExamples() {
        Split s = Split.shuffled(MiniBatchesProperties.numbered(103), 0.6, 0.2, new Random(5));
        assertEquals(62, s.train().m());   // round(61.8)
        assertEquals(21, s.dev().m());     // round(20.6)
        assertEquals(20, s.test().m());
        TreeSet<Integer> ids = new TreeSet<>();
        for (Dataset d : new Dataset[] {s.train(), s.dev(), s.test()}) {
            for (int j = 0; j < d.m(); j++) {
                ids.add((int) d.x().get(0, j));
                assertEquals(1000 + d.x().get(0, j), d.y().get(0, j));
            }
        }
        assertEquals(103, ids.size());
        assertEquals(0, ids.first());
        assertEquals(102, ids.last());
    }

    @Test
    void theSameSeedGivesTheSameSplit() {
        Split a = Split.trainTest(MiniBatchesProperties.numbered(50), 0.8, new Random(9));
        Split b = Split.trainTest(MiniBatchesProperties.numbered(50), 0.8, new Random(9));
        assertArrayEquals(a.test().x().toArray(), b.test().x().toArray());
        assertEquals(0, a.dev().m());
        assertEquals(10, a.test().m());
    }

    @Test
    void fractionsAddingUpToMoreThanOneAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Split.shuffled(MiniBatchesProperties.numbered(10), 0.8, 0.3, new Random(1)));
        assertEquals("Split.shuffled: fractions must be non-negative and add up to at most 1, got train 0.8 and dev 0.3",
                e.getMessage());
    }

    @Test
    void normalizingASplitFitsOnTheTrainSetOnly() {
        Random rng = new Random(11);
        Dataset d = Dataset.of(Tensor.randn(rng, 3, 200).mul(4).add(7), Tensor.zeros(1, 200));
        Split raw = Split.shuffled(d, 0.5, 0.25, new Random(2));
        Split s = Split.shuffled(d, 0.5, 0.25, new Random(2)).normalized(Standardizer::fit);
        Standardizer fromTrain = Standardizer.fit(raw.train().x());
        assertArrayEquals(fromTrain.apply(raw.dev().x()).toArray(), s.dev().x().toArray());
        assertArrayEquals(fromTrain.apply(raw.test().x()).toArray(), s.test().x().toArray());
        Standardizer onNormalizedTrain = Standardizer.fit(s.train().x());
        for (int i = 0; i < 3; i++) {
            assertEquals(0, onNormalizedTrain.mean().get(i, 0), 1e-12);
            assertEquals(1, onNormalizedTrain.std().get(i, 0), 1e-12);
        }
    }
}
