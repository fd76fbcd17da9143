package io.github.chainrule.nn.optim;

import io.github.chainrule.GradMode;
import io.github.chainrule.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Updates parameters in place from their gradients, without recording a graph: one step of gradient
 * descent or of one of its refinements.
 *
 * <p>Use: after {@code J.backward()} has filled each parameter's {@code grad()}, call {@link #step()}, then
 * {@link #zeroGrad()} (or the model's) before the next backward pass. Parameters are the same leaf tensors
 * the model holds, updated through their buffers, so the model sees the new values at once.
 *
 * <p>Subclasses keep their per-parameter state (the course's v_dW, s_dW) as {@link ExponentiallyWeightedAverage}s
 * registered with {@link #slot}; {@link #stateDict()} exposes them with the step count t, so that training
 * can be saved and resumed.
 */
public abstract class Optimizer {
    /** The state-dict key of the step count t. */
    public static final String STEP_KEY = "t";

    private final String name;
    private final Map<String, Tensor> parameters;
    private final Map<String, ExponentiallyWeightedAverage> slots = new LinkedHashMap<>();
    private final Map<String, Settings> settings = new LinkedHashMap<>();
    private final double initialLearningRate;
    private double learningRate;
    private GradientClipping clipping;
    private int t;

    /** One parameter's group settings: its learning-rate scale and weight decay λ. */
    private record Settings(double learningRateScale, double weightDecay) {
        static final Settings DEFAULT = new Settings(1, 0);
    }

    /**
     * Creates an optimizer of the given parameters (by name, as {@code Layer.namedParameters()} gives them).
     *
     * @param name         the optimizer's name, for messages and state keys
     * @param parameters the parameters to update, by name (as {@code Layer.namedParameters()} gives them)
     * @param learningRate the learning rate α
     * @throws IllegalArgumentException if there are no parameters, one is not a leaf requiring a gradient,
     *                                  or the learning rate is not positive and finite
     */
    protected Optimizer(String name, Map<String, Tensor> parameters, double learningRate) {
        this.name = name;
        if (parameters == null || parameters.isEmpty()) {
            throw new IllegalArgumentException(name + ": no parameters to optimize");
        }
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
            if (!e.getValue().isLeaf() || !e.getValue().isGradRequired()) {
                throw new IllegalArgumentException(name + ": parameter '" + e.getKey() + "' must be a leaf that requires a gradient");
            }
            if (e.getKey().equals(STEP_KEY)) {
                throw new IllegalArgumentException(name + ": a parameter may not be named '" + STEP_KEY + "', the step count's key");
            }
        }
        checkRate(name, learningRate);
        this.parameters = new LinkedHashMap<>(parameters);
        this.parameters.keySet().forEach(n -> settings.put(n, Settings.DEFAULT));
        this.initialLearningRate = learningRate;
        this.learningRate = learningRate;
    }

    /**
     * Registers per-parameter state: an exponentially weighted average with the parameter's shape, saved
     * under {@code parameterName + "." + slotName}; returns it.
     *
     * @param parameterName the parameter the state belongs to
     * @param slotName      the state's name, e.g. "v"
     * @param beta          β of the average
     * @return the average, saved and restored with the optimizer's state
     */
    protected final ExponentiallyWeightedAverage slot(String parameterName, String slotName, double beta) {
        ExponentiallyWeightedAverage ewa = new ExponentiallyWeightedAverage(beta, parameters.get(parameterName).shape());
        slots.put(parameterName + "." + slotName, ewa);
        return ewa;
    }

    /**
     * Applies a parameter group's settings (learning-rate scale, weight decay) to the parameters it
     * matches; settings the group leaves unset stay as they are, and later calls override earlier ones.
     *
     * @param group the group
     * @return this optimizer
     * @throws IllegalArgumentException if the group is null or matches none of this optimizer's parameters
     */
    public final Optimizer configure(ParameterGroup group) {
        if (group == null) {
            throw new IllegalArgumentException(name + ".configure: group is null");
        }
        boolean matched = false;
        for (Map.Entry<String, Settings> e : settings.entrySet()) {
            if (group.contains(e.getKey())) {
                Settings s = e.getValue();
                Double scale = group.learningRateScaleOrNull();
                Double decay = group.weightDecayOrNull();
                e.setValue(new Settings(scale != null ? scale : s.learningRateScale(), decay != null ? decay : s.weightDecay()));
                matched = true;
            }
        }
        if (!matched) {
            throw new IllegalArgumentException(name + ".configure: the group (" + group + ") matches none of the parameters "
                    + parameters.keySet());
        }
        return this;
    }

    /**
     * Clips the gradients at every step, between the backward pass and the update; null for none (the default).
     *
     * @param clipping how to clip, e.g. {@code GradientClipping.byGlobalNorm(1.0)}
     * @return this optimizer
     */
    public final Optimizer clipGradients(GradientClipping clipping) {
        this.clipping = clipping;
        return this;
    }

    /**
     * Returns the learning rate parameter {@code parameterName} steps with: α times its group's scale.
     *
     * @param parameterName the parameter's name
     * @return the rate
     */
    public final double learningRate(String parameterName) {
        return learningRate * setting(parameterName).learningRateScale();
    }

    /**
     * Returns the weight decay λ of parameter {@code parameterName} (0 unless a group set one).
     *
     * @param parameterName the parameter's name
     * @return λ
     */
    public final double weightDecay(String parameterName) {
        return setting(parameterName).weightDecay();
    }

    private Settings setting(String parameterName) {
        Settings s = settings.get(parameterName);
        if (s == null) {
            throw new IllegalArgumentException(name + ": no parameter named '" + parameterName + "'; parameters: "
                    + parameters.keySet());
        }
        return s;
    }

    /**
     * Returns true if weight decay acts on the parameters directly, W := W − α·λ·W beside the step (AdamW),
     * and false if it adds λ·W to the gradient, an L2 penalty's gradient (gradient descent, momentum,
     * RMSprop, Adam, as PyTorch's {@code weight_decay}). The two differ once the update rescales the
     * gradient: Adam divides an L2 term by √s like the rest, so heavily-updated weights decay less.
     *
     * @return whether weight decay is decoupled from the gradient
     */
    protected boolean decouplesWeightDecay() {
        return false;
    }

    /**
     * Returns the parameters by name, in order.
     *
     * @return the parameters by name
     */
    protected final Map<String, Tensor> parameters() {
        return parameters;
    }

    /**
     * Takes one step: t ← t + 1, then updates every parameter from its gradient, without recording a graph.
     *
     * @throws IllegalStateException naming the parameter if one has no gradient (backward was not run, or
     *                               the parameter does not affect the cost)
     */
    public final void step() {
        List<String> missing = new ArrayList<>();
        parameters.forEach((n, p) -> {
            if (!p.hasGrad()) {
                missing.add(n);
            }
        });
        if (!missing.isEmpty()) {
            throw new IllegalStateException(name + ".step: no gradient for " + String.join(", ", missing)
                    + "; call backward() on the cost first, and optimize only parameters the cost depends on");
        }
        t++;
        GradMode.Scope noGrad = GradMode.noGrad();
        try (noGrad) {
            // Clipping needs every gradient at once (the global norm); without it each is read where it is used.
            Map<String, Tensor> clipped = clipping == null ? null : clipping.apply(gradients());
            for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
                String n = e.getKey();
                Tensor p = e.getValue();
                Tensor g = clipped == null ? p.grad() : clipped.get(n);
                double lambda = weightDecay(n);
                if (lambda > 0 && decouplesWeightDecay()) {
                    decay(p, 1 - learningRate(n) * lambda);      // W := W − α·λ·W, before the step (as PyTorch)
                } else if (lambda > 0) {
                    g = g.add(p.mul(lambda));                    // dW + λ·W, the gradient of (λ/2)‖W‖²
                }
                update(n, p, g, t);
            }
        }
    }

    /**
     * Updates one parameter in place from its gradient; runs with recording off.
     *
     * @param name  the parameter's name
     * @param param the parameter (a leaf; write through {@code param.buffer()} or {@code subInPlace})
     * @param grad  dJ/dparam
     * @param t     the step count, 1 on the first step
     */
    protected abstract void update(String name, Tensor param, Tensor grad, int t);

    private Map<String, Tensor> gradients() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        parameters.forEach((n, p) -> out.put(n, p.grad()));
        return out;
    }

    private static void decay(Tensor param, double factor) {
        double[] p = param.buffer();
        for (int i = 0; i < p.length; i++) {
            p[i] *= factor;
        }
    }

    /** Forgets every parameter's gradient. */
    public final void zeroGrad() {
        for (Tensor p : parameters.values()) {
            p.zeroGrad();
        }
    }

    /**
     * Returns the learning rate α the next step will use.
     *
     * @return α
     */
    public final double learningRate() {
        return learningRate;
    }

    /**
     * Returns α₀, the learning rate the optimizer was created with (what decay schedules start from).
     *
     * @return α₀
     */
    public final double initialLearningRate() {
        return initialLearningRate;
    }

    /**
     * Sets the learning rate α for the following steps (what a decay schedule does).
     *
     * @param learningRate the new α, positive and finite
     * @throws IllegalArgumentException if it is not positive and finite
     */
    public final void setLearningRate(double learningRate) {
        checkRate(name, learningRate);
        this.learningRate = learningRate;
    }

    /**
     * Returns t, the number of steps taken.
     *
     * @return t
     */
    public final int stepCount() {
        return t;
    }

    /**
     * Returns a copy of the optimizer's state: the step count under {@value #STEP_KEY} (a scalar) and each
     * per-parameter average under {@code "<parameter>.<slot>"}, e.g. {@code layer1.W.v}, {@code layer1.W.s}.
     *
     * @return the state by name, copies
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put(STEP_KEY, Tensor.scalar(t));
        slots.forEach((key, ewa) -> out.put(key, ewa.value()));
        return out;
    }

    /**
     * Restores state saved by {@link #stateDict()}, so training resumes where it stopped.
     *
     * @param state the state, as {@link #stateDict} gives it
     * @throws IllegalArgumentException naming the entries at fault if a key is missing or unexpected, a shape
     *                                  differs, or the step count is not a non-negative whole number; nothing
     *                                  is changed in that case
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        if (state == null) {
            throw new IllegalArgumentException(name + ".loadStateDict: state is null");
        }
        List<String> problems = new ArrayList<>();
        Tensor step = state.get(STEP_KEY);
        int loadedT = -1;
        if (step == null) {
            problems.add("missing '" + STEP_KEY + "' (the step count)");
        } else if (step.size() != 1 || step.item() < 0 || step.item() != Math.rint(step.item()) || step.item() > Integer.MAX_VALUE) {
            problems.add("'" + STEP_KEY + "' must be one non-negative whole number, got " + step);
        } else {
            loadedT = (int) step.item();
        }
        slots.forEach((key, ewa) -> {
            Tensor v = state.get(key);
            if (v == null) {
                problems.add("missing '" + key + "'");
            } else if (!v.shape().equals(ewa.live().shape())) {
                problems.add("'" + key + "' has shape " + v.shape() + " but should have " + ewa.live().shape());
            }
        });
        for (String key : state.keySet()) {
            if (!key.equals(STEP_KEY) && !slots.containsKey(key)) {
                problems.add("unexpected '" + key + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(name + ".loadStateDict: " + String.join("; ", problems)
                    + ". Expected keys: " + stateDict().keySet());
        }
        t = loadedT;
        for (Map.Entry<String, ExponentiallyWeightedAverage> e : slots.entrySet()) {
            e.getValue().restore(state.get(e.getKey()), loadedT);
        }
    }

    private static void checkRate(String name, double rate) {
        if (!(rate > 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException(name + ": learning rate must be positive and finite, got " + rate);
        }
    }

    static void checkBeta(String name, String which, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException(name + ": " + which + " must be in [0, 1), got " + beta);
        }
    }

    static void checkEpsilon(String name, double epsilon) {
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException(name + ": ε must be positive and finite, got " + epsilon);
        }
    }

    @Override
    public String toString() {
        return name + "(α=" + learningRate + ", t=" + t + ")";
    }
}
