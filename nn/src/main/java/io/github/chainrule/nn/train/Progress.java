package io.github.chainrule.nn.train;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * How a {@link Trainer} reports progress: the course's "Cost after …" lines, a progress bar, or nothing.
 * One is chosen per {@code fit} call, so a run shows lines or a bar, never both.
 */
interface Progress extends AutoCloseable {
    /** Reports nothing: {@link Trainer#quiet()}. */
    Progress NONE = new Progress() {
        @Override
        public void epochEnded(EpochSummary epoch, boolean last, boolean stop) {
        }

        @Override
        public void note(String message) {
        }

        @Override
        public void close() {
        }
    };

    /** Reports that an epoch ended; {@code last} or {@code stop} when no epoch will follow. */
    void epochEnded(EpochSummary epoch, boolean last, boolean stop);

    /** Reports a one-off message (early stopping, the restored epoch) as a line of its own. */
    void note(String message);

    /** Ends the report (a bar draws its final state); no exception. */
    @Override
    void close();

    /** The course's lines, "Cost after iteration N: J" (or "epoch"), every {@code every} epochs and at the end. */
    static Progress lines(Consumer<String> sink, int every) {
        return new Progress() {
            @Override
            public void epochEnded(EpochSummary e, boolean last, boolean stop) {
                if (e.epoch() % every == 0 || last || stop) {
                    sink.accept(String.format(Locale.ROOT, "Cost after %s %d: %f%s", e.steps() == 1 ? "iteration" : "epoch",
                            e.epoch(), e.cost(), e.devCost() == null ? "" : String.format(Locale.ROOT, " (dev %f)", e.devCost())));
                }
            }

            @Override
            public void note(String message) {
                sink.accept(message);
            }

            @Override
            public void close() {
            }
        };
    }
}
