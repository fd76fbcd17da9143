package io.github.chainrule.nn.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The course's learning-rate decay formulas. */
class LearningRateScheduleTest {
    private static final double ALPHA0 = 0.2;

    @Test
    void inverseTimeIsAlpha0OverOnePlusDecayRateTimesEpoch() {
        LearningRateSchedule s = LearningRateSchedule.inverseTime(1);
        // the course's table: α₀ = 0.2, decay rate 1: 0.2, 0.1, 0.067, 0.05
        assertEquals(0.2, s.rate(ALPHA0, 0), 1e-15);
        assertEquals(0.1, s.rate(ALPHA0, 1), 1e-15);
        assertEquals(0.2 / 3, s.rate(ALPHA0, 2), 1e-15);
        assertEquals(0.05, s.rate(ALPHA0, 3), 1e-15);
    }

    @Test
    void inverseSqrtIsKOverRootEpochNumTimesAlpha0() {
        LearningRateSchedule s = LearningRateSchedule.inverseSqrt(0.5);
        assertEquals(0.5 * ALPHA0, s.rate(ALPHA0, 0), 1e-15);
        assertEquals(0.5 / 2 * ALPHA0, s.rate(ALPHA0, 3), 1e-15);   // epoch_num 4
    }

    @Test
    void exponentialIsBaseToTheEpochTimesAlpha0() {
        LearningRateSchedule s = LearningRateSchedule.exponential(0.95);
        assertEquals(ALPHA0, s.rate(ALPHA0, 0), 0);
        assertEquals(Math.pow(0.95, 10) * ALPHA0, s.rate(ALPHA0, 10), 1e-15);
    }

    @Test
    void staircaseHoldsTheRateForEachInterval() {
        LearningRateSchedule s = LearningRateSchedule.staircase(1, 1000);
        assertEquals(ALPHA0, s.rate(ALPHA0, 0), 0);
        assertEquals(ALPHA0, s.rate(ALPHA0, 999), 0);
        assertEquals(ALPHA0 / 2, s.rate(ALPHA0, 1000), 0);
        assertEquals(ALPHA0 / 2, s.rate(ALPHA0, 1999), 0);
        assertEquals(ALPHA0 / 3, s.rate(ALPHA0, 2000), 1e-15);
    }

    @Test
    void constantNeverChanges() {
        assertEquals(ALPHA0, LearningRateSchedule.constant().rate(ALPHA0, 12345), 0);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.inverseTime(-1));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.exponential(1.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.staircase(1, 0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.inverseSqrt(0));
    }
}
