package io.github.chainrule.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * The one thread pool of chainrule's kernels: runs the parts of a fork-join on all cores, cheaply enough
 * that a product of a few hundred microseconds gains from the second core.
 *
 * <p>Why not an {@code ExecutorService}: handing a task to a parked thread (a queue's offer, then an unpark,
 * then the thread being scheduled) costs tens of microseconds on a small virtual machine, as much as a
 * 128³ product takes. Here a worker that has finished a part watches a volatile field, spinning and
 * then yielding its core between looks, for a couple of milliseconds (see {@link #AWAKE_NANOS}) before it
 * parks, as OpenMP runtimes do, so the next fork-join of a training step finds it awake.
 *
 * <p>How a fork-join runs: the caller publishes the job; part 0 runs on the caller; every other part is
 * claimed from a shared counter by whichever thread is free first, the caller included, so a worker that
 * is slow to wake costs at most the time the caller needs to run its part too. The caller returns once
 * every part is done; the parts' writes are then visible to it.
 *
 * <p>Nesting: a part never forks again. If it does (a convolution's part calls a product that would split
 * itself), or if another thread is already using the pool, the new fork-join runs all its parts inline,
 * one after the other, on the calling thread: no thread ever waits for a pool that waits for it, so there
 * is no deadlock, only less parallelism. Which thread runs which part is not fixed, so a part must
 * depend only on its index.
 *
 * <p>Idle work: a worker that has spun for {@link #SPIN_NANOS} without a job, while the caller works alone,
 * zeroes the large arrays the program will ask for next ({@link FreshArrays}), one at a time, looking for a
 * job after each. Past the spin, because a worker zeroing an array misses the start of the next job (the
 * caller then runs the worker's part itself): making them as soon as a job ended cost W6 most of the gain.
 */
public final class Parallel {
    /**
     * How long an idle thread of the pool (a worker waiting for the next job, a caller for its workers' parts)
     * spins before it starts to yield: a wake-up from a park costs tens of microseconds here, a spin costs one
     * core's time while nothing else is ready to run. The system property {@code chainrule.parallel.spinMicros}
     * overrides it.
     */
    static final long SPIN_NANOS = 1000L * Long.getLong("chainrule.parallel.spinMicros", 50L);
    /**
     * How long an idle thread stays awake in all before it parks: after its spin it keeps looking, yielding
     * its core between looks to any thread that is ready to run. Two milliseconds span the serial stretches
     * between the fork-joins of a training step (a loss, an optimizer's update, a small dense layer), after
     * which a worker that had parked at 50 µs cost a wake-up at the next fork-join. On a 2-vCPU AMD Zen 3,
     * paired against parking at 50 µs: W6 took 0.913–0.917 of the time (A/A 1.017), W7 0.930–0.965 (A/A
     * 0.975); 1 ms and 4 ms measured alike. OpenMP runtimes and OpenBLAS keep their threads awake for a while
     * too. The system property {@code chainrule.parallel.awakeMicros} overrides it (at most the spin: park
     * right after it).
     */
    static final long AWAKE_NANOS = 1000L * Long.getLong("chainrule.parallel.awakeMicros", 2000L);
    /** The threads that may run parts: the caller and this many workers. */
    private static final int WORKERS = Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
    /** Taken by the fork-join that owns the workers; a fork-join that cannot take it runs inline. */
    private static final AtomicBoolean BUSY = new AtomicBoolean();
    /** The latest job; workers watch this field for a new one. */
    private static volatile Job current;
    private static volatile Worker[] workers;

    private Parallel() {
    }

    /**
     * Returns how many threads a fork-join may run on: the caller and the pool's workers, one per core this
     * JVM sees.
     *
     * @return the number of available processors, at least 1
     */
    public static int threads() {
        return WORKERS + 1;
    }

    /**
     * Runs {@code part.accept(t)} for every t in [0, parts) and returns when all are done: part 0 on the
     * calling thread, the others on the pool's threads or on the caller, in no fixed order. A part that
     * forks again, or a call while another thread's fork-join holds the pool, runs its parts inline.
     *
     * @param op    what is being computed, named in the exception if a part fails
     * @param parts how many parts there are; 0 runs nothing, 1 runs part 0 on the caller
     * @param part  the work of part t; it must touch only what part t owns
     * @throws IllegalArgumentException if {@code parts} is negative
     * @throws IllegalStateException    if a part running on a pool thread throws (its exception is the
     *                                  cause); a part that fails on the caller throws its own exception
     */
    public static void run(String op, int parts, IntConsumer part) {
        if (parts < 0) {
            throw new IllegalArgumentException(op + ": a fork-join needs a non-negative number of parts, got " + parts);
        }
        if (parts <= 1 || WORKERS == 0 || !BUSY.compareAndSet(false, true)) {
            for (int t = 0; t < parts; t++) {
                part.accept(t);
            }
            return;
        }
        Job job = new Job(op, parts, part, Thread.currentThread());
        try {
            current = job;
            for (Worker w : workers()) {
                if (w.sleeping) {
                    LockSupport.unpark(w);
                }
            }
            job.runCallerParts();
            job.awaitOthers();
        } finally {
            BUSY.set(false);
        }
        job.rethrow();
    }

    private static Worker[] workers() {
        Worker[] w = workers;
        if (w == null) {
            synchronized (Parallel.class) {
                w = workers;
                if (w == null) {
                    w = new Worker[WORKERS];
                    for (int i = 0; i < WORKERS; i++) {
                        w[i] = new Worker(i + 1);
                        w[i].start();
                    }
                    workers = w;
                }
            }
        }
        return w;
    }

    /** One fork-join: its parts, the counter they are claimed from, and the first failure of a worker's part. */
    private static final class Job {
        private final String op;
        private final int parts;
        private final IntConsumer part;
        private final Thread caller;
        /** The next part to claim; part 0 is the caller's. */
        private final AtomicInteger next = new AtomicInteger(1);
        /** Parts claimed by workers and not yet finished. */
        private final AtomicInteger running = new AtomicInteger();
        private final AtomicReference<IllegalStateException> failure = new AtomicReference<>();
        private volatile RuntimeException callerFailure;
        private volatile Error callerError;

        Job(String op, int parts, IntConsumer part, Thread caller) {
            this.op = op;
            this.parts = parts;
            this.part = part;
            this.caller = caller;
        }

        /** Runs part 0, then claims parts no worker has taken yet. A failure is kept until every part is done. */
        void runCallerParts() {
            try {
                part.accept(0);
                for (int t = next.getAndIncrement(); t < parts; t = next.getAndIncrement()) {
                    part.accept(t);
                }
            } catch (RuntimeException e) {
                callerFailure = e;
                next.set(parts);   // no new parts start; the running ones finish before the caller throws
            } catch (Error e) {
                callerError = e;
                next.set(parts);
            }
        }

        /** Run by a worker: claims and runs parts until none is left. */
        void help() {
            running.incrementAndGet();
            try {
                for (int t = next.getAndIncrement(); t < parts; t = next.getAndIncrement()) {
                    try {
                        part.accept(t);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, new IllegalStateException(op + ": part " + t + " of " + parts
                                + " failed on " + Thread.currentThread().getName() + ": " + e, e));
                        next.set(parts);
                    }
                }
            } finally {
                if (running.decrementAndGet() == 0) {
                    LockSupport.unpark(caller);
                }
            }
        }

        /**
         * Waits until no worker is running a part of this job. The caller has already pushed the counter
         * past the end, and a worker counts itself as running before it claims, so a worker not yet counted
         * can claim nothing: no part of this job runs after this returns.
         */
        void awaitOthers() {
            long start = System.nanoTime();
            boolean interrupted = false;
            while (running.get() > 0) {
                if (!stayAwake(System.nanoTime() - start)) {
                    LockSupport.parkNanos(this, 100_000L);   // the last worker to finish unparks the caller
                    interrupted |= Thread.interrupted();
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();   // the parts ran to the end; the interrupt is the caller's
            }
        }

        /** Throws the caller's own failure if its part failed, else the first worker's failure, if any. */
        void rethrow() {
            if (callerError != null) {
                throw callerError;
            }
            if (callerFailure != null) {
                throw callerFailure;
            }
            IllegalStateException e = failure.get();
            if (e != null) {
                throw e;
            }
        }
    }

    /**
     * Waits a moment without parking, for a thread that has been idle for {@code idle} nanoseconds: a spin
     * hint at first, then a yield to any other thread ready to run. Returns false once the thread has been
     * idle for {@link #AWAKE_NANOS} and should park instead.
     */
    private static boolean stayAwake(long idle) {
        if (idle < SPIN_NANOS) {
            Thread.onSpinWait();
            return true;
        }
        if (idle < AWAKE_NANOS) {
            Thread.yield();
            return true;
        }
        return false;
    }

    /** A daemon thread that runs parts of the jobs it sees, staying awake for a while after each before it parks. */
    private static final class Worker extends Thread {
        /** Set while the worker is parked or about to park, so that a new job unparks it. */
        volatile boolean sleeping;

        Worker(int index) {
            super("chainrule-parallel-" + index);
            setDaemon(true);   // never keeps the JVM alive
        }

        @Override
        public void run() {
            Job seen = null;
            while (true) {
                Job job = await(seen);
                seen = job;
                job.help();
            }
        }

        /**
         * Returns the first job other than {@code seen}: spins, then yields for a while (see
         * {@link #AWAKE_NANOS}), then parks until one is published.
         */
        private Job await(Job seen) {
            long start = System.nanoTime();
            while (true) {
                Job job = current;
                if (job != seen) {
                    return job;
                }
                long idle = System.nanoTime() - start;
                // Past the spin, the caller is working alone for a while: time to zero an array it will ask
                // for (sooner, and the zeroing would delay this worker's part of the caller's next loop).
                if (idle >= SPIN_NANOS && FreshArrays.makeOneAhead()) {
                    continue;
                }
                if (stayAwake(idle)) {
                    continue;
                }
                // Announce the park, then look once more: a job published in between either sees the flag
                // (and unparks this thread) or is seen here, since both fields are volatile.
                sleeping = true;
                if (current == seen) {
                    LockSupport.park(this);
                }
                sleeping = false;
                Thread.interrupted();   // the pool's own threads ignore interrupts; they stop with the JVM
            }
        }
    }
}
