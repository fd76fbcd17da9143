package io.github.chainrule.nn.data;

import io.github.chainrule.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelsTest {

    @Property(tries = 40)
    void oneHotThenFromTargetsAndArgmaxGiveTheLabelsBack(@ForAll @IntRange(min = 2, max = 10) int classes,
                                                         @ForAll @IntRange(min = 0, max = 50) int m,
                                                         @ForAll long seed) {
        Random rng = new Random(seed);
        int[] labels = new int[m];
        for (int j = 0; j < m; j++) {
            labels[j] = rng.nextInt(classes);
        }
        Tensor y = Labels.oneHot(labels, classes);
        assertEquals(classes, y.shape().dim(0));
        assertArrayEquals(labels, Labels.fromTargets(y));
        assertArrayEquals(labels, Labels.argmax(y));
    }

    @Test
    void binaryLabelsBecomeARowAndBack() {
        Tensor y = Labels.row(new int[] {1, 0, 1});
        assertEquals("(1,3)", y.shape().toString());
        assertArrayEquals(new int[] {1, 0, 1}, Labels.fromTargets(y));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Labels.row(new int[] {0, 2}));
        assertEquals("Labels.row: a binary target needs labels 0 or 1, got 2 at position 1", e.getMessage());
    }

    @Test
    void argmaxTakesTheFirstLargestEntryOfEachColumn() {
        Tensor a = Tensor.of(new double[] {0.1, 0.7, 0.5, 0.8, 0.2, 0.5, 0.1, 0.1, 0.0}, 3, 3);
        assertArrayEquals(new int[] {1, 0, 0}, Labels.argmax(a));
    }

    @Test
    void thresholdPredictsOneAboveHalf() {
        assertArrayEquals(new int[] {0, 0, 1}, Labels.threshold(Tensor.of(new double[] {0.2, 0.5, 0.51}, 1, 3), 0.5));
        assertThrows(IllegalArgumentException.class, () -> Labels.threshold(Tensor.zeros(2, 3), 0.5));
    }

    @Test
    void aTargetThatIsNotOneHotIsRejectedNamingTheColumn() {
        Tensor y = Tensor.of(new double[] {1, 0, 0, 1}, 2, 2).add(Tensor.of(new double[] {0, 0, 0, 1}, 2, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Labels.fromTargets(y));
        assertTrue(e.getMessage().contains("column 1"), e.getMessage());
    }

    @Test
    void classCountAndCounts() {
        int[] labels = {2, 0, 2, 1, 2};
        assertEquals(3, Labels.classCount(labels));
        assertArrayEquals(new int[] {1, 1, 3}, Labels.counts(labels, 3));
        assertThrows(IllegalArgumentException.class, () -> Labels.counts(labels, 2));
    }
}
