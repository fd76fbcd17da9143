package io.github.chainrule.ops;

import java.util.stream.IntStream;

/**
 * Splits independent work over the cores: rows of a softmax, planes of a pool. Each part is a fixed,
 * contiguous range, so the results do not depend on which thread runs which part.
 */
final class Split {
    /** Below this many elements' worth of work one thread does it all: a split costs a few microseconds. */
    static final long MIN_WORK = 1 << 15;
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private Split() {
    }

    /** A contiguous range [from, to) of the work's items. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /** Runs {@code body} over [0, items), in one part per core when {@code work} (elements touched) is large. */
    static void ranges(int items, long work, Range body) {
        int parts = work < MIN_WORK ? 1 : Math.max(1, Math.min(items, CORES));
        if (parts == 1) {
            body.run(0, items);
            return;
        }
        IntStream.range(0, parts).parallel().forEach(t -> body.run(first(items, t, parts), first(items, t + 1, parts)));
    }

    /** The first item of part t of parts. */
    static int first(int items, int t, int parts) {
        return (int) ((long) items * t / parts);
    }
}
