package io.github.chainrule.nn.optim;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Linear warmup, cosine decay and their composition, against their formulas at chosen steps. */
class WarmupAndCosineScheduleTest {
    @Test
    void linearWarmupRampsFromAlphaOverStepsToAlphaThenHolds() {
        LearningRateSchedule s = LearningRateSchedule.linearWarmup(4);
        assertEquals(0.25, s.rate(1, 0), 1e-15);
        assertEquals(0.75, s.rate(1, 2), 1e-15);
        assertEquals(1.0, s.rate(1, 3), 1e-15);
        assertEquals(1.0, s.rate(1, 100), 1e-15);
    }

    @Test
    void cosineDecaysFromAlphaToTheFloorAlongHalfACosine() {
        LearningRateSchedule s = LearningRateSchedule.cosine(10, 0.1);
        assertEquals(1.0, s.rate(1, 0), 1e-15);
        assertEquals(0.1 + 0.45 * (1 + Math.cos(Math.PI * 3 / 10)), s.rate(1, 3), 1e-15);
        assertEquals(0.55, s.rate(1, 5), 1e-15);       // halfway: the mean of α₀ and the floor
        assertEquals(0.1, s.rate(1, 10), 1e-15);
        assertEquals(0.1, s.rate(1, 50), 1e-15);       // held at the floor after the decay
    }

    @Test
    void aWarmupBeforeCosineRampsThenStartsTheDecayAfresh() {
        LearningRateSchedule s = LearningRateSchedule.cosine(8).afterWarmup(2);
        assertEquals(1.0, s.rate(2, 0), 1e-15);        // α₀·(t + 1) / 2
        assertEquals(2.0, s.rate(2, 1), 1e-15);
        assertEquals(2.0, s.rate(2, 2), 1e-15);        // the cosine's t = 0
        assertEquals(1.0, s.rate(2, 6), 1e-15);        // the cosine's t = 4 of 8: half of α₀
        assertEquals(0.0, s.rate(2, 10), 1e-15);
    }

    @Test
    void badStepsAreRefusedNamingTheSchedule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(0));
        assertEquals("cosine: steps must be positive, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.linearWarmup(-1));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.cosine(5, -0.1));
    }
}
