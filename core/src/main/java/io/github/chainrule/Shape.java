package io.github.chainrule;

import java.util.Arrays;

/**
 * The immutable shape of a tensor: the length of each of its axes, outermost first.
 *
 * <p>A shape of rank 0, {@code ()}, is a scalar. Shapes print as numpy prints them, {@code (4,3)}, and
 * know numpy's broadcasting rule ({@link #broadcast(String, Shape, Shape)}), the one the course's
 * broadcasting notes describe: align the two shapes at their trailing axes; two lengths are compatible
 * when they are equal or one of them is 1; a missing leading axis counts as 1.
 */
public final class Shape {
    /** The shape of a scalar, {@code ()}. */
    public static final Shape SCALAR = new Shape(new int[0], 1);
    /**
     * The most elements a shape may hold: {@code Integer.MAX_VALUE - 8}, the longest array the JVM allocates
     * (a {@code new double[Integer.MAX_VALUE]} fails with an OutOfMemoryError whatever the heap).
     */
    public static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    private final int[] dims;
    private final int size;

    private Shape(int[] dims, int size) {
        this.dims = dims;
        this.size = size;
    }

    /**
     * Returns the shape with the given axis lengths; errors are reported under the name {@code Shape.of} (an op
     * making a shape names itself with {@link #of(String, int...)}).
     *
     * @param dims the axis lengths, outermost first
     * @return the shape
     * @throws IllegalArgumentException if a length is negative or the element count exceeds {@link #MAX_SIZE}
     */
    public static Shape of(int... dims) {
        return of("Shape.of", dims);
    }

