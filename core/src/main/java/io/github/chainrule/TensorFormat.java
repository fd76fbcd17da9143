package io.github.chainrule;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Prints tensors as numpy prints arrays with its default options: nested brackets, one row per line,
 * at most 8 fractional digits with every element showing as many as the most precise one needs
 * (numpy's "maxprec" mode, padding shorter fractions with spaces), scientific notation when the values
 * span too many orders of magnitude, and "..." past 1000 elements.
 */
final class TensorFormat {
    private static final int PRECISION = 8;
    private static final int SUMMARY_THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        Style style = Style.of(t.data);
        if (t.shape.isScalar()) {
            return style.format(t.data[0]).strip();
        }
        StringBuilder sb = new StringBuilder();
        append(sb, t, 0, 0, style, t.size() > SUMMARY_THRESHOLD, "tensor(".length());
        return sb.toString();
    }

    private static void append(StringBuilder sb, Tensor t, int axis, int offset, Style style, boolean summarize, int indent) {
        int[] strides = t.shape.strides();
        int len = t.shape.dim(axis);
        sb.append('[');
        for (int i = 0; i < len; i++) {
            if (summarize && len > 2 * EDGE_ITEMS && i == EDGE_ITEMS) {
                sb.append(axis == t.rank() - 1 ? "..., " : "...,\n" + " ".repeat(indent + axis + 1));
                i = len - EDGE_ITEMS - 1;
                continue;
            }
            if (axis == t.rank() - 1) {
                sb.append(style.format(t.data[offset + i]));
                if (i < len - 1) {
                    sb.append(", ");
                }
            } else {
                append(sb, t, axis + 1, offset + i * strides[axis], style, summarize, indent);
                if (i < len - 1) {
                    sb.append(',').append("\n".repeat(t.rank() - 1 - axis)).append(" ".repeat(indent + axis + 1));
                }
            }
        }
        sb.append(']');
    }

    /** How one array's elements are printed: fixed or scientific, and the widths that align them. */
    private record Style(boolean scientific, int fractionDigits, int intWidth, int fracWidth) {
        static Style of(double[] values) {
            double maxAbs = 0;
            double minAbs = Double.POSITIVE_INFINITY;
            for (double v : values) {
                if (Double.isFinite(v) && v != 0) {
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                    minAbs = Math.min(minAbs, Math.abs(v));
                }
            }
            // numpy switches to scientific notation for values ≥ 1e8, or < 1e-4, or spanning over 1e3.
            boolean scientific = maxAbs >= 1e8 || (minAbs < 1e-4) || (maxAbs > 0 && maxAbs / minAbs > 1e3);
            if (maxAbs == 0) {
                scientific = false;
            }
            int digits = 0;
            int intWidth = 0;
            int fracWidth = 0;
            int specialWidth = 0;
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    specialWidth = Math.max(specialWidth, special(v).length());
                    continue;
                }
                String s = scientific ? sci(v) : fixed(v);
                int dot = s.indexOf('.');
                intWidth = Math.max(intWidth, dot);
                fracWidth = Math.max(fracWidth, s.length() - dot);
                digits = Math.max(digits, s.length() - dot - 1);
            }
            // nan and inf are right-aligned to the full width of the numbers, as numpy does.
            intWidth = Math.max(intWidth, specialWidth - fracWidth);
            return new Style(scientific, digits, intWidth, fracWidth);
        }

        String format(double v) {
            if (!Double.isFinite(v)) {
                String s = special(v);
                return " ".repeat(Math.max(0, intWidth + fracWidth - s.length())) + s;
            }
            String s = scientific ? sci(v) : fixed(v);
            int dot = s.indexOf('.');
            String left = dot < 0 ? s : s.substring(0, dot);
            String right = dot < 0 ? "" : s.substring(dot);
            return " ".repeat(Math.max(0, intWidth - left.length())) + left + right
                    + " ".repeat(Math.max(0, fracWidth - right.length()));
        }

        /** Shortest fixed-point form with at most 8 fractional digits, keeping the point: 1., 0.5, 0.33333333. */
        private static String fixed(double v) {
            BigDecimal d = new BigDecimal(v).setScale(PRECISION, RoundingMode.HALF_EVEN).stripTrailingZeros();
            String s = d.scale() <= 0 ? d.setScale(0).toPlainString() + "." : d.toPlainString();
            return (v < 0 || (v == 0 && 1 / v < 0)) && !s.startsWith("-") ? "-" + s : s;
        }

        /** Shortest scientific form with at most 8 fractional digits in the mantissa: 1.5e+08. */
        private static String sci(double v) {
            String s = String.format(Locale.ROOT, "%." + PRECISION + "e", v);
            int e = s.indexOf('e');
            String mantissa = s.substring(0, e).replaceAll("0+$", "");
            int exp = Integer.parseInt(s.substring(e + 1));
            return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exp));
        }

        private static String special(double v) {
            return Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
        }
    }
}
