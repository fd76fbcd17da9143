package io.github.chainrule.ops;

/**
 * The calling pattern of an op: how many tensors it takes, how their shapes relate, and which attributes
 * it reads. The property suite keeps one case generator per signature, so an op declared with a
 * signature is checked without further test code.
 */
public enum Signature {
    /** One tensor of any shape, elementwise; no attributes. */
    UNARY,
    /** One tensor of any shape, elementwise, with one real attribute named by {@link OpDef#paramName()}. */
    UNARY_WITH_PARAM,
    /** Two tensors whose shapes broadcast together, elementwise. */
    BINARY,
    /** Two matrices (m×k, k×n) with boolean attributes {@code transA}, {@code transB}. */
    MATMUL,
    /** One tensor, int[] attribute {@code axes} (absent: all axes), boolean {@code keepDims}. */
    REDUCTION,
    /** One tensor, int attribute {@code axis}. */
    ALONG_AXIS,
    /** One tensor, int[] attribute {@code shape}. */
    RESHAPE,
    /** One tensor, int[] attribute {@code axes} (a permutation). */
    PERMUTE,
    /** One tensor, int[] attribute {@code shape} it broadcasts to. */
    BROADCAST_TO,
    /** One tensor, int[] attribute {@code shape} that broadcasts to the tensor's shape. */
    SUM_TO,
    /** One tensor, int attributes {@code axis}, {@code start}, {@code end}. */
    SLICE,
    /** One tensor, int attributes {@code axis}, {@code before}, {@code after}. */
    PAD,
    /** Any number of tensors agreeing but on int attribute {@code axis}. */
    CONCAT,
    /** One tensor, int attribute {@code axis}, int[] attribute {@code indices}. */
    INDEX_SELECT,
    /** One tensor, int attributes {@code axis}, {@code size}, int[] attribute {@code indices}. */
    INDEX_ADD,
    /** A constant 0/1 mask and two tensors, all broadcasting together. */
    WHERE,
    /** No tensor; int[] attribute {@code labels} and int {@code classes}. Not differentiable. */
    ONE_HOT,
    /** A user-defined op with its own calling pattern; its author supplies test cases. */
    CUSTOM
}
