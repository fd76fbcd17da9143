package io.github.chainrule.nn.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The header of a numpy .npy array: its element type, whether it is stored in Fortran (column-major)
 * order, and its shape; parsed from and written as the Python dict literal numpy uses,
 * {@code {'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }}.
 *
 * @param descr        numpy's type string, e.g. {@code <f8}: byte order, kind, bytes per element
 * @param fortranOrder true if the data is column-major
 * @param shape        the array's shape
 */
record NpyHeader(String descr, boolean fortranOrder, int[] shape) {

    /** Returns the header text numpy writes for a C-ordered float64 array of the given shape (unpadded). */
    static String float64(int[] shape) {
        StringBuilder sb = new StringBuilder("{'descr': '<f8', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            sb.append(shape[i]).append(i == 0 && shape.length == 1 ? "," : "").append(i < shape.length - 1 ? ", " : "");
        }
        return sb.append("), }").toString();
    }

    /**
     * Parses the header dict.
     *
     * @throws IllegalArgumentException describing the first thing that is not as numpy writes it
     */
    static NpyHeader parse(String text) {
        Parser p = new Parser(text.strip());
        String descr = null;
        Boolean fortran = null;
        int[] shape = null;
        p.expect('{');
        while (!p.consume('}')) {
            String key = p.string();
            p.expect(':');
            switch (key) {
                case "descr":
                    if (p.peek() == '[') {
                        throw new IllegalArgumentException("structured arrays (a list 'descr') are not supported");
                    }
                    descr = p.string();
                    break;
                case "fortran_order":
                    fortran = p.bool();
                    break;
                case "shape":
                    shape = p.tuple();
                    break;
                default:
                    throw new IllegalArgumentException("unknown header key '" + key + "'");
            }
            if (!p.consume(',')) {
                p.expect('}');
                break;
            }
        }
        p.end();
        if (descr == null || fortran == null || shape == null) {
            throw new IllegalArgumentException("header lacks " + (descr == null ? "'descr'"
                    : fortran == null ? "'fortran_order'" : "'shape'") + ": " + text.strip());
        }
        return new NpyHeader(descr, fortran, shape);
    }

    /** A tokenizer for the few Python literals an npy header holds. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        char peek() {
            skip();
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        boolean consume(char c) {
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!consume(c)) {
                throw new IllegalArgumentException("expected '" + c + "' at offset " + pos + " of header " + s);
            }
        }

        void end() {
            if (peek() != '\0') {
                throw new IllegalArgumentException("unexpected text after the header dict: " + s.substring(pos));
            }
        }

        String string() {
            char q = peek();
            if (q != '\'' && q != '"') {
                throw new IllegalArgumentException("expected a quoted string at offset " + pos + " of header " + s);
            }
            int end = s.indexOf(q, pos + 1);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated string in header " + s);
            }
            String v = s.substring(pos + 1, end);
            pos = end + 1;
            return v;
        }

        boolean bool() {
            skip();
            if (s.startsWith("True", pos)) {
                pos += 4;
                return true;
            }
            if (s.startsWith("False", pos)) {
                pos += 5;
                return false;
            }
            throw new IllegalArgumentException("expected True or False at offset " + pos + " of header " + s);
        }

        int[] tuple() {
            expect('(');
            List<Integer> dims = new ArrayList<>();
            while (!consume(')')) {
                skip();
                int start = pos;
                while (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    pos++;
                }
                if (start == pos || pos - start > 10) {
                    throw new IllegalArgumentException("expected a non-negative axis length at offset " + start
                            + " of header " + s);
                }
                long d = Long.parseLong(s.substring(start, pos));
                if (d > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("axis length " + d + " is larger than 2^31-1");
                }
                dims.add((int) d);
                if (pos < s.length() && s.charAt(pos) == 'L') {
                    pos++;   // Python 2's long suffix, as old numpy wrote it
                }
                if (!consume(',')) {
                    expect(')');
                    break;
                }
            }
            return dims.stream().mapToInt(Integer::intValue).toArray();
        }

        private void skip() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }
    }
}
