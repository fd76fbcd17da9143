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
        if (root == null) {
            throw new IllegalArgumentException("dot: root is null");
        }
        Map<Tensor, String> ids = new IdentityHashMap<>();
        StringBuilder sb = new StringBuilder("digraph chainrule {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        Deque<Tensor> todo = new ArrayDeque<>();
        id(root, ids, todo, sb);
        while (!todo.isEmpty()) {
            Tensor t = todo.pop();
            if (t.isLeaf() || !hasInputs(t)) {
                continue;
            }
            String opId = ids.get(t) + "_op";
            sb.append("  ").append(opId).append(" [label=\"").append(escape(t.op())).append("\", shape=ellipse];\n");
            sb.append("  ").append(opId).append(" -> ").append(ids.get(t)).append(";\n");
            for (Tensor in : t.inputs()) {
                String inId = id(in, ids, todo, sb);
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

    private static String id(Tensor t, Map<Tensor, String> ids, Deque<Tensor> todo, StringBuilder sb) {
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
        }
        if (t.hasGrad()) {
            Tensor g = t.grad();
            label.append(" | grad ").append(g.size() == 1 ? format(g.item()) : "shape " + g.shape());
        }
        label.append(" }");
        sb.append("  ").append(id).append(" [label=\"").append(label).append("\", shape=record];\n");
        return id;
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("{", "\\{").replace("}", "\\}")
                .replace("|", "\\|").replace("<", "\\<").replace(">", "\\>");
    }
}
