package io.github.chainrule.examples.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints a program's output: progress lines (training cost logs) only when not quiet, results always.
 * Numbers are formatted with {@link Locale#ROOT} so that the output does not depend on the machine's locale.
 */
public final class Console {
    private final PrintStream out;
    private final boolean quiet;

    /** Creates a console that prints to {@code out}, leaving progress out when {@code quiet}. */
    public Console(PrintStream out, boolean quiet) {
        this.out = out;
        this.quiet = quiet;
    }

    /** Creates a console on standard output with the quietness of {@code options}. */
    public static Console of(ExampleOptions options) {
        return new Console(System.out, options.quiet());
    }

    /** Prints a progress line (a {@link String#format} pattern) unless quiet. */
    public void progress(String format, Object... args) {
        if (!quiet) {
            out.println(String.format(Locale.ROOT, format, args));
        }
    }

    /** Prints a result line (a {@link String#format} pattern), quiet or not. */
    public void result(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
    }

    /** Returns the stream this console prints to (a trainer's progress bar or lines go there too). */
    public PrintStream out() {
        return out;
    }

    /** Returns whether progress lines are left out. */
    public boolean quiet() {
        return quiet;
    }
}
