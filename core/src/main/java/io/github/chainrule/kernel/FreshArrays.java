package io.github.chainrule.kernel;

import java.lang.ref.SoftReference;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * New zeroed {@code double[]} arrays of the large sizes a program keeps asking for, made ahead of time by
 * {@link Parallel}'s worker threads while they have nothing else to do.
 *
 * <p>Why: the JVM zeroes every new array on the thread that asks for it, and a large new array lies in memory
 * that no cache holds, so zeroing it runs at the speed of memory (an Intel Xeon guest: 10.6 GB/s, 240 µs for
 * LeNet's first feature maps, 2.4 MB). A training step asks for the same sizes every step, and between two
 * parallel loops the calling thread works alone while the workers wait: a LeNet step spent 12 % of its time
 * zeroing new outputs on the calling thread. An array from here is as new as one from {@code new double[n]}:
 * made by the JVM, zeroed, and never handed out before; only the thread that zeroes it differs.
 *
 * <p>A length from {@value #MIN_DOUBLES} to {@value #MAX_DOUBLES} doubles asked for here is remembered in one of
 * {@value #SLOTS} slots (the one used longest ago gives way to a new length); the workers keep up to
 * {@value #DEPTH} arrays of each length ready (a step asks for several of one size: LeNet's first feature
 * maps before and after relu, attention's heads). The arrays that wait are held softly, so that the collector
 * takes them before memory runs short, and count against a budget of 64 MB or a sixteenth of the heap,
 * whichever is less. A worker makes an array only once it has been idle for a spin's length (see
 * {@link Parallel}), so that the caller is in a stretch of work of its own. A JVM with one processor has no
 * workers, and every array is made by the caller.
 */
public final class FreshArrays {
    /** The shortest array made ahead: 128 KB. Shorter ones come from the thread's allocation buffer, quickly. */
    public static final int MIN_DOUBLES = 1 << 14;
    /**
     * The longest array made ahead: 4 MB. A worker zeroing an array is away from the pool until it is done
     * (about 0.4 ms for 4 MB at memory speed), and the caller then runs the worker's parts itself.
     */
    public static final int MAX_DOUBLES = 1 << 19;
    /** How many lengths are remembered. */
    public static final int SLOTS = 16;
    /** How many arrays of one length wait, made ahead, at most. */
    public static final int DEPTH = 16;
    /** The most doubles that wait, made ahead, in all: 64 MB, or a sixteenth of the heap if that is less. */
    static final long BUDGET_DOUBLES = Math.min(8L << 20, Runtime.getRuntime().maxMemory() / Double.BYTES / 16);

    private static final Slot[] SLOT = new Slot[SLOTS];
    /** The doubles of the arrays that wait, whether or not the collector has taken them since. */
    private static final AtomicLong READY_DOUBLES = new AtomicLong();
    /** Counts uses, so that the slot used longest ago is known. */
    private static final AtomicLong CLOCK = new AtomicLong();

    static {
        for (int i = 0; i < SLOTS; i++) {
            SLOT[i] = new Slot();
        }
    }

    private FreshArrays() {
    }

    /** One remembered length and the arrays made ahead for it. */
    private static final class Slot {
        /** The length remembered, 0 for none; changed only under the class lock. */
        volatile int length;
        volatile long lastUse;
        final AtomicReferenceArray<Made> ready = new AtomicReferenceArray<>(DEPTH);
    }

    /** An array made ahead, held softly, with its length (which the budget counts after a collection too). */
    private static final class Made extends SoftReference<double[]> {
        final int length;

        Made(double[] array) {
            super(array);
            this.length = array.length;
        }
    }

    /**
     * Returns a new array of zeros: one a worker made ahead if one of this length is ready, else one made here.
     *
     * @param length the length, at least 0
     * @return a zeroed array of that length that no one else holds
     * @throws IllegalArgumentException if {@code length} is negative
     */
    public static double[] zeros(int length) {
        if (length < MIN_DOUBLES || length > MAX_DOUBLES) {
            if (length < 0) {
                throw new IllegalArgumentException("FreshArrays.zeros: length must be at least 0, got " + length);
            }
            return new double[length];
        }
        Slot slot = slotFor(length);
        slot.lastUse = CLOCK.incrementAndGet();
        for (int i = 0; i < DEPTH; i++) {
            Made made = slot.ready.get(i) == null ? null : slot.ready.getAndSet(i, null);
            if (made != null) {
                READY_DOUBLES.addAndGet(-made.length);
                double[] array = made.get();
                // A worker that read the slot's old length just before the slot changed hands may have left
                // an array of that length: it is dropped, as is one the collector took.
                if (array != null && array.length == length) {
                    return array;
                }
            }
        }
        return new double[length];
    }

    /**
     * Makes one array that a slot is waiting for, if any is and the budget allows: run by an idle worker
     * between jobs, so that it looks for a new job after each array.
     *
     * @return true if it made one
     */
    static boolean makeOneAhead() {
        for (Slot slot : SLOT) {
            int length = slot.length;
            if (length == 0) {
                continue;
            }
            for (int i = 0; i < DEPTH; i++) {
                if (slot.ready.get(i) != null) {
                    continue;
                }
                if (!reserve(length)) {
                    return false;
                }
                Made made;
                try {
                    made = new Made(new double[length]);
                } catch (OutOfMemoryError full) {
                    // Only a guess at what the program will need: a full heap is the program's to report.
                    READY_DOUBLES.addAndGet(-length);
                    return false;
                }
                // The slot may have been given to another length meanwhile (then the array is dropped, here or,
                // if the change comes after this check, by zeros()), or another thread filled this entry first.
                if (slot.length == length && slot.ready.compareAndSet(i, null, made)) {
                    return true;
                }
                READY_DOUBLES.addAndGet(-length);
            }
        }
        return false;
    }

    /** Counts {@code length} more doubles as waiting, if the budget allows: never over it, even for a moment. */
    private static boolean reserve(int length) {
        long ready;
        do {
            ready = READY_DOUBLES.get();
            if (ready + length > BUDGET_DOUBLES) {
                return false;
            }
        } while (!READY_DOUBLES.compareAndSet(ready, ready + length));
        return true;
    }

    /** Returns whether a slot remembers this length: for tests. */
    static boolean remembers(int length) {
        for (Slot slot : SLOT) {
            if (slot.length == length) {
                return true;
            }
        }
        return false;
    }

    /** Returns how many doubles wait, made ahead: for tests. */
    static long readyDoubles() {
        return READY_DOUBLES.get();
    }

    /** Returns the slot remembering this length, given the slot used longest ago if none does. */
    private static Slot slotFor(int length) {
        for (Slot slot : SLOT) {
            if (slot.length == length) {
                return slot;
            }
        }
        synchronized (FreshArrays.class) {
            Slot oldest = SLOT[0];
            for (Slot slot : SLOT) {
                if (slot.length == length) {
                    return slot;
                }
                if (slot.lastUse < oldest.lastUse) {
                    oldest = slot;
                }
            }
            oldest.length = length;
            for (int i = 0; i < DEPTH; i++) {
                Made dropped = oldest.ready.getAndSet(i, null);
                if (dropped != null) {
                    READY_DOUBLES.addAndGet(-dropped.length);
                }
            }
            return oldest;
        }
    }
}
