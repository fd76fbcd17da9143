package io.github.chainrule.ops;

import io.github.chainrule.Graph;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

import java.util.ArrayList;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.require;

/**
 * Selection by index tensors, in adjoint pairs: gather ↔ scatterAdd along an axis (PyTorch's semantics),
 * and the diagonal of a matrix ↔ a matrix with a given diagonal (numpy's {@code diag} both ways); trace is
 * the diagonal summed. Index tensors hold integral doubles and are constants: no gradient flows to them.
 */
public final class Gathering {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    private Gathering() {
    }

    private static void define(OpDef.Builder b) {
        Families.define(DEFINITIONS, "Gathering", b);
    }

    static {
        define(OpDef.builder("gather", Signature.GATHER).arity(2)
                .shapes("x, index (same rank, index no longer than x off axis) → index.shape")
                .forward("y[i][j][k] = x[index[i][j][k]][j][k] for axis 0 (likewise on other axes); index a constant")
                .derivative("dx = scatterAdd(zeros(x.shape), axis, index, g): repeated indices sum their gradients")
                .invoker((in, at) -> gather(in[0], at.integer("gather", "axis"), in[1])));
        define(OpDef.builder("scatter_add", Signature.SCATTER_ADD).arity(3)
                .shapes("x, index, src (index.shape = src.shape) → x.shape")
                .forward("y = x, then y[index[i][j][k]][j][k] += src[i][j][k] for axis 0 (likewise on other axes)")
                .derivative("dx = g, dsrc = gather(g, axis, index); no gradient for index")
                .invoker((in, at) -> scatterAdd(in[0], at.integer("scatter_add", "axis"), in[1], in[2])));
        define(OpDef.builder("diag", Signature.DIAG)
                .shapes("v (n) → (n + |k|, n + |k|); X (m, n) → (its k-th diagonal's length)")
                .forward("vector v: the matrix with v on diagonal k (above the main one for k > 0); matrix X: its diagonal k")
                .derivative("dv = diagonal k of g; dX = the matrix of X's shape with g on diagonal k")
                .invoker((in, at) -> diag(in[0], at.integer("diag", "offset"))));
        define(OpDef.builder("trace", Signature.MATRIX).shapes("X (m, n) → ()")
                .forward("Σᵢ X[i, i]").derivative("dX = g·I (the identity of X's shape)")
                .invoker((in, at) -> trace(in[0])));
    }

    // ---------------------------------------------------------------- gather and scatterAdd

    /**
     * Returns the entries of x picked along {@code axis} by an index tensor, as PyTorch's {@code gather}: for
     * a 3-D tensor and axis 0, {@code y[i][j][k] = x[index[i][j][k]][j][k]}. The index tensor has x's rank,
     * and on every other axis it is no longer than x; the result has index's shape.
     *
     * @param x     the tensor to pick from
     * @param axis  the axis the indices run along, negative counting from the end
     * @param index integral values in [0, x's length along axis), a constant (its gradient is not taken)
     * @return the picked entries, shaped like index
     * @throws IllegalArgumentException if the ranks differ, index is longer than x off the axis, or an index is
     *                                  not integral or out of range
     */
    public static Tensor gather(Tensor x, int axis, Tensor index) {
        require("gather", "x", x);
        require("gather", "index", index);
        int ax = x.shape().normalizeAxis("gather", axis);
        checkIndexShape("gather", x.shape(), index.shape(), ax);
        int[] idx = indices("gather", index, x.shape().dim(ax), axis);
        Shape outShape = index.shape();
        double[] out = new double[outShape.size()];
        double[] src = x.buffer();
        int[] offsets = offsets(x.shape(), outShape, ax, idx);
        for (int p = 0; p < out.length; p++) {
            out[p] = src[offsets[p]];
        }
        Tensor constantIndex = index.detach();
        Shape xShape = x.shape();
        return Graph.record("gather", Tensor.wrap(out, outShape),
                g -> new Tensor[] {scatterAdd(Tensor.zeros(xShape), ax, constantIndex, g)}, x);
    }

