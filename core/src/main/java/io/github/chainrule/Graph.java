package io.github.chainrule;

import java.util.Arrays;

/**
 * Records op applications into the autodiff graph; the one place where a forward result gets its
 * backward rule attached.
 *
 * <p>An op computes its forward value without the graph, then calls {@code record}: if grad mode is on
 * and any input requires a gradient, the output becomes a graph node with those inputs and that backward
 * rule; otherwise the output stays a plain constant. Built-in ops and user-defined ops go through the same
 * call. The rule is a {@link Derivative} (stateless, shared by every application of the op) or a
 * {@link Backward} closure, optionally with a {@link GradKernel}, its in-place form. An op with a
 * stateless rule may make its {@link Origin} once and record with it, which saves an object per output.
 */
public final class Graph {
    private Graph() {
    }

    /**
     * Returns true if an op applied now to these inputs would be recorded.
     *
     * @param inputs the op's tensor inputs
     * @return true if grad mode is on and any input requires a gradient
     */
    public static boolean isRecording(Tensor... inputs) {
        return GradMode.isEnabled() && anyRequiresGrad(inputs);
    }

    private static boolean anyRequiresGrad(Tensor[] inputs) {
        for (Tensor t : inputs) {
            if (t.origin != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records {@code output} as the result of a one-input op whose backward rule is a closure, with no
     * kernel; otherwise the same as
     * {@link #record(String, Tensor, Derivative, GradKernel, Tensor...)}.
     *
     * @param op       the op's registry name, shown in errors, anomaly reports and graph drawings
     * @param output   the forward value, freshly computed (not yet part of any graph)
     * @param backward the vector-Jacobian product, written with differentiable ops
     * @param input    the op's tensor input
     * @return {@code output}
     */
    public static Tensor record(String op, Tensor output, Backward backward, Tensor input) {
        return record(op, output, backward, (GradKernel) null, input);
    }

    /**
     * Records {@code output} as the result of a two-input op whose backward rule is a closure, with no
     * kernel; otherwise the same as
     * {@link #record(String, Tensor, Derivative, GradKernel, Tensor...)}.
     *
     * @param op       the op's registry name, shown in errors, anomaly reports and graph drawings
     * @param output   the forward value, freshly computed (not yet part of any graph)
     * @param backward the vector-Jacobian product, written with differentiable ops
     * @param a        the op's first tensor input
     * @param b        the op's second tensor input
     * @return {@code output}
     */
    public static Tensor record(String op, Tensor output, Backward backward, Tensor a, Tensor b) {
        return record(op, output, backward, (GradKernel) null, a, b);
    }

    /**
     * Records {@code output} as the result of an op whose backward rule is a closure, with no kernel;
     * otherwise the same as {@link #record(String, Tensor, Derivative, GradKernel, Tensor...)}.
     *
     * @param op       the op's registry name, shown in errors, anomaly reports and graph drawings
     * @param output   the forward value, freshly computed (not yet part of any graph)
     * @param backward the vector-Jacobian product, written with differentiable ops
     * @param inputs   the op's tensor inputs, in the order the rule returns their gradients
     * @return {@code output}
     */
    public static Tensor record(String op, Tensor output, Backward backward, Tensor... inputs) {
        return record(op, output, backward, (GradKernel) null, inputs);
    }

    /**
     * Records {@code output} as the result of a one-input op, without a varargs array;
     * otherwise the same as {@link #record(String, Tensor, Derivative, GradKernel, Tensor...)}.
     *
     * @param op         the op's registry name, shown in errors, anomaly reports and graph drawings
     * @param output     the forward value, freshly computed (not yet part of any graph)
     * @param derivative the vector-Jacobian product, written with differentiable ops
     * @param kernel     the same product as an in-place kernel, or null if the op has none
     * @param input      the op's tensor input
     * @return {@code output}
     */
    public static Tensor record(String op, Tensor output, Derivative derivative, GradKernel kernel, Tensor input) {
        return record(Origin.forOneOutput(op, derivative, kernel), output, input);   // the closure is per call already
    }

    /**
     * Records {@code output} as the result of a two-input op, without a varargs array;
     * otherwise the same as {@link #record(String, Tensor, Derivative, GradKernel, Tensor...)}.
     *
     * @param op         the op's registry name, shown in errors, anomaly reports and graph drawings
     * @param output     the forward value, freshly computed (not yet part of any graph)
     * @param derivative the vector-Jacobian product, written with differentiable ops
     * @param kernel     the same product as an in-place kernel, or null if the op has none
     * @param a          the op's first tensor input
     * @param b          the op's second tensor input
     * @return {@code output}
     */
    public static Tensor record(String op, Tensor output, Derivative derivative, GradKernel kernel, Tensor a, Tensor b) {
        return record(Origin.forOneOutput(op, derivative, kernel), output, a, b);
    }

    /**
     * Makes {@code output} the result of the one-input op {@code origin} applied to {@code input}, if grad
     * mode is on and the input requires a gradient; returns {@code output}.
     *
     * @param origin the op's origin (name, rules and kernels), shared by every output of the op
     * @param output the forward value, freshly computed (not yet part of any graph)
     * @param input  the op's tensor input
     * @return {@code output}
     */
    public static Tensor record(Origin origin, Tensor output, Tensor input) {
        if (origin == null || output == null || input == null) {
            throw missing(origin, output, input);
        }
        ThreadFlags flags = ThreadFlags.forOp();   // both switches at once, usually without a thread-local lookup
        if (flags.anomaly()) {
            Anomaly.checkForward(origin.op, output, input);
        }
        if (input.origin != null && flags.recording()) {
            attach(origin, output);
            output.input0 = input;
        }
        return output;
    }

    /**
     * Makes {@code output} the result of the two-input op {@code origin} applied to {@code a} and {@code b},
     * if grad mode is on and either input requires a gradient; returns {@code output}.
     *
     * @param origin the op's origin (name, rules and kernels), shared by every output of the op
     * @param output the forward value, freshly computed (not yet part of any graph)
     * @param a      the op's first tensor input
     * @param b      the op's second tensor input
     * @return {@code output}
     */
    public static Tensor record(Origin origin, Tensor output, Tensor a, Tensor b) {
        if (origin == null || output == null || a == null || b == null) {
            throw missing(origin, output, a, b);
        }
        ThreadFlags flags = ThreadFlags.forOp();
        if (flags.anomaly()) {
            Anomaly.checkForward(origin.op, output, a, b);
        }
        if ((a.origin != null || b.origin != null) && flags.recording()) {
            attach(origin, output);
            output.input0 = a;
            output.gradOrInput1 = b;
        }
        return output;
    }

    /**
     * Makes {@code output} the result of op {@code op} applied to {@code inputs}, differentiated by
     * {@code derivative}, if grad mode is on and any input requires a gradient; returns {@code output}.
     *
     * @param op         the op's registry name, shown in errors, anomaly reports and graph drawings
     * @param output     the forward value, freshly computed (not yet part of any graph)
     * @param derivative the vector-Jacobian product, written with differentiable ops
     * @param kernel     the same product as an in-place kernel, run instead when the backward pass is not
     *                   itself recorded; null if the op has none
     * @param inputs     the op's tensor inputs, in the order the rule returns their gradients
     * @return {@code output}
     */
    public static Tensor record(String op, Tensor output, Derivative derivative, GradKernel kernel, Tensor... inputs) {
        return record(Origin.forOneOutput(op, derivative, kernel), output, inputs);
    }

    /**
     * Makes {@code output} the result of op {@code op} applied to {@code inputs}, with a backward closure and
     * a forward-mode rule, if grad mode is on and any input requires a gradient; returns {@code output}.
     *
     * @param op       the op's registry name, shown in errors, anomaly reports and graph drawings
     * @param output   the forward value, freshly computed (not yet part of any graph)
     * @param backward the vector-Jacobian product, written with differentiable ops
     * @param jvp      the Jacobian-vector product, written with differentiable ops (it may return null to
     *                 have it derived from {@code backward} instead)
     * @param inputs   the op's tensor inputs, in the order the rules take them
     * @return {@code output}
     * @throws IllegalArgumentException naming the op if the output, an input or a rule is null
     */
    public static Tensor record(String op, Tensor output, Backward backward, Jvp jvp, Tensor... inputs) {
        if (jvp == null) {
            throw new IllegalArgumentException(op + ": the forward-mode rule is null");
        }
        return record(Origin.forOneOutput(op, backward, null, jvp), output, inputs);
    }

    /** Records {@code output} with a private origin for any number of inputs (the varargs form of the above). */
    private static Tensor record(Origin origin, Tensor output, Tensor[] inputs) {
        if (output == null || inputs == null || Arrays.asList(inputs).contains(null)) {
            throw missing(origin, output, inputs == null ? new Tensor[] {null} : inputs);
        }
        ThreadFlags flags = ThreadFlags.forOp();
        if (flags.anomaly()) {
            Anomaly.checkForward(origin.op, output, inputs);
        }
        if (flags.recording() && anyRequiresGrad(inputs)) {
            attach(origin, output);
            int n = inputs.length;
            output.input0 = n > 0 ? inputs[0] : null;
            output.gradOrInput1 = n > 1 ? inputs[1] : null;
            origin.moreInputs = n > 2 ? Arrays.copyOfRange(inputs, 2, n) : null;   // a private origin: see its callers
        }
        return output;
    }

    /** The exception for a null argument to record, naming the op and the argument. */
    private static IllegalArgumentException missing(Origin origin, Tensor output, Tensor... inputs) {
        if (origin == null) {
            return new IllegalArgumentException("record: the origin is null");
        }
        if (output == null) {
            return new IllegalArgumentException(origin.op + ": the output tensor to record is null");
        }
        int i = Arrays.asList(inputs).indexOf(null);
        return new IllegalArgumentException(origin.op + ": input " + i + " is null");
    }

    private static void attach(Origin origin, Tensor output) {
        if (output.origin != null || output.gradOrInput1 != null) {   // (the second: a former leaf that kept its gradient)
            throw new IllegalStateException(origin.op + ": the output tensor is already part of a graph; ops must record a fresh tensor");
        }
        output.origin = origin;
    }
}
