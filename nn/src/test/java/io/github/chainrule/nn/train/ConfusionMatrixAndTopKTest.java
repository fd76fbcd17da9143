package io.github.chainrule.nn.train;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Top-k accuracy and the confusion matrix, on outputs small enough to count by hand. */
class ConfusionMatrixAndTopKTest {
    /** Three classes (rows), four examples (columns). */
    private static final Tensor SCORES = Tensor.matrix(new double[][] {
            {0.7, 0.1, 0.2, 0.3},
            {0.2, 0.5, 0.3, 0.3},
            {0.1, 0.4, 0.5, 0.4}});
    private static final Tensor LABELS = Tensor.of(new double[] {0, 2, 1, 1}, 1, 4);

    @Test
    void topKCountsAnExampleWhenFewerThanKClassesScoreAboveItsLabel() {
        assertEquals(0.25, Metrics.topKAccuracy(SCORES, LABELS, 1), 0);   // only example 0 is right outright
        assertEquals(1.0, Metrics.topKAccuracy(SCORES, LABELS, 2), 0);    // each label is at most second
        assertEquals(Metrics.accuracy(SCORES, LABELS), Metrics.topKAccuracy(SCORES, LABELS, 1), 0);
        assertThrows(IllegalArgumentException.class, () -> Metrics.topKAccuracy(SCORES, LABELS, 4));
    }

    @Test
    void theConfusionMatrixCountsActualAgainstPredicted() {
        ConfusionMatrix cm = Metrics.confusionMatrix(SCORES, LABELS, 3);
        // predictions: 0, 1, 2, 2 for labels 0, 2, 1, 1
        assertArrayEquals(new long[][] {{1, 0, 0}, {0, 0, 2}, {0, 1, 0}}, cm.counts());
        assertEquals(0.25, cm.accuracy(), 0);
        assertEquals(0.0, cm.recall(1), 0);
        assertEquals(0.0, cm.precision(2), 0);
        assertEquals(1.0, cm.precision(0), 0);
        assertTrue(cm.toString().contains("actual"), cm.toString());
    }

    @Test
    void aLabelOutsideTheClassesIsRefusedNamingTheExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, 3));
        assertTrue(e.getMessage().contains("example 1"), e.getMessage());
    }
}
