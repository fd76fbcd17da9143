package io.github.chainrule.gradcheck;

import io.github.chainrule.Shape;

import java.util.Collections;
import java.util.List;

/**
 * The outcome of a gradient check: the course's relative error, whether it passed, the worst element,
 * and every element where a kink was detected and a one-sided derivative accepted.
 */
public final class Report {
    /**
     * One checked element: which input, where, and the derivatives found there.
     *
     * @param input    the input's name (its label, a parameter name, or "input i")
     * @param shape    the input's shape
     * @param index    the flat (row-major) index of the element
     * @param analytic autodiff's derivative
     * @param numeric  the derivative the check compared against (the centered difference, or at an
     *                 accepted kink the analytic value)
     * @param centered the centered difference (f(θ+ε) − f(θ−ε)) / 2ε
     * @param forward  the one-sided difference (f(θ+ε) − f(θ)) / ε
     * @param backward the one-sided difference (f(θ) − f(θ−ε)) / ε
     */
    public record Entry(String input, Shape shape, int index, double analytic, double numeric, double centered,
                        double forward, double backward) {
        /**
         * Returns the element's coordinates, one per axis, e.g. {@code [2, 0]}.
         *
         * @return the coordinates, a new array each call
         */
        public int[] coordinates() {
            int[] strides = shape.strides();
            int[] c = new int[strides.length];
            int rest = index;
            for (int i = 0; i < strides.length; i++) {
                c[i] = rest / strides[i];
                rest %= strides[i];
            }
            return c;
        }

        @Override
        public String toString() {
            return input + java.util.Arrays.toString(coordinates()) + ": analytic " + analytic + ", numeric " + centered
                    + " (one-sided " + forward + " / " + backward + ")";
        }
    }

    private final String order;
    private final double relativeError;
    private final double tolerance;
    private final double epsilon;
    private final long seed;
    private final Entry worst;
    private final List<Entry> entries;
    private final List<Entry> kinks;

    Report(String order, double relativeError, double tolerance, double epsilon, long seed, Entry worst,
           List<Entry> entries, List<Entry> kinks) {
        this.order = order;
        this.relativeError = relativeError;
        this.tolerance = tolerance;
        this.epsilon = epsilon;
        this.seed = seed;
        this.worst = worst;
        this.entries = Collections.unmodifiableList(entries);
        this.kinks = Collections.unmodifiableList(kinks);
    }

    /**
     * Returns ‖dθ_approx − dθ‖₂ / (‖dθ_approx‖₂ + ‖dθ‖₂), 0 when both are zero.
     *
     * @return the relative error, ≥ 0
     */
    public double relativeError() {
        return relativeError;
    }

    /**
     * Returns true if the relative error is below the tolerance.
     *
     * @return true if {@link #relativeError()} is below {@link #tolerance()}
     */
    public boolean passed() {
        return relativeError < tolerance;
    }

    /**
     * Returns the tolerance the check used.
     *
     * @return the tolerance
     */
    public double tolerance() {
        return tolerance;
    }

    /**
     * Returns the finite-difference step ε the check used.
     *
     * @return the step ε
     */
    public double epsilon() {
        return epsilon;
    }

    /**
     * Returns the element with the largest absolute difference, or null if nothing was checked.
     *
     * @return the worst entry, or null
     */
    public Entry worst() {
        return worst;
    }

    /**
     * Returns every checked element, input by input, in row-major order.
     *
     * @return the entries, unmodifiable
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Returns the elements where a kink was detected and the analytic value accepted between the one-sided differences.
     *
     * @return the kink entries, unmodifiable
     */
    public List<Entry> kinks() {
        return kinks;
    }

    /**
     * Returns this report if the check passed.
     *
     * @return this report
     * @throws AssertionError with the report as its message otherwise
     */
    public Report assertPassed() {
        if (!passed()) {
            throw new AssertionError(toString());
        }
        return this;
    }

    /**
     * Returns a verdict in the course's words: "great", "worth a look" or "most likely a bug".
     *
     * @return "great" below {@link GradCheck#DEFAULT_TOLERANCE}, "most likely a bug" above
     *         {@link GradCheck#BUG_THRESHOLD}, "worth a look" between
     */
    public String verdict() {
        if (relativeError < GradCheck.DEFAULT_TOLERANCE) {
            return "great";
        }
        return relativeError > GradCheck.BUG_THRESHOLD ? "most likely a bug" : "worth a look";
    }

    /** Returns a multi-line summary naming the worst input, element, analytic and numeric values. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(order).append(" gradient check ").append(passed() ? "passed" : "FAILED")
                .append(": relative error ").append(String.format("%.3e", relativeError))
                .append(passed() ? " < " : " >= ").append(String.format("%.0e", tolerance))
                .append(" (").append(verdict()).append("), ε = ").append(epsilon)
                .append(", ").append(entries.size()).append(" elements");
        if (worst != null) {
            sb.append("\n  worst: ").append(worst);
        }
        if (!kinks.isEmpty()) {
            sb.append("\n  ").append(kinks.size()).append(" element(s) at a kink, where the one-sided differences disagree;"
                    + " the analytic value lies between them and was accepted:");
            kinks.stream().limit(5).forEach(k -> sb.append("\n    ").append(k));
        }
        sb.append("\n  projection seed ").append(seed);
        return sb.toString();
    }
}
