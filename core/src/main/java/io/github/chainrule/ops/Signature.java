package io.github.chainrule.ops;

/**
 * The calling pattern of an op: how many tensors it takes, how their shapes relate, and which attributes
 * it reads. The property suite keeps one case generator per signature, so an op declared with a
 * signature is checked without further test code.
 */
public enum Signature {
    /** One tensor of any shape, elementwise; no attributes. */
    UNARY("x: any shape → the same shape"),
    /** One tensor of any shape, elementwise, with one real attribute named by {@link OpDef#paramName()}. */
    UNARY_WITH_PARAM("x: any shape → the same shape"),
    /**
     * One tensor of any shape, elementwise, with real attributes {@code min} and {@code max} (either may be
     * infinite, for an open side), as clamp takes.
     */
    UNARY_WITH_BOUNDS("x: any shape → the same shape"),
    /** Two tensors whose shapes broadcast together, elementwise. */
    BINARY("a, b: shapes that broadcast → the broadcast shape"),
    /**
     * Two tensors multiplied as numpy's matmul does (matrices, stacks of them with broadcasting batch axes,
     * 1-D vectors), with boolean attributes {@code transA}, {@code transB}.
     */
    MATMUL("op(P) (…, m, k), op(Q) (…, k, n) → (…, m, n), batch axes broadcast; a 1-D P is (1, k), a 1-D Q (k, 1), that axis dropped"),
    /** W·A + b: a matrix product with a term added that broadcasts over it. */
    AFFINE("W (m, k), A (k, n), b broadcasting to (m, n) → (m, n)"),
    /** Queries, keys and values with the same batch axes, and a real attribute {@code scale}: attention. */
    ATTENTION("q (…, T, d), k (…, S, d), v (…, S, e), the same batch axes → (…, T, e)"),
    /** Two 1-D tensors of one length (dot, outer). */
    VECTORS("a (n), b (n) → as the op says"),
    /** Any number of tensors and a String attribute {@code subscripts} naming their axes, as numpy's einsum. */
    EINSUM("operands whose ranks match the subscripts → the output subscripts' lengths"),
    /** One stack of invertible square matrices (…, n, n) in its last two axes. */
    SQUARE("A (…, n, n) → as the op says"),
    /** An invertible square matrix stack A (…, n, n) and right-hand sides B (…, n, k) or (n). */
    SOLVE("A (…, n, n), B (…, n, k) → (…, n, k); B (n) → (n)"),
    /** One stack of symmetric positive definite matrices (…, n, n). */
    SPD("A (…, n, n) → (…, n, n)"),
    /** A triangular matrix stack (…, n, n), right-hand sides (…, n, k), boolean attribute {@code lower}. */
    TRIANGULAR_SOLVE("T (…, n, n), B (…, n, k) → (…, n, k)"),
    /** One tensor, int[] attribute {@code axes} (absent: all axes), boolean {@code keepDims}. */
    REDUCTION("x: any shape → the reduced axes dropped (kept as 1 with keepDims)"),
    /**
     * One tensor, int[] attribute {@code axes} (absent: all axes), boolean {@code keepDims}, and one real
     * attribute named by {@link OpDef#paramName()} (norm's p, var's correction).
     */
    REDUCTION_WITH_PARAM("x: any shape → the reduced axes dropped (kept as 1 with keepDims)"),
    /** One tensor, int attribute {@code axis}. */
    ALONG_AXIS("x: any shape, rank ≥ 1 → the same shape"),
    /** One tensor, int[] attribute {@code shape}. */
    RESHAPE("x: any shape → shape, same size"),
    /** One tensor, int[] attribute {@code axes} (a permutation). */
    PERMUTE("x: rank r → the axes reordered"),
    /** One tensor, int[] attribute {@code shape} it broadcasts to. */
    BROADCAST_TO("x → shape (x broadcasts to it)"),
    /** One tensor, int[] attribute {@code shape} that broadcasts to the tensor's shape. */
    SUM_TO("x → shape (shape broadcasts to x)"),
    /** One tensor, int attributes {@code axis}, {@code start}, {@code end}. */
    SLICE("x → x with axis cut to end − start"),
    /** One tensor, int attributes {@code axis}, {@code before}, {@code after}. */
    PAD("x → x with axis grown by before + after"),
    /** Any number of tensors agreeing but on int attribute {@code axis}. */
    CONCAT("xᵢ agreeing but on axis → axis length Σ nᵢ"),
    /** One tensor, int attribute {@code axis}, int[] attribute {@code indices}. */
    INDEX_SELECT("x → axis length = number of indices"),
    /** One tensor, int attributes {@code axis}, {@code size}, int[] attribute {@code indices}. */
    INDEX_ADD("x → axis length = size"),
    /** A constant 0/1 mask and two tensors, all broadcasting together. */
    WHERE("mask, a, b: shapes that broadcast → the broadcast shape"),
    /** No tensor; int[] attribute {@code labels} and int {@code classes}. Not differentiable. */
    ONE_HOT("labels (m) → (classes, m)"),
    // shaping and indexing, issue 12
    /** One tensor, optional int attribute {@code axis} (absent: every length-1 axis). */
    SQUEEZE("x → x without its length-1 axis (or all of them)"),
    /** One tensor of rank r, int attribute {@code axis} in [−(r + 1), r]. */
    UNSQUEEZE("x rank r → rank r + 1"),
    /** One tensor, int attributes {@code start} and {@code end} (inclusive). */
    FLATTEN("x → axes start..end merged"),
    /** Any number of tensors of one shape, int attribute {@code axis} of the new axis. */
    STACK("xᵢ of one shape S → S with a new axis of length k"),
    /** One tensor, int attribute {@code axis}, int[] {@code sizes}, int {@code piece} (which piece is returned). */
    SPLIT("x → x with axis cut to sizes[piece]"),
    /** One tensor, int attributes {@code chunks}, {@code axis}, {@code piece} (which piece is returned). */
    CHUNK("x → x with axis cut to ⌈n / chunks⌉ or the rest"),
    /** One tensor, int attributes {@code axis0}, {@code axis1}. */
    SWAP_AXES("x → x with two axes exchanged"),
    /** One tensor, int[] attribute {@code reps}. */
    TILE("x → x copied reps times along each axis"),
    /** One tensor, int attributes {@code repeats}, {@code axis}. */
    REPEAT_INTERLEAVE("x → x with axis length n·repeats"),
    /** A tensor and a constant index tensor of its rank, int attribute {@code axis}. */
    GATHER("x, index → index.shape"),
    /** A tensor, a constant index tensor and a src tensor of index's shape, int attribute {@code axis}. */
    SCATTER_ADD("x, index, src → x.shape"),
    /** A vector or a matrix, int attribute {@code offset} (the diagonal). */
    DIAG("v (n) → (n + |k|, n + |k|); X (m, n) → diagonal k"),
    /** One matrix of any lengths; no attributes. */
    MATRIX("X (m, n) → ()"),
    /** One tensor of rank ≥ 1, int attribute {@code axis}, boolean {@code descending}. */
    SORT("x → the same shape"),
    /** One tensor of rank ≥ 1, int attributes {@code k}, {@code axis}, boolean {@code largest}. */
    TOPK("x → x with axis cut to k"),
    /**
     * Images (N, C, H, W), filters (F, C/groups, kH, kW) and optionally a bias (F); int[2] attributes
     * {@code stride}, {@code padding}, {@code dilation} (height, width) and int {@code groups}, each optional.
     */
    CONV2D("x (N, C, H, W), w (F, C/groups, kH, kW), b (F) optional → (N, F, H', W')"),
    /** Sequences (N, C, L), filters (F, C/groups, k), optionally a bias (F); int attributes {@code stride}, {@code padding}, {@code dilation}, {@code groups}. */
    CONV1D("x (N, C, L), w (F, C/groups, k), b (F) optional → (N, F, L')"),
    /** Images (N, C, H, W); int[2] attributes {@code kernel}, and optionally {@code stride}, {@code padding}. */
    POOL2D("x (N, C, H, W) → (N, C, H', W')"),
    /** Images (N, C, H, W); int[2] attributes {@code kernel}, and optionally {@code stride}, {@code padding}, {@code dilation}. */
    IM2COL("x (N, C, H, W) → (C·kH·kW, N·H'·W')"),
    /** Columns (C·kH·kW, N·H'·W'); int[4] attribute {@code shape} (N, C, H, W) and im2col's attributes. */
    COL2IM("cols (C·kH·kW, N·H'·W') → shape (N, C, H, W)"),
    /** A user-defined op with its own calling pattern; its author supplies test cases. */
    CUSTOM("as its author declares");

    private final String shapes;

    Signature(String shapes) {
        this.shapes = shapes;
    }

    /**
     * Returns how input shapes map to the output shape for ops of this calling pattern, the derivative
     * table's default shapes column.
     *
     * @return the shapes in the table's notation, e.g. {@code x: any shape → the same shape}
     */
    public String shapes() {
        return shapes;
    }
}
