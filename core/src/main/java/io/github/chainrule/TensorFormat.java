package io.github.chainrule;

/** Prints tensors as numpy prints arrays: nested brackets, one row per line, aligned columns, summarized when large. */
final class TensorFormat {
    private static final int SUMMARY_THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        if (t.shape.isScalar()) {
            return number(t.data[0]);
        }
        boolean summarize = t.size() > SUMMARY_THRESHOLD;
        int width = 0;
        for (double v : t.data) {
            width = Math.max(width, number(v).length());
        }
        StringBuilder sb = new StringBuilder();
        append(sb, t, 0, 0, width, summarize, "tensor(".length());
        return sb.toString();
    }

    private static void append(StringBuilder sb, Tensor t, int axis, int offset, int width, boolean summarize, int indent) {
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
                String s = number(t.data[offset + i]);
                sb.append(" ".repeat(width - s.length())).append(s);
                if (i < len - 1) {
                    sb.append(", ");
                }
            } else {
                append(sb, t, axis + 1, offset + i * strides[axis], width, summarize, indent);
                if (i < len - 1) {
                    sb.append(',').append("\n".repeat(t.rank() - 1 - axis)).append(" ".repeat(indent + axis + 1));
                }
            }
        }
        sb.append(']');
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e16) {
            return (long) v + ".";
        }
        String s = String.format("%.8g", v);
        if (s.contains("e")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s : s;
    }
}
