package io.github.chainrule.ops;

/**
 * The settings of a convolution or a pooling window: stride, padding and dilation per spatial axis
 * (height, then width), and the number of groups. Immutable; each method returns a changed copy, so a
 * call reads as a sentence: {@code ConvOptions.DEFAULT.stride(2).padding(1)}.
 *
 * <p>With input length n, kernel length k, stride s, padding p and dilation d, an output axis has
 * {@code ⌊(n + 2p − d·(k − 1) − 1) / s⌋ + 1} positions, PyTorch's rule. A 1-d op ({@code conv1d}) reads
 * the single value set by the one-argument methods and refuses options whose height and width differ.
 */
public final class ConvOptions {
    /** Stride 1, no padding, dilation 1, one group: the plain "valid" convolution. */
    public static final ConvOptions DEFAULT = new ConvOptions(1, 1, 0, 0, 1, 1, 1);

    private final int strideH;
    private final int strideW;
    private final int paddingH;
    private final int paddingW;
    private final int dilationH;
    private final int dilationW;
    private final int groups;

    private ConvOptions(int strideH, int strideW, int paddingH, int paddingW, int dilationH, int dilationW, int groups) {
        this.strideH = strideH;
        this.strideW = strideW;
        this.paddingH = paddingH;
        this.paddingW = paddingW;
        this.dilationH = dilationH;
        this.dilationW = dilationW;
        this.groups = groups;
    }

    /**
     * Returns these options with the same stride along both axes.
     *
     * @param s the step between window positions (checked by the op: at least 1)
     * @return the changed copy
     */
    public ConvOptions stride(int s) {
        return stride(s, s);
    }

    /**
     * Returns these options with a stride per axis.
     *
     * @param h the stride along the height
     * @param w the stride along the width
     * @return the changed copy
     */
    public ConvOptions stride(int h, int w) {
        return new ConvOptions(h, w, paddingH, paddingW, dilationH, dilationW, groups);
    }

    /**
     * Returns these options with the same zero padding on both axes.
     *
     * @param p the zeros added before and after each spatial axis (checked by the op: not negative)
     * @return the changed copy
     */
    public ConvOptions padding(int p) {
        return padding(p, p);
    }

    /**
     * Returns these options with a padding per axis.
     *
     * @param h zeros added above and below
     * @param w zeros added left and right
     * @return the changed copy
     */
    public ConvOptions padding(int h, int w) {
        return new ConvOptions(strideH, strideW, h, w, dilationH, dilationW, groups);
    }

    /**
     * Returns these options with the same dilation on both axes.
     *
     * @param d the spacing between kernel taps, 1 for adjacent taps (checked by the op: at least 1)
     * @return the changed copy
     */
    public ConvOptions dilation(int d) {
        return dilation(d, d);
    }

    /**
     * Returns these options with a dilation per axis.
     *
     * @param h the spacing of kernel taps along the height
     * @param w the spacing of kernel taps along the width
     * @return the changed copy
     */
    public ConvOptions dilation(int h, int w) {
        return new ConvOptions(strideH, strideW, paddingH, paddingW, h, w, groups);
    }

    /**
     * Returns these options with the channels split into groups: group i's filters see only group i's
     * input channels. Pooling ignores it.
     *
     * @param g the number of groups; it must divide both the input channels and the filters
     * @return the changed copy
     */
    public ConvOptions groups(int g) {
        return new ConvOptions(strideH, strideW, paddingH, paddingW, dilationH, dilationW, g);
    }

    /**
     * Returns the stride along the height.
     *
     * @return the stride along the height
     */
    public int strideH() {
        return strideH;
    }

    /**
     * Returns the stride along the width.
     *
     * @return the stride along the width
     */
    public int strideW() {
        return strideW;
    }

    /**
     * Returns the padding along the height.
     *
     * @return the padding along the height
     */
    public int paddingH() {
        return paddingH;
    }

    /**
     * Returns the padding along the width.
     *
     * @return the padding along the width
     */
    public int paddingW() {
        return paddingW;
    }

    /**
     * Returns the dilation along the height.
     *
     * @return the dilation along the height
     */
    public int dilationH() {
        return dilationH;
    }

    /**
     * Returns the dilation along the width.
     *
     * @return the dilation along the width
     */
    public int dilationW() {
        return dilationW;
    }

    /**
     * Returns the number of groups.
     *
     * @return the number of groups
     */
    public int groups() {
        return groups;
    }

    /**
     * Returns true if {@code o} is options with the same stride, padding, dilation and groups.
     *
     * @param o the object to compare with
     * @return whether the two hold the same settings
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ConvOptions c && c.strideH == strideH && c.strideW == strideW && c.paddingH == paddingH
                && c.paddingW == paddingW && c.dilationH == dilationH && c.dilationW == dilationW && c.groups == groups;
    }

    /**
     * Returns a hash of the settings, consistent with {@link #equals}.
     *
     * @return the hash
     */
    @Override
    public int hashCode() {
        return java.util.Objects.hash(strideH, strideW, paddingH, paddingW, dilationH, dilationW, groups);
    }

    /**
     * Returns the options as {@code stride (h, w), padding (h, w), dilation (h, w), groups g}.
     *
     * @return the settings, for error messages and logs
     */
    @Override
    public String toString() {
        return "stride (" + strideH + ", " + strideW + "), padding (" + paddingH + ", " + paddingW
                + "), dilation (" + dilationH + ", " + dilationW + "), groups " + groups;
    }
}
