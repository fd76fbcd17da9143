package io.github.chainrule.kernel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The kernels' fork-join pool: every part runs exactly once, part 0 on the caller; a worker's failure
 * reaches the caller naming the op; a nested or concurrent fork-join runs inline instead of deadlocking.
 */
class ParallelTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final boolean MULTICORE = Runtime.getRuntime().availableProcessors() > 1;

    /**
     * After a pause longer than the pool stays awake, its workers have parked: the next fork-join wakes them,
     * so part 1 runs on a worker while the caller is still busy with part 0, and every part runs once.
     */
    @Test
    void aForkJoinAfterTheWorkersHaveParkedWakesThem() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            Thread.sleep(Parallel.AWAKE_NANOS / 1_000_000 + 20);
            AtomicIntegerArray runs = new AtomicIntegerArray(2);
            AtomicReference<Thread> one = new AtomicReference<>();
            Parallel.run("test", 2, t -> {
                runs.incrementAndGet(t);
                if (t == 0) {
                    sleep(200);   // time for a parked worker to wake up and claim part 1
                } else {
                    one.set(Thread.currentThread());
                }
            });
            assertEquals(1, runs.get(0));
            assertEquals(1, runs.get(1));
            if (MULTICORE) {
                assertTrue(one.get().getName().startsWith("chainrule-parallel-"), "part 1 ran on " + one.get().getName());
            }
        }
    }

    @Test
    void everyPartRunsExactlyOnceAndPartZeroOnTheCaller() {
        Thread caller = Thread.currentThread();
        for (int parts = 0; parts <= 9; parts++) {
            for (int round = 0; round < 200; round++) {   // many rounds: workers found spinning, parked, or late
                AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, parts));
                AtomicReference<Thread> zero = new AtomicReference<>();
                int n = parts;
                Parallel.run("test", n, t -> {
                    runs.incrementAndGet(t);
                    if (t == 0) {
                        zero.set(Thread.currentThread());
                    }
                });
                for (int t = 0; t < n; t++) {
                    assertEquals(1, runs.get(t), "part " + t + " of " + n);
                }
                if (n > 0) {
                    assertSame(caller, zero.get());
                }
            }
        }
    }

    @Test
    void aNegativeNumberOfPartsIsRejectedNamingTheOp() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.run("scan", -1, t -> { }));
        assertTrue(e.getMessage().contains("scan") && e.getMessage().contains("-1"), e.getMessage());
    }

    @Test
    void aFailureOnAWorkerIsRethrownOnTheCallerNamingTheOp() {
        assumeTrue(MULTICORE, "one core: there is no worker");
        assertTimeoutPreemptively(LIMIT, () -> {
            CountDownLatch claimed = new CountDownLatch(1);
            IllegalArgumentException boom = new IllegalArgumentException("boom");
            // Part 0 holds the caller until part 1 has started, so part 1 runs on a worker.
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Parallel.run("my op", 2, t -> {
                if (t == 0) {
                    await(claimed);
                } else {
                    claimed.countDown();
                    throw boom;
                }
            }));
            assertTrue(e.getMessage().startsWith("my op: part 1 of 2 failed"), e.getMessage());
            assertSame(boom, e.getCause());
        });
    }

    @Test
    void aFailureOnTheCallerIsThrownAsItIsOnceTheOtherPartsAreDone() {
        assumeTrue(MULTICORE, "one core: there is no worker");
        assertTimeoutPreemptively(LIMIT, () -> {
            CountDownLatch started = new CountDownLatch(1);
            AtomicBoolean otherDone = new AtomicBoolean();
            ArithmeticException boom = new ArithmeticException("caller's part");
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> Parallel.run("op", 2, t -> {
                if (t == 0) {
                    await(started);
                    throw boom;
                }
                started.countDown();
                sleep(50);
                otherDone.set(true);
            }));
            assertSame(boom, e);
            assertTrue(otherDone.get(), "the caller threw before the worker's part was done");
        });
    }

    @Test
    void aNestedForkJoinRunsInlineOnThePartsThread() {
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int round = 0; round < 100; round++) {
                AtomicIntegerArray inner = new AtomicIntegerArray(4 * 3);
                AtomicBoolean elsewhere = new AtomicBoolean();
                Parallel.run("outer", 4, t -> {
                    Thread mine = Thread.currentThread();
                    Parallel.run("inner", 3, u -> {
                        inner.incrementAndGet(3 * t + u);
                        if (Thread.currentThread() != mine) {
                            elsewhere.set(true);
                        }
                    });
                });
                for (int i = 0; i < inner.length(); i++) {
                    assertEquals(1, inner.get(i), "inner part " + i);
                }
                assertTrue(!elsewhere.get(), "a nested part left its outer part's thread");
            }
        });
    }

    @Test
    void concurrentCallersEachGetEveryPartOnce() {
        assertTimeoutPreemptively(LIMIT, () -> {
            int callers = 3;
            int rounds = 300;
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread[] threads = new Thread[callers];
            for (int c = 0; c < callers; c++) {
                threads[c] = new Thread(() -> {
                    try {
                        for (int r = 0; r < rounds; r++) {
                            long[] sums = new long[5];
                            Parallel.run("concurrent", 5, t -> sums[t] += t + 1);
                            for (int t = 0; t < 5; t++) {
                                assertEquals(t + 1, sums[t]);
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                });
                threads[c].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            if (failure.get() != null) {
                throw new AssertionError("a concurrent caller failed", failure.get());
            }
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "the other part never started");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
