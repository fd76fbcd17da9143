package io.github.chainrule.examples.cli;

import java.math.BigDecimal;
import java.util.Locale;

/** Formats the numbers the programs print, the same way on every machine. */
public final class Format {
    private Format() {
    }

    /** Returns a fraction as a percentage with two decimals, e.g. {@code 0.9912 -> "99.12 %"}. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    /** Returns a number without exponent notation, e.g. {@code 1e-4 -> "0.0001"}. */
    public static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** Returns a number with the given number of decimals. */
    public static String fixed(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Returns a duration in seconds with one decimal, e.g. {@code "2.3 s"}. */
    public static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
