package io.github.chainrule.nn.io;

import io.github.chainrule.GradMode;
import io.github.chainrule.Tensor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves a model's parameters (and optimizer state) to a file and restores them, choosing the format by the
 * file name: {@code .npz} for numpy ({@link Npz}), {@code .safetensors} for PyTorch and friends
 * ({@link SafeTensors}).
 *
 * <p>Parameters are an ordered {@code Map<String, Tensor>} such as {@code "layer1.W" → W[1]}. Optimizer
 * state goes in the same file under a prefix ({@link #prefixed}), e.g. {@code "adam.v.layer1.W"}:
 * <pre>{@code
 * Map<String, Tensor> all = new LinkedHashMap<>(model.namedState());   // parameters and buffers
 * all.putAll(Checkpoint.prefixed("adam.", adam.state()));
 * Checkpoint.save(Path.of("run/epoch12.safetensors"), all);
 * ...
 * Checkpoint.restore(Path.of("run/epoch12.safetensors"), model.namedState());   // in place, checked
 * }</pre>
 */
public final class Checkpoint {
    private Checkpoint() {
    }

    /**
     * Writes the tensors to {@code path} atomically in the format its extension names.
     *
     * @throws IllegalArgumentException if the extension is neither .npz nor .safetensors
     * @throws IOException              if writing fails; an existing file is then left as it was
     */
    public static void save(Path path, Map<String, Tensor> tensors) throws IOException {
        if (isNpz(path)) {
            Npz.save(path, tensors);
        } else {
            SafeTensors.save(path, tensors);
        }
    }

    /**
     * Reads all tensors from {@code path} in the format its extension names.
     *
     * @throws IllegalArgumentException if the extension is neither .npz nor .safetensors
     * @throws TensorFileException      if the file is truncated, corrupt or unsupported
     * @throws IOException              if it cannot be read
     */
    public static Map<String, Tensor> load(Path path) throws IOException {
        return load(path, LoadOptions.defaults());
    }

    /**
     * Reads all tensors from {@code path} in the format its extension names, within the budget of
     * {@code options} (see {@link LoadOptions}).
     *
     * @param path    the file to read
     * @param options the load budget
     * @return the tensors by name, in file order
     * @throws IllegalArgumentException if the extension is neither .npz nor .safetensors
     * @throws TensorFileException      if the file is truncated, corrupt or unsupported, or needs more memory
     *                                  than the budget
     * @throws IOException              if it cannot be read
     */
    public static Map<String, Tensor> load(Path path, LoadOptions options) throws IOException {
        return isNpz(path) ? Npz.load(path, options) : SafeTensors.load(path, options);
    }

    /**
     * Loads {@code path} and copies each tensor into the same-named tensor of {@code into}, in place and
     * without recording a graph. Nothing is changed unless every tensor of {@code into} is in the file with
     * the same shape and the file has no tensor that {@code into} lacks.
     *
     * @throws TensorFileException naming the file and tensor if a name is missing or extra or a shape differs
     * @throws IOException         if the file cannot be read
     */
    public static void restore(Path path, Map<String, Tensor> into) throws IOException {
        Map<String, Tensor> loaded = load(path);
        String file = path.toString();
        for (Map.Entry<String, Tensor> e : into.entrySet()) {
            Tensor found = loaded.get(e.getKey());
            if (found == null) {
                throw new TensorFileException(file, e.getKey(), "missing: the model expects shape "
                        + e.getValue().shape() + " but the file has no such tensor (it has " + loaded.keySet() + ")");
            }
            if (!found.shape().equals(e.getValue().shape())) {
                throw new TensorFileException(file, e.getKey(), "wrong shape: the model expects "
                        + e.getValue().shape() + ", the file holds " + found.shape());
            }
        }
        List<String> extra = new ArrayList<>(loaded.keySet());
        extra.removeAll(into.keySet());
        if (!extra.isEmpty()) {
            throw new TensorFileException(file, extra.get(0), "unexpected: the file holds tensors the model does"
                    + " not have: " + extra);
        }
        GradMode.Scope noGrad = GradMode.noGrad();
        try (noGrad) {
            for (Map.Entry<String, Tensor> e : into.entrySet()) {
                e.getValue().assign(loaded.get(e.getKey()));
            }
        }
    }

    /** Returns the map with {@code prefix} put before every name, in the same order. */
    public static Map<String, Tensor> prefixed(String prefix, Map<String, Tensor> tensors) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> out.put(prefix + k, v));
        return out;
    }

    /** Returns the entries whose names start with {@code prefix}, with the prefix removed, in the same order. */
    public static Map<String, Tensor> withPrefix(String prefix, Map<String, Tensor> tensors) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        tensors.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    private static boolean isNpz(Path path) {
        String name = path.getFileName().toString();
        if (name.endsWith(".npz")) {
            return true;
        }
        if (name.endsWith(".safetensors")) {
            return false;
        }
        throw new IllegalArgumentException("Checkpoint: cannot tell the format of '" + name
                + "'; name it *.npz or *.safetensors");
    }
}
