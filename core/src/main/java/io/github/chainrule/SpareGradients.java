package io.github.chainrule;

import java.lang.ref.SoftReference;
import java.util.Arrays;

/**
 * Finished gradient arrays of one thread's backward passes, kept for the next tensor of the same size, in this
 * pass or the next one: a training step's backward needs arrays of the same sizes every step.
 *
 * <p>Why: the JVM zeroes every new array, and a new array lies in memory the caches have not seen (the young
 * generation is swept end to end before it is reused). On an Intel Xeon guest a new 512 KB array cost
 * 49 µs, 10.6 GB/s, where refilling a used one took 8 µs; a LeNet step (W6) asked the pass for 6.4 MB of
 * zeroed gradients. An array is kept only when the engine knows that nothing else holds it (the op's kernel
 * read it and kept nothing, it is no retained or captured gradient), and softly, so that the collector can take
 * it back whenever memory runs short. At most {@value #SLOTS} arrays and {@value #MAX_DOUBLES} doubles in all
 * are kept per thread; arrays below {@value #MIN_DOUBLES} doubles are cheap to make and are not kept.
 */
final class SpareGradients {
    static final int SLOTS = 8;
    static final long MAX_DOUBLES = 8L << 20;      // 64 MB per thread
    static final int MIN_DOUBLES = 1 << 12;        // 32 KB

    private static final ThreadLocal<SpareGradients> OF_THREAD = ThreadLocal.withInitial(SpareGradients::new);

    @SuppressWarnings("unchecked")   // an array of a generic type: made raw, then cast once here
    private final SoftReference<double[]>[] slots = (SoftReference<double[]>[]) new SoftReference<?>[SLOTS];
    private final int[] lengths = new int[SLOTS];   // the length each slot's array had when kept (0: empty)
    private long held;                              // the doubles of the kept arrays, whether or not collected since
    private int next;                               // the slot the next array replaces when all are full

    private SpareGradients() {
    }

    /** Returns the calling thread's spares. */
    static SpareGradients ofThread() {
        return OF_THREAD.get();
    }

    /** Returns a zero array of this length: a kept one if there is one, else a new one. */
    double[] zeros(int length) {
        for (int i = 0; i < SLOTS; i++) {
            if (lengths[i] == length) {
                double[] b = slots[i].get();
                slots[i] = null;
                lengths[i] = 0;
                held -= length;
                if (b != null) {
                    Arrays.fill(b, 0.0);
                    return b;
                }
            }
        }
        return new double[length];
    }

    /** Keeps {@code g}, an array that nothing else holds any more, for a later {@link #zeros} of its length. */
    void keep(double[] g) {
        if (g.length < MIN_DOUBLES || held + g.length > MAX_DOUBLES) {
            return;
        }
        int slot = -1;
        for (int i = 0; i < SLOTS && slot < 0; i++) {
            if (lengths[i] == 0) {
                slot = i;
            }
        }
        if (slot < 0) {
            slot = next;
            next = (next + 1) % SLOTS;
            held -= lengths[slot];
        }
        slots[slot] = new SoftReference<>(g);
        lengths[slot] = g.length;
        held += g.length;
    }
}
