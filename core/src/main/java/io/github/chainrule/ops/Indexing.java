package io.github.chainrule.ops;

import io.github.chainrule.Graph;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.Strided;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.require;

/**
 * Selection ops: indexSelect (pick entries along an axis; mini-batches are column selections) paired with
 * its adjoint indexAdd (scatter-add), one-hot encoding, and where(mask, a, b).
 */
public final class Indexing {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    private Indexing() {
    }

    private static void define(OpDef.Builder b) {
        Families.define(DEFINITIONS, "Indexing", b);
    }

    static {
        define(OpDef.builder("index_select", Signature.INDEX_SELECT).forward("y[..., j, ...] = x[..., indices[j], ...] along axis")
                .derivative("dx = indexAdd(g, axis, indices, n): repeated indices sum their gradients")
                .invoker((in, at) -> indexSelect(in[0], at.integer("index_select", "axis"), at.ints("index_select", "indices", false))));
        define(OpDef.builder("index_add", Signature.INDEX_ADD).forward("y of length size along axis, y[indices[j]] += x[j]")
                .derivative("dx = indexSelect(g, axis, indices)")
                .invoker((in, at) -> indexAdd(in[0], at.integer("index_add", "axis"), at.ints("index_add", "indices", false),
                        at.integer("index_add", "size"))));
        define(OpDef.builder("where", Signature.WHERE).forward("mask ? a : b (mask a constant of 0s and 1s)")
                .derivative("da = g where mask, db = g elsewhere; no gradient for the mask")
                .rule("da = g*mask; db = g*(1 - mask)")
                .invoker((in, at) -> where(in[0], in[1], in[2])));
        define(OpDef.builder("one_hot", Signature.ONE_HOT).forward("Y[k, j] = 1 if labels[j] = k (shape (classes, m))")
                .derivative("none: the output is a constant of integer labels").notDifferentiable()
                .invoker((in, at) -> oneHot(at.ints("one_hot", "labels", false), at.integer("one_hot", "classes"))));
    }

    /**
     * Returns the entries at {@code indices} along {@code axis}, in that order.
     *
     * @throws IllegalArgumentException naming the bad index and the axis length
     */
    public static Tensor indexSelect(Tensor x, int axis, int... indices) {
        require("index_select", "x", x);
        int ax = x.shape().normalizeAxis("index_select", axis);
        int n = x.shape().dim(ax);
        checkIndices("index_select", indices, n, x.shape(), axis);
        int[] idx = indices.clone();
        Shape outShape = Shaping.resized("index_select", x.shape(), ax, idx.length);
        double[] out = new double[outShape.size()];
        for (int j = 0; j < idx.length; j++) {
            Shaping.copyBlocks(x.buffer(), x.shape(), ax, idx[j], out, outShape, j, 1);
        }
        return Graph.record("index_select", Tensor.wrap(out, outShape), g -> new Tensor[] {indexAdd(g, ax, idx, n)}, x);
    }

