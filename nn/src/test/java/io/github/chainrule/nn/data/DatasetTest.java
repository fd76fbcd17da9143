package io.github.chainrule.nn.data;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetTest {

    @Test
    void holdsXAndYWithTheCourseSizes() {
        Dataset d = Dataset.of(Tensor.zeros(4, 7), Tensor.zeros(1, 7));
        assertEquals(7, d.m());
        assertEquals(4, d.inputSize());
        assertEquals(1, d.outputSize());
    }

    @Test
    void differentExampleCountsAreRejectedNamingBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of(Tensor.zeros(4, 7), Tensor.zeros(1, 6)));
        assertTrue(e.getMessage().contains("(4,7)") && e.getMessage().contains("(1,6)"), e.getMessage());
        assertTrue(e.getMessage().contains("7 != 6"), e.getMessage());
    }

    @Test
    void nonMatrixInputsAndNullAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(Tensor.zeros(7), Tensor.zeros(1, 7)));
        assertThrows(IllegalArgumentException.class, () -> Dataset.of(null, Tensor.zeros(1, 7)));
    }

    @Test
    void subsetTakesColumnsOfXAndYInTheGivenOrder() {
        Tensor x = Tensor.of(new double[] {0, 1, 2, 10, 11, 12}, 2, 3);
        Tensor y = Tensor.of(new double[] {5, 6, 7}, 1, 3);
        Dataset s = Dataset.of(x, y).subset(2, 0);
        assertArrayEquals(new double[] {2, 0, 12, 10}, s.x().toArray());
        assertArrayEquals(new double[] {7, 5}, s.y().toArray());
    }

    @Test
    void subsetRejectsAnIndexOutOfRangeNamingIt() {
        Dataset d = Dataset.of(Tensor.zeros(2, 3), Tensor.zeros(1, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> d.subset(0, 3));
        assertTrue(e.getMessage().contains("index 3") && e.getMessage().contains("[0, 3)"), e.getMessage());
    }
}
