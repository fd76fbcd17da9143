package io.github.chainrule;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The labels given to tensors by {@link Tensor#named}, kept beside the tensors rather than in them: few
 * tensors have one, and a field in every tensor would cost every node of a graph of scalars four bytes.
 * Weak keys, so a label never keeps its tensor alive; tensors compare by identity.
 */
final class Labels {
    private static final Map<Tensor, String> LABELS = Collections.synchronizedMap(new WeakHashMap<>());

    private Labels() {
    }

    /** Returns the tensor's label, or null. */
    static String of(Tensor t) {
        return LABELS.isEmpty() ? null : LABELS.get(t);
    }

    /** Sets the tensor's label; null removes it. */
    static void set(Tensor t, String label) {
        if (label == null) {
            LABELS.remove(t);
        } else {
            LABELS.put(t, label);
        }
    }
}
