package io.github.chainrule;

/**
 * The optional settings of a backward pass, as one immutable value: the upstream gradient and the three
 * switches that are easy to swap as positional booleans.
 *
 * <p>Start from {@link #defaults()} or from the factory named after the one setting you need, and chain the
 * others:
 * <pre>{@code
 * Tensor[] g = Autograd.grad(y, GradOptions.createGraph(), x);           // gradients that are graph nodes
 * J.backward(GradOptions.retainGraph());                                  // keep the graph for a second pass
 * Autograd.grad(y, GradOptions.gradOutput(dy).withAllowUnused(), x, z);  // seeded, zeros for unused inputs
 * }</pre>
 * The defaults are those of the short forms ({@code backward()}, {@code Autograd.grad(y, x)}): an upstream
 * gradient of 1 for a one-element output, the graph freed, the pass not recorded, every input required to
 * reach the output.
 */
public final class GradOptions {
    private static final GradOptions DEFAULTS = new GradOptions(null, false, false, false);

    private final Tensor gradOutput;
    private final boolean retainGraph;
    private final boolean createGraph;
    private final boolean allowUnused;

    private GradOptions(Tensor gradOutput, boolean retainGraph, boolean createGraph, boolean allowUnused) {
        this.gradOutput = gradOutput;
        this.retainGraph = retainGraph;
        this.createGraph = createGraph;
        this.allowUnused = allowUnused;
    }

    /**
     * Returns the default settings: no upstream gradient (1 for a scalar), graph freed, pass not recorded,
     * unused inputs refused.
     *
     * @return the defaults
     */
    public static GradOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns the defaults with the graph kept for another pass.
     *
     * @return the settings
     */
    public static GradOptions retainGraph() {
        return DEFAULTS.withRetainGraph();
    }

    /**
     * Returns the defaults with the backward pass recorded, so that its gradients can be differentiated again.
     *
     * @return the settings
     */
    public static GradOptions createGraph() {
        return DEFAULTS.withCreateGraph();
    }

    /**
     * Returns the defaults with zeros returned for an input the output does not depend on, instead of failing.
     *
     * @return the settings
     */
    public static GradOptions allowUnused() {
        return DEFAULTS.withAllowUnused();
    }

    /**
     * Returns the defaults with an upstream gradient.
     *
     * @param gradient the gradient of the final result with respect to the output, of the output's shape;
     *                 null means 1 for a one-element output
     * @return the settings
     */
    public static GradOptions gradOutput(Tensor gradient) {
        return DEFAULTS.withGradOutput(gradient);
    }

    /**
     * Returns these settings with the graph kept for another pass.
     *
     * @return the new settings; this value is unchanged
     */
    public GradOptions withRetainGraph() {
        return new GradOptions(gradOutput, true, createGraph, allowUnused);
    }

    /**
     * Returns these settings with the backward pass recorded, so that its gradients can be differentiated
     * again. It does not imply {@link #withRetainGraph()}: the two stay independent, as they are in
     * {@code backward(gradient, retainGraph, createGraph)}.
     *
     * @return the new settings; this value is unchanged
     */
    public GradOptions withCreateGraph() {
        return new GradOptions(gradOutput, retainGraph, true, allowUnused);
    }

    /**
     * Returns these settings with zeros returned for an input the output does not depend on.
     *
     * @return the new settings; this value is unchanged
     */
    public GradOptions withAllowUnused() {
        return new GradOptions(gradOutput, retainGraph, createGraph, true);
    }

    /**
     * Returns these settings with an upstream gradient.
     *
     * @param gradient the gradient of the final result with respect to the output, of the output's shape;
     *                 null means 1 for a one-element output
     * @return the new settings; this value is unchanged
     */
    public GradOptions withGradOutput(Tensor gradient) {
        return new GradOptions(gradient, retainGraph, createGraph, allowUnused);
    }

    /**
     * Returns the upstream gradient.
     *
     * @return the gradient, or null for 1 on a one-element output
     */
    public Tensor getGradOutput() {
        return gradOutput;
    }

    /**
     * Tells whether the graph is kept for another pass.
     *
     * @return true if it is kept
     */
    public boolean isRetainGraph() {
        return retainGraph;
    }

    /**
     * Tells whether the backward pass is recorded.
     *
     * @return true if it is recorded
     */
    public boolean isCreateGraph() {
        return createGraph;
    }

    /**
     * Tells whether an input the output does not depend on gets zeros instead of an exception.
     *
     * @return true if unused inputs are allowed
     */
    public boolean isAllowUnused() {
        return allowUnused;
    }

    @Override
    public String toString() {
        return "GradOptions[gradOutput=" + (gradOutput == null ? "none" : gradOutput.shape)
                + ", retainGraph=" + retainGraph + ", createGraph=" + createGraph + ", allowUnused=" + allowUnused + "]";
    }
}
