package io.github.chainrule.ops;

/** The values an op's input may take for the op to be defined and differentiable there. */
public enum ValueDomain {
    /** Any finite real number. */
    REAL("x ∈ ℝ"),
    /** Strictly positive numbers. */
    POSITIVE("x > 0"),
    /** Any number but zero. */
    NONZERO("x ≠ 0"),
    /** Numbers greater than −1, where ln(1 + x) is defined. */
    ABOVE_MINUS_ONE("x > −1");

    private final String text;

    ValueDomain(String text) {
        this.text = text;
    }

    /** Returns true if {@code x} lies in this domain. */
    public boolean contains(double x) {
        return switch (this) {
            case REAL -> Double.isFinite(x);
            case POSITIVE -> x > 0 && Double.isFinite(x);
            case NONZERO -> x != 0 && Double.isFinite(x);
            case ABOVE_MINUS_ONE -> x > -1 && Double.isFinite(x);
        };
    }

    /** Returns the domain in math notation, e.g. {@code x > 0}. */
    @Override
    public String toString() {
        return text;
    }
}
