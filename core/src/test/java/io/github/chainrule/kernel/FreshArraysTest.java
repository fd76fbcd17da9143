package io.github.chainrule.kernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Arrays made ahead by idle workers are as new as {@code new double[n]}: of the length asked for, all zeros,
 * never handed out twice; with more lengths than slots, with the pool's worker and other threads making and
 * taking them at once; and what waits stays within the budget.
 */
class FreshArraysTest {
    /** Lengths above the minimum, more of them than there are slots, so that slots change hands. */
    private static final int[] LENGTHS = new int[FreshArrays.SLOTS + 5];

    static {
        for (int i = 0; i < LENGTHS.length; i++) {
            LENGTHS[i] = FreshArrays.MIN_DOUBLES + 7 * i;
        }
    }

    @Test
    void everyArrayIsNewZeroedAndOfTheLengthAskedFor() {
        Random rng = new Random(3);
        for (int round = 0; round < 400; round++) {
            if (round % 20 == 0) {
                Parallel.run("fresh arrays test", Parallel.threads(), t -> { });   // wakes the pool's worker
            }
            if (rng.nextBoolean()) {
                FreshArrays.makeOneAhead();   // as an idle worker does, here on the test's thread
            }
            int length = rng.nextInt(8) == 0 ? rng.nextInt(FreshArrays.MIN_DOUBLES) : LENGTHS[rng.nextInt(LENGTHS.length)];
            takeAndSpoil(length, "round " + round);
        }
    }

    @Test
    void threadsTakingArraysWhileOthersMakeThemGetNewZeroedArraysOfTheirLength() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            long seed = t;
            threads.add(new Thread(() -> {
                Random rng = new Random(seed);
                try {
                    for (int i = 0; i < 300; i++) {
                        if (seed == 0) {
                            FreshArrays.makeOneAhead();
                            FreshArrays.makeOneAhead();
                        }
                        takeAndSpoil(LENGTHS[rng.nextInt(LENGTHS.length)], "thread " + seed + ", take " + i);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertNull(failure.get(), () -> "a thread failed: " + failure.get());
    }

    @Test
    void theArraysMadeAheadStayWithinTheBudget() {
        // Every slot holding its DEPTH arrays of this length would hold four times the budget or more.
        int large = (int) Math.min(FreshArrays.MAX_DOUBLES - FreshArrays.SLOTS,
                Math.max(FreshArrays.MIN_DOUBLES, FreshArrays.BUDGET_DOUBLES / 8));
        for (int i = 0; i < FreshArrays.SLOTS; i++) {
            FreshArrays.zeros(large + i);
        }
        // Made here or by the pool's idle worker, which may be awake from an earlier test: either way the
        // arrays that wait fill the budget to within one array, and never pass it.
        for (int i = 0; i < 1000 && FreshArrays.makeOneAhead(); i++) {
            assertTrue(FreshArrays.readyDoubles() <= FreshArrays.BUDGET_DOUBLES,
                    () -> FreshArrays.readyDoubles() + " doubles wait, over the budget of " + FreshArrays.BUDGET_DOUBLES);
        }
        long ready = FreshArrays.readyDoubles();
        assertTrue(ready > FreshArrays.BUDGET_DOUBLES - 2L * (large + FreshArrays.SLOTS) && ready <= FreshArrays.BUDGET_DOUBLES,
                () -> ready + " doubles wait, where the budget is " + FreshArrays.BUDGET_DOUBLES + " and one array " + large);
        for (int i = 0; i < FreshArrays.SLOTS; i++) {
            for (int d = 0; d < FreshArrays.DEPTH; d++) {
                takeAndSpoil(large + i, "large " + i);
            }
        }
        for (int length : LENGTHS) {   // the large lengths give their slots back, so later tests do not carry them
            takeAndSpoil(length, "small " + length);
        }
    }

    @Test
    void onlyLengthsFromTheShortestToTheLongestAreRemembered() {
        for (int length : new int[] {FreshArrays.MIN_DOUBLES - 1, FreshArrays.MAX_DOUBLES + 1}) {
            takeAndSpoil(length, "length " + length);
            assertTrue(!FreshArrays.remembers(length), () -> "length " + length + " is remembered");
        }
        for (int length : new int[] {FreshArrays.MIN_DOUBLES, FreshArrays.MAX_DOUBLES}) {
            takeAndSpoil(length, "length " + length);
            assertTrue(FreshArrays.remembers(length), () -> "length " + length + " is not remembered");
        }
    }

    @Test
    void aNegativeLengthIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FreshArrays.zeros(-2));
        assertEquals("FreshArrays.zeros: length must be at least 0, got -2", e.getMessage());
        assertEquals(0, FreshArrays.zeros(0).length);
    }

    /**
     * Takes an array, checks it, then writes into both ends: an array handed out twice would come back with
     * those values, not zeros.
     */
    private static void takeAndSpoil(int length, String when) {
        double[] a = FreshArrays.zeros(length);
        assertEquals(length, a.length, when);
        for (int i = 0; i < a.length; i++) {
            if (a[i] != 0.0 || Double.doubleToRawLongBits(a[i]) != 0L) {
                throw new AssertionError(when + ": entry " + i + " of a new array of " + length + " is " + a[i]);
            }
        }
        if (length > 0) {
            a[0] = 1.5;
            a[length - 1] = Double.NaN;
        }
    }
}
