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
    /** The output does not depend on the input values at all (one-hot of labels; 0/1 comparisons hold NaN as false). */
    IGNORES;

    /**
     * Returns the rule an op of this calling pattern follows unless it declares another.
     *
     * @param signature the op's calling pattern
     * @return the default rule for it
     */
    public static NanRule defaultFor(Signature signature) {
        return switch (signature) {
            case SLICE, INDEX_SELECT, WHERE -> SELECTS;
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
            case ONE_HOT -> "the output is made from integer labels, not from tensor values";
            default -> "";
        };
    }
}
