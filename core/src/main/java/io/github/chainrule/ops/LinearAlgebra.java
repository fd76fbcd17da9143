package io.github.chainrule.ops;

import io.github.chainrule.Graph;
import io.github.chainrule.Jvp;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.Kernels;
import io.github.chainrule.kernel.Strided;
import io.github.chainrule.kernel.FreshArrays;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.require;

/**
 * Matrix multiplication with numpy's semantics (2-D, 1-D operands, batches with broadcasting batch axes),
 * with transposed variants that read a transpose in place, and the products built on it: dot and outer.
 *
 * <p>For C = A·B the backward rule is dA = G·Bᵀ and dB = Aᵀ·G; in the course's notation, for
 * Z = W·A, dW = dZ·Aᵀ and dA = Wᵀ·dZ. Each transposed variant's rule is again a transposed product, so no
 * transpose is ever materialized, forward or backward, and an input that needs no gradient (the data X)
 * costs no product at all.
 *
 * <p>Batches: operands of rank ≥ 3 are stacks of matrices in their last two axes, and the leading (batch)
 * axes broadcast as numpy's do; each output matrix is the 2-D product of its two batch entries, computed by
 * the same kernel, and the backward applies the 2-D rules per entry, summing the gradient of a broadcast
 * operand back to its own shape. A 1-D operand is a vector: on the left a row (1, k), on the right a
 * column (k, 1), the added axis removed from the result again, as numpy's {@code matmul} does.
 */
public final class LinearAlgebra {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    private LinearAlgebra() {
    }

    static {
        Families.define(DEFINITIONS, "LinearAlgebra", OpDef.builder("matmul", Signature.MATMUL)
                // P and Q, not A and B: in the course A is a layer's activations (Z = W·A_prev + b has P = W, Q = A_prev).
                .forward("C = op(P)·op(Q), op = identity or transpose of the last two axes (attributes transA, transB);"
                        + " batch axes broadcast; a 1-D operand is a row (left) or column (right), its axis dropped")
                .derivative("for C = P·Q: dP = g·Qᵀ, dQ = Pᵀ·g per batch entry, each summed to its operand's shape;"
                        + " the transposed variants transpose these")
                .jvp("op(tP)·op(Q) + op(P)·op(tQ) (bilinear)")
                .invoker((in, at) -> matmul(in[0], in[1], at.bool("matmul", "transA", false), at.bool("matmul", "transB", false))));
        Families.define(DEFINITIONS, "LinearAlgebra", OpDef.builder("affine", Signature.AFFINE)
                .forward("Z = W·A + b, b broadcast over Z (a dense layer's linear step): b spread over Z, then the"
                        + " product added into it by the kernel, with no array of its own")
                .derivative("dW = g·Aᵀ, dA = Wᵀ·g, db = g summed to b's shape (matmul's and add's rules)")
                .jvp("tW·A + W·tA + tb")
                .invoker((in, at) -> affine(in[0], in[1], in[2])));
        Families.define(DEFINITIONS, "LinearAlgebra", OpDef.builder("dot", Signature.VECTORS).arity(2)
                .forward("a·b = Σᵢ aᵢbᵢ")
                .derivative("da = g·b, db = g·a (through matmul of a row and a column)")
                .shapes("a (n), b (n) → ()")
                .invoker((in, at) -> dot(in[0], in[1])));
        Families.define(DEFINITIONS, "LinearAlgebra", OpDef.builder("outer", Signature.VECTORS).arity(2)
                .forward("(a ⊗ b)ᵢⱼ = aᵢbⱼ")
                .derivative("da = G·b, db = Gᵀ·a (through matmul of a column and a row)")
                .shapes("a (m), b (n) → (m, n)")
                .invoker((in, at) -> outer(in[0], in[1])));
    }

