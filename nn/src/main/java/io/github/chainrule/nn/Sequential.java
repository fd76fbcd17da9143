package io.github.chainrule.nn;

import io.github.chainrule.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Layers applied one after the other: the output of each is the input of the next.
 *
 * <p>{@link #add(Layer)} names layers in the course's way: the l-th layer that has parameters is
 * {@code "layer" + l}, so a network of {@link Dense} layers has parameters {@code layer1.W, layer1.b,
 * layer2.W, ...}; a layer without parameters (dropout, an activation) is named after its kind and its
 * position, e.g. {@code "dropout2"}. {@link #add(String, Layer)} gives an explicit name instead.
 * <pre>{@code
 * Random rng = new Random(1);
 * Sequential model = new Sequential()
 *         .add(new Dense(12288, 20, Activation.RELU, Initializer.he(), rng))
 *         .add(new Dense(20, 7, Activation.RELU, Initializer.he(), rng))
 *         .add(new Dense(7, 1, Activation.SIGMOID, Initializer.he(), rng));
 * Tensor AL = model.forward(X);      // (1, m)
 * }</pre>
 */
public final class Sequential extends Layer {
    private final List<Layer> layers = new ArrayList<>();
    private int layersWithParameters;

    /** Creates an empty sequence. */
    public Sequential() {
    }

    /**
     * Creates a sequence of the given layers, named as {@link #add(Layer)} does.
     *
     * @param inOrder the layers, first applied first
     */
    public Sequential(Layer... inOrder) {
        for (Layer m : inOrder) {
            add(m);
        }
    }

    /**
     * Appends {@code layer} under the course's automatic name; returns this sequence.
     *
     * @param layer the layer to append
     * @return this sequence
     */
    public Sequential add(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("Sequential.add: layer " + (layers.size() + 1) + " is null");
        }
        String name;
        if (layer.namedParameters().isEmpty()) {
            name = kind(layer) + (layers.size() + 1);
        } else {
            name = "layer" + (layersWithParameters + 1);
        }
        return add(name, layer);
    }

    /**
     * Appends {@code layer} under {@code name}; returns this sequence.
     *
     * @param name  the layer's name, the prefix of its parameters' names
     * @param layer the layer to append
     * @return this sequence
     * @throws IllegalArgumentException if the name is taken or contains a dot
     */
    public Sequential add(String name, Layer layer) {
        addLayer(name, layer);
        layers.add(layer);
        if (!layer.namedParameters().isEmpty()) {
            layersWithParameters++;
        }
        return this;
    }

    private static String kind(Layer m) {
        if (m instanceof ActivationLayer a) {
            return a.activation().name().replaceAll("[^A-Za-z_]", "_");
        }
        String simple = m.getClass().getSimpleName();
        if (simple.isEmpty()) {
            return "module";
        }
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    /**
     * Returns the layers in order.
     *
     * @return the layers, first applied first
     */
    public List<Layer> layers() {
        return List.copyOf(layers);
    }

    /**
     * Returns the number of layers.
     *
     * @return the number of layers
     */
    public int size() {
        return layers.size();
    }

    /** Applies every layer in order to A and returns the last output. */
    @Override
    public Tensor forward(Tensor A) {
        Tensor out = A;
        for (Layer m : layers) {
            out = m.forward(out);
        }
        return out;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Sequential(");
        children().forEach((name, m) -> sb.append("\n  ").append(name).append(": ").append(m));
        return sb.append(layers.isEmpty() ? ")" : "\n)").toString();
    }
}
