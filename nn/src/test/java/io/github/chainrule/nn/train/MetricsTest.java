package io.github.chainrule.nn.train;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Accuracy, precision, recall and F1, counted by hand. */
class MetricsTest {

    @Test
    void binaryAccuracyThresholdsProbabilitiesAtOneHalf() {
        Tensor AL = Tensor.of(new double[] {0.9, 0.2, 0.6, 0.4, 0.51}, 1, 5);
        Tensor Y = Tensor.of(new double[] {1, 0, 0, 1, 1}, 1, 5);
        assertEquals(3 / 5.0, Metrics.accuracy(AL, Y));
    }

    @Test
    void multiclassAccuracyTakesTheLargestRowAgainstOneHotOrIndexLabels() {
        Tensor AL = Tensor.matrix(new double[][] {{0.7, 0.1, 0.2}, {0.2, 0.8, 0.3}, {0.1, 0.1, 0.5}});
        assertArrayEquals(new int[] {0, 1, 2}, Metrics.predictClasses(AL));
        assertEquals(2 / 3.0, Metrics.accuracy(AL, Tensor.oneHot(new int[] {0, 1, 1}, 3)));
        assertEquals(2 / 3.0, Metrics.accuracy(AL, Tensor.of(new double[] {0, 1, 1}, 1, 3)));
    }

    @Test
    void precisionRecallAndF1FromTheConfusionCounts() {
        // predicted: 1 1 1 0 0 0 1 ; actual: 1 0 1 1 0 0 1  -> TP 3, FP 1, FN 1, TN 2
        Tensor AL = Tensor.of(new double[] {0.9, 0.8, 0.7, 0.1, 0.2, 0.3, 0.6}, 1, 7);
        Tensor Y = Tensor.of(new double[] {1, 0, 1, 1, 0, 0, 1}, 1, 7);
        Metrics.BinaryScores s = Metrics.binaryScores(AL, Y);
        assertEquals(new Metrics.BinaryScores(3, 1, 1, 2), s);
        assertEquals(0.75, s.precision());
        assertEquals(0.75, s.recall());
        assertEquals(0.75, s.f1(), 1e-15);
        assertEquals(5 / 7.0, s.accuracy());
    }

    @Test
    void noPositivePredictionsGivePrecisionZeroRatherThanNaN() {
        Metrics.BinaryScores s = Metrics.binaryScores(Tensor.of(new double[] {0.1, 0.2}, 1, 2), Tensor.of(new double[] {1, 0}, 1, 2));
        assertEquals(0.0, s.precision());
        assertEquals(0.0, s.recall());
        assertEquals(0.0, s.f1());
    }

    @Test
    void mismatchedShapesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.accuracy(Tensor.zeros(1, 3), Tensor.zeros(1, 4)));
        assertEquals("accuracy: Y has shape (1,4) but AL has (1,3); they need the same number of columns", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Metrics.binaryScores(Tensor.zeros(1, 2), Tensor.of(new double[] {2, 0}, 1, 2)));
    }
}
