package io.github.chainrule.viz;

import io.github.chainrule.Tensor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Draws the graph behind a tensor as Graphviz DOT text, the way micrograd draws its graphs: one box per
 * tensor (label, shape, value for scalars, gradient once computed) and one ellipse per op.
 *
 * <p>Render it with {@code dot -Tsvg graph.dot -o graph.svg}. Draw before {@code backward()} to see
 * values, or after {@code backward(null, true, false)} (graph retained) to see gradients too; a plain
 * {@code backward()} frees the graph, and then only the root is left to draw.
 */
public final class Dot {
    private Dot() {
    }

    /** Returns the DOT text of the graph that produced {@code root}, drawn left to right. */
    public static String render(Tensor root) {
        return render(root, 1);
    }

    /**
     * Returns the DOT text of the graph that produced {@code root}, writing out the values and gradients of
     * every tensor of at most {@code valuesUpTo} elements (a tiny example's matrices) instead of only scalars'.
     *
     * @param root the result whose graph is drawn
     * @param valuesUpTo the largest size whose values are written out; 1 writes scalars' only
     * @return the DOT text
     * @throws IllegalArgumentException if {@code root} is null or {@code valuesUpTo} is negative
     */
    public static String render(Tensor root, int valuesUpTo) {
        if (valuesUpTo < 0) {
            throw new IllegalArgumentException("dot: valuesUpTo must be >= 0, got " + valuesUpTo);
        }
        if (root == null) {
            throw new IllegalArgumentException("dot: root is null");
        }
        Map<Tensor, String> ids = new IdentityHashMap<>();
        StringBuilder sb = new StringBuilder("digraph chainrule {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        Deque<Tensor> todo = new ArrayDeque<>();
        id(root, ids, todo, sb, valuesUpTo);
        while (!todo.isEmpty()) {
            Tensor t = todo.pop();
            if (t.isLeaf() || !hasInputs(t)) {
                continue;
            }
            String opId = ids.get(t) + "_op";
            sb.append("  ").append(opId).append(" [label=\"").append(escape(t.op())).append("\", shape=ellipse];\n");
            sb.append("  ").append(opId).append(" -> ").append(ids.get(t)).append(";\n");
            for (Tensor in : t.inputs()) {
                String inId = id(in, ids, todo, sb, valuesUpTo);
                sb.append("  ").append(inId).append(" -> ").append(opId).append(";\n");
            }
        }
        return sb.append("}\n").toString();
    }

    private static boolean hasInputs(Tensor t) {
        try {
            return t.inputs().length > 0;
        } catch (IllegalStateException freed) {
            return false;
        }
    }

    private static String id(Tensor t, Map<Tensor, String> ids, Deque<Tensor> todo, StringBuilder sb, int valuesUpTo) {
        String existing = ids.get(t);
        if (existing != null) {
            return existing;
        }
        String id = "t" + ids.size();
        ids.put(t, id);
        todo.push(t);
        StringBuilder label = new StringBuilder("{ ");
        if (t.label() != null) {
            label.append(escape(t.label())).append(" | ");
        }
        label.append("shape ").append(t.shape());
        if (t.size() == 1) {
            label.append(" | data ").append(format(t.item()));
        } else if (t.size() <= valuesUpTo) {
            label.append(" | data ").append(values(t));
        }
        if (t.hasGrad()) {
            Tensor g = t.grad();
            label.append(" | grad ").append(g.size() == 1 ? format(g.item())
                    : g.size() <= valuesUpTo ? values(g) : "shape " + g.shape());
        }
        label.append(" }");
        sb.append("  ").append(id).append(" [label=\"").append(label).append("\", shape=record];\n");
        return id;
    }

    /** A matrix row by row, [[1.0000, 2.0000], [3.0000, 4.0000]]; other ranks as one flat list. */
    private static String values(Tensor t) {
        double[] v = t.toArray();
        int cols = t.rank() == 2 ? t.shape().dim(1) : v.length;
        StringBuilder sb = new StringBuilder(t.rank() == 2 ? "[" : "");
        for (int i = 0; i < v.length; i++) {
            boolean rowStart = i % Math.max(cols, 1) == 0;
            sb.append(rowStart ? (i > 0 ? "], [" : "[") : ", ").append(format(v[i]));
        }
        sb.append("]");
        return escape(t.rank() == 2 ? sb.append("]").toString() : sb.toString());
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("{", "\\{").replace("}", "\\}")
                .replace("|", "\\|").replace("<", "\\<").replace(">", "\\>");
    }
}
