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
    /**
     * Two tensors multiplied as numpy's matmul does (matrices, stacks of them with broadcasting batch axes,
     * 1-D vectors), with boolean attributes {@code transA}, {@code transB}.
     */
    MATMUL("op(P) (…, m, k), op(Q) (…, k, n) → (…, m, n), batch axes broadcast; a 1-D P is (1, k), a 1-D Q (k, 1), that axis dropped"),
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
