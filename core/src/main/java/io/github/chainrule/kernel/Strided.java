package io.github.chainrule.kernel;

import io.github.chainrule.Shape;

import java.util.function.DoubleBinaryOperator;

/**
 * Loops over broadcast and reduced shapes: the elementwise and reduction kernels every op family uses.
 *
 * <p>Broadcasting is done with strides, not copies: an input axis of length 1 that is stretched to the
 * output's length gets stride 0, so the same element is read again. Common cases (equal shapes, a
 * scalar operand) take plain loops.
 */
public final class Strided {
    private Strided() {
    }

    /**
     * Returns the strides with which to read a tensor of shape {@code in} as if broadcast to {@code out}:
     * its row-major strides aligned at the trailing axes, 0 on stretched or missing axes.
     *
     * @param in  the shape of the tensor read
     * @param out the shape it is read as, one {@code in} broadcasts to
     * @return one stride per axis of {@code out}
     */
    public static int[] broadcastStrides(Shape in, Shape out) {
        int r = out.rank();
        int[] s = new int[r];
        int[] own = in.strides();
        int offset = r - in.rank();
        for (int i = 0; i < in.rank(); i++) {
            s[offset + i] = in.dim(i) == 1 ? 0 : own[i];
        }
        return s;
    }

    /**
     * Computes {@code out[i] = f(a[i'], b[i''])} over the output shape, reading a and b broadcast. Pass
     * one of the {@link ArithmeticLoops} for the four arithmetic operators: their loops are vectorized.
     *
     * @param a        the first operand's values, row-major
     * @param as       the first operand's shape, broadcasting to {@code outShape}
     * @param b        the second operand's values, row-major
     * @param bs       the second operand's shape, broadcasting to {@code outShape}
     * @param outShape the broadcast shape of the result
     * @param out      output array of {@code outShape.size()}. Modified.
     * @param f        the function applied to each broadcast pair
     */
    public static void zip(double[] a, Shape as, double[] b, Shape bs, Shape outShape, double[] out,
                           DoubleBinaryOperator f) {
        int n = out.length;
        if (as.equals(bs) && as.equals(outShape)) {
            row(f, a, 0, 1, b, 0, 1, out, 0, n);
        } else if (b.length == 1 && as.equals(outShape)) {
            row(f, a, 0, 1, b, 0, 0, out, 0, n);
        } else if (a.length == 1 && bs.equals(outShape)) {
            row(f, a, 0, 0, b, 0, 1, out, 0, n);
        } else if (n > 0) {
            int[] sa = broadcastStrides(as, outShape);
            int[] sb = broadcastStrides(bs, outShape);
            int[] dims = outShape.dims();
            int r = dims.length;
            int inner = dims[r - 1];
            int[] counter = new int[r];
            int pa = 0;
            int pb = 0;
            for (int o = 0; o < n; o += inner) {
                row(f, a, pa, sa[r - 1], b, pb, sb[r - 1], out, o, inner);
                // Advance the odometer over the outer axes.
                for (int axis = r - 2; axis >= 0; axis--) {
                    pa += sa[axis];
                    pb += sb[axis];
                    if (++counter[axis] < dims[axis]) {
                        break;
                    }
                    pa -= sa[axis] * dims[axis];
                    pb -= sb[axis] * dims[axis];
                    counter[axis] = 0;
                }
            }
        }
    }

    /** Computes {@code out[io + j] = f(a[ia + j·sa], b[ib + j·sb])} for {@code j < n}: one run of {@link #zip}. */
    private static void row(DoubleBinaryOperator f, double[] a, int ia, int sa, double[] b, int ib, int sb,
                            double[] out, int io, int n) {
        if (f instanceof ArithmeticLoops op) {
            op.rows(a, ia, sa, b, ib, sb, out, io, n);
            return;
        }
        if (f == FIRST && sa <= 1) {   // a row-major run has stride 1, a stretched one 0
            if (sa == 1) {
                System.arraycopy(a, ia, out, io, n);
            } else {
                java.util.Arrays.fill(out, io, io + n, a[ia]);
            }
            return;
        }
        for (int j = 0, xa = ia, xb = ib; j < n; j++, xa += sa, xb += sb) {
            out[io + j] = f.applyAsDouble(a[xa], b[xb]);
        }
    }

