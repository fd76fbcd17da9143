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
        int reached = countDependents(outputs, pass);
        Node[] stack = new Node[reached];
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
            if (createGraph || Anomaly.isEnabled()) {
                propagateWithOps(outputs, seeds, stack, new Tensor[reached], pass, captured, retainGraph, createGraph);
            } else {
                propagateInPlace(outputs, seeds, stack, new double[reached][], pass, captured, retainGraph);
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
     * Second sweep with differentiable ops: every gradient is a tensor, every backward rule runs as written,
     * so with {@code createGraph} the pass is itself recorded. Anomaly mode takes this path too, to name
     * the op inside a rule that went non-finite.
     */
    private static void propagateWithOps(Tensor[] outputs, Tensor[] seeds, Node[] stack, Tensor[] pending, int pass,
                                         Tensor[] captured, boolean retainGraph, boolean createGraph) {
        for (int i = 0; i < outputs.length; i++) {
            int slot = outputs[i].node.slot;
            pending[slot] = pending[slot] == null ? seeds[i] : pending[slot].add(seeds[i]);
        }
        int top = queueOutputs(outputs, stack, pass);
        while (top > 0) {
            Node node = stack[--top];
            Tensor g = pending[node.slot];
            pending[node.slot] = null;
            if (captured != null && node.captureSlot >= 0) {
                captured[node.captureSlot] = g;
            }
            if ((node.backward == null || node.retainGrad) && captured == null && g != null) {
                accumulate(node.output, g, createGraph);
            }
            if (node.backward == null) {
                continue;
            }
            Tensor[] ins = node.inputs;
            Tensor[] grads = g == null ? null : applyBackward(node, g);
            for (int i = 0; i < ins.length; i++) {
                Node in = ins[i].node;
                if (in == null) {
                    continue;
                }
                Tensor gi = grads == null ? null : grads[i];
                if (gi != null) {
                    checkGradient(node.op, i, ins[i], gi);
                    Tensor sum = pending[in.slot];
                    pending[in.slot] = sum == null ? gi : sum.add(gi);
                }
                if (--in.dependents == 0) {
                    stack[top++] = in;
                }
            }
            if (!retainGraph && !createGraph) {
                release(node);
            }
        }
    }

    /**
     * Second sweep in place, for a pass that is not recorded: each node's gradient is a {@code double[]}
     * the engine owns, and an op's {@link GradKernel} adds its contributions straight into its inputs'
     * buffers. An op without a kernel runs its differentiable rule and its results are added in. No
     * buffer the engine writes into is ever seen by anyone else until its node is done: a leaf's
     * finished buffer becomes its gradient without a copy.
     */
    private static void propagateInPlace(Tensor[] outputs, Tensor[] seeds, Node[] stack, double[][] buffers, int pass,
                                         Tensor[] captured, boolean retainGraph) {
        for (int i = 0; i < outputs.length; i++) {
            addInto(buffers, outputs[i].node, seeds[i].data);
        }
        int top = queueOutputs(outputs, stack, pass);
        double[][] sinks = new double[2][];
        while (top > 0) {
            Node node = stack[--top];
            double[] g = buffers[node.slot];
            buffers[node.slot] = null;
            Tensor output = node.output;
            if (captured != null && node.captureSlot >= 0) {
                captured[node.captureSlot] = g == null ? null : Tensor.wrap(g, output.shape);
            }
            if ((node.backward == null || node.retainGrad) && captured == null && g != null) {
                accumulate(output, Tensor.wrap(g, output.shape), false);
            }
            if (node.backward == null) {
                continue;
            }
            Tensor[] ins = node.inputs;
            if (g != null) {
                if (node.kernel != null) {
                    if (sinks.length < ins.length) {
                        sinks = new double[ins.length][];
                    }
                    for (int i = 0; i < ins.length; i++) {
                        Node in = ins[i].node;
                        sinks[i] = in == null ? null : bufferOf(buffers, in);
                    }
                    node.kernel.accumulate(g, ins, output, sinks);
                    java.util.Arrays.fill(sinks, null);   // the next node must not see these buffers
                } else {
                    Tensor[] grads = node.backward.apply(Tensor.wrap(g, output.shape));
                    checkCount(node, grads);
                    for (int i = 0; i < ins.length; i++) {
                        Node in = ins[i].node;
                        if (in != null && grads[i] != null) {
                            checkGradient(node.op, i, ins[i], grads[i]);
                            addInto(buffers, in, grads[i].data);
                        }
                    }
                }
            }
            for (Tensor input : ins) {
                Node in = input.node;
                if (in != null && --in.dependents == 0) {
                    stack[top++] = in;
                }
            }
            if (!retainGraph) {
                release(node);
            }
        }
    }

    /** Puts the outputs that nothing else in the graph uses on the stack; returns the stack's height. */
    private static int queueOutputs(Tensor[] outputs, Node[] stack, int pass) {
        int top = 0;
        for (Tensor out : outputs) {
            Node n = out.node;
            if (n.dependents == 0 && n.mark == pass) {
                n.mark = -pass;   // queued: never queue a node twice
                stack[top++] = n;
            }
        }
        return top;
    }

    /** Returns the node's gradient buffer, a fresh zero one on the first contribution. */
    private static double[] bufferOf(double[][] buffers, Node n) {
        double[] b = buffers[n.slot];
        if (b == null) {
            b = new double[n.output.data.length];
            buffers[n.slot] = b;
        }
        return b;
    }

    /** Adds {@code g} into the node's gradient buffer; the first contribution is copied, never adopted. */
    private static void addInto(double[][] buffers, Node n, double[] g) {
        double[] b = buffers[n.slot];
        if (b == null) {
            buffers[n.slot] = g.clone();
            return;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] += g[i];
        }
    }

    private static void checkCount(Node node, Tensor[] grads) {
        if (grads.length != node.inputs.length) {
            throw new IllegalStateException(node.op + ": backward returned " + grads.length
                    + " gradients for " + node.inputs.length + " inputs");
        }
    }

    /** Drops what a finished node held (its inputs and rule), which frees the intermediate values. */
    private static void release(Node node) {
        node.inputs = null;
        node.backward = null;
        node.kernel = null;
        node.released = true;
    }

    /**
     * First sweep: marks every node reachable from the outputs with this pass's mark and counts its uses.
     * Numbers the reached nodes 0, 1, ... ({@code slot}, where the second sweep keeps each one's pending
     * gradient) and returns how many there are.
     */
    private static int countDependents(Tensor[] outputs, int pass) {
        Node[] stack = new Node[16];
        int top = 0;
        int reached = 0;
        for (Tensor out : outputs) {
            if (firstVisit(out.node, pass)) {
                out.node.slot = reached++;
                stack = push(stack, top++, out.node);
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
                    in.slot = reached++;
                    stack = push(stack, top++, in);
                }
                in.dependents++;
            }
        }
        return reached;
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
            Tensor[] grads = node.backward.apply(g);
            checkCount(node, grads);
            return grads;
        }
        try {
            Tensor[] grads = node.backward.apply(g);
            checkCount(node, grads);
            return grads;
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
