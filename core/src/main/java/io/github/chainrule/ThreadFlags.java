package io.github.chainrule;

/**
 * The per-thread switches that every op consults: whether ops record into the graph ({@link GradMode}) and
 * whether anomaly detection is on ({@link Anomaly}). One object per thread, so that an op reads both with a
 * single thread-local lookup.
 */
final class ThreadFlags {
    private static final ThreadLocal<ThreadFlags> CURRENT = ThreadLocal.withInitial(ThreadFlags::new);

    boolean recording = true;
    boolean anomaly;

    private ThreadFlags() {
    }

    static ThreadFlags current() {
        return CURRENT.get();
    }
}
