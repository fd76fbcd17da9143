package io.github.chainrule.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The touch pass is chosen by measurement: both kinds are taken in turn until each has been timed
 * {@value TouchChoice#SAMPLES} times, then the one whose fastest slab did the most work per nanosecond is
 * kept; slabs of different sizes compare per unit of work.
 */
class TouchChoiceTest {
    @Test
    void bothKindsAreTakenInTurnUntilTheChoiceIsMade() {
        TouchChoice choice = new TouchChoice(null);
        for (int i = 0; i < 2 * TouchChoice.SAMPLES; i++) {
            assertTrue(choice.measuring(), "still measuring at slab " + i);
            boolean touch = choice.next();
            assertEquals(i % 2 == 0, touch, "slab " + i);
            choice.record(touch, touch ? 900 : 1000, 1000);
        }
        assertFalse(choice.measuring());
        assertEquals(Boolean.TRUE, choice.chosen());
        for (int i = 0; i < 5; i++) {
            assertTrue(choice.next(), "once chosen, every slab takes the pass");
        }
    }

    @Test
    void theFasterKindPerUnitOfWorkIsKeptByItsFastestSlab() {
        TouchChoice choice = new TouchChoice(null);
        for (int i = 0; i < TouchChoice.SAMPLES; i++) {
            // With the pass: large slabs at 1.1 ns a unit, one of them at 0.95. Without: small slabs at 1.0.
            choice.record(true, i == 3 ? 95_000 : 110_000, 100_000);
            assertNull(choice.chosen(), "chosen before the kind without the pass was timed");
        }
        for (int i = 0; i < TouchChoice.SAMPLES - 1; i++) {
            choice.record(false, 1_000, 1_000);
        }
        assertNull(choice.chosen(), "chosen with one kind timed too few times");
        choice.record(false, 0, 0);   // no work: not a sample
        assertNull(choice.chosen());
        choice.record(false, 1_000, 1_000);
        assertEquals(Boolean.TRUE, choice.chosen(), "0.95 ns a unit with the pass beats 1.0 without");
        choice.record(false, 1, 1_000);   // after the choice, samples change nothing
        assertEquals(Boolean.TRUE, choice.chosen());
    }

    @Test
    void aFixedChoiceIsNeverMeasured() {
        TouchChoice off = new TouchChoice("off");
        TouchChoice on = new TouchChoice("on");
        assertFalse(off.measuring());
        assertFalse(on.measuring());
        for (int i = 0; i < 2 * TouchChoice.SAMPLES; i++) {
            off.record(false, 1, 1_000);
            on.record(true, 1_000_000, 1_000);
        }
        assertEquals(Boolean.FALSE, off.chosen());
        assertEquals(Boolean.TRUE, on.chosen());
        assertFalse(off.next());
        assertTrue(on.next());
    }

    @Test
    void withoutThePassIsKeptWhenItIsFaster() {
        TouchChoice choice = new TouchChoice(null);
        for (int i = 0; i < TouchChoice.SAMPLES; i++) {
            choice.record(true, 1_350, 1_000);
            choice.record(false, 1_170, 1_000);
        }
        assertEquals(Boolean.FALSE, choice.chosen());
        assertFalse(choice.next());
    }
}
