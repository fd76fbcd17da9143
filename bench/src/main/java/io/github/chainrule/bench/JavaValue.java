package io.github.chainrule.bench;

/**
 * The W1/W5 baseline: a bare micrograd-style scalar node in plain Java (a double, its gradient, two
 * parents and an op code), with an iterative topological sort marked by an int per node. It is the JVM
 * floor for a scalar autodiff graph, the "plain Java Value class" row of RESULTS.md, written here anew.
 */
final class JavaValue {
    private static final byte LEAF = 0;
    private static final byte ADD = 1;
    private static final byte MUL = 2;
    private static int passCounter;

    final double data;
    double grad;
    private final JavaValue a;
    private final JavaValue b;
    private final byte op;
    private int mark;

    private JavaValue(double data, JavaValue a, JavaValue b, byte op) {
        this.data = data;
        this.a = a;
        this.b = b;
        this.op = op;
    }

    /** Returns a leaf holding {@code v}. */
    static JavaValue leaf(double v) {
        return new JavaValue(v, null, null, LEAF);
    }

    /** Returns this + o. */
    JavaValue add(JavaValue o) {
        return new JavaValue(data + o.data, this, o, ADD);
    }

    /** Returns this · o. */
    JavaValue mul(JavaValue o) {
        return new JavaValue(data * o.data, this, o, MUL);
    }

    /** Seeds this node with gradient 1 and accumulates d this / d node into every node's grad. */
    void backward() {
        int pass = ++passCounter;
        // Iterative post-order DFS, marked when expanded: a node is appended to the order after its parents.
        JavaValue[] order = new JavaValue[16];
        int size = 0;
        JavaValue[] stack = new JavaValue[16];
        boolean[] expanded = new boolean[16];
        int top = 0;
        stack[top] = this;
        expanded[top++] = false;
        while (top > 0) {
            JavaValue v = stack[top - 1];
            if (expanded[top - 1]) {
                top--;
                if (size == order.length) {
                    order = java.util.Arrays.copyOf(order, size * 2);
                }
                order[size++] = v;
                continue;
            }
            if (v.mark == pass) {     // reached again by another path: already placed
                top--;
                continue;
            }
            v.mark = pass;
            expanded[top - 1] = true;
            for (int side = 0; side < 2; side++) {
                JavaValue p = side == 0 ? v.a : v.b;
                if (p != null && p.mark != pass) {
                    if (top == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, top * 2);
                        expanded = java.util.Arrays.copyOf(expanded, top * 2);
                    }
                    stack[top] = p;
                    expanded[top++] = false;
                }
            }
        }
        grad = 1;
        for (int i = size - 1; i >= 0; i--) {
            JavaValue v = order[i];
            if (v.op == ADD) {
                v.a.grad += v.grad;
                v.b.grad += v.grad;
            } else if (v.op == MUL) {
                v.a.grad += v.grad * v.b.data;
                v.b.grad += v.grad * v.a.data;
            }
        }
    }
}
