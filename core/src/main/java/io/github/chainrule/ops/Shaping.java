package io.github.chainrule.ops;

import io.github.chainrule.Graph;
import io.github.chainrule.Jvp;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.Strided;
import io.github.chainrule.kernel.FreshArrays;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.require;

/**
 * Structural ops, each paired with its adjoint, which is its backward rule: reshape ↔ reshape back,
 * permute ↔ inverse permute, broadcastTo ↔ sumTo, slice ↔ pad, concat ↔ slices.
 */
public final class Shaping {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    private Shaping() {
    }

    private static void define(OpDef.Builder b) {
        Families.define(DEFINITIONS, "Shaping", b);
    }

    /** The forward rule of the linear ops below, as the derivative table shows it. */
    static final String LINEAR = "linear: the op applied to t";

    static {
        define(OpDef.builder("reshape", Signature.RESHAPE).forward("the same values in a new shape").derivative("dx = reshape(g, x.shape)").jvp(LINEAR)
                .invoker((in, at) -> reshape(in[0], at.ints("reshape", "shape", false))));
        define(OpDef.builder("permute", Signature.PERMUTE).forward("y[i_p0, i_p1, ...] axes reordered").derivative("dx = permute(g, inverse permutation)").jvp(LINEAR)
                .invoker((in, at) -> permute(in[0], at.ints("permute", "axes", false))));
        define(OpDef.builder("transpose", Signature.UNARY).shapes("x (n₀, ..., n_{r−1}) → (n_{r−1}, ..., n₀)").forward("xᵀ (all axes reversed, numpy's .T)").derivative("dx = gᵀ")
                .invoker((in, at) -> transpose(in[0])));
        define(OpDef.builder("broadcast_to", Signature.BROADCAST_TO).forward("x repeated along stretched axes").derivative("dx = sumTo(g, x.shape)").jvp(LINEAR)
                .invoker((in, at) -> broadcastTo(in[0], Shape.of("broadcast_to", at.ints("broadcast_to", "shape", false)))));
        define(OpDef.builder("sum_to", Signature.SUM_TO).forward("x summed over the axes that shape broadcasts along").derivative("dx = broadcastTo(g, x.shape)").jvp(LINEAR)
                .invoker((in, at) -> sumTo(in[0], Shape.of("sum_to", at.ints("sum_to", "shape", false)))));
        define(OpDef.builder("slice", Signature.SLICE).forward("x[start:end] along axis").derivative("dx = pad(g, axis, start, n − end)").jvp(LINEAR)
                .invoker((in, at) -> slice(in[0], at.integer("slice", "axis"), at.integer("slice", "start"), at.integer("slice", "end"))));
        define(OpDef.builder("pad", Signature.PAD).forward("x with zeros before and after along axis").derivative("dx = slice(g, axis, before, before + n)").jvp(LINEAR)
                .invoker((in, at) -> pad(in[0], at.integer("pad", "axis"), at.integer("pad", "before"), at.integer("pad", "after"))));
        define(OpDef.builder("concat", Signature.CONCAT).forward("[x₀, x₁, ...] joined along axis").derivative("dxᵢ = the slice of g where xᵢ sits")
                .invoker((in, at) -> concat(at.integer("concat", "axis"), in)));
    }

    /**
     * Returns the same values in a new shape of the same size; one length may be -1 and is inferred.
     *
     * @param x    the tensor to reshape
     * @param dims the new axis lengths, at most one of them -1 (inferred from the size)
     * @return the tensor in the new shape, with the same values in row-major order
     * @throws IllegalArgumentException naming both shapes if the sizes differ
     */
    public static Tensor reshape(Tensor x, int... dims) {
        require("reshape", "x", x);
        if (dims == null) {
            throw new IllegalArgumentException("reshape: shape is null");
        }
        Shape target = inferShape(x, dims.clone());
        if (target.equals(x.shape())) {
            return x;
        }
        // Values are never modified in place by ops, so the reshaped tensor can share the array.
        Tensor out = Tensor.wrap(x.buffer(), target);
        return Graph.record("reshape", out, g -> new Tensor[] {g.reshape(x.shape().dims())},
                Jvp.linear(t -> t.reshape(target.dims())), x);
    }

