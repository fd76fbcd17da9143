package io.github.chainrule;

/**
 * The op that made a tensor, as the graph keeps it: the op's registry name, its backward rule and the
 * rule's in-place kernel.
 *
 * <p>A graph node is the tensor itself, and the tensor refers to its origin. An op whose rule holds no
 * state (a {@link Derivative} that captures nothing, as the built-in elementwise ops have) makes its
 * origin once with {@link #of} and records every output with it ({@link Graph#record(Origin, Tensor, Tensor, Tensor)}),
 * so a node costs one reference to a shared object instead of three fields. An op whose rule is a
 * closure over per-call state records with {@link Graph#record(String, Tensor, Backward, Tensor)} and
 * friends, which make a private origin for that one output; the backward pass drops that origin's rule
 * once it has run, to free what the closure captured.
 */
public final class Origin {
    /** The origin of a tensor the user marked as requiring a gradient: a leaf of the graph. */
    static final Origin LEAF = new Origin("leaf", null, null, true);

    final String op;
    Derivative derivative;      // null for a leaf, and for a private origin once its node has run
    GradKernel kernel;          // the derivative's in-place form, or null
    Jvp jvp;                    // the forward-mode rule, or null: then ForwardMode derives it from the derivative
    // Inputs 2, 3, ... of the one output of a private origin whose op read more than two (where, concat,
    // einsum, a custom op): kept here rather than in a field of every tensor, since every field of a
    // tensor is a field of every node of a scalar graph. Null for a shared origin.
    Tensor[] moreInputs;
    // Whether backward stores its output's gradient too (Tensor.retainGrad): only ever set on a private
    // copy, which then holds that gradient (a leaf's is in the tensor, whose field an op's output uses for
    // its second input).
    boolean retainsGrad;
    Tensor grad;
    private final boolean shared;

    private Origin(String op, Derivative derivative, GradKernel kernel, boolean shared) {
        this.op = op;
        this.derivative = derivative;
        this.kernel = kernel;
        this.shared = shared;
    }

    /**
     * Returns an origin to be shared by every output of an op whose rules hold no state, with a
     * forward-mode rule beside the backward one.
     *
     * @param op         the op's registry name, shown in errors, anomaly reports and graph drawings
     * @param derivative the vector-Jacobian product, written with differentiable ops
     * @param kernel     the same product as an in-place kernel, or null if the op has none
     * @param jvp        the Jacobian-vector product, written with differentiable ops; null to have
     *                   {@link ForwardMode} derive it from {@code derivative}
     * @return the origin
     * @throws IllegalArgumentException if the name or the backward rule is null
     */
    public static Origin of(String op, Derivative derivative, GradKernel kernel, Jvp jvp) {
        Origin o = of(op, derivative, kernel);
        o.jvp = jvp;
        return o;
    }

    /** Returns a private origin for one output, with a forward-mode rule (null: derived). */
    static Origin forOneOutput(String op, Derivative derivative, GradKernel kernel, Jvp jvp) {
        Origin o = forOneOutput(op, derivative, kernel);
        o.jvp = jvp;
        return o;
    }

    /**
     * Returns true if the op states its own forward-mode rule; false if {@link ForwardMode} derives it by
     * transposing the backward rule (or for a leaf).
     *
     * @return whether a {@link Jvp} was recorded with the op
     */
    public boolean hasExplicitJvp() {
        return jvp != null;
    }

    /**
     * Returns an origin to be shared by every output of an op whose backward rule holds no state.
     *
     * @param op         the op's registry name, shown in errors, anomaly reports and graph drawings
     * @param derivative the vector-Jacobian product, written with differentiable ops
     * @param kernel     the same product as an in-place kernel, or null if the op has none
     * @return the shared origin
     * @throws IllegalArgumentException if the name or the rule is null
     */
    public static Origin of(String op, Derivative derivative, GradKernel kernel) {
        return new Origin(check(op, derivative), derivative, kernel, true);
    }

    /** Returns a private origin for one output of an op whose rule may capture per-call state. */
    static Origin forOneOutput(String op, Derivative derivative, GradKernel kernel) {
        return new Origin(check(op, derivative), derivative, kernel, false);
    }

    private static String check(String op, Derivative derivative) {
        if (op == null) {
            throw new IllegalArgumentException("record: the op name is null");
        }
        if (derivative == null) {
            throw new IllegalArgumentException(op + ": the backward rule is null");
        }
        return op;
    }

    /**
     * Returns the op's registry name ({@code "leaf"} for a leaf).
     *
     * @return the op's name
     */
    public String op() {
        return op;
    }

    /** Drops a private origin's rule once its node has run, which frees what a closure captured; a shared one keeps it. */
    void release() {
        if (!shared) {
            if (kernel != null) {
                kernel.released();
            }
            derivative = null;
            kernel = null;
            jvp = null;
            moreInputs = null;
        }
    }

    /** Returns a private copy of this origin, for one output whose gradient backward is to keep. */
    Origin retaining() {
        Origin copy = new Origin(op, derivative, kernel, false);
        copy.jvp = jvp;
        copy.moreInputs = moreInputs;
        copy.retainsGrad = true;
        return copy;
    }

    @Override
    public String toString() {
        return op;
    }
}
