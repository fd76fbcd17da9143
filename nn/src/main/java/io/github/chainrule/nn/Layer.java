package io.github.chainrule.nn;

import io.github.chainrule.GradMode;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A piece of a network: named, ordered parameters, child layers, a forward pass built from core graph
 * ops, and a training/evaluation mode.
 *
 * <p>Because {@link #forward} only uses differentiable {@link Tensor} ops, autodiff computes every
 * gradient and the gradient checker can check it; a layer never writes a backward pass. Writing a new
 * layer type takes three steps:
 * <ol>
 *   <li>extend {@code Layer};</li>
 *   <li>in the constructor, register each parameter with {@link #addWeight} (a weight matrix that
 *       regularization penalizes) or {@link #addParameter} (a bias, a gain: not penalized), and each
 *       child layer with {@link #addLayer};</li>
 *   <li>implement {@link #forward(Tensor)} with tensor ops, examples as columns.</li>
 * </ol>
 * <pre>{@code
 * final class Scale extends Layer {               // a = γ ⊙ z, one gain per unit
 *     private final Tensor gamma;
 *     Scale(int n) { gamma = addParameter("gamma", Tensor.ones(n, 1)); }
 *     public Tensor forward(Tensor Z) { return Z.mul(gamma); }
 * }
 * }</pre>
 * Parameter names are qualified by the path of layer names, so a network's state reads
 * {@code layer1.W, layer1.b, layer2.W, ...}, the course's W[1], b[1], W[2].
 *
 * <p>A layer can also hold <em>buffers</em> ({@link #addBuffer}): named state that is not trained, such as
 * running statistics or a step counter. Buffers are saved and restored with the parameters
 * ({@link #stateDict}, {@link #loadStateDict}, and {@link #namedState} for {@code Checkpoint}), but they are
 * not in {@link #namedParameters}, so optimizers and regularization never touch them and they get no
 * gradient. The layer updates a buffer itself, in place ({@code buffer.assign(...)}).
 *
 * <p>A layer is not thread-safe: train separate models in separate threads, not one model in several.
 */
public abstract class Layer {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Set<String> weightNames = new LinkedHashSet<>();
    private final Map<String, Layer> children = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private boolean training = true;

    /** Creates a layer with no parameters, in training mode. */
    protected Layer() {
    }

    /**
     * Computes this layer's output from its input {@code A}, of shape (features, m) with the m
     * examples as columns, recording the graph when grad mode is on.
     *
     * @param A the input, shape (features, m), one example per column
     * @return the output, one column per example
     */
    public abstract Tensor forward(Tensor A);

    // ---------------------------------------------------------------- registration

    /**
     * Registers {@code value} as a parameter that regularization penalizes (a weight matrix such as W),
     * makes it a leaf that requires a gradient, and returns it.
     *
     * @param name  the parameter's name in this layer, e.g. "W"
     * @param value its initial value, a leaf
     * @return {@code value}, now requiring a gradient
     * @throws IllegalArgumentException if the name is empty, contains a dot, or is taken
     */
    protected final Tensor addWeight(String name, Tensor value) {
        Tensor p = addParameter(name, value);
        weightNames.add(name);
        return p;
    }

    /**
     * Registers {@code value} as a parameter that regularization leaves alone (a bias, a gain), makes
     * it a leaf that requires a gradient, and returns it.
     *
     * @param name  the parameter's name in this layer, e.g. "b"
     * @param value its initial value, a leaf
     * @return {@code value}, now requiring a gradient
     * @throws IllegalArgumentException if the name is empty, contains a dot, or is taken, or the value
     *                                  is the output of an op rather than a leaf
     */
    protected final Tensor addParameter(String name, Tensor value) {
        checkName("addParameter", name);
        if (value == null) {
            throw new IllegalArgumentException("addParameter: value of '" + name + "' is null");
        }
        if (!value.isLeaf()) {
            throw new IllegalArgumentException("addParameter: '" + name + "' is the output of an op; parameters"
                    + " must be leaves (pass value.detach() or a fresh tensor)");
        }
        if (!value.isGradRequired()) {
            value.requiresGrad();
        }
        parameters.put(name, value);
        return value;
    }

    /**
     * Registers {@code value} as a buffer: named state saved and restored with the parameters but never
     * trained (no gradient, untouched by optimizers and regularization). Returns it; the layer updates it in
     * place with {@link Tensor#assign}.
     *
     * @param name  the buffer's name, unique in this layer among parameters, buffers and children
     * @param value its initial value, a leaf that does not require a gradient
     * @return {@code value}
     * @throws IllegalArgumentException if the name is empty, contains a dot, or is taken, or the value is null,
     *                                  the output of an op, or requires a gradient
     */
    protected final Tensor addBuffer(String name, Tensor value) {
        checkName("addBuffer", name);
        if (value == null) {
            throw new IllegalArgumentException("addBuffer: value of '" + name + "' is null");
        }
        if (!value.isLeaf() || value.isGradRequired()) {
            throw new IllegalArgumentException("addBuffer: '" + name + "' " + (value.isLeaf()
                    ? "requires a gradient" : "is the output of an op") + "; a buffer is untrained state"
                    + " (pass value.detach().copy(), or use addParameter for something to train)");
        }
        buffers.put(name, value);
        return value;
    }

    /**
     * Registers {@code child} as a child layer under {@code name}, so that its parameters appear as
     * {@code name.param} and it follows this layer's mode; returns it.
     *
     * @param name  the child's name in this layer
     * @param child the child layer
     * @param <M>   the child's type, so that the caller keeps it
     * @return {@code child}
     * @throws IllegalArgumentException if the name is empty, contains a dot, or is taken, or the child
     *                                  is this layer
     */
    protected final <M extends Layer> M addLayer(String name, M child) {
        checkName("addLayer", name);
        if (child == null) {
            throw new IllegalArgumentException("addLayer: layer '" + name + "' is null");
        }
        if (child == this) {
            throw new IllegalArgumentException("addLayer: a layer cannot contain itself");
        }
        child.setTraining(training);
        children.put(name, child);
        return child;
    }

    private void checkName(String op, String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(op + ": name '" + name + "' must be non-empty and contain no '.'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(op + ": name '" + name + "' is already taken in " + getClass().getSimpleName());
        }
    }

    /**
     * Returns the output for {@code X} in evaluation mode (dropout off) without recording a graph, then
     * puts every layer back in the mode it was in: for predictions and dev-set costs.
     *
     * @param X the inputs, shape (features, m)
     * @return the output for each example, not recorded in any graph
     */
    public final Tensor predict(Tensor X) {
        Map<String, Layer> layers = namedLayers();
        List<Boolean> modes = new ArrayList<>();
        for (Layer m : layers.values()) {
            modes.add(m.training);
        }
        setTraining(false);
        GradMode.Scope noGrad = GradMode.noGrad();
        try (noGrad) {
            return forward(X);
        } finally {
            int i = 0;
            for (Layer m : layers.values()) {
                m.training = modes.get(i++);
            }
        }
    }

    // ---------------------------------------------------------------- parameters

    /**
     * Returns every parameter, this layer's first, then each child's, keyed by qualified name ("layer1.W").
     *
     * @return the parameters by qualified name, in order; the tensors themselves, not copies
     */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, false);
        return Collections.unmodifiableMap(out);
    }

    /**
     * Returns the parameters that regularization penalizes (the weights, not the biases), by qualified name.
     *
     * @return the weights by qualified name, in order
     */
    public final Map<String, Tensor> namedWeights() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out, true);
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Tensor> out, boolean weightsOnly) {
        for (Map.Entry<String, Tensor> e : parameters.entrySet()) {
            if (!weightsOnly || weightNames.contains(e.getKey())) {
                out.put(prefix + e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<String, Layer> e : children.entrySet()) {
            e.getValue().collect(prefix + e.getKey() + ".", out, weightsOnly);
        }
    }

    /**
     * Returns every buffer (untrained state), this layer's first, then each child's, keyed by qualified name
     * ("norm1.runningMean"). The tensors are the live buffers, not copies.
     *
     * @return the buffers by qualified name, in order; empty if no layer has any
     */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectBuffers("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collectBuffers(String prefix, Map<String, Tensor> out) {
        buffers.forEach((k, v) -> out.put(prefix + k, v));
        for (Map.Entry<String, Layer> e : children.entrySet()) {
            e.getValue().collectBuffers(prefix + e.getKey() + ".", out);
        }
    }

    /**
     * Returns the live tensors that make up this layer's state: every parameter, then every buffer, by
     * qualified name. What {@code Checkpoint.save} writes and {@code Checkpoint.restore} copies into, in place:
     * <pre>{@code
     * Checkpoint.save(path, model.namedState());
     * Checkpoint.restore(path, model.namedState());
     * }</pre>
     *
     * @return parameters then buffers by qualified name; the tensors themselves, not copies
     */
    public final Map<String, Tensor> namedState() {
        Map<String, Tensor> out = new LinkedHashMap<>(namedParameters());
        out.putAll(namedBuffers());
        return Collections.unmodifiableMap(out);
    }

    /**
     * Returns every parameter in the order of {@link #namedParameters()}.
     *
     * @return the parameters, in order
     */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /**
     * Returns this layer's direct children by name, in the order they were added.
     *
     * @return the children by name, unmodifiable
     */
    public final Map<String, Layer> children() {
        return Collections.unmodifiableMap(children);
    }

    /**
     * Returns this layer and all its descendants by qualified name; this layer's name is "".
     *
     * @return this layer and its descendants by qualified name, this layer first
     */
    public final Map<String, Layer> namedLayers() {
        Map<String, Layer> out = new LinkedHashMap<>();
        out.put("", this);
        for (Map.Entry<String, Layer> e : children.entrySet()) {
            for (Map.Entry<String, Layer> d : e.getValue().namedLayers().entrySet()) {
                out.put(d.getKey().isEmpty() ? e.getKey() : e.getKey() + "." + d.getKey(), d.getValue());
            }
        }
        return out;
    }

    /** Forgets the gradient of every parameter, so that the next backward pass starts from zero. */
    public final void zeroGrad() {
        for (Tensor p : namedParameters().values()) {
            p.zeroGrad();
        }
    }

    // ---------------------------------------------------------------- mode

    /**
     * Returns true if this layer is in training mode (dropout active), false in evaluation mode.
     *
     * @return true in training mode, false in evaluation mode
     */
    public final boolean isTraining() {
        return training;
    }

    /**
     * Puts this layer and its descendants in training mode; returns this layer.
     *
     * @return this layer
     */
    public final Layer train() {
        setTraining(true);
        return this;
    }

    /**
     * Puts this layer and its descendants in evaluation mode (dropout off); returns this layer.
     *
     * @return this layer
     */
    public final Layer eval() {
        setTraining(false);
        return this;
    }

    /**
     * Sets training ({@code true}) or evaluation mode on this layer and its descendants.
     *
     * @param training true for training mode, false for evaluation mode
     */
    public final void setTraining(boolean training) {
        this.training = training;
        for (Layer child : children.values()) {
            child.setTraining(training);
        }
    }

    /**
     * Returns true if this layer's forward pass is random in training mode (dropout), so that a gradient
     * check must switch it off. Layers that draw random numbers in {@link #forward} override this.
     *
     * @return true if forward draws random numbers in training mode
     */
    public boolean isStochastic() {
        return false;
    }

    // ---------------------------------------------------------------- state

    /**
     * Returns a copy of every parameter's, then every buffer's, current value by qualified name, in order: a
     * snapshot that later training does not change, ready to be saved or restored with {@link #loadStateDict}.
     *
     * @return copies of the parameters' then the buffers' values, by qualified name
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : namedState().entrySet()) {
            out.put(e.getKey(), e.getValue().copy());
        }
        return out;
    }

    /**
     * Overwrites every parameter's and buffer's value with the tensor of the same name in {@code state} (values
     * are copied; the parameters stay the same leaves, so optimizers keep working on them).
     *
     * @param state a tensor for every parameter and buffer, by qualified name, as {@link #stateDict} gives
     * @throws IllegalArgumentException naming the parameters at fault if a name is missing or unexpected,
     *                                  or a shape differs; nothing is changed in that case
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        if (state == null) {
            throw new IllegalArgumentException("loadStateDict: state is null");
        }
        Map<String, Tensor> params = namedState();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) {
                problems.add("missing '" + e.getKey() + "' of shape " + e.getValue().shape());
            } else if (!src.shape().equals(e.getValue().shape())) {
                problems.add("'" + e.getKey() + "' has shape " + src.shape() + " but the model's is " + e.getValue().shape());
            }
        }
        for (String name : state.keySet()) {
            if (!params.containsKey(name)) {
                problems.add("unexpected '" + name + "' (the model has no such parameter or buffer)");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict: state does not fit " + getClass().getSimpleName()
                    + ": " + String.join("; ", problems) + ". The model's " + (namedBuffers().isEmpty() ? "parameters are "
                    : "parameters and buffers are ") + describe(params));
        }
        GradMode.Scope noGrad = GradMode.noGrad();
        try (noGrad) {
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                e.getValue().assign(state.get(e.getKey()));
            }
        }
    }

    private static String describe(Map<String, Tensor> params) {
        StringBuilder sb = new StringBuilder("[");
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            if (sb.length() > 1) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append(' ').append(e.getValue().shape());
        }
        return sb.append(']').toString();
    }

    /** Returns a one-line summary: the class name and each parameter's name and shape. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + describe(namedParameters());
    }

    /**
     * Checks that input {@code A} is a matrix with {@code rows} rows; for layers' error messages.
     *
     * @param layer the layer's name for the message
     * @param A     the input
     * @param rows  the number of rows (features) it must have
     * @throws IllegalArgumentException naming the layer and both shapes otherwise
     */
    protected static void requireRows(String layer, Tensor A, int rows) {
        if (A == null) {
            throw new IllegalArgumentException(layer + ": input A is null");
        }
        Shape s = A.shape();
        if (s.rank() != 2 || s.dim(0) != rows) {
            throw new IllegalArgumentException(layer + ": input A has shape " + s + " but needs (" + rows
                    + ", m): " + rows + " features as rows, one column per example");
        }
    }
}
