package io.github.chainrule.ops;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The non-tensor arguments of an op call by registry name ({@code axes}, {@code keepDims}, {@code exponent}
 * ...): an immutable, ordered map with typed getters that name the op and attribute at fault.
 */
public final class Attrs {
    /** No attributes. */
    public static final Attrs NONE = new Attrs(Collections.emptyMap());

    private final Map<String, Object> values;

    private Attrs(Map<String, Object> values) {
        this.values = values;
    }

    /**
     * Returns attributes from alternating names and values: {@code Attrs.of("axes", new int[] {0}, "keepDims", true)}.
     *
     * @throws IllegalArgumentException if the arguments do not alternate String name, value
     */
    public static Attrs of(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("attrs: expected name, value pairs, got " + namesAndValues.length + " arguments");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("attrs: argument " + i + " should be an attribute name, got " + namesAndValues[i]);
            }
            Object v = namesAndValues[i + 1];
            m.put(name, v instanceof int[] ints ? ints.clone() : v);
        }
        return new Attrs(Collections.unmodifiableMap(m));
    }

    /** Returns true if the attribute is present. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** Returns an int attribute. */
    public int integer(String op, String name) {
        return get(op, name, Integer.class);
    }

    /** Returns a real attribute (an Integer is accepted too). */
    public double real(String op, String name) {
        Object v = values.get(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw missing(op, name, "a number", v);
    }

    /** Returns a boolean attribute, or {@code fallback} if absent. */
    public boolean bool(String op, String name, boolean fallback) {
        return has(name) ? get(op, name, Boolean.class) : fallback;
    }

    /**
     * Returns a String attribute, such as einsum's {@code subscripts}.
     *
     * @param op   the op asking, named in the error message
     * @param name the attribute's name
     * @return the attribute's value
     * @throws IllegalArgumentException naming the op and attribute if it is absent or not a String
     */
    public String text(String op, String name) {
        return get(op, name, String.class);
    }

    /** Returns an int[] attribute (a copy), or null if absent and {@code optional}. */
    public int[] ints(String op, String name, boolean optional) {
        if (optional && !has(name)) {
            return null;
        }
        return get(op, name, int[].class).clone();
    }

    private <T> T get(String op, String name, Class<T> type) {
        Object v = values.get(name);
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        throw missing(op, name, type.getSimpleName(), v);
    }

    private static IllegalArgumentException missing(String op, String name, String type, Object v) {
        return new IllegalArgumentException(op + ": attribute '" + name + "' should be " + type + ", got "
                + (v == null ? "nothing" : v.getClass().getSimpleName() + " " + v));
    }

    /** Returns the attributes as {@code {name=value, ...}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        values.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append(k).append('=')
                .append(v instanceof int[] a ? Arrays.toString(a) : String.valueOf(v)));
        return sb.append('}').toString();
    }
}
