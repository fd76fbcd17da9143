package io.github.chainrule;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Prints tensors as numpy's {@code repr} prints float arrays (numpy's defaults: precision 8, line width
 * 75, summarized beyond 1000 elements with 3 edge items).
 *
 * <p>Numbers follow numpy's "maxprec" float mode: each value gets the fewest digits that identify it (at
 * most 8 after the point), and a column of values is aligned at the decimal point, padded with spaces on
 * both sides ({@code [0.5 , 1.25]}). When the non-zero magnitudes span more than a factor 1000, or one is
 * below 1e-4 or at least 1e8, all values switch to scientific notation with a common number of digits
 * ({@code [1.e-05, 1.e+00]}). Rows wrap at the line width as numpy wraps them.
 */
final class TensorFormat {
    private static final int SUMMARY_THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 75;
    private static final int PRECISION = 8;
    private static final String SEPARATOR = ", ";
    private static final String PREFIX = "tensor(";
    private static final String SUFFIX = ")";

    private TensorFormat() {
    }

    /** Returns the body of {@code tensor(...)}: the nested, aligned values. */
    static String format(Tensor t) {
        boolean summarize = t.size() > SUMMARY_THRESHOLD;
        NumberFormat numbers = new NumberFormat(t.buffer());
        if (t.shape.isScalar()) {
            return numbers.format(t.buffer()[0]).strip();
        }
        if (t.size() == 0) {   // as numpy: array([]) and array([], shape=(2, 0))
            return t.rank() == 1 ? "[]" : "[], shape=" + t.shape;
        }
        String hangingIndent = " ".repeat(PREFIX.length() + 1);   // past "tensor(" and "["
        return new Printer(t, numbers, summarize).recurse(new int[0], 0, hangingIndent, LINE_WIDTH - SUFFIX.length());
    }

    /** numpy's _formatArray: one level of brackets per axis, the last axis wrapped at the line width. */
    private static final class Printer {
        private final Tensor t;
        private final NumberFormat numbers;
        private final boolean summarize;
        private final int[] strides;

        Printer(Tensor t, NumberFormat numbers, boolean summarize) {
            this.t = t;
            this.numbers = numbers;
            this.summarize = summarize;
            this.strides = t.shape.strides();
        }

        String recurse(int[] index, int offset, String hangingIndent, int width) {
            int axis = index.length;
            int axesLeft = t.rank() - axis;
            if (axesLeft == 0) {
                return numbers.format(t.buffer()[offset]);
            }
            String nextIndent = hangingIndent + " ";
            int nextWidth = width - 1;   // room for this axis' closing "]"
            int len = t.shape.dim(axis);
            boolean summary = summarize && 2 * EDGE_ITEMS < len;
            int leading = summary ? EDGE_ITEMS : 0;
            int trailing = summary ? EDGE_ITEMS : len;
            StringBuilder s = new StringBuilder();
            if (axesLeft == 1) {
                int elementWidth = width - 1;   // room for "," or "]"
                StringBuilder line = new StringBuilder(hangingIndent);
                for (int i = 0; i < leading; i++) {
                    extend(s, line, child(index, offset, i, nextIndent, nextWidth), elementWidth, hangingIndent);
                    line.append(SEPARATOR);
                }
                if (summary) {
                    extend(s, line, "...", elementWidth, hangingIndent);
                    line.append(SEPARATOR);
                }
                for (int i = len - trailing; i < len; i++) {
                    extend(s, line, child(index, offset, i, nextIndent, nextWidth), elementWidth, hangingIndent);
                    if (i < len - 1) {
                        line.append(SEPARATOR);
                    }
                }
                s.append(line);
            } else {
                String lineSeparator = SEPARATOR.strip() + "\n".repeat(axesLeft - 1);
                for (int i = 0; i < leading; i++) {
                    s.append(hangingIndent).append(child(index, offset, i, nextIndent, nextWidth)).append(lineSeparator);
                }
                if (summary) {
                    s.append(hangingIndent).append("...").append(lineSeparator);
                }
                for (int i = len - trailing; i < len; i++) {
                    s.append(hangingIndent).append(child(index, offset, i, nextIndent, nextWidth));
                    if (i < len - 1) {
                        s.append(lineSeparator);
                    }
                }
            }
            return "[" + s.substring(hangingIndent.length()) + "]";
        }

        private String child(int[] index, int offset, int i, String indent, int width) {
            int[] next = java.util.Arrays.copyOf(index, index.length + 1);
            next[index.length] = i;
            return recurse(next, offset + i * strides[index.length], indent, width);
        }

