package io.github.chainrule.nn.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON (RFC 8259) reader and writer for the safetensors header.
 *
 * <p>Values read are {@code Map<String, Object>} (keys in file order; a repeated key is an error),
 * {@code List<Object>}, {@code String}, {@code Long} (integers), {@code Double} (numbers with a fraction or
 * exponent), {@code Boolean} and {@code null}. Nesting is limited so that a hostile header cannot overflow
 * the stack. Errors are {@link IllegalArgumentException}s naming the character offset.
 */
final class Json {
    private static final int MAX_DEPTH = 64;

    // Estimated bytes each parsed value keeps on a 64-bit JVM with compressed pointers, rounded up: what the
    // memory bound of parse(text, maxBytes) counts.
    private static final int MAP_COST = 64;
    private static final int MAP_ENTRY_COST = 48;
    private static final int LIST_COST = 40;
    private static final int LIST_ELEMENT_COST = 12;   // a reference, with ArrayList's growth slack
    private static final int STRING_COST = 48;         // plus two bytes a char
    private static final int NUMBER_COST = 24;

    private final String text;
    private final long maxBytes;
    private long used;
    private int pos;

    private Json(String text, long maxBytes) {
        this.text = text;
        this.maxBytes = maxBytes;
    }

    /** Parses one JSON value that may be surrounded by whitespace and nothing else. */
    static Object parse(String text) {
        return parse(text, Long.MAX_VALUE);
    }

    /**
     * Parses one JSON value, refusing it once the values parsed so far would keep more than {@code maxBytes}
     * (estimated per map, entry, list, element, string and number, rounded up for a 64-bit JVM).
     */
    static Object parse(String text, long maxBytes) {
        Json p = new Json(text, maxBytes);
        p.skipWhitespace();
        Object value = p.value(0);
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "' after the value");
        }
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " levels deep");
        }
        if (pos >= text.length()) {
            throw error("unexpected end of text");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected '" + c + "'");
        }
    }

    private Map<String, Object> object(int depth) {
        charge(MAP_COST);
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            int keyAt = pos;
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            Object v = value(depth + 1);
            if (map.containsKey(key)) {
                pos = keyAt;
                throw error("key \"" + key + "\" appears twice");
            }
            charge(MAP_ENTRY_COST);
            map.put(key, v);
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') {
                return map;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array(int depth) {
        charge(LIST_COST);
        List<Object> list = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipWhitespace();
            charge(LIST_ELEMENT_COST);
            list.add(value(depth + 1));
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                charge(STRING_COST + 2L * sb.length());
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u':
                    if (pos + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                    break;
                default:
                    pos--;
                    throw error("bad escape '\\" + e + "'");
            }
        }
    }

    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) {
                pos++;
            }
        } else {
            throw error("bad number");
        }
        boolean integer = true;
        if (peek() == '.') {
            integer = false;
            pos++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            integer = false;
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            digits();
        }
        String s = text.substring(start, pos);
        charge(NUMBER_COST);
        if (integer) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                pos = start;
                throw error("integer " + s + " is out of range");
            }
        }
        return Double.parseDouble(s);
    }

    private void digits() {
        if (!isDigit(peek())) {
            throw error("expected a digit");
        }
        while (isDigit(peek())) {
            pos++;
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected '" + text.charAt(pos) + "'");
        }
        pos += word.length();
        return value;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void charge(long bytes) {
        used += bytes;
        if (used > maxBytes) {
            throw error("the values parsed so far need more than the " + maxBytes + " bytes of memory allowed");
        }
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException("JSON: " + problem + " at offset " + pos);
    }

    /** Returns {@code s} as a JSON string literal, quoted and escaped. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        return sb.append('"').toString();
    }
}
