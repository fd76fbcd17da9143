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
    /** Two tensors whose shapes broadcast together, elementwise. */
    BINARY("a, b: shapes that broadcast → the broadcast shape"),
    /** Two matrices (m×k, k×n) with boolean attributes {@code transA}, {@code transB}. */
    MATMUL("op(P) (m, k), op(Q) (k, n) → (m, n)"),
    /** One tensor, int[] attribute {@code axes} (absent: all axes), boolean {@code keepDims}. */
    REDUCTION("x: any shape → the reduced axes dropped (kept as 1 with keepDims)"),
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
