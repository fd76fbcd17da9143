package io.github.chainrule;

import java.util.function.Supplier;

/**
 * Whether ops on the current thread record themselves into the graph.
 *
 * <p>Recording is on by default. The no-grad forms turn it off on the calling thread only: for evaluation, for
 * optimizer updates, and for the engine itself while it runs a backward pass that does not create a graph.
 * The shortest form takes the code to run:
 * <pre>{@code
 * GradMode.noGrad(() -> W.subInPlace(dW.mul(learningRate)));        // not recorded
 * Tensor yHat = GradMode.noGrad(() -> model.forward(X));             // not recorded, value returned
 * }</pre>
 * Where the body throws checked exceptions or assigns local variables, open a {@link Scope}. Scopes nest and
 * restore the previous mode when closed. Use the resource form of Java 9, on a variable declared before the
 * {@code try}:
 * <pre>{@code
 * GradMode.Scope noGrad = GradMode.noGrad();
 * try (noGrad) {
 *     W.subInPlace(dW.mul(learningRate));   // not recorded
 * }
 * }</pre>
 * Why that form: javac's {@code -Xlint:try} warns about a resource <em>declared</em> in the {@code try} header
 * and never used in its body ({@code try (GradMode.Scope ignored = GradMode.noGrad())}), whatever its type;
 * a resource named by an existing variable is not checked. {@link Scope#close()} throws nothing, so the
 * other {@code try} warning (a {@code close()} that may throw {@code InterruptedException}) cannot arise.
 */
public final class GradMode {
    private GradMode() {
    }

    /**
     * Tells whether ops on this thread currently record into the graph.
     *
     * @return true if recording is on for the calling thread
     */
    public static boolean isEnabled() {
        return ThreadFlags.forOp().recording();
    }

    /**
     * Opens a scope on this thread in which no op is recorded.
     *
     * @return the scope; closing it restores the previous mode
     */
    public static Scope noGrad() {
        return set(false);
    }

    /**
     * Runs {@code body} on this thread with recording off, then restores the previous mode (also if it throws).
     *
     * @param body the code to run unrecorded
     * @throws IllegalArgumentException if {@code body} is null
     */
    public static void noGrad(Runnable body) {
        if (body == null) {
            throw new IllegalArgumentException("GradMode.noGrad: body must not be null");
        }
        Scope scope = set(false);
        try (scope) {
            body.run();
        }
    }

    /**
     * Computes {@code body}'s value on this thread with recording off, then restores the previous mode (also if
     * it throws).
     *
     * @param body the computation to run unrecorded
     * @param <T>  the type of its value
     * @return what {@code body} returned
     * @throws IllegalArgumentException if {@code body} is null
     */
    public static <T> T noGrad(Supplier<T> body) {
        if (body == null) {
            throw new IllegalArgumentException("GradMode.noGrad: body must not be null");
        }
        Scope scope = set(false);
        try (scope) {
            return body.get();
        }
    }

    /**
     * Opens a scope on this thread in which ops record (or not) as {@code enabled} says.
     *
     * @param enabled true to record, false not to
     * @return the scope; closing it restores the previous mode
     */
    public static Scope set(boolean enabled) {
        ThreadFlags flags = ThreadFlags.current();
        Scope scope = new Scope(flags, flags.recording());
        flags.setRecording(enabled);
        return scope;
    }

    /**
     * A grad-mode scope; closing it restores the mode that was in force when it was opened. Its {@code close()}
     * throws nothing, so a {@code try} needs no {@code catch}.
     */
    public static final class Scope implements AutoCloseable {
        private final ThreadFlags flags;
        private final boolean previous;

        private Scope(ThreadFlags flags, boolean previous) {
            this.flags = flags;
            this.previous = previous;
        }

        /** Restores the grad mode that was in force when this scope was opened. */
        @Override
        public void close() {
            flags.setRecording(previous);
        }
    }
}