    /**
     * Copies {@code in}, read broadcast, into {@code out} of shape {@code outShape}.
     *
     * @param in       the values to copy, row-major
     * @param inShape  their shape, broadcasting to {@code outShape}
     * @param outShape the shape of the result
     * @param out      the array to fill, of {@code outShape.size()} elements. Modified.
     */
    public static void broadcast(double[] in, Shape inShape, Shape outShape, double[] out) {
        if (in.length == 1) {
            java.util.Arrays.fill(out, in[0]);
            return;
        }
        zip(in, inShape, in, inShape, outShape, out, FIRST);
    }

    /**
     * The operator {@link #broadcast} zips with: {@link #row} copies a run of its first operand in one go
     * (contiguous, or one value repeated where it is stretched) instead of calling it per element.
     */
    private static final DoubleBinaryOperator FIRST = (x, y) -> x;

    /**
     * Adds {@code in}, summed over the axes along which {@code outShape} broadcasts to {@code inShape},
     * into {@code out}: the adjoint of broadcasting, accumulated. {@code outShape} must broadcast to
     * {@code inShape} (the caller checks).
     *
     * @param in       the values to add, row-major
     * @param inShape  their shape
     * @param out      an array of {@code outShape.size()}. Modified.
     * @param outShape the shape of {@code out}, which broadcasts to {@code inShape}
     */
    public static void sumInto(double[] in, Shape inShape, double[] out, Shape outShape) {
        if (inShape.equals(outShape)) {
            for (int i = 0; i < out.length; i++) {
                out[i] += in[i];
            }
            return;
        }
        int lead = inShape.rank() - outShape.rank();
        boolean[] reduce = new boolean[inShape.rank()];
        for (int i = 0; i < inShape.rank(); i++) {
            reduce[i] = i < lead || (outShape.dim(i - lead) == 1 && inShape.dim(i) != 1);
        }
        // The keep-dims shape of the reduction has the same row-major layout as outShape.
        reduce(in, inShape, reduce, out, ArithmeticLoops.ADD);
    }

    /**
     * Folds {@code in} over the axes where {@code reduce} is true into {@code out}, which has the
     * keep-dims shape (reduced axes of length 1) and must hold the fold's starting value in every element
     * on entry (0 for a sum, 1 for a product, −∞ for a maximum).
     * Pass {@link ArithmeticLoops#ADD} to sum: its loops are vectorized.
     *
     * @param in      the values to fold, row-major
     * @param inShape their shape
     * @param reduce  one flag per axis of {@code inShape}: true for an axis to fold over
     * @param out     the keep-dims result. Modified.
     * @param f       the folding function, e.g. {@link ArithmeticLoops#ADD}
     */
    public static void reduce(double[] in, Shape inShape, boolean[] reduce, double[] out, DoubleBinaryOperator f) {
        int n = in.length;
        if (n == 0) {
            return;
        }
        if (out.length == 1) {
            fold(f, in, 0, out, 0, 0, n);
            return;
        }
        int[] dims = inShape.dims();
        int r = dims.length;
        int rows = keptLeadingRows(dims, reduce);
        if (f == ArithmeticLoops.ADD && rows == out.length) {
            sumRows(in, out, rows, n / rows);
            return;
        }
        // Strides of the keep-dims output, with 0 on reduced axes so that they fold together.
        int[] so = new int[r];
        int stride = 1;
        for (int i = r - 1; i >= 0; i--) {
            so[i] = reduce[i] ? 0 : stride;
            stride *= reduce[i] ? 1 : dims[i];
        }
        int inner = dims[r - 1];
        int io = so[r - 1];
        int[] counter = new int[r];
        int po = 0;
        for (int i = 0; i < n; i += inner) {
            fold(f, in, i, out, po, io, inner);
            for (int axis = r - 2; axis >= 0; axis--) {
                po += so[axis];
                if (++counter[axis] < dims[axis]) {
                    break;
                }
                po -= so[axis] * dims[axis];
                counter[axis] = 0;
            }
        }
    }