    /**
     * Returns x with the entries of src added at the positions an index tensor names along {@code axis}, as
     * PyTorch's {@code scatter_add}: for a 3-D tensor and axis 0, {@code y[index[i][j][k]][j][k] += src[i][j][k]}.
     * Repeated indices add up. It is the adjoint of {@link #gather}: ⟨gather(x, index), y⟩ = ⟨x, scatterAdd(0, index, y)⟩.
     *
     * @param x     the tensor added to (not modified)
     * @param axis  the axis the indices run along, negative counting from the end
     * @param index integral values in [0, x's length along axis), of x's rank and no longer than x off the axis
     * @param src   the values to add, of index's shape (PyTorch allows a larger src; chainrule asks for the same shape)
     * @return a new tensor of x's shape
     * @throws IllegalArgumentException if the shapes do not fit, or an index is not integral or out of range
     */
    public static Tensor scatterAdd(Tensor x, int axis, Tensor index, Tensor src) {
        require("scatter_add", "x", x);
        require("scatter_add", "index", index);
        require("scatter_add", "src", src);
        int ax = x.shape().normalizeAxis("scatter_add", axis);
        checkIndexShape("scatter_add", x.shape(), index.shape(), ax);
        if (!src.shape().equals(index.shape())) {
            throw new IllegalArgumentException("scatter_add: src of shape " + src.shape() + " must have the shape "
                    + index.shape() + " of index");
        }
        int[] idx = indices("scatter_add", index, x.shape().dim(ax), axis);
        double[] out = x.toArray();
        double[] values = src.buffer();
        int[] offsets = offsets(x.shape(), index.shape(), ax, idx);
        for (int p = 0; p < values.length; p++) {
            out[offsets[p]] += values[p];
        }
        Tensor constantIndex = index.detach();
        return Graph.record("scatter_add", Tensor.wrap(out, x.shape()), g -> new Tensor[] {
            x.isGradRequired() ? g : null,
            src.isGradRequired() ? gather(g, ax, constantIndex) : null}, x, src);
    }

    /**
     * Returns, for each position p of an index tensor of shape {@code indexShape}, the flat offset into a
     * tensor of shape {@code xShape} of the element at p's coordinates with coordinate {@code ax} replaced by
     * {@code idx[p]}: the one address computation gather and scatterAdd share.
     */
    private static int[] offsets(Shape xShape, Shape indexShape, int ax, int[] idx) {
        int r = indexShape.rank();
        int[] strides = xShape.strides();
        int[] dims = indexShape.dims();
        int[] offsets = new int[idx.length];
        int[] coord = new int[r];
        int base = 0;                    // the offset of coord with coordinate ax taken as 0
        for (int p = 0; p < idx.length; p++) {
            offsets[p] = base + idx[p] * strides[ax];
            for (int a = r - 1; a >= 0; a--) {
                if (a != ax) {
                    base += strides[a];
                }
                if (++coord[a] < dims[a]) {
                    break;
                }
                if (a != ax) {
                    base -= strides[a] * dims[a];
                }
                coord[a] = 0;
            }
        }
        return offsets;
    }

    private static void checkIndexShape(String op, Shape xShape, Shape indexShape, int ax) {
        if (indexShape.rank() != xShape.rank()) {
            throw new IllegalArgumentException(op + ": index of shape " + indexShape + " must have the rank "
                    + xShape.rank() + " of x, of shape " + xShape);
        }
        for (int a = 0; a < xShape.rank(); a++) {
            if (a != ax && indexShape.dim(a) > xShape.dim(a)) {
                throw new IllegalArgumentException(op + ": index of shape " + indexShape + " is longer than x, of shape "
                        + xShape + ", on axis " + a + ", which is not the gathered axis " + ax);
            }
        }
    }

