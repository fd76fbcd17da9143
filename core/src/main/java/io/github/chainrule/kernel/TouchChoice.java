package io.github.chainrule.kernel;

/**
 * Whether a product that reads a deep, non-transposed B in place, one strided micro-panel at a time (the
 * course's W1·X), should first read each next block of B row by row, in memory order: chosen by measuring
 * both on this machine.
 *
 * <p>Why a measurement: the pass is worth it on some cores and a loss on others. On an AMD Zen 3 guest it
 * brought the block into the caches in an order the prefetchers follow, and W1·X on one thread went from 4.2
 * to 3.3 ms; on an Intel Xeon guest the core's own prefetchers already follow the strided panels, the pass's
 * reads stall the core instead, and W1·X took 1.35 ms on two threads with it against 1.17 without. The pass
 * only reads, so both ways give the same values to the last bit; only the time differs.
 *
 * <p>How: the first {@value #SAMPLES} slabs of each kind (with and without the pass, taken in turn) are timed
 * per unit of work (rows × columns × depth), and the faster kind, by its fastest slab, is kept from then on.
 * The system property {@code chainrule.matmul.touch} ({@code on} or {@code off}) fixes the choice instead.
 */
final class TouchChoice {
    /** Slabs timed of each kind before the choice is made. */
    static final int SAMPLES = 8;

    private int taken;
    private final double[] fastest = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    private final int[] timed = new int[2];
    private volatile Boolean chosen;

    /** A choice to be measured, unless the system property {@code chainrule.matmul.touch} fixes it. */
    TouchChoice() {
        this(System.getProperty("chainrule.matmul.touch"));
    }

    /** A choice fixed by {@code fixed} ("off" for no pass, anything else for the pass), or measured if it is null. */
    TouchChoice(String fixed) {
        chosen = fixed == null ? null : !"off".equals(fixed);
    }

    /** Returns whether the next slab should take the pass: the choice once made, else the next kind to time. */
    boolean next() {
        Boolean c = chosen;
        if (c != null) {
            return c;
        }
        synchronized (this) {
            return (taken++ & 1) == 0;
        }
    }

    /** Returns true until the choice is made: only then are slabs timed. */
    boolean measuring() {
        return chosen == null;
    }

    /**
     * Records how long a slab took, with or without the pass, and makes the choice once each kind has been
     * timed {@link #SAMPLES} times.
     *
     * @param touched whether the slab took the pass
     * @param nanos   how long it took
     * @param work    its rows × columns × depth
     */
    synchronized void record(boolean touched, long nanos, long work) {
        if (chosen != null || work <= 0) {
            return;
        }
        int kind = touched ? 1 : 0;
        fastest[kind] = Math.min(fastest[kind], (double) nanos / work);
        timed[kind]++;
        if (timed[0] >= SAMPLES && timed[1] >= SAMPLES) {
            boolean touch = fastest[1] < fastest[0];
            chosen = touch;
            System.getLogger("io.github.chainrule.kernel").log(System.Logger.Level.DEBUG,
                    () -> "chainrule: matmul's touch pass " + (touch ? "on" : "off") + ": " + fastest[1]
                            + " ns per unit of work with it, " + fastest[0] + " without");
        }
    }

    /** Returns the choice made, or null while it is still being measured: for tests and reports. */
    Boolean chosen() {
        return chosen;
    }
}
