package io.github.chainrule.ops;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.require;

/**
 * Shape ops composed from the structural primitives of {@link Shaping}, so none needs a backward rule of its
 * own: squeeze, unsqueeze and flatten are reshapes; stack is unsqueeze then concat; split and chunk are
 * slices (so each piece's gradient lands in its own range, however often the pieces are used); swapAxes is a
 * permute; tile and repeatInterleave are a reshape, a broadcast and a reshape, whose backward is a sum.
 *
 * <p>Names and numpy/PyTorch: {@link #tile} is numpy's {@code np.tile} and PyTorch's {@code Tensor.repeat}
 * (copies of the whole tensor); {@link #repeatInterleave} is numpy's {@code np.repeat} with an axis and
 * PyTorch's {@code repeat_interleave} (each element repeated in place). chainrule has no op called
 * {@code repeat}, because the word means the one in numpy and the other in PyTorch.
 */
public final class Reshaping {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    private Reshaping() {
    }

    private static void define(OpDef.Builder b) {
        Families.define(DEFINITIONS, "Reshaping", b);
    }

    static {
        define(OpDef.builder("squeeze", Signature.SQUEEZE).shapes("x with axis (or every axis) of length 1 removed")
                .forward("x without its length-1 axis (all length-1 axes if no axis is given)")
                .derivative("dx = reshape(g, x.shape)")
                .invoker((in, at) -> at.has("axis") ? squeeze(in[0], at.integer("squeeze", "axis")) : squeeze(in[0])));
        define(OpDef.builder("unsqueeze", Signature.UNSQUEEZE).shapes("x rank r → rank r + 1, a length-1 axis at axis")
                .forward("x with a new length-1 axis at position axis").derivative("dx = reshape(g, x.shape)")
                .invoker((in, at) -> unsqueeze(in[0], at.integer("unsqueeze", "axis"))));
        define(OpDef.builder("flatten", Signature.FLATTEN).shapes("x (…, n_start, …, n_end, …) → (…, n_start·…·n_end, …)")
                .forward("x with axes start..end (inclusive) merged into one").derivative("dx = reshape(g, x.shape)")
                .invoker((in, at) -> flatten(in[0], at.integer("flatten", "start"), at.integer("flatten", "end"))));
        define(OpDef.builder("stack", Signature.STACK).arity(-1).shapes("xᵢ all of shape S → S with a new axis of length k at axis")
                .forward("[x₀, x₁, ...] joined along a new axis").derivative("dxᵢ = the slice i of g along axis, that axis removed")
                .invoker((in, at) -> stack(at.integer("stack", "axis"), in)));
        define(OpDef.builder("split", Signature.SPLIT).shapes("x → x with axis cut to sizes[piece]")
                .forward("piece number `piece` of x cut along axis into pieces of the given sizes (split returns them all)")
                .derivative("dx = pad(g, axis, offset, n − offset − size): each piece is a slice")
                .invoker((in, at) -> piece(split(in[0], at.integer("split", "axis"), at.ints("split", "sizes", false)),
                        at.integer("split", "piece"), "split")));
        define(OpDef.builder("chunk", Signature.CHUNK).shapes("x → x with axis cut to ⌈n / chunks⌉ (the last piece may be shorter)")
                .forward("piece number `piece` of x cut along axis into chunks of ⌈n / chunks⌉ (chunk returns them all)")
                .derivative("dx = pad(g, axis, offset, n − offset − size): each piece is a slice")
                .invoker((in, at) -> piece(chunk(in[0], at.integer("chunk", "chunks"), at.integer("chunk", "axis")),
                        at.integer("chunk", "piece"), "chunk")));
        define(OpDef.builder("swap_axes", Signature.SWAP_AXES).shapes("x with lengths of axis0 and axis1 exchanged")
                .forward("x with axes axis0 and axis1 exchanged (PyTorch's transpose(a, b))").derivative("dx = swapAxes(g, axis0, axis1)")
                .invoker((in, at) -> swapAxes(in[0], at.integer("swap_axes", "axis0"), at.integer("swap_axes", "axis1"))));
        define(OpDef.builder("tile", Signature.TILE).shapes("x (n₀, ...) → (r₀·n₀, ...), reps and shape aligned at the right")
                .forward("x copied reps[i] times along axis i (numpy's tile, PyTorch's repeat)")
                .derivative("dx = g summed over the copies: sumTo of the broadcast it is made of")
                .invoker((in, at) -> tile(in[0], at.ints("tile", "reps", false))));
        define(OpDef.builder("repeat_interleave", Signature.REPEAT_INTERLEAVE).shapes("x → x with axis length n·repeats")
                .forward("each element repeated `repeats` times in place along axis (numpy's repeat, PyTorch's repeat_interleave)")
                .derivative("dx = g summed over each run of repeats")
                .invoker((in, at) -> repeatInterleave(in[0], at.integer("repeat_interleave", "repeats"),
                        at.integer("repeat_interleave", "axis"))));
    }

