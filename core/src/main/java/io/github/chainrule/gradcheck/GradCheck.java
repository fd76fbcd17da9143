package io.github.chainrule.gradcheck;

import io.github.chainrule.Autograd;
import io.github.chainrule.GradMode;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Checks autodiff's gradients against centered finite differences, as the course's gradient checking does.
 *
 * <p>For every element θᵢ of every input it computes dθ_approx[i] = (f(θ + εeᵢ) − f(θ − εeᵢ)) / 2ε and
 * compares the whole vector with autodiff's dθ by the course's relative error
 * <pre>    ‖dθ_approx − dθ‖₂ / (‖dθ_approx‖₂ + ‖dθ‖₂)</pre>
 * A function with a non-scalar output is checked through the scalar ⟨r, f(θ)⟩ for a fixed random r drawn
 * from the seed, which checks the vector-Jacobian product in that direction; the differences are taken
 * output element by output element before summing, so the round-off stays that of a single element.
 *
 * <p>Defaults, from the course: ε = 1e-7, and an error below 1e-7 passes ("great"); between 1e-7 and 1e-5
 * deserves a look; above 1e-5 is most likely a bug. In double precision ε = 1e-7 balances the truncation
 * error of the centered difference (order ε² · f''') against round-off (order 1e-16 · |f| / ε).
 *
 * <p>At a kink, where the derivative jumps (relu or abs at 0, max at a tie), no finite difference is
 * right: the centered one averages the two sides. There the checker also computes the one-sided
 * differences (f(θ + ε) − f(θ)) / ε and (f(θ) − f(θ − ε)) / ε and, when they disagree, accepts any
 * analytic value between them (a valid subgradient), listing the element in the report's kinks.
 * <pre>{@code
 * GradCheck.Report r = GradCheck.of(xs -> xs[0].mul(xs[1]).sum()).check(a, b);
 * r.assertPassed();
 * }</pre>
 */
public final class GradCheck {
    /** The course's step, ε = 1e-7. */
    public static final double DEFAULT_EPSILON = 1e-7;
    /** Errors below this pass: the course's "great". */
    public static final double DEFAULT_TOLERANCE = 1e-7;
    /** Errors above this are most likely a bug, as the course says. */
    public static final double BUG_THRESHOLD = 1e-5;
    /** The seed of the random projection used for non-scalar outputs. */
    public static final long DEFAULT_SEED = 42;
    /** One-sided differences further apart than this (relative) mark a kink. */
    public static final double DEFAULT_KINK_THRESHOLD = 1e-3;

    private final Function<Tensor[], Tensor> f;
    private double epsilon = DEFAULT_EPSILON;
    private double tolerance = DEFAULT_TOLERANCE;
    private long seed = DEFAULT_SEED;
    private double kinkThreshold = DEFAULT_KINK_THRESHOLD;
    private boolean[] wrt;
    private Tensor[] forwardPoint;   // all inputs, during checkForward: its analytic side runs f by forward mode

    private GradCheck(Function<Tensor[], Tensor> f) {
        this.f = f;
    }

    /** Starts a check of function {@code f} of one or more tensors. */
    public static GradCheck of(Function<Tensor[], Tensor> f) {
        if (f == null) {
            throw new IllegalArgumentException("gradcheck: function is null");
        }
        return new GradCheck(f);
    }

    /** Checks {@code f} at {@code inputs} with the default settings. */
    public static Report check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return of(f).check(inputs);
    }

    /** Sets the finite-difference step ε (default 1e-7). */
    public GradCheck epsilon(double epsilon) {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("gradcheck: epsilon must be positive and finite, got " + epsilon);
        }
        this.epsilon = epsilon;
        return this;
    }

    /** Sets the relative error below which the check passes (default 1e-7). */
    public GradCheck tolerance(double tolerance) {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("gradcheck: tolerance must be positive, got " + tolerance);
        }
        this.tolerance = tolerance;
        return this;
    }

    /** Sets the seed of the random projection of non-scalar outputs (default 42). */
    public GradCheck seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** Sets how far apart, relative to their size, the one-sided differences must be to count as a kink. */
    public GradCheck kinkThreshold(double threshold) {
        this.kinkThreshold = threshold;
        return this;
    }

    /** Restricts the check to the inputs at these positions; the others are held constant (masks, labels). */
    public GradCheck withRespectTo(int... inputIndices) {
        int max = -1;
        for (int i : inputIndices) {
            max = Math.max(max, i);
        }
        boolean[] w = new boolean[max + 1];
        for (int i : inputIndices) {
            if (i < 0) {
                throw new IllegalArgumentException("gradcheck: input index " + i + " is negative");
            }
            w[i] = true;
        }
        this.wrt = w;
        return this;
    }

    /**
     * Checks the first derivatives of f at {@code inputs} (which are copied, not modified).
     *
     * @throws IllegalArgumentException if an input holds NaN or infinity, or f's output is not finite there
     */
    public Report check(Tensor... inputs) {
        Tensor[] leaves = leaves(inputs);
        return run(checkedLeaves(inputs, leaves), () -> f.apply(leaves), false, "first-order");
    }

    /**
     * Checks forward mode's first derivatives of f at {@code inputs} (which are copied, not modified): for
     * every element θᵢ the Jacobian-vector product along eᵢ, projected on the same random r as
     * {@link #check}, ⟨r, J eᵢ⟩ ({@link Autograd#jvp}, one per element), against the centered difference of
     * ⟨r, f⟩, with the same kink handling.
     *
     * @param inputs the point
     * @return the report, its order "forward-mode"
     * @throws IllegalArgumentException if an input holds NaN or infinity, or f's output is not finite there
     */
    public Report checkForward(Tensor... inputs) {
        Tensor[] leaves = leaves(inputs);
        Map<String, Tensor> named = checkedLeaves(inputs, leaves);
        forwardPoint = leaves;
        try {
            return run(named, () -> f.apply(leaves), false, "forward-mode");
        } finally {
            forwardPoint = null;
        }
    }

    /** ⟨r, J eᵢ⟩ for every element of every checked leaf, by forward mode: the analytic side of checkForward. */
    private Tensor[] forwardDerivatives(Tensor[] checked, Tensor r) {
        Tensor[] all = forwardPoint;
        Tensor[] out = new Tensor[checked.length];
        double[] rv = r.toArray();
        for (int p = 0; p < checked.length; p++) {
            int position = java.util.Arrays.asList(all).indexOf(checked[p]);
            double[] d = new double[checked[p].size()];
            for (int k = 0; k < d.length; k++) {
                Tensor[] tangents = new Tensor[all.length];
                for (int i = 0; i < all.length; i++) {
                    tangents[i] = Tensor.zeros(all[i].shape());
                }
                tangents[position].buffer()[k] = 1;
                double[] jv = Autograd.jvp(f, all, tangents).tangent().toArray();
                double sum = 0;
                for (int j = 0; j < jv.length; j++) {
                    sum += rv[j] * jv[j];
                }
                d[k] = sum;
            }
            out[p] = Tensor.of(d, checked[p].shape().dims());
        }
        return out;
    }

    /**
     * Checks the second derivatives of f at {@code inputs}: the gradient of ⟨r₂, ∇f⟩, computed by
     * differentiating the backward pass (createGraph), against centered differences of the analytic
     * first derivatives.
     */
    public Report checkSecondOrder(Tensor... inputs) {
        Tensor[] leaves = leaves(inputs);
        Map<String, Tensor> named = checkedLeaves(inputs, leaves);
        Tensor[] wrtLeaves = named.values().toArray(new Tensor[0]);
        Random rng = new Random(seed + 1);
        Tensor[] directions = new Tensor[wrtLeaves.length];
        for (int i = 0; i < directions.length; i++) {
            directions[i] = Tensor.randn(rng, wrtLeaves[i].shape().dims());
        }
        Supplier<Tensor> firstDerivativeAlongR = () -> {
            Tensor y = f.apply(leaves);
            if (!y.isGradRequired()) {
                return Tensor.scalar(0);
            }
            Tensor seedR = projection(y.shape());
            Tensor[] g = Autograd.grad(y, seedR, wrtLeaves, true, true, true);
            Tensor total = Tensor.scalar(0);
            for (int i = 0; i < g.length; i++) {
                total = total.add(g[i].mul(directions[i]).sum());
            }
            return total;
        };
        return run(named, firstDerivativeAlongR, true, "second-order");
    }

    /**
     * Checks the gradients of a scalar {@code cost} with respect to existing leaves, perturbing their
     * values in place and restoring them: the course's whole-model check, where θ is all parameters
     * flattened into one vector. {@code cost} must rebuild the graph from the leaves on each call.
     *
     * @param parameters the leaves by name (reports name the parameter at fault); each must require a gradient
     */
    public static Report checkParameters(Supplier<Tensor> cost, Map<String, Tensor> parameters,
                                         double epsilon, double tolerance) {
        GradCheck gc = new GradCheck(null);
        gc.epsilon(epsilon).tolerance(tolerance);
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
            if (!e.getValue().isGradRequired() || !e.getValue().isLeaf()) {
                throw new IllegalArgumentException("gradcheck: parameter '" + e.getKey() + "' must be a leaf that requires a gradient");
            }
            checkFinite("parameter '" + e.getKey() + "'", e.getValue());
        }
        return gc.run(new LinkedHashMap<>(parameters), cost, false, "first-order");
    }

    private Report run(Map<String, Tensor> named, Supplier<Tensor> evaluate, boolean valueNeedsGraph, String order) {
        Tensor[] leaves = named.values().toArray(new Tensor[0]);
        String[] names = named.keySet().toArray(new String[0]);
        Tensor y = evaluate.get();
        checkFinite("the function's value", y);
        Tensor r = projection(y.shape());
        Tensor[] analytic;
        if (!y.isGradRequired() || leaves.length == 0) {
            analytic = new Tensor[leaves.length];
            for (int i = 0; i < leaves.length; i++) {
                analytic[i] = Tensor.zeros(leaves[i].shape());
            }
        } else if (forwardPoint != null) {
            analytic = forwardDerivatives(leaves, r);
        } else {
            analytic = Autograd.grad(y, r, leaves, false, false, true);
        }
        double[] y0 = y.toArray();
        double[] rv = r.buffer();

        List<Report.Entry> entries = new ArrayList<>();
        List<Report.Entry> kinks = new ArrayList<>();
        double diffSq = 0;
        double numSq = 0;
        double anaSq = 0;
        Report.Entry worst = null;
        for (int p = 0; p < leaves.length; p++) {
            double[] theta = leaves[p].buffer();
            double[] ana = analytic[p].buffer();
            for (int k = 0; k < theta.length; k++) {
                double orig = theta[k];
                theta[k] = orig + epsilon;
                double[] plus = values(evaluate, valueNeedsGraph, y.shape());
                theta[k] = orig - epsilon;
                double[] minus = values(evaluate, valueNeedsGraph, y.shape());
                theta[k] = orig;
                double centered = project(rv, plus, minus) / (2 * epsilon);
                double numeric = centered;
                boolean kink = false;
                double forward = project(rv, plus, y0) / epsilon;
                double backward = project(rv, y0, minus) / epsilon;
                double scale = Math.max(1, Math.max(Math.abs(forward), Math.abs(backward)));
                if (Math.abs(forward - backward) > kinkThreshold * scale) {
                    double lo = Math.min(forward, backward);
                    double hi = Math.max(forward, backward);
                    double slack = tolerance * scale;
                    if (ana[k] >= lo - slack && ana[k] <= hi + slack) {
                        numeric = ana[k];
                        kink = true;
                    }
                }
                Report.Entry e = new Report.Entry(names[p], leaves[p].shape(), k, ana[k], numeric, centered, forward, backward);
                if (kink) {
                    kinks.add(e);
                }
                double d = numeric - ana[k];
                diffSq += d * d;
                numSq += numeric * numeric;
                anaSq += ana[k] * ana[k];
                if (worst == null || Math.abs(d) > Math.abs(worst.numeric() - worst.analytic())) {
                    worst = e;
                }
                entries.add(e);
            }
        }
        double denom = Math.sqrt(numSq) + Math.sqrt(anaSq);
        double error = denom == 0 ? 0 : Math.sqrt(diffSq) / denom;
        return new Report(order, error, tolerance, epsilon, seed, worst, entries, kinks);
    }

    private double[] values(Supplier<Tensor> evaluate, boolean needsGraph, Shape expected) {
        Tensor out;
        if (needsGraph) {
            out = evaluate.get();
        } else {
            GradMode.Scope noGrad = GradMode.noGrad();
            try (noGrad) {
                out = evaluate.get();
            }
        }
        if (!out.shape().equals(expected)) {
            throw new IllegalStateException("gradcheck: the function's output changed shape from " + expected
                    + " to " + out.shape() + " when an input was nudged");
        }
        // A copy: f may return an input itself (the identity) or share its array (reshape), and the input is nudged next.
        return out.toArray();
    }

    /** Returns Σ r_j (a_j − b_j), taking each difference before summing, with compensated summation. */
    private static double project(double[] r, double[] a, double[] b) {
        double sum = 0;
        double c = 0;
        for (int j = 0; j < r.length; j++) {
            double term = r[j] * (a[j] - b[j]) - c;
            double t = sum + term;
            c = (t - sum) - term;
            sum = t;
        }
        return sum;
    }

    private Tensor projection(Shape shape) {
        if (shape.size() == 1) {
            return Tensor.full(1.0, shape);
        }
        return Tensor.randn(new Random(seed), shape.dims());
    }

    private Tensor[] leaves(Tensor[] inputs) {
        if (f == null) {
            throw new IllegalStateException("gradcheck: no function to check");
        }
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException("gradcheck: needs at least one input");
        }
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new IllegalArgumentException("gradcheck: input " + i + " is null");
            }
            checkFinite("input " + i, inputs[i]);
            leaves[i] = inputs[i].copy();
            if (isChecked(i)) {
                leaves[i].requiresGrad();
            }
        }
        if (wrt != null && wrt.length > inputs.length) {
            throw new IllegalArgumentException("gradcheck: withRespectTo names input " + (wrt.length - 1)
                    + " but only " + inputs.length + " inputs were given");
        }
        return leaves;
    }

    private Map<String, Tensor> checkedLeaves(Tensor[] inputs, Tensor[] leaves) {
        Map<String, Tensor> named = new LinkedHashMap<>();
        for (int i = 0; i < leaves.length; i++) {
            if (isChecked(i)) {
                String name = nameOf(inputs[i], i);
                named.put(named.containsKey(name) ? name + " (input " + i + ")" : name, leaves[i]);
            }
        }
        return named;
    }

    private boolean isChecked(int i) {
        return wrt == null || (i < wrt.length && wrt[i]);
    }

    private static String nameOf(Tensor t, int i) {
        return t.label() != null ? t.label() : "input " + i;
    }

    private static void checkFinite(String what, Tensor t) {
        double[] v = t.buffer();
        for (int k = 0; k < v.length; k++) {
            if (!Double.isFinite(v[k])) {
                throw new IllegalArgumentException("gradcheck: " + what + " of shape " + t.shape() + " holds "
                        + v[k] + " at flat index " + k + "; gradients can only be checked at finite values");
            }
        }
    }
}
