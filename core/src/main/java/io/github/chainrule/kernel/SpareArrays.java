package io.github.chainrule.kernel;

import java.lang.ref.SoftReference;

/**
 * Large {@code double[]} arrays that their owner has finished with, kept for a later array of the same length:
 * a training step asks for arrays of the same sizes every step (the engine's gradients, attention's
 * probabilities).
 *
 * <p>Why: the JVM zeroes every new array, and a new array lies in memory that no cache holds (the young
 * generation is swept end to end before any of it is reused). On an Intel Xeon guest a new 512 KB array
 * took 49 µs, 10.6 GB/s, where refilling a used one took 8 µs. An array is given back only by code that knows
 * nothing else holds it, and it is kept softly, so that the collector can take it whenever memory runs short.
 * At most {@value #SLOTS} arrays and {@value #MAX_DOUBLES} doubles in all are kept per pool; arrays below
 * {@value #MIN_DOUBLES} doubles cost little to make and are not kept. An array taken from the pool holds
 * whatever its last owner left in it.
 */
public final class SpareArrays {
    /** The most arrays one pool keeps. */
    public static final int SLOTS = 64;
    /** The most doubles one pool keeps, in all: 64 MB. */
    public static final long MAX_DOUBLES = 8L << 20;
    /** The shortest array a pool keeps: 32 KB. */
    public static final int MIN_DOUBLES = 1 << 12;

    private static final ThreadLocal<SpareArrays> OF_THREAD = ThreadLocal.withInitial(SpareArrays::new);
    private static final SpareArrays SHARED = new SpareArrays();

    @SuppressWarnings("unchecked")   // an array of a generic type: made raw, then cast once here
    private final SoftReference<double[]>[] slots = (SoftReference<double[]>[]) new SoftReference<?>[SLOTS];
    private final int[] lengths = new int[SLOTS];   // the length each slot's array had when kept (0: empty)
    private long held;                              // the doubles of the kept arrays, whether or not collected since
    private int next;                               // the slot the next array replaces when all are full

    private SpareArrays() {
    }

    /**
     * Returns the calling thread's pool, for arrays taken and given back on one thread.
     *
     * @return this thread's pool
     */
    public static SpareArrays ofThread() {
        return OF_THREAD.get();
    }

    /**
     * Returns the pool that all threads share, for arrays made on one thread and finished with on another.
     *
     * @return the shared pool
     */
    public static SpareArrays shared() {
        return SHARED;
    }

    /**
     * Returns a kept array of this length, removed from the pool, or null if there is none.
     *
     * @param length the length wanted
     * @return an array of that length holding what its last owner left in it, or null
     */
    public double[] take(int length) {
        return length < MIN_DOUBLES ? null : kept(length);   // a short one is never kept: no lock taken for it
    }

    /** Removes and returns a kept array of this length, at least {@link #MIN_DOUBLES}, or null. */
    private synchronized double[] kept(int length) {
        for (int i = 0; i < SLOTS; i++) {
            if (lengths[i] == length) {
                double[] a = slots[i].get();
                slots[i] = null;
                lengths[i] = 0;
                held -= length;
                if (a != null) {
                    return a;
                }
            }
        }
        return null;
    }

    /**
     * Keeps {@code a} for a later {@link #take} of its length, if it is long enough and the pool has room (else
     * the oldest kept array makes room). The caller must hold no reference to it that it will use again, and
     * nobody else may hold one.
     *
     * @param a the array given back
     * @throws IllegalArgumentException if {@code a} is null
     */
    public synchronized void keep(double[] a) {
        if (a == null) {
            throw new IllegalArgumentException("SpareArrays.keep: the array given back is null");
        }
        if (a.length < MIN_DOUBLES || a.length > MAX_DOUBLES) {
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
            lengths[slot] = 0;
        }
        while (held + a.length > MAX_DOUBLES) {   // room for it: drop kept arrays, oldest slot first
            int drop = next;
            next = (next + 1) % SLOTS;
            held -= lengths[drop];
            lengths[drop] = 0;
            slots[drop] = null;
        }
        slots[slot] = new SoftReference<>(a);
        lengths[slot] = a.length;
        held += a.length;
    }
}
