package io.github.chainrule;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-thread switches that every op consults: whether ops record into the graph ({@link GradMode}) and
 * whether anomaly detection is on ({@link Anomaly}). One object per thread, so that an op reads both with a
 * single thread-local lookup, and usually none at all: while no thread has changed its switches from the
 * defaults (recording on, anomaly detection off), {@link #forOp()} returns a shared default object without
 * looking the thread up.
 */
final class ThreadFlags {
    private static final ThreadLocal<ThreadFlags> CURRENT = ThreadLocal.withInitial(ThreadFlags::new);
    /** How many threads have a switch away from its default now. */
    private static final AtomicInteger CHANGED = new AtomicInteger();
    /** The defaults, for reading only: never passed to the setters. */
    private static final ThreadFlags DEFAULTS = new ThreadFlags();

    private boolean recording = true;
    private boolean anomaly;

    private ThreadFlags() {
    }

    /** Returns this thread's switches, for changing them. */
    static ThreadFlags current() {
        return CURRENT.get();
    }

    /**
     * Returns switches to read for an op on this thread. If no thread has changed its switches, neither has
     * this one (it would have counted itself before any op it runs), so the defaults are the answer.
     */
    static ThreadFlags forOp() {
        return CHANGED.get() == 0 ? DEFAULTS : CURRENT.get();
    }

    boolean recording() {
        return recording;
    }

    boolean anomaly() {
        return anomaly;
    }

    void setRecording(boolean on) {
        boolean wasDefault = isDefault();
        recording = on;
        count(wasDefault);
    }

    void setAnomaly(boolean on) {
        boolean wasDefault = isDefault();
        anomaly = on;
        count(wasDefault);
    }

    private boolean isDefault() {
        return recording && !anomaly;
    }

    private void count(boolean wasDefault) {
        boolean nowDefault = isDefault();
        if (wasDefault && !nowDefault) {
            CHANGED.incrementAndGet();
        } else if (!wasDefault && nowDefault) {
            CHANGED.decrementAndGet();
        }
    }
}
