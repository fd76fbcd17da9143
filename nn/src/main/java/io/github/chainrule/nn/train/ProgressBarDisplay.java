package io.github.chainrule.nn.train;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A progress bar over the epochs (me.tongfei:progressbar), with the latest cost beside it, for an interactive
 * terminal. The only class that touches the library, so it loads only when a bar is drawn.
 */
final class ProgressBarDisplay implements Progress {
    private final ProgressBar bar;
    private final PrintStream out;
    private final List<String> notes = new ArrayList<>();

    /**
     * Starts a bar of {@code epochs} steps on {@code out}; {@code width} is the rendered width, or 0 to ask the
     * terminal (the library does, through JLine).
     */
    ProgressBarDisplay(PrintStream out, int epochs, int width) {
        this.out = out;
        ConsoleProgressBarConsumer consumer = width > 0 ? new ConsoleProgressBarConsumer(out, width)
                : new ConsoleProgressBarConsumer(out);
        this.bar = new ProgressBarBuilder().setTaskName("Training").setInitialMax(epochs).setUnit(" epochs", 1)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(consumer).setUpdateIntervalMillis(200).build();
    }

    @Override
    public void epochEnded(EpochSummary e, boolean last, boolean stop) {
        bar.setExtraMessage(String.format(Locale.ROOT, "cost %.6f%s", e.cost(),
                e.devCost() == null ? "" : String.format(Locale.ROOT, " dev %.6f", e.devCost())));
        bar.stepTo(e.epoch() + 1L);
        if (stop) {
            bar.maxHint(e.epoch() + 1L);   // stopped early: the bar ends full at the epoch it stopped in
        }
    }

    /** Kept until the bar is closed: a line printed under a live bar would be overdrawn by its next render. */
    @Override
    public void note(String message) {
        notes.add(message);
    }

    @Override
    public void close() {
        bar.close();
        for (String note : notes) {
            out.println(note);
        }
        out.flush();
    }
}