    /**
     * Returns a tensor of length {@code size} along {@code axis}, zero but where entry j of x is added at
     * position {@code indices[j]}: the adjoint of {@link #indexSelect}.
     *
     * @throws IllegalArgumentException if the index count is not x's length along axis or an index is out of range
     */
    public static Tensor indexAdd(Tensor x, int axis, int[] indices, int size) {
        require("index_add", "x", x);
        int ax = x.shape().normalizeAxis("index_add", axis);
        if (size < 0) {
            throw new IllegalArgumentException("index_add: size must not be negative, got " + size);
        }
        Shape outShape = Shaping.resized("index_add", x.shape(), ax, size);
        checkIndices("index_add", indices, size, outShape, axis);
        if (indices.length != x.shape().dim(ax)) {
            throw new IllegalArgumentException("index_add: " + indices.length + " indices for axis " + axis
                    + " of length " + x.shape().dim(ax) + " in shape " + x.shape());
        }
        int[] idx = indices.clone();
        double[] out = new double[outShape.size()];
        if (x.size() == 0) {
            // nothing to add: no loop over the other axes, however long they are
            return Graph.record("index_add", Tensor.wrap(out, outShape), g -> new Tensor[] {indexSelect(g, ax, idx)}, x);
        }
        int outer = 1;
        for (int i = 0; i < ax; i++) {
            outer *= x.shape().dim(i);
        }
        int inner = x.size() == 0 ? 0 : x.size() / Math.max(1, outer * idx.length);
        double[] src = x.buffer();
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < idx.length; j++) {
                int from = (o * idx.length + j) * inner;
                int to = (o * size + idx[j]) * inner;
                for (int e = 0; e < inner; e++) {
                    out[to + e] += src[from + e];
                }
            }
        }
        return Graph.record("index_add", Tensor.wrap(out, outShape), g -> new Tensor[] {indexSelect(g, ax, idx)}, x);
    }

    private static void checkIndices(String op, int[] indices, int n, Shape shape, int axis) {
        if (indices == null) {
            throw new IllegalArgumentException(op + ": indices are null");
        }
        for (int j = 0; j < indices.length; j++) {
            if (indices[j] < 0 || indices[j] >= n) {
                throw new IllegalArgumentException(op + ": index " + indices[j] + " (position " + j
                        + ") is out of range for axis " + axis + " of length " + n + " in shape " + shape);
            }
        }
    }

    /**
     * Returns {@code mask ? a : b} elementwise, all three broadcasting together.
     *
     * @throws IllegalArgumentException if the mask holds anything but 0 and 1, or the shapes do not broadcast
     */
    public static Tensor where(Tensor mask, Tensor a, Tensor b) {
        require("where", "mask", mask);
        require("where", "a", a);
        require("where", "b", b);
        for (double v : mask.buffer()) {
            if (v != 0 && v != 1) {
                throw new IllegalArgumentException("where: mask must hold only 0 and 1, found " + v);
            }
        }
        Shape outShape = Shape.broadcast("where", Shape.broadcast("where", mask.shape(), a.shape()), b.shape());
        double[] m = new double[outShape.size()];
        Strided.broadcast(mask.buffer(), mask.shape(), outShape, m);
        Tensor fullMask = Tensor.wrap(m, outShape);
        // Start from a, broadcast to the output, and take b where the mask is 0.
        double[] outVals = new double[outShape.size()];
        double[] bv = new double[outShape.size()];
        Strided.broadcast(a.buffer(), a.shape(), outShape, outVals);
        Strided.broadcast(b.buffer(), b.shape(), outShape, bv);
        for (int i = 0; i < outVals.length; i++) {
            if (m[i] == 0) {
                outVals[i] = bv[i];
            }
        }
        Tensor zero = Tensor.scalar(0);
        return Graph.record("where", Tensor.wrap(outVals, outShape), g -> new Tensor[] {
            null,
            a.isGradRequired() ? where(fullMask, g, zero).sumTo(a.shape()) : null,
            b.isGradRequired() ? where(fullMask, zero, g).sumTo(b.shape()) : null}, mask, a, b);
    }

    /**
     * Returns the course's one-hot matrix Y of shape (classes, m): Y[k, j] = 1 where labels[j] = k.
     *
     * @throws IllegalArgumentException naming the first label outside [0, classes)
     */
    public static Tensor oneHot(int[] labels, int classes) {
        if (labels == null) {
            throw new IllegalArgumentException("one_hot: labels are null");
        }
        if (classes <= 0) {
            throw new IllegalArgumentException("one_hot: classes must be positive, got " + classes);
        }
        int m = labels.length;
        Shape shape = Shape.of("one_hot", classes, m);   // refuses classes * m > 2^31-1 before allocating
        double[] y = new double[shape.size()];
        for (int j = 0; j < m; j++) {
            if (labels[j] < 0 || labels[j] >= classes) {
                throw new IllegalArgumentException("one_hot: label " + labels[j] + " at position " + j
                        + " is outside [0, " + classes + ")");
            }
            y[labels[j] * m + j] = 1;
        }
        return Tensor.wrap(y, shape);
    }

    static String show(int[] a) {
        return Arrays.toString(a);
    }
}