        /** Appends {@code word} to the line, first breaking the line if the word would pass the width. */
        private static void extend(StringBuilder s, StringBuilder line, String word, int width, String indent) {
            if (line.length() + word.length() > width && line.length() > indent.length()) {
                s.append(line.toString().stripTrailing()).append('\n');
                line.setLength(0);
                line.append(indent);
            }
            line.append(word);
        }
    }

    /** numpy's FloatingFormat in "maxprec" mode: the notation and padding chosen once for all values. */
    private static final class NumberFormat {
        private final boolean scientific;
        private int padLeft;
        private int padRight;
        private int fractionDigits;
        private int exponentDigits = 2;

        NumberFormat(double[] values) {
            double max = 0;
            double min = Double.POSITIVE_INFINITY;
            for (double v : values) {
                double a = Math.abs(v);
                if (Double.isFinite(v) && a != 0) {
                    max = Math.max(max, a);
                    min = Math.min(min, a);
                }
            }
            scientific = max != 0 && (max >= 1e8 || min < 1e-4 || max / min > 1e3);
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    continue;
                }
                if (scientific) {
                    String[] m = scientificParts(v);
                    padLeft = Math.max(padLeft, m[0].length());
                    fractionDigits = Math.max(fractionDigits, m[1].length());
                    exponentDigits = Math.max(exponentDigits, m[2].length());
                } else {
                    String[] p = positionalParts(v);
                    padLeft = Math.max(padLeft, p[0].length());
                    padRight = Math.max(padRight, p[1].length());
                }
            }
            if (scientific) {
                padRight = fractionDigits + exponentDigits + 2;   // digits, "e", sign, exponent
            }
            boolean nonFinite = false;
            boolean negativeInfinity = false;
            for (double v : values) {
                nonFinite |= !Double.isFinite(v);
                negativeInfinity |= v == Double.NEGATIVE_INFINITY;
            }
            if (nonFinite) {   // widen so that "nan", "inf" and "-inf" fit the column
                int offset = padRight + 1;
                padLeft = Math.max(padLeft, Math.max(3 - offset, 3 + (negativeInfinity ? 1 : 0) - offset));
            }
        }

        String format(double v) {
            if (!Double.isFinite(v)) {
                String s = Double.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
                return " ".repeat(Math.max(0, padLeft + padRight + 1 - s.length())) + s;
            }
            if (scientific) {
                String[] m = scientificParts(v);
                String exponent = m[2].substring(1);
                String body = m[1] + "0".repeat(fractionDigits - m[1].length()) + "e" + m[2].charAt(0)
                        + "0".repeat(exponentDigits - exponent.length()) + exponent;
                return pad(m[0], padLeft, true) + "." + body;
            }
            String[] p = positionalParts(v);
            return pad(p[0], padLeft, true) + "." + pad(p[1], padRight, false);
        }

        private static String pad(String s, int width, boolean left) {
            String fill = " ".repeat(Math.max(0, width - s.length()));
            return left ? fill + s : s + fill;
        }

        /** Integer part and fraction digits of the shortest decimal with at most 8 digits after the point. */
        private static String[] positionalParts(double v) {
            if (v == 0) {
                return new String[] {1 / v < 0 ? "-0" : "0", ""};
            }
            BigDecimal d = new BigDecimal(Double.toString(v));
            if (d.scale() > PRECISION) {
                d = new BigDecimal(v).setScale(PRECISION, RoundingMode.HALF_EVEN);
            }
            String s = d.stripTrailingZeros().toPlainString();
            int dot = s.indexOf('.');
            return dot < 0 ? new String[] {s, ""} : new String[] {s.substring(0, dot), s.substring(dot + 1)};
        }

        /** Leading digit (with sign), fraction digits and signed exponent of the shortest scientific form. */
        private static String[] scientificParts(double v) {
            if (v == 0) {
                return new String[] {1 / v < 0 ? "-0" : "0", "", "+0"};
            }
            BigDecimal d = new BigDecimal(Double.toString(Math.abs(v)));
            if (d.precision() > PRECISION + 1) {
                d = new BigDecimal(Math.abs(v)).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
            }
            d = d.stripTrailingZeros();
            String digits = d.unscaledValue().toString();
            int exponent = d.precision() - d.scale() - 1;
            String sign = v < 0 ? "-" : "";
            return new String[] {sign + digits.charAt(0), digits.substring(1),
                (exponent < 0 ? "-" : "+") + Math.abs(exponent)};
        }
    }
}