    /**
     * Returns x without any of its length-1 axes (numpy's {@code squeeze()}); a scalar stays a scalar.
     *
     * @param x the tensor
     * @return the same values with every length-1 axis removed
     * @throws IllegalArgumentException if x is null
     */
    public static Tensor squeeze(Tensor x) {
        require("squeeze", "x", x);
        int[] kept = Arrays.stream(x.shape().dims()).filter(d -> d != 1).toArray();
        return x.reshape(kept);
    }

    /**
     * Returns x without the given axis, which must have length 1 (numpy's rule; PyTorch leaves a longer axis
     * alone instead, which hides mistakes).
     *
     * @param x    the tensor
     * @param axis the axis to remove, negative counting from the end
     * @return the same values with that axis removed
     * @throws IllegalArgumentException if the axis is out of range or its length is not 1
     */
    public static Tensor squeeze(Tensor x, int axis) {
        require("squeeze", "x", x);
        int ax = x.shape().normalizeAxis("squeeze", axis);
        if (x.shape().dim(ax) != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " of shape " + x.shape() + " has length "
                    + x.shape().dim(ax) + ", not 1");
        }
        int[] d = x.shape().dims();
        int[] kept = new int[d.length - 1];
        for (int i = 0, j = 0; i < d.length; i++) {
            if (i != ax) {
                kept[j++] = d[i];
            }
        }
        return x.reshape(kept);
    }

    /**
     * Returns x with a new axis of length 1 at position {@code axis} of the result.
     *
     * @param x    the tensor, of rank r
     * @param axis the new axis's position, from -(r + 1) to r (negative counts from the end of the result)
     * @return the same values in rank r + 1
     * @throws IllegalArgumentException if the axis is out of that range
     */
    public static Tensor unsqueeze(Tensor x, int axis) {
        require("unsqueeze", "x", x);
        int ax = newAxis("unsqueeze", x.shape(), axis);
        int[] d = x.shape().dims();
        int[] out = new int[d.length + 1];
        for (int i = 0, j = 0; i < out.length; i++) {
            out[i] = i == ax ? 1 : d[j++];
        }
        return x.reshape(out);
    }

    /** Returns the position of a new axis in a result of rank r + 1, or throws naming the op. */
    private static int newAxis(String op, Shape shape, int axis) {
        int r = shape.rank();
        if (axis < -(r + 1) || axis > r) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a new axis of shape " + shape
                    + ": it must lie in [" + -(r + 1) + ", " + r + "]");
        }
        return axis < 0 ? axis + r + 1 : axis;
    }

    /**
     * Returns x with axes {@code start} to {@code end} (both inclusive) merged into one, as PyTorch's
     * {@code flatten(start_dim, end_dim)}; {@code flatten(x, 0, -1)} is a vector, and a scalar flattens to
     * shape (1).
     *
     * @param x     the tensor
     * @param start the first axis merged, negative counting from the end
     * @param end   the last axis merged, not before start
     * @return the same values with those axes as one
     * @throws IllegalArgumentException if an axis is out of range or end comes before start
     */
    public static Tensor flatten(Tensor x, int start, int end) {
        require("flatten", "x", x);
        Shape shape = x.rank() == 0 ? Shape.of(1) : x.shape();
        int s = shape.normalizeAxis("flatten", start);
        int e = shape.normalizeAxis("flatten", end);
        if (e < s) {
            throw new IllegalArgumentException("flatten: end axis " + end + " comes before start axis " + start
                    + " in shape " + x.shape());
        }
        int[] d = shape.dims();
        long[] out = new long[d.length - (e - s)];
        long merged = 1;
        for (int i = s; i <= e; i++) {
            // In long and capped: with a zero-length axis elsewhere the merged length can pass an int (or a long).
            merged = Math.min(merged * d[i], 1L << 32);
        }
        for (int i = 0, j = 0; i < d.length; i++) {
            if (i < s || i > e) {
                out[j++] = d[i];
            } else if (i == s) {
                out[j++] = merged;
            }
        }
        return x.reshape(Shape.ofLong("flatten", out).dims());
    }

    /**
     * Returns the tensors, all of one shape, joined along a new axis at position {@code axis} of the result.
     *
     * @param axis    the new axis's position, from -(r + 1) to r for inputs of rank r
     * @param tensors the tensors to stack, at least one
     * @return a tensor of rank r + 1 whose slice i along axis is tensor i
     * @throws IllegalArgumentException if there are none, one is null, the shapes differ or the axis is out of range
     */
    public static Tensor stack(int axis, Tensor... tensors) {
        if (tensors == null || tensors.length == 0) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        for (int i = 0; i < tensors.length; i++) {
            require("stack", "tensor " + i, tensors[i]);
        }
        Shape first = tensors[0].shape();
        int ax = newAxis("stack", first, axis);
        Tensor[] expanded = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            if (!tensors[i].shape().equals(first)) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape " + tensors[i].shape()
                        + ", tensor 0 has " + first + "; stacked tensors must have one shape");
            }
            expanded[i] = unsqueeze(tensors[i], ax);
        }
        return expanded.length == 1 ? expanded[0] : Shaping.concat(ax, expanded);
    }

    /**
     * Cuts x along {@code axis} into consecutive pieces of the given lengths (PyTorch's {@code split} with a
     * list of sizes). Each piece is a slice, so gradients through any of them, used any number of times,
     * land in that piece's range of x.
     *
     * @param x     the tensor
     * @param axis  the axis to cut, negative counting from the end
     * @param sizes the pieces' lengths, none negative, summing to the axis length
     * @return the pieces, in order
     * @throws IllegalArgumentException if the sizes are null, negative or do not add up to the axis length
     */
    public static Tensor[] split(Tensor x, int axis, int... sizes) {
        require("split", "x", x);
        int ax = x.shape().normalizeAxis("split", axis);
        if (sizes == null || sizes.length == 0) {
            throw new IllegalArgumentException("split: needs at least one piece size");
        }
        int n = x.shape().dim(ax);
        long total = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw new IllegalArgumentException("split: piece sizes " + Arrays.toString(sizes) + " include a negative one");
            }
            total += s;
        }
        if (total != n) {
            throw new IllegalArgumentException("split: piece sizes " + Arrays.toString(sizes) + " add up to " + total
                    + ", not to the length " + n + " of axis " + axis + " of shape " + x.shape());
        }
        requireFewPieces("split", sizes.length, x.shape());
        Tensor[] pieces = new Tensor[sizes.length];
        int offset = 0;
        for (int i = 0; i < sizes.length; i++) {
            pieces[i] = Shaping.slice(x, ax, offset, offset + sizes[i]);
            offset += sizes[i];
        }
        return pieces;
    }

    /**
     * Cuts x along {@code axis} into pieces of ⌈n / chunks⌉, the last one shorter if n does not divide evenly,
     * as PyTorch's {@code chunk}: so there may be fewer than {@code chunks} pieces (n = 5, chunks = 4 gives
     * lengths 2, 2, 1), and a zero-length axis gives one empty piece.
     *
     * @param x      the tensor
     * @param chunks how many pieces at most, positive
     * @param axis   the axis to cut, negative counting from the end
     * @return the pieces, in order, each a differentiable slice of x
     * @throws IllegalArgumentException if chunks is not positive or the axis is out of range
     */
    public static Tensor[] chunk(Tensor x, int chunks, int axis) {
        require("chunk", "x", x);
        if (chunks <= 0) {
            throw new IllegalArgumentException("chunk: the number of chunks must be positive, got " + chunks);
        }
        int ax = x.shape().normalizeAxis("chunk", axis);
        int n = x.shape().dim(ax);
        if (n == 0) {
            return new Tensor[] {x};
        }
        int size = (int) ((n + (long) chunks - 1) / chunks);   // in long: n near 2^31 would wrap
        int count = (int) ((n + (long) size - 1) / size);
        requireFewPieces("chunk", count, x.shape());
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = (int) Math.min(size, n - (long) i * size);
        }
        return split(x, ax, sizes);
    }

    /**
     * The most pieces one split may return: 2^24. Each piece is a tensor and its shape on the heap (about 150
     * bytes), so this many already take gigabytes; an empty tensor may declare an axis of 2^31 − 1 and ask
     * for every one of its pieces, which would end in an OutOfMemoryError rather than a clear message.
     */
    static final int MAX_PIECES = 1 << 24;

    /** Refuses, naming the op, a split of {@code shape} into more than {@link #MAX_PIECES} pieces. */
    static void requireFewPieces(String op, long count, Shape shape) {
        if (count > MAX_PIECES) {
            throw new IllegalArgumentException(op + ": " + count + " pieces of shape " + shape + " are more than the "
                    + MAX_PIECES + " one call may make");
        }
    }

    private static Tensor piece(Tensor[] pieces, int piece, String op) {
        if (piece < 0 || piece >= pieces.length) {
            throw new IllegalArgumentException(op + ": piece " + piece + " does not exist; there are " + pieces.length);
        }
        return pieces[piece];
    }

    /**
     * Returns x with axes {@code axis0} and {@code axis1} exchanged (numpy's {@code swapaxes}, PyTorch's
     * {@code transpose(a, b)}).
     *
     * @param x     the tensor
     * @param axis0 one axis, negative counting from the end
     * @param axis1 the other axis
     * @return the tensor with the two axes exchanged
     * @throws IllegalArgumentException if an axis is out of range
     */
    public static Tensor swapAxes(Tensor x, int axis0, int axis1) {
        require("swap_axes", "x", x);
        int a = x.shape().normalizeAxis("swap_axes", axis0);
        int b = x.shape().normalizeAxis("swap_axes", axis1);
        int[] p = new int[x.rank()];
        for (int i = 0; i < p.length; i++) {
            p[i] = i == a ? b : i == b ? a : i;
        }
        return Shaping.permute(x, p);
    }

    /**
     * Returns x with its last two axes exchanged: the matrix transpose of each matrix in a batch (PyTorch's
     * {@code mT}).
     *
     * @param x a tensor of rank at least 2
     * @return x with its last two axes exchanged
     * @throws IllegalArgumentException if x has rank below 2
     */
    public static Tensor matrixTranspose(Tensor x) {
        require("mT", "x", x);
        if (x.rank() < 2) {
            throw new IllegalArgumentException("mT: needs a tensor of rank at least 2, got shape " + x.shape());
        }
        return swapAxes(x, -2, -1);
    }

    /**
     * Returns x copied {@code reps[i]} times along axis i, as numpy's {@code tile} and PyTorch's
     * {@code repeat}: tile([1, 2], 2) is [1, 2, 1, 2]. Shape and reps are aligned at the right, the shorter
     * one padded with 1s in front, so reps longer than x's rank add leading axes.
     *
     * @param x    the tensor
     * @param reps copies along each axis, none negative (0 gives an empty axis)
     * @return the tiled tensor
     * @throws IllegalArgumentException if reps is null or has a negative entry, or the result would exceed 2^31-1 elements
     */
    public static Tensor tile(Tensor x, int... reps) {
        require("tile", "x", x);
        if (reps == null) {
            throw new IllegalArgumentException("tile: reps are null");
        }
        int r = Math.max(x.rank(), reps.length);
        int[] d = alignRight(x.shape().dims(), r);
        int[] k = alignRight(reps, r);
        int[] spread = new int[2 * r];
        int[] copies = new int[2 * r];
        int[] out = new int[r];
        long size = 1;
        for (int i = 0; i < r; i++) {
            if (k[i] < 0) {
                throw new IllegalArgumentException("tile: reps " + Arrays.toString(reps) + " include a negative count");
            }
            long len = (long) k[i] * d[i];
            size *= len;
            if (len > Shape.MAX_SIZE || size > Shape.MAX_SIZE) {   // Shape.of's limit, the longest array
                throw new IllegalArgumentException("tile: shape " + x.shape() + " tiled " + Arrays.toString(reps)
                        + " times would have more than 2^31-1 elements");
            }
            spread[2 * i] = 1;
            spread[2 * i + 1] = d[i];
            copies[2 * i] = k[i];
            copies[2 * i + 1] = d[i];
            out[i] = (int) len;
        }
        // x as (1, n₀, 1, n₁, ...) broadcast to (r₀, n₀, r₁, n₁, ...): the copies lie on the even axes, in
        // front of the values they copy, which is tile's row-major order; the backward pass sums them.
        return Shaping.broadcastTo(x.reshape(spread), Shape.of(copies)).reshape(out);
    }

    /**
     * Returns x with each element repeated {@code repeats} times in place along {@code axis}, as numpy's
     * {@code repeat(x, repeats, axis)} and PyTorch's {@code repeat_interleave}: [1, 2] becomes [1, 1, 2, 2].
     *
     * @param x       the tensor
     * @param repeats how many times each element appears, not negative
     * @param axis    the axis along which to repeat, negative counting from the end
     * @return the tensor with that axis {@code repeats} times longer
     * @throws IllegalArgumentException if repeats is negative, the axis is out of range or the result too large
     */
    public static Tensor repeatInterleave(Tensor x, int repeats, int axis) {
        require("repeat_interleave", "x", x);
        int ax = x.shape().normalizeAxis("repeat_interleave", axis);
        if (repeats < 0) {
            throw new IllegalArgumentException("repeat_interleave: repeats must not be negative, got " + repeats);
        }
        long size = (long) x.size() * repeats;
        long len = (long) x.shape().dim(ax) * repeats;
        if (size > Shape.MAX_SIZE || len > Shape.MAX_SIZE) {   // Shape.of's limit, the longest array
            throw new IllegalArgumentException("repeat_interleave: shape " + x.shape() + " with each element repeated "
                    + repeats + " times along axis " + axis + " would have more than 2^31-1 elements");
        }
        int[] d = x.shape().dims();
        int[] spread = new int[d.length + 1];
        int[] copies = new int[d.length + 1];
        for (int i = 0, j = 0; i < spread.length; i++) {
            boolean inserted = i == ax + 1;
            spread[i] = inserted ? 1 : d[j];
            copies[i] = inserted ? repeats : d[j];
            j += inserted ? 0 : 1;
        }
        // x as (..., n, 1, ...) broadcast to (..., n, repeats, ...): the copies of an element sit behind it.
        return Shaping.broadcastTo(x.reshape(spread), Shape.of(copies)).reshape(x.shape().withDim(ax, (int) len).dims());
    }

    private static int[] alignRight(int[] values, int rank) {
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        System.arraycopy(values, 0, out, rank - values.length, values.length);
        return out;
    }
}
