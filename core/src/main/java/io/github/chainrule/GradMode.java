package io.github.chainrule;

/**
 * Whether ops on the current thread record themselves into the graph.
 *
 * <p>Recording is on by default. {@link #noGrad()} opens a scope, confined to the calling thread, in which
 * nothing is recorded: for evaluation, for optimizer updates, and for the engine itself while it runs a
 * backward pass that does not create a graph. Scopes nest and restore the previous mode when closed:
 * <pre>{@code
 * try (GradMode.Scope ignored = GradMode.noGrad()) {
 *     W.subInPlace(dW.mul(learningRate));   // not recorded
 * }
 * }</pre>
 */
public final class GradMode {
    private GradMode() {
    }

    /** Returns true if ops on this thread currently record into the graph. */
    public static boolean isEnabled() {
        return ThreadFlags.forOp().recording();
    }

    /** Opens a scope on this thread in which no op is recorded. */
    public static Scope noGrad() {
        return set(false);
    }

    /** Opens a scope on this thread in which ops record (or not) as {@code enabled} says. */
    public static Scope set(boolean enabled) {
        ThreadFlags flags = ThreadFlags.current();
        Scope scope = new Scope(flags, flags.recording());
        flags.setRecording(enabled);
        return scope;
    }

    /** A grad-mode scope; closing it restores the mode that was in force when it was opened. */
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