    /**
     * Returns the values of an index tensor as ints, each checked to be integral and in [0, n).
     *
     * @throws IllegalArgumentException naming the op, the index and its position, and the axis length
     */
    static int[] indices(String op, Tensor index, int n, int axis) {
        double[] v = index.buffer();
        int[] idx = new int[v.length];
        for (int p = 0; p < v.length; p++) {
            double d = v[p];
            if (d != Math.rint(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException(op + ": index " + d + " at flat position " + p + " of index shape "
                        + index.shape() + " is not an integer");
            }
            if (d < 0 || d >= n) {
                throw new IllegalArgumentException(op + ": index " + (long) d + " at flat position " + p
                        + " is out of range for axis " + axis + " of length " + n);
            }
            idx[p] = (int) d;
        }
        return idx;
    }

    /**
     * Returns the entries at the indices held in a 1-D tensor along {@code axis}, in that order: the tensor form
     * of {@link Indexing#indexSelect(Tensor, int, int...)} (PyTorch's {@code index_select}).
     *
     * @param x     the tensor to select from
     * @param axis  the axis, negative counting from the end
     * @param index a vector (or scalar) of integral values in [0, x's length along axis), a constant
     * @return x with that axis replaced by the selected entries
     * @throws IllegalArgumentException if index is not of rank 0 or 1, or an index is not integral or out of range
     */
    public static Tensor indexSelect(Tensor x, int axis, Tensor index) {
        require("index_select", "x", x);
        require("index_select", "index", index);
        int ax = x.shape().normalizeAxis("index_select", axis);
        if (index.rank() > 1) {
            throw new IllegalArgumentException("index_select: index must be a vector, got shape " + index.shape());
        }
        return Indexing.indexSelect(x, ax, indices("index_select", index, x.shape().dim(ax), axis));
    }

    // ---------------------------------------------------------------- diagonals and trace

    /**
     * Returns numpy's {@code diag(x, k)}: for a vector v of length n, the square matrix of side n + |k| with v
     * on diagonal k and zeros elsewhere; for a matrix, its diagonal k as a vector. Diagonal k &gt; 0 lies above
     * the main one (entries [i, i + k]), k &lt; 0 below (entries [i − k, i]).
     *
     * @param x      a vector or a matrix
     * @param offset the diagonal, 0 for the main one
     * @return the matrix or the vector
     * @throws IllegalArgumentException if x is of another rank, or the matrix would exceed 2^31-1 elements
     */
    public static Tensor diag(Tensor x, int offset) {
        require("diag", "x", x);
        if (x.rank() == 1) {
            long side = x.size() + Math.abs((long) offset);
            if (side * side > Shape.MAX_SIZE) {
                throw new IllegalArgumentException("diag: a vector of length " + x.size() + " on diagonal " + offset
                        + " needs a (" + side + ", " + side + ") matrix, more than 2^31-1 elements");
            }
            return diagEmbed(x, offset, (int) side, (int) side);
        }
        if (x.rank() == 2) {
            return diagonal(x, offset);
        }
        throw new IllegalArgumentException("diag: needs a vector or a matrix, got shape " + x.shape());
    }

    /**
     * Returns the sum of the main diagonal of a matrix (any m × n, as numpy's {@code trace}).
     *
     * @param x a matrix
     * @return a scalar
     * @throws IllegalArgumentException if x is not 2-D
     */
    public static Tensor trace(Tensor x) {
        require("trace", "x", x);
        if (x.rank() != 2) {
            throw new IllegalArgumentException("trace: needs a matrix, got shape " + x.shape());
        }
        return Reductions.sum(diagonal(x, 0), null, false);
    }

    /** The length of diagonal k of an (m, n) matrix, 0 if it lies outside. */
    private static int diagonalLength(int m, int n, long k) {
        long len = k >= 0 ? Math.min(m, n - k) : Math.min(m + k, n);
        return (int) Math.max(0, len);
    }

    /** Diagonal k of a matrix, as a vector; its adjoint is {@link #diagEmbed}. */
    private static Tensor diagonal(Tensor x, int k) {
        int m = x.shape().dim(0);
        int n = x.shape().dim(1);
        int len = diagonalLength(m, n, k);
        int row = k < 0 ? -k : 0;
        int col = k > 0 ? k : 0;
        double[] src = x.buffer();
        double[] out = new double[len];
        for (int i = 0; i < len; i++) {
            out[i] = src[(row + i) * n + col + i];
        }
        return Graph.record("diagonal", Tensor.wrap(out, Shape.of(len)), g -> new Tensor[] {diagEmbed(g, k, m, n)}, x);
    }

    /** The (m, n) matrix with v on diagonal k, zeros elsewhere; its adjoint is {@link #diagonal}. */
    private static Tensor diagEmbed(Tensor v, int k, int m, int n) {
        int len = diagonalLength(m, n, k);
        int row = k < 0 ? -k : 0;
        int col = k > 0 ? k : 0;
        double[] src = v.buffer();
        double[] out = new double[m * n];
        for (int i = 0; i < len; i++) {
            out[(row + i) * n + col + i] = src[i];
        }
        return Graph.record("diag_embed", Tensor.wrap(out, Shape.of(m, n)), g -> new Tensor[] {diagonal(g, k)}, v);
    }
}
