package io.github.chainrule.nn.gradcheck;

import io.github.chainrule.Tensor;
import io.github.chainrule.gradcheck.GradCheck;
import io.github.chainrule.gradcheck.Report;
import io.github.chainrule.nn.Layer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks a whole model's gradients as the course does: all parameters W[1], b[1], ..., W[L], b[L]
 * flattened into one vector θ, dθ from backpropagation compared with centered differences of J, by the
 * relative error ‖dθ_approx − dθ‖₂ / (‖dθ_approx‖₂ + ‖dθ‖₂). The work is core's
 * {@link GradCheck#checkParameters}; this class adds what a model needs:
 * <ul>
 *   <li>dropout (any {@link Layer#isStochastic() stochastic} layer) is switched off during the check,
 *       the course's note that gradient checking does not work with dropout (J would be random), and the
 *       result says which layers were switched off; their modes are restored afterwards;</li>
 *   <li>the result gives the relative error of each parameter, so a failure names the parameter at fault.</li>
 * </ul>
 * <p>A parameter whose true gradient is 0 (a bias before a layer that subtracts the mean over the examples)
 * has a backprop gradient of 0 and a numerical one of rounding noise (up to about 1e-9): the course's ratio is then
 * noise over noise, near 1, whatever the code's quality. So each parameter's error has an absolute floor
 * under its denominator,
 * <pre>
 *   error_p = ‖dθ_approx,p − dθ_p‖₂ / max(‖dθ_approx,p‖₂ + ‖dθ_p‖₂, floor)       (floor {@value #DEFAULT_FLOOR} by default)
 * </pre>
 * which is the course's formula whenever the gradient's norm is above the floor (the usual case) and the
 * absolute difference over the floor below it. The verdict is one: the check passes when the error over θ
 * and every parameter's error are below the tolerance, so {@link Result#passed()} is true exactly when
 * {@link Result#failingParameters()} is empty and θ's error is small.
 * <pre>{@code
 * ModelGradCheck.Result r = ModelGradCheck.of(model)
 *         .check(() -> Costs.binaryCrossEntropy(model.forward(X), Y).add(Regularizer.l2(0.7).penalty(model, m)));
 * r.assertPassed();
 * }</pre>
 */
public final class ModelGradCheck {
    private final Layer model;
    private double epsilon = GradCheck.DEFAULT_EPSILON;
    private double tolerance = GradCheck.DEFAULT_TOLERANCE;
    private double floor = DEFAULT_FLOOR;

    /**
     * The default absolute floor under a parameter's relative-error denominator: with J of order 1 and the
     * course's ε = 1e-7, centered differences carry rounding noise of about 1e-9 per value, which this floor
     * turns into an error of about 1e-8, below the course's 1e-7; a real bug in a gradient of size g shows
     * as an error of about g / floor or more.
     */
    public static final double DEFAULT_FLOOR = 0.1;

    private ModelGradCheck(Layer model) {
        this.model = model;
    }

    /**
     * Starts a check of {@code model}'s parameters.
     *
     * @param model the model whose parameters to check
     * @return a check with the course's ε and tolerance
     * @throws IllegalArgumentException if the model is null or has no parameters
     */
    public static ModelGradCheck of(Layer model) {
        if (model == null) {
            throw new IllegalArgumentException("ModelGradCheck: model is null");
        }
        if (model.namedParameters().isEmpty()) {
            throw new IllegalArgumentException("ModelGradCheck: " + model + " has no parameters to check");
        }
        return new ModelGradCheck(model);
    }

    /**
     * Sets the finite-difference step ε (default 1e-7, the course's).
     *
     * @param epsilon the step, positive and finite
     * @return this check
     */
    public ModelGradCheck epsilon(double epsilon) {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("ModelGradCheck: epsilon must be positive and finite, got " + epsilon);
        }
        this.epsilon = epsilon;
        return this;
    }

    /**
     * Sets the relative error below which the check passes (default 1e-7, the course's "great").
     *
     * @param tolerance the largest relative error that fails, positive
     * @return this check
     */
    public ModelGradCheck tolerance(double tolerance) {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("ModelGradCheck: tolerance must be positive, got " + tolerance);
        }
        this.tolerance = tolerance;
        return this;
    }

    /**
     * Sets the absolute floor under each parameter's relative-error denominator (default {@value #DEFAULT_FLOOR}).
     *
     * @param floor a positive, finite floor; a tiny one gives back the course's formula unchanged
     * @return this check
     * @throws IllegalArgumentException if {@code floor} is not positive and finite
     */
    public ModelGradCheck floor(double floor) {
        if (!(floor > 0) || !Double.isFinite(floor)) {
            throw new IllegalArgumentException("ModelGradCheck: floor must be positive and finite, got " + floor);
        }
        this.floor = floor;
        return this;
    }

    /**
     * Checks the gradient of {@code cost} with respect to every parameter of the model. {@code cost} must
     * run the model's forward pass afresh on each call (it is called twice per element of θ).
     *
     * @param cost computes the scalar cost J from the model's current parameters
     * @return the verdict, θ's and each parameter's error, and what was switched off
     */
    public Result check(Supplier<Tensor> cost) {
        if (cost == null) {
            throw new IllegalArgumentException("ModelGradCheck: cost is null");
        }
        Map<String, Boolean> switchedOff = new LinkedHashMap<>();
        for (Map.Entry<String, Layer> e : model.namedLayers().entrySet()) {
            Layer m = e.getValue();
            if (m.isStochastic() && m.isTraining()) {
                switchedOff.put(e.getKey().isEmpty() ? m.getClass().getSimpleName() : e.getKey(), true);
            }
        }
        Map<Layer, Boolean> modes = new LinkedHashMap<>();
        for (Layer m : model.namedLayers().values()) {
            modes.put(m, m.isTraining());
        }
        try {
            for (Layer m : model.namedLayers().values()) {
                if (m.isStochastic()) {
                    // setTraining on a leaf-like stochastic layer only; its siblings keep their modes.
                    m.setTraining(false);
                }
            }
            Report report = GradCheck.checkParameters(cost, model.namedParameters(), epsilon, tolerance);
            return new Result(report, List.copyOf(switchedOff.keySet()), perParameter(report, floor));
        } finally {
            modes.forEach((m, training) -> {
                if (m.isTraining() != training) {
                    m.setTraining(training);
                }
            });
        }
    }

    private static Map<String, Double> perParameter(Report report, double floor) {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Report.Entry e : report.entries()) {
            double[] s = sums.computeIfAbsent(e.input(), k -> new double[3]);
            double d = e.numeric() - e.analytic();
            s[0] += d * d;
            s[1] += e.numeric() * e.numeric();
            s[2] += e.analytic() * e.analytic();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        sums.forEach((name, s) -> {
            double denom = Math.max(Math.sqrt(s[1]) + Math.sqrt(s[2]), floor);
            out.put(name, Math.sqrt(s[0]) / denom);
        });
        return out;
    }

    /**
     * The outcome of a whole-model check.
     *
     * @param report             core's report over all of θ
     * @param dropoutSwitchedOff the names of the stochastic layers (dropout) switched off for the check
     * @param parameterErrors    the relative error of each parameter alone (with the floor), in the model's order
     */
    public record Result(Report report, List<String> dropoutSwitchedOff, Map<String, Double> parameterErrors) {
        /**
         * Returns the relative error over all of θ.
         *
         * @return the course's relative error over θ
         */
        public double relativeError() {
            return report.relativeError();
        }

        /**
         * Tells whether the check passed: the relative error over θ and every parameter's error are below the
         * tolerance.
         *
         * @return true if it passed, which is exactly when {@link #failingParameters()} is empty and θ's
         *         error is below the tolerance
         */
        public boolean passed() {
            return report.passed() && failingParameters().isEmpty();
        }

        /**
         * Returns the names of the parameters whose own relative error reaches the tolerance.
         *
         * @return the failing parameters' qualified names, in the model's order
         */
        public List<String> failingParameters() {
            List<String> out = new ArrayList<>();
            parameterErrors.forEach((name, err) -> {
                if (!(err < report.tolerance())) {
                    out.add(name);
                }
            });
            return out;
        }

        /**
         * Returns this result if the check passed.
         *
         * @return this result
         * @throws AssertionError whose message names the parameters at fault otherwise
         */
        public Result assertPassed() {
            if (!passed()) {
                throw new AssertionError(toString());
            }
            return this;
        }

        /** Returns a summary: the verdict, the dropout note, and each parameter's relative error. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("whole-model gradient check ")
                    .append(passed() ? "passed" : "FAILED")
                    .append(String.format(": relative error %.3e over θ of %d values in %d parameters (%s)",
                            relativeError(), report.entries().size(), parameterErrors.size(), report.verdict()));
            if (!failingParameters().isEmpty()) {
                sb.append("\n  parameter(s) at fault: ").append(String.join(", ", failingParameters()));
            }
            if (!dropoutSwitchedOff.isEmpty()) {
                sb.append("\n  dropout was switched off during the check (gradient checking does not work with"
                        + " dropout, whose J is random): ").append(String.join(", ", dropoutSwitchedOff));
            }
            sb.append("\n  per parameter:");
            parameterErrors.forEach((name, err) -> sb.append(String.format("%n    %-12s %.3e%s", name, err,
                    err < report.tolerance() ? "" : "  <-- FAILED")));
            sb.append("\n  ").append(report.toString().replace("\n", "\n  "));
            return sb.toString();
        }
    }
}
