package io.github.chainrule;

import io.github.chainrule.ops.OpRegistry;

/**
 * Anomaly detection: an optional mode that names the first op whose forward value or gradient became NaN
 * or infinite.
 *
 * <p>Off by default, because it scans every value an op produces. Turn it on for a scope on the current
 * thread while hunting a NaN:
 * <pre>{@code
 * try (Anomaly.Scope ignored = Anomaly.enable()) {
 *     loss.backward();      // throws AnomalyException naming the op at fault
 * }
 * }</pre>
 */
public final class Anomaly {
    private Anomaly() {
    }

    /**
     * Returns true if anomaly detection is on for this thread.
     *
     * @return true if anomaly detection is enabled on the calling thread
     */
    public static boolean isEnabled() {
        return ThreadFlags.forOp().anomaly();
    }

    /**
     * Turns anomaly detection on for this thread until the returned scope is closed.
     *
     * @return the scope to close (in try-with-resources) to restore the previous setting
     */
    public static Scope enable() {
        ThreadFlags flags = ThreadFlags.current();
        Scope scope = new Scope(flags, flags.anomaly());
        flags.setAnomaly(true);
        return scope;
    }

    /** An anomaly-detection scope; closing it restores the previous setting. */
    public static final class Scope implements AutoCloseable {
        private final ThreadFlags flags;
        private final boolean previous;

        private Scope(ThreadFlags flags, boolean previous) {
            this.flags = flags;
            this.previous = previous;
        }

        /** Restores the anomaly-detection setting in force when this scope was opened. */
        @Override
        public void close() {
            flags.setAnomaly(previous);
        }
    }

    static void checkForward(String op, Tensor output, Tensor... inputs) {
        int bad = firstNonFinite(output.buffer());
        if (bad < 0) {
            return;
        }
        StringBuilder msg = new StringBuilder(op).append(": forward value is ").append(output.buffer()[bad])
                .append(" at flat index ").append(bad).append(" of output shape ").append(output.shape);
        for (int i = 0; i < inputs.length; i++) {
            msg.append(i == 0 ? "; inputs " : ", ").append(inputs[i].shape);
            int badIn = firstNonFinite(inputs[i].buffer());
            if (badIn >= 0) {
                msg.append(" (already ").append(inputs[i].buffer()[badIn]).append(" at ").append(badIn).append(')');
            }
        }
        OpRegistry.find(op).ifPresent(def -> msg.append("; the op's domain is ").append(def.domain()));
        if (inputs.length == 1 && inputs[0].size() == output.size() && firstNonFinite(inputs[0].buffer()) < 0) {
            msg.append("; the input there was ").append(inputs[0].buffer()[bad]);
        }
        throw new AnomalyException(msg.toString());
    }

    static void checkGradient(String op, int inputIndex, Tensor gradient) {
        int bad = firstNonFinite(gradient.buffer());
        if (bad >= 0) {
            throw new AnomalyException(op + ": backward produced " + gradient.buffer()[bad] + " at flat index " + bad
                    + " of the gradient for input " + inputIndex + " (shape " + gradient.shape + ")");
        }
    }

    private static int firstNonFinite(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Thrown in anomaly mode by the first op whose forward value or gradient is NaN or infinite. */
    public static final class AnomalyException extends ArithmeticException {
        private static final long serialVersionUID = 1L;

        /**
         * Creates the exception with a message naming the op and the value at fault.
         *
         * @param message the description of the anomaly
         */
        public AnomalyException(String message) {
            super(message);
        }
    }
}
