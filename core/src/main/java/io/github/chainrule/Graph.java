package io.github.chainrule;

/**
 * Records op applications into the autodiff graph; the one place where a forward result gets its
 * backward rule attached.
 *
 * <p>An op computes its forward value without the graph, then calls {@link #record}: if grad mode is on
 * and any input requires a gradient, the output becomes a graph node with those inputs and that backward
 * rule; otherwise the output stays a plain constant. Built-in ops and user-defined ops go through the same
 * call.
 */
public final class Graph {
    private Graph() {
    }

    /** Returns true if an op applied now to these inputs would be recorded. */
    public static boolean isRecording(Tensor... inputs) {
        return GradMode.isEnabled() && anyRequiresGrad(inputs);
    }

    private static boolean anyRequiresGrad(Tensor[] inputs) {
        for (Tensor t : inputs) {
            if (t.requiresGrad) {
                return true;
            }
        }
        return false;
    }

    /** {@link #record(String, Tensor, Backward, Tensor...)} for a one-input op, without a varargs array when nothing is recorded. */
    public static Tensor record(String op, Tensor output, Backward backward, Tensor input) {
        return record(op, output, backward, (GradKernel) null, input);
    }

    /** {@link #record(String, Tensor, Backward, GradKernel, Tensor...)} for a one-input op. */
    public static Tensor record(String op, Tensor output, Backward backward, GradKernel kernel, Tensor input) {
        ThreadFlags flags = ThreadFlags.current();   // one thread-local lookup for both switches
        if (flags.anomaly) {
            Anomaly.checkForward(op, output, input);
        }
        if (input.requiresGrad && flags.recording) {
            attach(op, output, backward, kernel, new Tensor[] {input});
        }
        return output;
    }

    /** {@link #record(String, Tensor, Backward, Tensor...)} for a two-input op, without a varargs array when nothing is recorded. */
    public static Tensor record(String op, Tensor output, Backward backward, Tensor a, Tensor b) {
        return record(op, output, backward, (GradKernel) null, a, b);
    }

    /** {@link #record(String, Tensor, Backward, GradKernel, Tensor...)} for a two-input op. */
    public static Tensor record(String op, Tensor output, Backward backward, GradKernel kernel, Tensor a, Tensor b) {
        ThreadFlags flags = ThreadFlags.current();   // one thread-local lookup for both switches
        if (flags.anomaly) {
            Anomaly.checkForward(op, output, a, b);
        }
        if ((a.requiresGrad || b.requiresGrad) && flags.recording) {
            attach(op, output, backward, kernel, new Tensor[] {a, b});
        }
        return output;
    }

    /**
     * Makes {@code output} the result of op {@code op} applied to {@code inputs}, differentiated by
     * {@code backward}, if grad mode is on and any input requires a gradient; returns {@code output}.
     *
     * @param op       the op's registry name, shown in errors, anomaly reports and graph drawings
     * @param output   the forward value, freshly computed (not yet part of any graph)
     * @param backward the vector-Jacobian product, written with differentiable ops
     * @param inputs   the op's tensor inputs, in the order {@code backward} returns their gradients
     */
    public static Tensor record(String op, Tensor output, Backward backward, Tensor... inputs) {
        return record(op, output, backward, (GradKernel) null, inputs);
    }

    /**
     * Records like {@link #record(String, Tensor, Backward, Tensor...)}, with an in-place backward
     * kernel that the engine runs instead of {@code backward} when the backward pass is not itself
     * recorded; the two must compute the same gradients.
     *
     * @param kernel the op's in-place vector-Jacobian product, or null if it has none
     */
    public static Tensor record(String op, Tensor output, Backward backward, GradKernel kernel, Tensor... inputs) {
        ThreadFlags flags = ThreadFlags.current();
        if (flags.anomaly) {
            Anomaly.checkForward(op, output, inputs);
        }
        if (flags.recording && anyRequiresGrad(inputs)) {
            attach(op, output, backward, kernel, inputs.clone());
        }
        return output;
    }

    private static void attach(String op, Tensor output, Backward backward, GradKernel kernel, Tensor[] inputs) {
        if (output.node != null || output.requiresGrad) {
            throw new IllegalStateException(op + ": the output tensor is already part of a graph; ops must record a fresh tensor");
        }
        output.node = new Node(op, output, inputs, backward, kernel);
        output.requiresGrad = true;
    }
}
