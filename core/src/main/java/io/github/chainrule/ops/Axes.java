package io.github.chainrule.ops;

import io.github.chainrule.Shape;

/** Axis bookkeeping shared by reductions and shape ops: normalizing axis lists and keep-dims shapes. */
final class Axes {
    private Axes() {
    }

    /**
     * Returns a mask of the axes to reduce: all of them for null, else the listed ones (negative counts from the end).
     *
     * @throws IllegalArgumentException naming the op if an axis is out of range or repeated
     */
    static boolean[] mask(String op, Shape shape, int[] axes) {
        boolean[] m = new boolean[shape.rank()];
        if (axes == null) {
            java.util.Arrays.fill(m, true);
            return m;
        }
        for (int a : axes) {
            int ax = shape.normalizeAxis(op, a);
            if (m[ax]) {
                throw new IllegalArgumentException(op + ": axis " + a + " is given twice for shape " + shape);
            }
            m[ax] = true;
        }
        return m;
    }


    /** Returns the shape with every masked axis set to length 1, refused past Shape.MAX_SIZE under {@code op}'s name. */
    static Shape keepDims(String op, Shape shape, boolean[] mask) {
        int[] d = shape.dims();
        for (int i = 0; i < d.length; i++) {
            if (mask[i]) {
                d[i] = 1;
            }
        }
        return Shape.of(op, d);
    }


    /** Returns the shape with every masked axis removed, refused past Shape.MAX_SIZE under {@code op}'s name. */
    static Shape dropDims(String op, Shape shape, boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 0 : 1;
        }
        int[] d = new int[n];
        for (int i = 0, j = 0; i < mask.length; i++) {
            if (!mask[i]) {
                d[j++] = shape.dim(i);
            }
        }
        return Shape.of(op, d);
    }

    /** Returns how many elements each output element of the reduction folds together. */
    static int count(Shape shape, boolean[] mask) {
        int c = 1;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                c *= shape.dim(i);
            }
        }
        return c;
    }
}
