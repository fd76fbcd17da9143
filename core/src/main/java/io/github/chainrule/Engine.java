package io.github.chainrule;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs reverse mode over the graph: the one algorithm behind {@link Tensor#backward()} and
 * {@link Autograd#grad}.
 *
 * <p>The pass has two sweeps and no recursion, so a chain of a million nodes needs no deep stack.
 * <ol>
 *   <li>Count, for every node reachable from the outputs, how many recorded uses it has
 *       ({@code dependents}), walking the graph with an explicit stack and an int visit mark per node
 *       (a fresh mark per pass instead of a hash set).</li>
 *   <li>Starting from the outputs, process a node once all of its uses have sent it their gradient
 *       (Kahn's algorithm, which yields a reverse topological order): sum what arrived into the node's
 *       gradient, hand it to the node's backward rule, and send each result on to that input.</li>
 * </ol>
 * Gradients that meet at a node are summed (a tensor used twice gets both contributions: the
 * multivariable chain rule). Unless the graph is retained, each node's inputs and backward rule are
 * dropped once it has run, which frees the intermediate values it held.
 */
final class Engine {
    private static final AtomicInteger PASS = new AtomicInteger();

    private Engine() {
    }

    /**
     * Backpropagates from {@code outputs}, seeded with {@code seeds}; accumulates into leaves'
     * {@code grad} when {@code inputs} is null, or else returns the gradients of those inputs.
     */
    static Tensor[] run(Tensor[] outputs, Tensor[] seeds, Tensor[] inputs, boolean retainGraph,
                        boolean createGraph, boolean allowUnused) {
        int pass = PASS.incrementAndGet();
        Node[] stack = countDependents(outputs, pass);
        Tensor[] captured = inputs == null ? null : new Tensor[inputs.length];
        if (inputs != null) {
            for (int i = 0; i < inputs.length; i++) {
                Node n = inputs[i].node;
                if (n == null) {
                    throw new IllegalArgumentException("grad: input " + i + " of shape " + inputs[i].shape
                            + " does not require a gradient; call requiresGrad() on it before building the graph");
                }
                if (n.captureSlot >= 0) {
                    throw new IllegalArgumentException("grad: input " + i + " is the same tensor as input " + n.captureSlot);
                }
                n.captureSlot = i;
            }
        }
        try (GradMode.Scope ignored = GradMode.set(createGraph)) {
            int top = 0;
            for (int i = 0; i < outputs.length; i++) {
                Node n = outputs[i].node;
                n.pending = n.pending == null ? seeds[i] : n.pending.add(seeds[i]);
            }
            for (Tensor out : outputs) {
                Node n = out.node;
                if (n.dependents == 0 && n.mark == pass) {
                    n.mark = -pass;   // queued: never queue a node twice
                    stack[top++] = n;
                }
            }
            while (top > 0) {
                Node node = stack[--top];
                Tensor g = node.pending;
                node.pending = null;
                if (captured != null && node.captureSlot >= 0) {
                    captured[node.captureSlot] = g;
                }
                if (node.backward == null) {
                    if (captured == null && g != null) {
                        accumulate(node.output, g, createGraph);
                    }
                    continue;
                }
                if (node.retainGrad && captured == null && g != null) {
                    accumulate(node.output, g, createGraph);
                }
                Tensor[] ins = node.inputs;
                Tensor[] grads = g == null ? null : applyBackward(node, g);
                if (grads != null && grads.length != ins.length) {
                    throw new IllegalStateException(node.op + ": backward returned " + grads.length
                            + " gradients for " + ins.length + " inputs");
                }
                for (int i = 0; i < ins.length; i++) {
                    Node in = ins[i].node;
                    if (in == null) {
                        continue;
                    }
                    Tensor gi = grads == null ? null : grads[i];
                    if (gi != null) {
                        checkGradient(node.op, i, ins[i], gi);
                        in.pending = in.pending == null ? gi : in.pending.add(gi);
                    }
                    if (--in.dependents == 0) {
                        stack[top++] = in;
                    }
                }
                if (!retainGraph && !createGraph) {   // a created graph may still need these nodes
                    node.inputs = null;
                    node.backward = null;
                    node.released = true;
                }
            }
        } finally {
            if (inputs != null) {
                for (Tensor t : inputs) {
                    t.node.captureSlot = -1;
                }
            }
        }
        if (captured != null) {
            for (int i = 0; i < captured.length; i++) {
                if (captured[i] == null) {
                    if (!allowUnused) {
                        throw new IllegalArgumentException("grad: input " + i + " of shape " + inputs[i].shape
                                + " is not reachable from the output; pass allowUnused to get zeros instead");
                    }
                    captured[i] = Tensor.zeros(inputs[i].shape);
                }
            }
        }
        return captured;
    }

    /**
     * First sweep: marks every node reachable from the outputs with this pass's mark and counts its uses.
     * Returns a stack big enough for the second sweep.
     */
    private static Node[] countDependents(Tensor[] outputs, int pass) {
        Node[] stack = new Node[16];
        int top = 0;
        int reached = 0;
        for (Tensor out : outputs) {
            if (firstVisit(out.node, pass)) {
                stack = push(stack, top++, out.node);
                reached++;
            }
        }
        while (top > 0) {
            Node node = stack[--top];
            for (Tensor input : node.inputs) {
                Node in = input.node;
                if (in == null) {
                    continue;
                }
                if (firstVisit(in, pass)) {
                    stack = push(stack, top++, in);
                    reached++;
                }
                in.dependents++;
            }
        }
        return stack.length >= reached ? stack : new Node[reached];
    }

    /** Marks a node as reached in this pass and resets its bookkeeping; returns false if it already was. */
    private static boolean firstVisit(Node n, int pass) {
        if (n.released) {
            throw freed(n);
        }
        if (n.mark == pass) {
            return false;
        }
        n.mark = pass;
        n.dependents = 0;
        n.pending = null;
        return true;
    }

    private static Node[] push(Node[] stack, int index, Node n) {
        Node[] s = index == stack.length ? Arrays.copyOf(stack, index * 2) : stack;
        s[index] = n;
        return s;
    }


    /**
     * Runs a node's backward rule. In anomaly mode, a NaN or infinity raised by an op inside the rule (the
     * division in sqrt's 1/(2√x), say) is reported as this node's backward, the op the user wrote.
     */
    private static Tensor[] applyBackward(Node node, Tensor g) {
        if (!Anomaly.isEnabled()) {
            return node.backward.apply(g);
        }
        try {
            return node.backward.apply(g);
        } catch (Anomaly.AnomalyException inner) {
            throw new Anomaly.AnomalyException(node.op + ": backward produced a non-finite gradient (inside it, "
                    + inner.getMessage() + ")");
        }
    }

    private static IllegalStateException freed(Node n) {
        return new IllegalStateException("backward: the graph through op '" + n.op
                + "' was already freed by an earlier backward(); call backward with retainGraph=true the first time"
                + " to go through the same graph twice");
    }

    private static void checkGradient(String op, int i, Tensor input, Tensor g) {
        if (!g.shape.equals(input.shape)) {
            throw new IllegalStateException(op + ": backward returned a gradient of shape " + g.shape
                    + " for input " + i + " of shape " + input.shape);
        }
        if (Anomaly.isEnabled()) {
            Anomaly.checkGradient(op, i, g);
        }
    }

    /**
     * Adds {@code g} into {@code t.grad}. Gradients, like all tensors, are never modified in place, so the
     * first one is stored as it is (no copy) and later ones are summed into a new tensor. Without
     * createGraph the pass runs with recording off, so that sum is a plain value; a gradient the user
     * passed in that is itself part of a graph is cut from it, so that {@code grad} is a plain value too.
     */
    private static void accumulate(Tensor t, Tensor g, boolean createGraph) {
        Tensor add = createGraph ? g : g.detach();
        t.grad = t.grad == null ? add : t.grad.add(add);
    }
}
