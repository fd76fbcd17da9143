package io.github.chainrule.ops;

import io.github.chainrule.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one registry of differentiable ops: every built-in op and every op a user defines, by name.
 *
 * <p>Tools enumerate it (the property suite draws its cases from it, the derivative table in
 * {@code docs/} is generated from it), and any op can be called by name:
 * <pre>{@code
 * Tensor y = OpRegistry.call("sum", Attrs.of("axes", new int[] {0}, "keepDims", true), x);
 * }</pre>
 */
public final class OpRegistry {
    private static final Map<String, OpDef> OPS = new LinkedHashMap<>();
    private static final List<OpDef> BUILT_INS = new ArrayList<>();

    static {
        for (List<OpDef> family : List.of(Arithmetic.DEFINITIONS, Unary.DEFINITIONS, LinearAlgebra.DEFINITIONS,
                Shaping.DEFINITIONS, Reductions.DEFINITIONS, Softmax.DEFINITIONS, Attention.DEFINITIONS, Indexing.DEFINITIONS,
                Reshaping.DEFINITIONS, Gathering.DEFINITIONS, Sorting.DEFINITIONS,
                Convolution.DEFINITIONS, Pooling.DEFINITIONS, DenseLinearAlgebra.DEFINITIONS, Einsum.DEFINITIONS,
                Elementary.DEFINITIONS, Comparisons.DEFINITIONS, Statistics.DEFINITIONS)) {
            family.forEach(OpRegistry::register);
            BUILT_INS.addAll(family);
        }
    }

    private OpRegistry() {
    }

    /**
     * Adds an op to the registry.
     *
     * @param def the op's entry, whose name must not be registered yet
     * @throws IllegalArgumentException if an op of that name is already registered
     */
    public static synchronized void register(OpDef def) {
        if (OPS.containsKey(def.name())) {
            throw new IllegalArgumentException("register: an op named '" + def.name() + "' is already registered");
        }
        OPS.put(def.name(), def);
    }

    /**
     * Returns every registered op, built-ins first, in registration order.
     *
     * @return an unmodifiable snapshot of the registry
     */
    public static synchronized List<OpDef> all() {
        return Collections.unmodifiableList(new ArrayList<>(OPS.values()));
    }

    /**
     * Returns chainrule's own ops, in registration order, without the ops users registered.
     *
     * @return the built-in ops, unmodifiable
     */
    public static List<OpDef> builtIns() {
        return Collections.unmodifiableList(BUILT_INS);
    }

    /**
     * Returns the op of that name, if registered.
     *
     * @param name the op's registry name, e.g. {@code "matmul"}
     * @return the op's entry, or empty if no op has that name
     */
    public static synchronized Optional<OpDef> find(String name) {
        return Optional.ofNullable(OPS.get(name));
    }

    /**
     * Returns the op of that name.
     *
     * @param name the op's registry name, e.g. {@code "matmul"}
     * @return the op's entry
     * @throws IllegalArgumentException if no op of that name is registered
     */
    public static OpDef get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("OpRegistry: no op named '" + name
                + "' is registered; registered ops: " + names()));
    }

    /**
     * Calls op {@code name} on {@code inputs} with {@code attrs}.
     *
     * @param name   the op's registry name, e.g. {@code "matmul"}
     * @param attrs  the op's non-tensor attributes, {@link Attrs#NONE} if it has none
     * @param inputs the tensor inputs, in the op's signature order
     * @return the op's output
     */
    public static Tensor call(String name, Attrs attrs, Tensor... inputs) {
        return get(name).apply(attrs, inputs);
    }

    private static synchronized List<String> names() {
        return new ArrayList<>(OPS.keySet());
    }
}
