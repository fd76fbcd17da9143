package io.github.chainrule.nn.io;

import io.github.chainrule.Tensor;

import java.util.Map;

/** Checks the name → tensor maps handed to the writers. */
final class Names {
    private Names() {
    }

    static void check(String method, Map<String, Tensor> tensors) {
        if (tensors == null) {
            throw new IllegalArgumentException(method + ": the tensor map must not be null");
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty()) {
                throw new IllegalArgumentException(method + ": tensor names must not be null or empty");
            }
            if (e.getValue() == null) {
                throw new IllegalArgumentException(method + ": tensor '" + e.getKey() + "' is null");
            }
        }
    }
}