    private static Shape inferShape(Tensor x, int[] dims) {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1 && infer < 0) {
                infer = i;
            } else if (dims[i] < 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + x.shape() + " to " + Arrays.toString(dims)
                        + ": only one length may be -1 and none may be negative");
            } else {
                known *= dims[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || x.size() % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + x.shape() + " of size " + x.size()
                        + " to " + Arrays.toString(dims) + ": the -1 cannot be inferred");
            }
            dims[infer] = (int) (x.size() / known);
            known *= dims[infer];
        }
        if (known != x.size()) {
            throw new IllegalArgumentException("reshape: cannot reshape " + x.shape() + " of size " + x.size()
                    + " to " + Arrays.toString(dims) + " of size " + known);
        }
        return Shape.of("reshape", dims);
    }

    /**
     * Returns x with its axes reordered: axis i of the result is axis {@code axes[i]} of x.
     *
     * @param x    the tensor whose axes to reorder
     * @param axes a permutation of 0 .. rank−1, negative values counting from the end
     * @return the tensor with its axes reordered
     * @throws IllegalArgumentException if {@code axes} is not a permutation of x's axes
     */
    public static Tensor permute(Tensor x, int... axes) {
        require("permute", "x", x);
        int r = x.rank();
        if (axes == null || axes.length != r) {
            throw new IllegalArgumentException("permute: axes " + Arrays.toString(axes) + " do not name each of the "
                    + r + " axes of shape " + x.shape() + " once");
        }
        int[] p = new int[r];
        boolean[] seen = new boolean[r];
        for (int i = 0; i < r; i++) {
            p[i] = x.shape().normalizeAxis("permute", axes[i]);
            if (seen[p[i]]) {
                throw new IllegalArgumentException("permute: axes " + Arrays.toString(axes) + " name axis " + p[i] + " twice");
            }
            seen[p[i]] = true;
        }
        int[] inverse = new int[r];
        boolean identity = true;
        for (int i = 0; i < r; i++) {
            inverse[p[i]] = i;
            identity &= p[i] == i;
        }
        if (identity) {
            return x;
        }
        int[] inDims = x.shape().dims();
        int[] inStrides = x.shape().strides();
        int[] outDims = new int[r];
        int[] readStrides = new int[r];
        for (int i = 0; i < r; i++) {
            outDims[i] = inDims[p[i]];
            readStrides[i] = inStrides[p[i]];
        }
        double[] src = x.buffer();
        double[] dst = FreshArrays.zeros(src.length);
        copyPermuted(src, outDims, readStrides, dst);
        Tensor out = Tensor.wrap(dst, Shape.of("permute", outDims));
        return Graph.record("permute", out, g -> new Tensor[] {g.permute(inverse)}, Jvp.linear(t -> t.permute(p)), x);
    }

    /**
     * Writes src, read with {@code readStrides} over {@code outDims}, into dst in row-major order. Output axes
     * that are also neighbours in src (axis i's stride is axis i+1's times its length) merge first, so a
     * permute that keeps trailing axes together (heads split off a width, a batch axis swapped with the
     * channels) copies whole runs; only the odometer over the remaining outer axes steps element by element.
     * A large copy is shared out over the cores in ranges of whole runs: W7's eight permutes of 512 KB were
     * 8 % of its calling thread's time on an Intel Xeon guest (async-profiler); split, W7 took 0.95 of the time (paired).
     */
    private static void copyPermuted(double[] src, int[] outDims, int[] readStrides, double[] dst) {
        if (dst.length == 0) {
            return;
        }
        int[] dims = new int[outDims.length];
        int[] strides = new int[outDims.length];
        int r = 0;
        for (int i = 0; i < outDims.length; i++) {
            if (outDims[i] == 1) {
                continue;   // a length-1 axis moves nothing
            }
            if (r > 0 && strides[r - 1] == readStrides[i] * outDims[i]) {
                dims[r - 1] *= outDims[i];
                strides[r - 1] = readStrides[i];
            } else {
                dims[r] = outDims[i];
                strides[r] = readStrides[i];
                r++;
            }
        }
        if (r == 0) {
            dst[0] = src[0];
            return;
        }
        int axes = r;
        int inner = dims[r - 1];
        Split.ranges("permute", dst.length / inner, dst.length,
                (from, to) -> copyRuns(src, dims, strides, axes, dst, from, to));
    }

    /**
     * Copies runs [from, to) of a merged permute (see {@link #copyPermuted}): run i is dst's
     * {@code [i·inner, (i+1)·inner)}, read from src at the odometer's position for i over the outer axes.
     */
    private static void copyRuns(double[] src, int[] dims, int[] strides, int r, double[] dst, int from, int to) {
        int inner = dims[r - 1];
        int step = strides[r - 1];
        int[] counter = new int[r];
        int pos = 0;
        for (int axis = r - 2, rest = from; axis >= 0; axis--) {
            counter[axis] = rest % dims[axis];
            rest /= dims[axis];
            pos += counter[axis] * strides[axis];
        }
        for (int o = from * inner, end = to * inner; o < end; o += inner) {
            if (step == 1) {
                System.arraycopy(src, pos, dst, o, inner);
            } else {
                for (int j = 0, q = pos; j < inner; j++, q += step) {
                    dst[o + j] = src[q];
                }
            }
            for (int axis = r - 2; axis >= 0; axis--) {
                pos += strides[axis];
                if (++counter[axis] < dims[axis]) {
                    break;
                }
                pos -= strides[axis] * dims[axis];
                counter[axis] = 0;
            }
        }
    }

    /**
     * Returns x with all axes reversed (numpy's {@code x.T}): the matrix transpose for a 2-D tensor.
     *
     * @param x the tensor to transpose
     * @return the tensor with its axes in reverse order
     */
    public static Tensor transpose(Tensor x) {
        require("transpose", "x", x);
        int[] axes = new int[x.rank()];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = axes.length - 1 - i;
        }
        return permute(x, axes);
    }

    /**
     * Returns x repeated along its broadcast axes to {@code shape}.
     *
     * @param x     the tensor to broadcast
     * @param shape the target shape, which x's shape must broadcast to
     * @return the tensor of shape {@code shape}
     * @throws IllegalArgumentException if x's shape does not broadcast to {@code shape}
     */
    public static Tensor broadcastTo(Tensor x, Shape shape) {
        require("broadcastTo", "x", x);
        if (shape == null) {
            throw new IllegalArgumentException("broadcastTo: shape is null");
        }
        if (!x.shape().broadcastsTo(shape)) {
            throw new IllegalArgumentException("broadcastTo: shape " + x.shape() + " cannot be broadcast to " + shape);
        }
        if (x.shape().equals(shape)) {
            return x;
        }
        double[] out = FreshArrays.zeros(shape.size());
        Strided.broadcast(x.buffer(), x.shape(), shape, out);
        return Graph.record("broadcast_to", Tensor.wrap(out, shape), g -> new Tensor[] {g.sumTo(x.shape())},
                Jvp.linear(t -> t.broadcastTo(shape)), x);
    }

    /**
     * Returns x summed over the axes along which {@code shape} would be broadcast to x's shape: the adjoint
     * of {@link #broadcastTo}, and how every broadcasting op returns a gradient to a stretched input.
     *
     * @param x     the tensor to sum
     * @param shape the shape to sum down to, one that broadcasts to x's shape
     * @return the sums, of shape {@code shape}
     * @throws IllegalArgumentException if {@code shape} does not broadcast to x's shape
     */
    public static Tensor sumTo(Tensor x, Shape shape) {
        require("sumTo", "x", x);
        if (shape == null) {
            throw new IllegalArgumentException("sumTo: shape is null");
        }
        if (x.shape().equals(shape)) {
            return x;
        }
        if (!shape.broadcastsTo(x.shape())) {
            throw new IllegalArgumentException("sumTo: shape " + shape + " does not broadcast to " + x.shape()
                    + ", so " + x.shape() + " cannot be summed to it");
        }
        double[] out = FreshArrays.zeros(shape.size());
        Strided.sumInto(x.buffer(), x.shape(), out, shape);
        return Graph.record("sum_to", Tensor.wrap(out, shape), g -> new Tensor[] {g.broadcastTo(x.shape())},
                Jvp.linear(t -> t.sumTo(shape)), x);
    }

    /**
     * Returns elements {@code start} (inclusive) to {@code end} (exclusive) along {@code axis}.
     *
     * @param x     the tensor to slice
     * @param axis  the axis to slice, negative counting from the end
     * @param start the first index kept
     * @param end   the index after the last kept, at most the axis length
     * @return the slice, with that axis of length {@code end - start}
     * @throws IllegalArgumentException if the range does not lie within the axis
     */
    public static Tensor slice(Tensor x, int axis, int start, int end) {
        require("slice", "x", x);
        int ax = x.shape().normalizeAxis("slice", axis);
        int n = x.shape().dim(ax);
        if (start < 0 || end > n || start > end) {
            throw new IllegalArgumentException("slice: range [" + start + ", " + end + ") does not lie within axis "
                    + axis + " of length " + n + " of shape " + x.shape());
        }
        Shape outShape = resized("slice", x.shape(), ax, end - start);
        double[] out = FreshArrays.zeros(outShape.size());
        copyBlocks(x.buffer(), x.shape(), ax, start, out, outShape, 0, end - start);
        return Graph.record("slice", Tensor.wrap(out, outShape), g -> new Tensor[] {g.pad(ax, start, n - end)},
                Jvp.linear(t -> t.slice(ax, start, end)), x);
    }

    /**
     * Returns x with {@code before} zeros in front and {@code after} zeros behind along {@code axis}.
     *
     * @param x      the tensor to pad
     * @param axis   the axis to pad, negative counting from the end
     * @param before the number of zeros to put in front, ≥ 0
     * @param after  the number of zeros to put behind, ≥ 0
     * @return the padded tensor, that axis longer by {@code before + after}
     * @throws IllegalArgumentException if a padding is negative
     */
    public static Tensor pad(Tensor x, int axis, int before, int after) {
        require("pad", "x", x);
        int ax = x.shape().normalizeAxis("pad", axis);
        if (before < 0 || after < 0) {
            throw new IllegalArgumentException("pad: paddings must not be negative, got " + before + " and " + after);
        }
        int n = x.shape().dim(ax);
        Shape outShape = resized("pad", x.shape(), ax, (long) n + before + after);
        double[] out = FreshArrays.zeros(outShape.size());
        copyBlocks(x.buffer(), x.shape(), ax, 0, out, outShape, before, n);
        return Graph.record("pad", Tensor.wrap(out, outShape), g -> new Tensor[] {g.slice(ax, before, before + n)},
                Jvp.linear(t -> t.pad(ax, before, after)), x);
    }

    /**
     * Returns the tensors joined along {@code axis}.
     *
     * @param axis the axis to join along, negative counting from the end
     * @param xs   the tensors to join, at least one, all of the same rank
     * @return the joined tensor, whose length along {@code axis} is the sum of theirs
     * @throws IllegalArgumentException if there are none, or their shapes differ on another axis
     */
    public static Tensor concat(int axis, Tensor... xs) {
        if (xs == null || xs.length == 0) {
            throw new IllegalArgumentException("concat: needs at least one tensor");
        }
        for (int i = 0; i < xs.length; i++) {
            require("concat", "tensor " + i, xs[i]);
        }
        Shape first = xs[0].shape();
        int ax = first.normalizeAxis("concat", axis);
        long total = 0;   // a long: lengths of empty tensors can add up past 2^31-1
        for (Tensor t : xs) {
            if (t.rank() != first.rank() || !t.shape().withDim(ax, 0).equals(first.withDim(ax, 0))) {
                throw new IllegalArgumentException("concat: shapes " + first + " and " + t.shape()
                        + " differ on an axis other than " + axis);
            }
            total += t.shape().dim(ax);
        }
        Shape outShape = resized("concat", first, ax, total);
        double[] out = FreshArrays.zeros(outShape.size());
        int[] offsets = new int[xs.length];
        int offset = 0;
        for (int i = 0; i < xs.length; i++) {
            offsets[i] = offset;
            int len = xs[i].shape().dim(ax);
            copyBlocks(xs[i].buffer(), xs[i].shape(), ax, 0, out, outShape, offset, len);
            offset += len;
        }
        Tensor[] inputs = xs.clone();
        return Graph.record("concat", Tensor.wrap(out, outShape), g -> {
            Tensor[] grads = new Tensor[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                grads[i] = inputs[i].isGradRequired()
                        ? g.slice(ax, offsets[i], offsets[i] + inputs[i].shape().dim(ax)) : null;
            }
            return grads;
        }, inputs);
    }

    /** Returns {@code shape} with axis {@code ax} of length {@code length}, refused under {@code op}'s name past 2^31-1. */
    static Shape resized(String op, Shape shape, int ax, long length) {
        long[] dims = new long[shape.rank()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = i == ax ? length : shape.dim(i);
        }
        return Shape.ofLong(op, dims);
    }

    /**
     * Copies {@code len} positions along axis {@code ax}, from {@code srcStart} in src to {@code dstStart}
     * in dst, for every combination of the other axes: the kernel behind slice, pad and concat.
     */
    static void copyBlocks(double[] src, Shape srcShape, int ax, int srcStart, double[] dst, Shape dstShape,
                           int dstStart, int len) {
        if (len == 0 || dst.length == 0) {
            return;   // nothing to copy: no loop over the other axes, however long they are
        }
        // From here src and dst are non-empty, so every product below fits an int.
        int outer = 1;
        for (int i = 0; i < ax; i++) {
            outer *= srcShape.dim(i);
        }
        int inner = 1;
        for (int i = ax + 1; i < srcShape.rank(); i++) {
            inner *= srcShape.dim(i);
        }
        int srcAxis = srcShape.dim(ax);
        int dstAxis = dstShape.dim(ax);
        int block = len * inner;
        for (int o = 0; o < outer; o++) {
            System.arraycopy(src, (o * srcAxis + srcStart) * inner, dst, (o * dstAxis + dstStart) * inner, block);
        }
    }
}
