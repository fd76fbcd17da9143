package io.github.chainrule.nn.optim;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Scale;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The course's exponentially weighted averages, with and without bias correction. */
class ExponentiallyWeightedAverageTest {

    @Example
    void theCoursesTemperatureExampleByHand() {
        // v1 = 0.9·0 + 0.1·40 = 4; v2 = 0.9·4 + 0.1·49 = 8.5; v3 = 0.9·8.5 + 0.1·45 = 12.15
        ExponentiallyWeightedAverage ewa = new ExponentiallyWeightedAverage(0.9);
        assertEquals(4.0, ewa.update(40), 1e-12);
        assertEquals(8.5, ewa.update(49), 1e-12);
        assertEquals(12.15, ewa.update(45), 1e-12);
        assertEquals(3, ewa.count());
        // bias correction: v3 / (1 − 0.9³) = 12.15 / 0.271
        assertEquals(12.15 / 0.271, ewa.corrected().item(), 1e-12);
    }

    @Property(tries = 30)
    void biasCorrectedAverageOfAConstantStreamIsThatConstantFromTheFirstStep(
            @ForAll @DoubleRange(min = 0, max = 0.999) @Scale(4) double beta, @ForAll @DoubleRange(min = -100, max = 100) @Scale(4) double c) {
        ExponentiallyWeightedAverage ewa = new ExponentiallyWeightedAverage(beta);
        for (int t = 1; t <= 20; t++) {
            ewa.update(c);
            assertEquals(c, ewa.corrected().item(), 1e-9 * Math.max(1, Math.abs(c)));
            // uncorrected, it is (1 − β^t)·c: too small early on, the bias the correction removes
            assertEquals((1 - Math.pow(beta, t)) * c, ewa.value().item(), 1e-9 * Math.max(1, Math.abs(c)));
        }
    }

    @Example
    void worksElementwiseOnTensors() {
        ExponentiallyWeightedAverage ewa = new ExponentiallyWeightedAverage(0.5, Shape.of(2, 1));
        ewa.update(Tensor.of(new double[] {2, 4}, 2, 1));
        Tensor v = ewa.update(Tensor.of(new double[] {4, 0}, 2, 1));
        assertArrayEquals(new double[] {2.5, 1}, v.toArray(), 1e-15);
        assertArrayEquals(new double[] {2.5 / 0.75, 1 / 0.75}, ewa.corrected().toArray(), 1e-15);
    }

    @Property(tries = 30)
    void pushingTheSquareEqualsPushingTheSquaredTensor(
            @ForAll @DoubleRange(min = 0, max = 0.999) @Scale(4) double beta, @ForAll long seed) {
        Random rng = new Random(seed);
        ExponentiallyWeightedAverage squaredInLoop = new ExponentiallyWeightedAverage(beta, Shape.of(3, 2));
        ExponentiallyWeightedAverage squaredFirst = new ExponentiallyWeightedAverage(beta, Shape.of(3, 2));
        for (int t = 0; t < 5; t++) {
            Tensor g = Tensor.randn(rng, 3, 2);
            squaredInLoop.pushSquare(g);
            squaredFirst.push(g.square());
        }
        assertArrayEquals(squaredFirst.value().toArray(), squaredInLoop.value().toArray(), 0.0);   // the same roundings
        assertEquals(squaredFirst.count(), squaredInLoop.count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> squaredInLoop.pushSquare(Tensor.zeros(2, 3)));
        assertEquals("ExponentiallyWeightedAverage.update: θ has shape (2,3) but the average has shape (3,2)", e.getMessage());
    }

    @Example
    void wrongShapesAndBetasAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ExponentiallyWeightedAverage(1.0));
        ExponentiallyWeightedAverage ewa = new ExponentiallyWeightedAverage(0.5, Shape.of(2, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ewa.update(Tensor.zeros(1, 2)));
        assertEquals("ExponentiallyWeightedAverage.update: θ has shape (1,2) but the average has shape (2,1)", e.getMessage());
        assertThrows(IllegalStateException.class, () -> ewa.update(3.0));
    }
}