    /**
     * Returns the shape with the given axis lengths, for the op {@code op} that is making it: the one place
     * where a result's element count is computed (as a long) and refused past {@link #MAX_SIZE}.
     *
     * <p>The check does not depend on the order of the axes: a shape with a zero-length axis holds no elements
     * whatever its other lengths are (as in numpy, {@code (2, 2147483647, 0)} and {@code (0, 2, 2147483647)} are
     * both empty and both accepted); any other shape is refused when the product of its lengths passes
     * {@link #MAX_SIZE}.
     *
     * @param op   the op making the shape, named in the error message
     * @param dims the axis lengths, outermost first
     * @return the shape
     * @throws IllegalArgumentException naming the op and the lengths if {@code dims} is null, a length is negative
     *                                  or the element count exceeds {@link #MAX_SIZE}
     */
    public static Shape of(String op, int... dims) {
        if (dims == null) {
            throw new IllegalArgumentException(op + ": dims must not be null");
        }
        if (dims.length == 0) {
            return SCALAR;
        }
        long[] wide = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            wide[i] = dims[i];
        }
        return new Shape(dims.clone(), checkedSize(op, wide));
    }

    /**
     * Returns the shape with the given axis lengths computed as longs by the op {@code op} (a padded length, the
     * sum of concatenated lengths, an outer product of two shapes), refusing any length or element count past
     * {@code Integer.MAX_VALUE} (a length) or {@link #MAX_SIZE} (the element count) with a message naming the op;
     * see {@link #of(String, int...)} for the rule.
     *
     * @param op   the op making the shape, named in the error message
     * @param dims the axis lengths, outermost first
     * @return the shape
     * @throws IllegalArgumentException naming the op and the lengths if {@code dims} is null, a length is negative
     *                                  or does not fit an int, or the element count exceeds {@link #MAX_SIZE}
     */
    public static Shape ofLong(String op, long... dims) {
        if (dims == null) {
            throw new IllegalArgumentException(op + ": dims must not be null");
        }
        if (dims.length == 0) {
            return SCALAR;
        }
        int size = checkedSize(op, dims);
        int[] narrow = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            narrow[i] = (int) dims[i];
        }
        return new Shape(narrow, size);
    }

    /** Checks every length first, then the product, so that the verdict does not depend on the axis order. */
    private static int checkedSize(String op, long[] dims) {
        boolean empty = false;
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException(op + ": negative axis length in shape " + format(dims));
            }
            if (d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(op + ": shape " + format(dims) + " has an axis longer than "
                        + "2^31-1 (" + Integer.MAX_VALUE + ")");
            }
            empty |= d == 0;
        }
        if (empty) {
            return 0;
        }
        long size = 1;
        for (long d : dims) {
            // capped at 2^32 before each step (a factor is below 2^31), so the product never overflows a long
            size = Math.min(size * d, 1L << 32);
        }
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException(op + ": shape " + format(dims) + " has " + (size > Integer.MAX_VALUE
                    ? "more than 2^31-1 elements" : size + " elements, more than the " + MAX_SIZE + " an array can hold"));
        }
        return (int) size;
    }

    /** Returns the number of axes (0 for a scalar). */
    public int rank() {
        return dims.length;
    }

    /** Returns the number of elements, the product of the axis lengths (1 for a scalar). */
    public int size() {
        return size;
    }

    /**
     * Returns the length of one axis; a negative axis counts from the end, as in numpy.
     *
     * @throws IllegalArgumentException if the axis is out of range
     */
    public int dim(int axis) {
        return dims[normalizeAxis("dim", axis)];
    }

    /** Returns a copy of the axis lengths. */
    public int[] dims() {
        return dims.clone();
    }

    /** Returns true if this is the shape of a scalar, {@code ()}. */
    public boolean isScalar() {
        return dims.length == 0;
    }

    /**
     * Returns the row-major strides of this shape: how far apart, in elements, neighbours along each axis are.
     */
    public int[] strides() {
        int[] strides = new int[dims.length];
        long stride = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = (int) stride;
            // only an empty shape can pass 2^31-1 here; it holds nothing to step over, so the value is capped
            stride = Math.min(stride * dims[i], Integer.MAX_VALUE);
        }
        return strides;
    }

    /**
     * Maps a possibly negative axis to its index in {@code [0, rank)}.
     *
     * @param op the op asking, named in the error message
     * @throws IllegalArgumentException naming the op if the axis is out of range
     */
    public int normalizeAxis(String op, int axis) {
        int r = dims.length;
        if (axis < -r || axis >= r) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for shape " + this
                    + " of rank " + r);
        }
        return axis < 0 ? axis + r : axis;
    }

    /**
     * Returns the broadcast shape of two shapes under numpy's rule.
     *
     * @param op the op asking, named in the error message
     * @throws IllegalArgumentException naming the op, both shapes and the first axis at fault when the
     *                                  shapes cannot be broadcast together
     */
    public static Shape broadcast(String op, Shape a, Shape b) {
        if (a == null || b == null) {
            throw new IllegalArgumentException(op + ": cannot broadcast a null shape (" + a + " and " + b + ")");
        }
        if (a.equals(b)) {
            return a;
        }
        int rank = Math.max(a.rank(), b.rank());
        int[] out = new int[rank];
        for (int i = 1; i <= rank; i++) {
            int da = i <= a.rank() ? a.dims[a.rank() - i] : 1;
            int db = i <= b.rank() ? b.dims[b.rank() - i] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + a + " and " + b
                        + " cannot be broadcast together: axis " + (rank - i) + " of the result has lengths "
                        + da + " and " + db + " (broadcasting needs them equal, or one of them 1)");
            }
            out[rank - i] = da == 1 ? db : da;   // not max: a length 0 against 1 stays 0, as in numpy
        }
        return of(op, out);
    }

    /**
     * Returns true if this shape can be broadcast to {@code target}, that is, if
     * {@code broadcast(this, target)} equals {@code target}.
     */
    public boolean broadcastsTo(Shape target) {
        if (target == null) {
            throw new IllegalArgumentException("broadcastsTo: target shape is null");
        }
        if (rank() > target.rank()) {
            return false;
        }
        int offset = target.rank() - rank();
        for (int i = 0; i < rank(); i++) {
            if (dims[i] != 1 && dims[i] != target.dims[offset + i]) {
                return false;
            }
        }
        return true;
    }

    /** Returns this shape with the given axis replaced by {@code length}. */
    public Shape withDim(int axis, int length) {
        int[] d = dims.clone();
        d[normalizeAxis("withDim", axis)] = length;
        return of("withDim", d);
    }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Returns the shape as numpy prints it: {@code ()}, {@code (3,)}, {@code (4,3)}. */
    @Override
    public String toString() {
        return format(dims);
    }

    private static String format(long[] dims) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(dims[i]);
        }
        return sb.append(dims.length == 1 ? ",)" : ")").toString();
    }

    private static String format(int[] dims) {
        if (dims.length == 1) {
            return "(" + dims[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(dims[i]);
        }
        return sb.append(')').toString();
    }
}
