package io.github.chainrule.ops;

/**
 * How an op treats a NaN in one of its differentiated inputs: the declaration that the registry-driven NaN
 * suite ({@code NanPropagationProperties}) checks.
 *
 * <p>The project's rule is numpy's and PyTorch's: NaN in, NaN out. Every op propagates unless its registry
 * entry says otherwise; the signature gives the default ({@link #defaultFor(Signature)}: a slice, an index
 * selection and where's unchosen side may skip an element; one-hot reads no values), and an op that
 * legitimately does not propagate declares it with {@link OpDef.Builder#nan(NanRule, String)} and a reason, which
 * the derivative table's readers and the suite's failure messages see.
 */
public enum NanRule {
    /** Every input element reaches the output, so a NaN anywhere in an input gives a NaN in a non-empty output. */
    PROPAGATES,
    /**
     * The output is made of some input elements and not others (a slice, a selection, where's two sides): a NaN
     * reaches the output only when the op picks the element it sits in.
     */
    SELECTS,
    /**
     * The output never holds a NaN, whatever the inputs: it is a constant made of labels (one-hot), of 0/1 flags
     * (comparisons, where IEEE 754 makes any comparison with NaN false) or of indices (argmax). Every op that is
     * not differentiable takes this rule unless it declares another.
     */
    IGNORES;

    /**
     * Returns the rule an op of this calling pattern follows unless it declares another.
     *
     * @param signature the op's calling pattern
     * @return the default rule for it
     */
    public static NanRule defaultFor(Signature signature) {
        return switch (signature) {
            case SLICE, INDEX_SELECT, WHERE, SPLIT, CHUNK, GATHER, TOPK, DIAG, MATRIX, EINSUM, TRIANGULAR_SOLVE,
                 CONV2D, CONV1D, POOL2D, IM2COL, COL2IM -> SELECTS;
            case ONE_HOT -> IGNORES;
            default -> PROPAGATES;
        };
    }

    /**
     * Returns why an op of this calling pattern follows its default rule, for the suite's messages.
     *
     * @param signature the op's calling pattern
     * @return the reason, empty for {@link #PROPAGATES}
     */
    static String defaultReason(Signature signature) {
        return switch (signature) {
            case SLICE -> "elements outside [start, end) are not in the output";
            case INDEX_SELECT -> "rows not named by the indices are not in the output";
            case WHERE -> "the side the mask does not choose is not in the output";
            case SPLIT, CHUNK -> "the other pieces' elements are not in the piece returned";
            case GATHER -> "elements no index names are not in the output";
            case TOPK -> "the values outside the top k are not in the output";
            case DIAG -> "a matrix's elements off the chosen diagonal are not in its diagonal";
            case MATRIX -> "trace reads only the diagonal";
            case EINSUM -> "a repeated subscript (\"ii->\") reads only the diagonal";
            case TRIANGULAR_SOLVE -> "only the triangle named by `lower` is read";
            case CONV2D, CONV1D, POOL2D, IM2COL ->
                    "with a stride longer than the (dilated) kernel, or padding cropped away, some input positions are in no window";
            case COL2IM -> "column entries that fall on the padding are not in the image";
            case ONE_HOT -> "the output is made from integer labels, not from tensor values";
            default -> "";
        };
    }
}
