package io.github.chainrule.ops;

import io.github.chainrule.kernel.Parallel;

/**
 * Splits independent work over the cores: rows of a softmax, planes of a pool, images of a convolution. Each part is a fixed,
 * contiguous range, so the results do not depend on which thread runs which part. The parts run on {@link Parallel}'s
 * threads, the one pool the kernels share; a part that splits again (a convolution's product) runs inline.
 */
final class Split {
    /** Below this many elements' worth of work one thread does it all: a split costs a few microseconds. */
    static final long MIN_WORK = 1 << 15;

    private Split() {
    }

    /** A contiguous range [from, to) of the work's items. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /** Part {@code part} of the work, the range [from, to) of its items. */
    @FunctionalInterface
    interface Part {
        void run(int part, int from, int to);
    }

    /**
     * Runs {@code body} over [0, items), in one part per core when {@code work} (elements touched) is large;
     * a part that fails on another thread is rethrown here naming {@code op}.
     */
    static void ranges(String op, int items, long work, Range body) {
        if (work < MIN_WORK) {
            body.run(0, items);
            return;
        }
        eachPart(op, items, parts(items), (part, from, to) -> body.run(from, to));
    }

    /** The number of parts {@link #eachPart(String, int, int, Part)} splits {@code items} into: one per core, at most one per item. */
    static int parts(int items) {
        return Math.max(1, Math.min(items, Parallel.threads()));
    }

    /**
     * Runs {@code body} on each of {@code parts} fixed, contiguous parts of [0, items), in parallel when there are several;
     * a part that fails on another thread is rethrown here as an IllegalStateException naming {@code op}.
     */
    static void eachPart(String op, int items, int parts, Part body) {
        Parallel.run(op, parts, t -> body.run(t, first(items, t, parts), first(items, t + 1, parts)));
    }

    /** The first item of part t of parts. */
    static int first(int items, int t, int parts) {
        return (int) ((long) items * t / parts);
    }
}