    /**
     * Returns how many output elements there are when {@code reduce} folds exactly the trailing axes and
     * keeps every leading one (a sum over the columns of an (n, m) matrix, the course's db), so that row i
     * of the input, read as (rows, n / rows), folds into output element i; −1 for any other pattern.
     */
    private static int keptLeadingRows(int[] dims, boolean[] reduce) {
        int r = dims.length;
        int k = r;
        while (k > 0 && reduce[k - 1]) {
            k--;
        }
        if (k == r) {
            return -1;
        }
        int rows = 1;
        for (int i = 0; i < k; i++) {
            if (reduce[i]) {
                return -1;
            }
            rows *= dims[i];
        }
        return rows;
    }

    /**
     * Adds the sum of each row of {@code in}, read as (rows, len), into {@code out[row]}. Each row is summed
     * left to right, as the one-row fold does, so the result is the same to the last bit; but four rows are
     * summed side by side, so their additions are four independent chains the CPU overlaps instead of one
     * chain that waits for each addition's latency.
     */
    private static void sumRows(double[] in, double[] out, int rows, int len) {
        int row = 0;
        for (; row + 4 <= rows; row += 4) {
            int a = row * len;
            double s0 = out[row];
            double s1 = out[row + 1];
            double s2 = out[row + 2];
            double s3 = out[row + 3];
            for (int j = 0; j < len; j++) {
                s0 += in[a + j];
                s1 += in[a + len + j];
                s2 += in[a + 2 * len + j];
                s3 += in[a + 3 * len + j];
            }
            out[row] = s0;
            out[row + 1] = s1;
            out[row + 2] = s2;
            out[row + 3] = s3;
        }
        for (; row < rows; row++) {   // the last rows, one at a time (here, not in fold: this loop's own profile)
            int a = row * len;
            double s0 = out[row];
            for (int j = 0; j < len; j++) {
                s0 += in[a + j];
            }
            out[row] = s0;
        }
    }

    /**
     * Computes {@code out[po + j·io] = f(out[po + j·io], in[i + j])} for {@code j < n}: one run of
     * {@link #reduce}, folding into one element ({@code io = 0}) or into a row ({@code io = 1}). A sum gets
     * loops of its own, in the same order of additions, for the reason {@link ArithmeticLoops} gives.
     */
    private static void fold(DoubleBinaryOperator f, double[] in, int i, double[] out, int po, int io, int n) {
        if (f == ArithmeticLoops.ADD && io == 0) {
            double acc = out[po];
            for (int j = 0; j < n; j++) {
                acc += in[i + j];
            }
            out[po] = acc;
        } else if ((f == ArithmeticLoops.MAX || f == ArithmeticLoops.MIN) && io == 0) {
            // A max or min over a row (softmax's shift, pooling's window): Math.max/min inline here, NaN wins.
            double acc = out[po];
            if (f == ArithmeticLoops.MAX) {
                for (int j = 0; j < n; j++) {
                    acc = Math.max(acc, in[i + j]);
                }
            } else {
                for (int j = 0; j < n; j++) {
                    acc = Math.min(acc, in[i + j]);
                }
            }
            out[po] = acc;
        } else if (f instanceof ArithmeticLoops op && io == 1) {
            op.rows(out, po, 1, in, i, 1, out, po, n);
        } else {
            for (int j = 0, xo = po; j < n; j++, xo += io) {
                out[xo] = f.applyAsDouble(out[xo], in[i + j]);
            }
        }
    }
}