    /**
     * Returns op(a)·op(b) with numpy's {@code matmul} semantics, where op transposes the last two axes of
     * its argument when the flag is set.
     *
     * <p>Two 2-D tensors take the fast path, one kernel call. Operands of rank ≥ 3 are batches of matrices
     * whose leading axes broadcast: {@code (B, n, k)·(k, m) → (B, n, m)}, {@code (B, 1, n, k)·(H, k, m) →
     * (B, H, n, m)}. A 1-D operand is a vector (a row on the left, a column on the right) whose axis is
     * removed from the result: vector·matrix, matrix·vector and vector·vector (the dot product, a 0-D
     * result). A vector is its own transpose, so the flag of a 1-D operand changes nothing.
     *
     * @param a      the left operand, rank ≥ 1
     * @param b      the right operand, rank ≥ 1
     * @param transA read the last two axes of {@code a} transposed
     * @param transB read the last two axes of {@code b} transposed
     * @return the product, of shape (broadcast batch axes..., rows of op(a), columns of op(b)), the axis of a
     *         1-D operand left out
     * @throws IllegalArgumentException naming both shapes if an operand is 0-D, the inner lengths differ, or
     *                                  the batch axes do not broadcast, or if the result would have more
     *                                  than 2^31-1 elements
     */
    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        String op = transA ? (transB ? "matmulTransAB" : "matmulTransA") : transB ? "matmulTransB" : "matmul";
        require(op, "a", a);
        require(op, "b", b);
        if (a.rank() == 2 && b.rank() == 2) {
            return matmul2d(op, a, b, transA, transB);   // the hot path of every network, unchanged
        }
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException(op + ": needs tensors of rank 1 or more (a 0-D scalar multiplies with mul),"
                    + " got shapes " + a.shape() + " and " + b.shape());
        }
        boolean ta = transA && a.rank() >= 2;   // a vector is its own transpose
        boolean tb = transB && b.rank() >= 2;
        int k = a.rank() == 1 ? a.shape().dim(0) : a.shape().dim(a.rank() - (ta ? 2 : 1));
        int kb = b.rank() == 1 ? b.shape().dim(0) : b.shape().dim(b.rank() - (tb ? 1 : 2));
        if (k != kb) {
            throw misaligned(op, a, b, k, kb, ta, tb);
        }
        if (a.rank() >= 2 && b.rank() >= 2) {
            return batched(op, a, b, ta, tb);
        }
        // A vector becomes a one-row (left) or one-column (right) matrix, and its axis leaves the result again.
        Tensor a2 = a.rank() == 1 ? a.reshape(1, k) : a;
        Tensor b2 = b.rank() == 1 ? b.reshape(k, 1) : b;
        Tensor c = matmul(a2, b2, ta, tb);
        int[] d = c.shape().dims();
        int r = d.length;
        int[] kept = a.rank() == 1 && b.rank() == 1 ? new int[0]
                : a.rank() == 1 ? dropAxis(d, r - 2)
                : dropAxis(d, r - 1);
        return c.reshape(kept);
    }

    private static int[] dropAxis(int[] dims, int axis) {
        int[] out = new int[dims.length - 1];
        for (int i = 0, j = 0; i < dims.length; i++) {
            if (i != axis) {
                out[j++] = dims[i];
            }
        }
        return out;
    }

    private static IllegalArgumentException misaligned(String op, Tensor a, Tensor b, int k, int kb, boolean transA, boolean transB) {
        return new IllegalArgumentException(op + ": shapes " + a.shape() + " and " + b.shape() + " do not line up: "
                + k + " != " + kb + (transA || transB ? " (after transposing " + (transA ? "a" : "") + (transA && transB ? " and " : "")
                + (transB ? "b" : "") + ")" : ""));
    }

    /**
     * Returns W·A + b in one op: a dense layer's Z = W·A + b in the course's layout (W (n[l], n[l−1]),
     * A (n[l−1], m), b (n[l], 1)), or any b that broadcasts to (rows of W, columns of A).
     *
     * <p>The same values as {@code w.matmul(a).add(b)}, up to the rounding of where b is added: b is spread
     * over Z first and the kernel adds the product into it, so the product never has an array of its own
     * and the graph has one node where it had two (W4's minibatch MLP: the add was 1.5 of its forward's 15 µs).
     *
     * @param w the left matrix, (m, k)
     * @param a the right matrix, (k, n)
     * @param b the term added, of a shape that broadcasts to (m, n): (m, 1), (1, n), (n), (m, n) or a scalar
     * @return W·A + b, of shape (m, n)
     * @throws IllegalArgumentException naming the op and the shapes if an input is null, W or A is not a
     *                                  matrix, their inner lengths differ, or b does not broadcast to (m, n)
     */
    public static Tensor affine(Tensor w, Tensor a, Tensor b) {
        require("affine", "W", w);
        require("affine", "A", a);
        require("affine", "b", b);
        if (w.rank() != 2 || a.rank() != 2) {
            throw new IllegalArgumentException("affine: W and A must be matrices, got shapes " + w.shape() + " and "
                    + a.shape());
        }
        int m = w.shape().dim(0);
        int k = w.shape().dim(1);
        int n = a.shape().dim(1);
        if (a.shape().dim(0) != k) {
            throw misaligned("affine", w, a, k, a.shape().dim(0), false, false);
        }
        Shape shape = Shape.of("affine", m, n);
        if (b.rank() > 2 || !b.shape().broadcastsTo(shape)) {
            throw new IllegalArgumentException("affine: b of shape " + b.shape() + " does not broadcast to W·A's shape "
                    + shape + " (W " + w.shape() + ", A " + a.shape() + ")");
        }
        double[] z = FreshArrays.zeros(shape.size());
        Strided.broadcast(b.buffer(), b.shape(), shape, z);
        if (z.length > 0) {
            Kernels.matMul().multiplyAdd(w.buffer(), m, k, false, a.buffer(), k, n, false, z);
        }
        return Graph.record("affine", Tensor.wrap(z, shape), g -> new Tensor[] {
            w.isGradRequired() ? matmul(g, a, false, true) : null,     // G·Aᵀ
            a.isGradRequired() ? matmul(w, g, true, false) : null,     // Wᵀ·G
            b.isGradRequired() ? g.sumTo(b.shape()) : null}, (t, in, o) -> {
                Tensor sum = t[0] == null ? null : matmul(t[0], a, false, false);
                sum = t[1] == null ? sum : sum == null ? matmul(w, t[1], false, false) : sum.add(matmul(w, t[1], false, false));
                return t[2] == null ? sum : sum == null ? t[2].broadcastTo(shape) : sum.add(t[2]);
            }, w, a, b);
    }

    /** The product of two 2-D tensors: one kernel call forward, one per input backward. */
    private static Tensor matmul2d(String op, Tensor a, Tensor b, boolean transA, boolean transB) {
        int aRows = a.shape().dim(0);
        int aCols = a.shape().dim(1);
        int bRows = b.shape().dim(0);
        int bCols = b.shape().dim(1);
        int m = transA ? aCols : aRows;
        int k = transA ? aRows : aCols;
        int kb = transB ? bCols : bRows;
        int n = transB ? bRows : bCols;
        if (k != kb) {
            throw misaligned(op, a, b, k, kb, transA, transB);
        }
        Shape shape = Shape.of(op, m, n);   // (50000,0)·(0,50000) would hold 2.5e9 elements: refused, not wrapped
        double[] c = FreshArrays.zeros(shape.size());
        if (c.length > 0) {
            Kernels.matMul().multiply(a.buffer(), aRows, aCols, transA, b.buffer(), bRows, bCols, transB, c);
        }
        Tensor out = Tensor.wrap(c, shape);
        return Graph.record("matmul", out, g -> backward(g, a, b, transA, transB), bilinear(a, b, transA, transB), a, b);
    }

    /**
     * The 2-D rules, which hold per batch entry as they stand: matmul broadcasts the batch axes of g against
     * the other operand's, and sumTo adds up the entries a broadcast operand was used for.
     */
    private static Tensor[] backward(Tensor g, Tensor a, Tensor b, boolean transA, boolean transB) {
        Tensor da = null;
        Tensor db = null;
        // One B shared by a stack of A's (a linear layer on (batch, T, features)): B's gradient is a sum over
        // the entries, Σₑ Aₑᵀ·Gₑ, which is a single product of the entries' rows stacked, (E·m, k)ᵀ·(E·m, n),
        // instead of E products and a sum of E results (W7's four projections: one GEMM 1024 deep each).
        // A and G have the same leading axes and rows; with an empty A, B's gradient is 0 by the plain rule.
        boolean sharedB = b.rank() == 2 && a.rank() > 2 && a.size() > 0;
        int rows = sharedB ? a.size() / a.shape().dim(a.rank() - 1) : 0;
        if (!transA && !transB) {          // C = A·B
            da = a.isGradRequired() ? matmul(g, b, false, true) : null;      // G·Bᵀ
            db = !b.isGradRequired() ? null
                    : sharedB ? matmul(stackedRows(a, rows), stackedRows(g, rows), true, false)   // Σₑ Aₑᵀ·Gₑ
                    : matmul(a, g, true, false);                                     // Aᵀ·G
        } else if (transA && !transB) {    // C = Aᵀ·B
            da = a.isGradRequired() ? matmul(b, g, false, true) : null;      // B·Gᵀ
            db = b.isGradRequired() ? matmul(a, g, false, false) : null;     // A·G
        } else if (!transA) {              // C = A·Bᵀ
            da = a.isGradRequired() ? matmul(g, b, false, false) : null;     // G·B
            db = !b.isGradRequired() ? null
                    : sharedB ? matmul(stackedRows(g, rows), stackedRows(a, rows), true, false)   // Σₑ Gₑᵀ·Aₑ
                    : matmul(g, a, true, false);                                     // Gᵀ·A
        } else {                           // C = Aᵀ·Bᵀ
            da = a.isGradRequired() ? matmul(b, g, true, true) : null;       // Bᵀ·Gᵀ
            db = b.isGradRequired() ? matmul(g, a, true, true) : null;       // Gᵀ·Aᵀ
        }
        return new Tensor[] {da == null ? null : da.sumTo(a.shape()), db == null ? null : db.sumTo(b.shape())};
    }

    /** A stack of matrices (…, m, n) as one matrix of all their rows, (…·m, n): a view, no copy. */
    private static Tensor stackedRows(Tensor t, int rows) {
        return t.reshape(rows, t.shape().dim(t.rank() - 1));
    }

    /** Stacks of matrices, rank ≥ 2 each and at least one ≥ 3: the 2-D kernel once per batch entry. */
    private static Tensor batched(String op, Tensor a, Tensor b, boolean transA, boolean transB) {
        int ra = a.rank();
        int rb = b.rank();
        int aRows = a.shape().dim(ra - 2);
        int aCols = a.shape().dim(ra - 1);
        int bRows = b.shape().dim(rb - 2);
        int bCols = b.shape().dim(rb - 1);
        int m = transA ? aCols : aRows;
        int n = transB ? bRows : bCols;
        Shape batchA = Shape.of(op, Arrays.copyOf(a.shape().dims(), ra - 2));
        Shape batchB = Shape.of(op, Arrays.copyOf(b.shape().dims(), rb - 2));
        Shape batch;
        try {
            batch = Shape.broadcast(op, batchA, batchB);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(op + ": the batch axes of shapes " + a.shape() + " and " + b.shape()
                    + " do not broadcast: " + batchA + " against " + batchB, e);
        }
        int entries = batch.size();
        int[] outDims = Arrays.copyOf(batch.dims(), batch.rank() + 2);
        outDims[batch.rank()] = m;
        outDims[batch.rank() + 1] = n;
        Shape outShape = Shape.of(op, outDims);
        int size = outShape.size();
        double[] c = FreshArrays.zeros(size);
        int aSize = aRows * aCols;
        if (size > 0 && aSize > 0) {   // an empty inner axis leaves every product 0
            if (!transA && batchB.size() == 1 && batchA.equals(batch)) {
                // One shared right matrix: the stack of left matrices is one tall matrix (entries·m, k), one GEMM.
                Kernels.matMul().multiply(a.buffer(), entries * aRows, aCols, false, b.buffer(), bRows, bCols, transB, c);
            } else {
                // Each entry is read and written in place; the kernel splits entries too small to split by
                // themselves (attention's heads: 128×16 · 16×128) over the cores.
                int[] aOffsets = entryIndices(batch, batchA);
                int[] bOffsets = entryIndices(batch, batchB);
                int bSize = bRows * bCols;
                for (int e = 0; e < entries; e++) {
                    aOffsets[e] *= aSize;
                    bOffsets[e] *= bSize;
                }
                Kernels.matMul().multiplyBatch(entries, a.buffer(), aOffsets, aRows, aCols, transA,
                        b.buffer(), bOffsets, bRows, bCols, transB, c);
            }
        }
        Tensor out = Tensor.wrap(c, outShape);
        return Graph.record("matmul", out, g -> backward(g, a, b, transA, transB), bilinear(a, b, transA, transB), a, b);
    }

    /**
     * The product's forward rule: bilinear, d(op(P)·op(Q)) = op(tP)·op(Q) + op(P)·op(tQ), through the same
     * numpy rules as the product itself (a missing tangent is an input that does not move).
     */
    private static Jvp bilinear(Tensor a, Tensor b, boolean transA, boolean transB) {
        return (t, in, o) -> {
            Tensor viaP = t[0] == null ? null : matmul(t[0], b, transA, transB);
            Tensor viaQ = t[1] == null ? null : matmul(a, t[1], transA, transB);
            return viaP == null ? viaQ : viaQ == null ? viaP : viaP.add(viaQ);
        };
    }

    /**
     * Returns, for each entry of the broadcast batch shape in row-major order, the index of the entry of an
     * operand whose batch shape {@code own} broadcasts to it (its axes right-aligned, length-1 axes repeated).
     */
    static int[] entryIndices(Shape batch, Shape own) {
        int entries = batch.size();
        int[] out = new int[entries];
        if (own.size() <= 1) {
            return out;   // one matrix serves every entry
        }
        int r = batch.rank();
        int offset = r - own.rank();
        int[] ownStrides = own.strides();
        int[] counter = new int[r];
        for (int e = 0; e < entries; e++) {
            int idx = 0;
            for (int axis = offset; axis < r; axis++) {
                if (own.dim(axis - offset) != 1) {
                    idx += counter[axis] * ownStrides[axis - offset];
                }
            }
            out[e] = idx;
            for (int axis = r - 1; axis >= 0; axis--) {
                if (++counter[axis] < batch.dim(axis)) {
                    break;
                }
                counter[axis] = 0;
            }
        }
        return out;
    }

    /**
     * Returns the dot product Σᵢ aᵢbᵢ of two vectors of one length, as a 0-D tensor.
     *
     * @param a a 1-D tensor
     * @param b a 1-D tensor of a's length
     * @return the dot product, shape ()
     * @throws IllegalArgumentException naming both shapes if either is not 1-D or their lengths differ
     */
    public static Tensor dot(Tensor a, Tensor b) {
        require("dot", "a", a);
        require("dot", "b", b);
        if (a.rank() != 1 || b.rank() != 1 || a.size() != b.size()) {
            throw new IllegalArgumentException("dot: needs two 1-D tensors of one length, got shapes " + a.shape()
                    + " and " + b.shape());
        }
        return matmul(a, b, false, false);
    }

    /**
     * Returns the outer product, the matrix of every aᵢbⱼ.
     *
     * @param a a 1-D tensor of length m
     * @param b a 1-D tensor of length n
     * @return the (m, n) matrix a·bᵀ
     * @throws IllegalArgumentException naming both shapes if either is not 1-D
     */
    public static Tensor outer(Tensor a, Tensor b) {
        require("outer", "a", a);
        require("outer", "b", b);
        if (a.rank() != 1 || b.rank() != 1) {
            throw new IllegalArgumentException("outer: needs two 1-D tensors, got shapes " + a.shape() + " and " + b.shape());
        }
        return matmul(a.reshape(a.size(), 1), b.reshape(1, b.size()), false, false);
    }
}
