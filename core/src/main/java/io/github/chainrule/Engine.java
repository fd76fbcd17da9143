package io.github.chainrule;

import io.github.chainrule.kernel.FreshArrays;
import io.github.chainrule.kernel.SpareArrays;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs reverse mode over the graph: the one algorithm behind {@link Tensor#backward()} and
 * {@link Autograd#grad}.
 *
 * <p>The pass has two sweeps and no recursion, so a chain of a million nodes needs no deep stack.
 * <ol>
 *   <li>Count, for every tensor reachable from the outputs, how many recorded uses it has, walking the
 *       graph with an explicit stack and an int visit mark per tensor (a fresh mark per pass instead of a
 *       hash set). A pass over scalars keeps the counts in the tensors; the other passes then number the
 *       reached tensors (their slots, in the same int of each tensor) and move the counts into an array
 *       by slot ({@link Numbering}): one int per node instead of two.</li>
 *   <li>Starting from the outputs, process a tensor once all of its uses have sent it their gradient
 *       (Kahn's algorithm, which yields a reverse topological order): hand the summed gradient to the
 *       backward rule of the op that made it, and send each result on to that input.</li>
 * </ol>
 * Gradients that meet at a tensor are summed (a tensor used twice gets both contributions: the
 * multivariable chain rule). They wait in an array indexed by slot, owned by the pass, not in fields of
 * the tensors, so a pass writes no references into the (often long-lived) leaves but their final
 * {@code grad}. Unless the graph is retained, each op's inputs and rule are dropped once it has run,
 * which frees the intermediate values it held.
 *
 * <p>The second sweep comes in three forms. A pass that records itself ({@code createGraph}) or runs in
 * anomaly mode uses the differentiable rules, each gradient a tensor. The usual pass runs each op's
 * in-place {@link GradKernel} where it has one, adding into {@code double[]} buffers the engine owns. And
 * a usual pass over a graph of scalars (one-element tensors, ops with {@link LocalDerivative local
 * derivatives}: micrograd's case) keeps each gradient in a double.
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
        return run(outputs, seeds, inputs, retainGraph, createGraph, allowUnused, null);
    }

    /**
     * As {@link #run(Tensor[], Tensor[], Tensor[], boolean, boolean, boolean)}, but the walk treats the
     * tensors in {@code stop} as constants: it does not enter them or what they were computed from. For a
     * caller that knows no tensor behind them leads to its inputs (forward mode's derived rule: tensors
     * made before its fresh u cannot depend on it), this bounds the pass by the part of the graph it needs.
     * Only a recorded pass ({@code createGraph}) takes a stop set.
     */
    static Tensor[] run(Tensor[] outputs, Tensor[] seeds, Tensor[] inputs, boolean retainGraph,
                        boolean createGraph, boolean allowUnused, java.util.Set<Tensor> stop) {
        if (stop != null && !createGraph) {
            throw new IllegalArgumentException("backward: a stop set needs a recorded pass (createGraph)");
        }
        int pass = PASS.incrementAndGet();
        Reach reach = countDependents(outputs, pass, stop);
        int reached = reach.count();
        Tensor[] stack = new Tensor[reached];
        Tensor[] captured = inputs == null ? null : new Tensor[inputs.length];
        boolean withOps = createGraph || Anomaly.isEnabled();
        GradMode.Scope recording = GradMode.set(createGraph);
        try (recording) {
            if (!withOps && reach.scalars() && captured == null) {
                propagateScalars(outputs, seeds, stack, pass, retainGraph);
            } else {
                Numbering numbered = number(outputs, reached, pass, stop);
                int[] captureOf = inputs == null ? null : captureSlots(inputs, reached, numbered.pass());
                if (withOps) {
                    propagateWithOps(outputs, seeds, stack, new Tensor[reached], numbered, captured, captureOf, retainGraph, createGraph);
                } else {
                    propagateInPlace(outputs, seeds, stack, new PendingGradients(reached), numbered, captured, captureOf, retainGraph);
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
     * Returns, for each reached tensor's slot, the position of that tensor among {@code inputs} (the
     * tensors {@link Autograd#grad} returns gradients for), or -1.
     */
    private static int[] captureSlots(Tensor[] inputs, int reached, int pass) {
        int[] captureOf = new int[reached];
        Arrays.fill(captureOf, -1);
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = inputs[i];
            if (t.origin == null) {
                throw new IllegalArgumentException("grad: input " + i + " of shape " + t.shape
                        + " does not require a gradient; call requiresGrad() on it before building the graph");
            }
            for (int j = 0; j < i; j++) {
                if (inputs[j] == t) {
                    throw new IllegalArgumentException("grad: input " + i + " is the same tensor as input " + j);
                }
            }
            if (t.mark == pass) {   // reached from the outputs; an unreached input gets no gradient
                captureOf[t.usesOrSlot] = i;
            }
        }
        return captureOf;
    }

    /**
     * Second sweep with differentiable ops: every gradient is a tensor, every backward rule runs as written,
     * so with {@code createGraph} the pass is itself recorded. Anomaly mode takes this path too, to name
     * the op inside a rule that went non-finite.
     */
    private static void propagateWithOps(Tensor[] outputs, Tensor[] seeds, Tensor[] stack, Tensor[] pending, Numbering numbered,
                                         Tensor[] captured, int[] captureOf, boolean retainGraph,
                                         boolean createGraph) {
        for (int i = 0; i < outputs.length; i++) {
            int slot = outputs[i].usesOrSlot;
            pending[slot] = pending[slot] == null ? seeds[i] : pending[slot].add(seeds[i]);
        }
        int pass = numbered.pass();
        int[] uses = numbered.uses();
        int top = queueOutputs(outputs, stack, numbered);
        while (top > 0) {
            Tensor node = stack[--top];
            Tensor g = pending[node.usesOrSlot];
            pending[node.usesOrSlot] = null;
            if (captured != null && captureOf[node.usesOrSlot] >= 0) {
                captured[captureOf[node.usesOrSlot]] = g;
            }
            if ((node.origin == Origin.LEAF || node.origin.retainsGrad) && captured == null && g != null) {
                accumulate(node, g, createGraph);
            }
            if (node.origin == Origin.LEAF) {
                continue;
            }
            Tensor[] ins = node.inputs();
            Tensor[] grads = g == null ? null : applyBackward(node, g, ins);
            for (int i = 0; i < ins.length; i++) {
                Tensor in = ins[i];
                if (in.origin == null || in.mark != pass) {
                    continue;   // a constant, or a tensor the walk stopped at (see the stop set)
                }
                Tensor gi = grads == null ? null : grads[i];
                if (gi != null) {
                    checkGradient(node.origin.op, i, in, gi);
                    Tensor sum = pending[in.usesOrSlot];
                    pending[in.usesOrSlot] = sum == null ? gi : sum.add(gi);
                }
                if (--uses[in.usesOrSlot] == 0) {
                    stack[top++] = in;
                }
            }
            if (!retainGraph && !createGraph) {   // a created graph may still need these nodes
                release(node);
            }
        }
    }

    /**
     * Second sweep in place, for a pass that is not recorded: each tensor's gradient is a {@code double[]}
     * the engine owns, and an op's {@link GradKernel} adds its contributions straight into its inputs'
     * buffers. An op without a kernel runs its differentiable rule and its results are added in. No
     * buffer the engine writes into is seen by anyone else until its tensor is done: a leaf's finished
     * buffer becomes its gradient without a copy.
     */
    private static void propagateInPlace(Tensor[] outputs, Tensor[] seeds, Tensor[] stack, PendingGradients pending, Numbering numbered,
                                         Tensor[] captured, int[] captureOf, boolean retainGraph) {
        for (int i = 0; i < outputs.length; i++) {
            pending.add(outputs[i], seeds[i].buffer());
        }
        int[] uses = numbered.uses();
        int top = queueOutputs(outputs, stack, numbered);
        Tensor[] ins = new Tensor[2];         // reused from op to op: kernels must not keep these arrays
        double[][] sinks = new double[2][];
        while (top > 0) {
            Tensor node = stack[--top];
            int slot = node.usesOrSlot;
            double[] g = pending.take(node);
            if (captured != null && captureOf[slot] >= 0) {
                captured[captureOf[slot]] = g == null ? null : Tensor.wrap(g, node.shape);
            }
            if ((node.origin == Origin.LEAF || node.origin.retainsGrad) && captured == null && g != null) {
                if (node.origin == Origin.LEAF && g.length == 1) {
                    addToScalarLeaf(node, g[0]);
                } else if (g != node.gradValue()) {   // else it is the leaf's own array, which the kernels added into already
                    accumulate(node, Tensor.wrap(g, node.shape), false);
                }
            }
            if (node.origin == Origin.LEAF) {
                continue;
            }
            int n = node.inputCount();
            if (g != null) {
                if (node.origin.kernel != null) {
                    if (ins.length < n) {
                        ins = new Tensor[n];
                        sinks = new double[n][];
                    }
                    GradKernel kernel = node.origin.kernel;
                    boolean handedOn = false;   // whether g went on, unchanged, as an input's gradient
                    for (int i = 0; i < n; i++) {
                        Tensor in = node.input(i);
                        ins[i] = in;
                        if (in.origin == null) {
                            sinks[i] = null;
                        } else if (kernel.passesThrough(i) && pending.borrows(in, node)) {
                            pending.add(in, g);   // its first contribution is g itself: lend it, no buffer, no loop
                            sinks[i] = null;
                            handedOn = true;
                        } else {
                            sinks[i] = pending.writable(in, captured == null);
                        }
                    }
                    kernel.accumulate(g, ins, node, sinks);   // entries past n are stale: kernels read n
                    boolean exposed = handedOn || node.origin.retainsGrad || (captured != null && captureOf[slot] >= 0);
                    if (!exposed) {
                        pending.recycle(g);   // the kernel kept nothing: the array can serve the next tensor
                    }
                } else {
                    applyRuleInPlace(node, g, pending);
                }
            }
            for (int i = 0; i < n; i++) {
                Tensor in = node.input(i);
                if (in.origin != null && --uses[in.usesOrSlot] == 0) {
                    stack[top++] = in;
                }
            }
            if (!retainGraph) {
                release(node);
            }
        }
    }

    /**
     * Second sweep for a graph of scalars: every reached tensor holds one element and every op has
     * {@link LocalDerivative local derivatives}, as in micrograd. Each gradient is a double in the tensor
     * itself ({@code scalarGrad}, zeroed by the first sweep), and an op adds {@code g·∂out/∂in} into each
     * input's: the chain rule with no buffer per tensor and no array beside the graph. A leaf's
     * contributions go straight into its accumulated gradient. Not for {@link Autograd#grad}, which must
     * leave the leaves' gradients alone: that takes the in-place pass.
     */
    private static void propagateScalars(Tensor[] outputs, Tensor[] seeds, Tensor[] stack, int pass,
                                         boolean retainGraph) {
        for (int i = 0; i < outputs.length; i++) {
            sendScalar(outputs[i], seeds[i].first());
        }
        int top = queueOutputs(outputs, stack, pass, null);
        while (top > 0) {
            Tensor node = stack[--top];
            if (node.origin == Origin.LEAF) {
                continue;   // a leaf: its gradient is complete
            }
            double g = node.scalarGrad;
            if (node.origin.retainsGrad) {
                accumulate(node, Tensor.single(g, node.shape), false);
            }
            LocalDerivative local = (LocalDerivative) node.origin.kernel;
            Tensor a = node.input0;
            Tensor b = (Tensor) node.gradOrInput1;   // an op's output: its second input
            double av = a.first();
            double bv = b == null ? Double.NaN : b.first();
            double out = node.first();
            // A leaf's contributions go straight into its gradient, so it is never queued: it has nothing left to do.
            if (a.origin == Origin.LEAF) {
                addToScalarLeaf(a, g * local.partial(0, av, bv, out));
            } else if (a.origin != null) {
                a.scalarGrad += g * local.partial(0, av, bv, out);
                if (--a.usesOrSlot == 0) {
                    stack[top++] = a;
                }
            }
            if (b == null || b.origin == null) {
                // a one-input op, or a constant: nothing to send
            } else if (b.origin == Origin.LEAF) {
                addToScalarLeaf(b, g * local.partial(1, av, bv, out));
            } else {
                b.scalarGrad += g * local.partial(1, av, bv, out);
                if (--b.usesOrSlot == 0) {
                    stack[top++] = b;
                }
            }
            if (!retainGraph) {
                release(node);
            }
        }
    }

    /** Adds a contribution to a one-element tensor's gradient in a pass over scalars: its pending one, or a leaf's own. */
    private static void sendScalar(Tensor t, double g) {
        if (t.origin == Origin.LEAF) {
            addToScalarLeaf(t, g);
        } else {
            t.scalarGrad += g;
        }
    }

    /**
     * Adds {@code g} into a one-element leaf's accumulated gradient, kept as a double in the leaf (its
     * {@code grad} then refers to the leaf itself). A gradient already handed out as a tensor is the
     * starting value; that tensor itself never changes.
     */
    private static void addToScalarLeaf(Tensor leaf, double g) {
        if (leaf.gradOrInput1 != leaf) {
            leaf.scalarGrad = leaf.gradOrInput1 instanceof Tensor handedOut ? handedOut.first() : 0;
            leaf.gradOrInput1 = leaf;
        }
        leaf.scalarGrad += g;
    }

    /** Runs the differentiable rule of an op that has no kernel, and adds what it returns into the pending gradients. */
    private static void applyRuleInPlace(Tensor node, double[] g, PendingGradients pending) {
        Tensor[] inputs = node.inputs();
        Tensor[] grads = checkCount(node, node.origin.derivative.backward(Tensor.wrap(g, node.shape), inputs, node));
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].origin != null && grads[i] != null) {
                checkGradient(node.origin.op, i, inputs[i], grads[i]);
                pending.add(inputs[i], grads[i].buffer());
            }
        }
    }

    /** Puts the outputs that nothing else in the graph uses on the stack; returns the stack's height. */
    private static int queueOutputs(Tensor[] outputs, Tensor[] stack, Numbering numbered) {
        return queueOutputs(outputs, stack, numbered.pass(), numbered.uses());
    }

    /**
     * Puts the outputs reached under {@code pass} that nothing else uses on the stack, their use counts in
     * {@code uses} by slot, or in the tensors themselves when it is null (the pass over scalars).
     */
    private static int queueOutputs(Tensor[] outputs, Tensor[] stack, int pass, int[] uses) {
        int top = 0;
        for (Tensor out : outputs) {
            // The mark first: only a tensor reached under this pass has a count (or a slot) in usesOrSlot.
            if (out.mark == pass && (uses == null ? out.usesOrSlot : uses[out.usesOrSlot]) == 0) {
                out.mark = -pass;   // queued: never queue a tensor twice
                stack[top++] = out;
            }
        }
        return top;
    }

    /**
     * The gradients waiting at the tensors of an in-place pass, one array per slot. An array is either
     * owned by the pass (written in place as contributions arrive) or borrowed: the first contribution of
     * an op without a kernel is kept as it came, without a copy, and copied only if a second one has to
     * be added to it. So a chain of ops without kernels costs no more than with differentiable ops.
     */
    private static final class PendingGradients {
        private final double[][] values;
        private final boolean[] owned;
        private boolean takenOwned;   // whether the array take() returned last belonged to the pass
        private double[] spare;       // a small finished array to reuse, so a chain of same-shaped ops allocates one
        private final SpareArrays spares = SpareArrays.ofThread();   // large ones, kept across passes too

        PendingGradients(int slots) {
            values = new double[slots][];
            owned = new boolean[slots];
        }

        /** Removes and returns the tensor's summed gradient (null if none arrived); only to be read. */
        double[] take(Tensor t) {
            double[] g = values[t.usesOrSlot];
            values[t.usesOrSlot] = null;
            takenOwned = owned[t.usesOrSlot];
            owned[t.usesOrSlot] = false;
            return g;
        }

        /** Keeps {@code g}, the array take() returned last and nobody else holds, for reuse if the pass owned it. */
        void recycle(double[] g) {
            if (!takenOwned) {
                return;
            }
            if (g.length >= SpareArrays.MIN_DOUBLES) {
                spares.keep(g);
            } else {
                spare = g;
            }
        }

        /** Returns a zero array of this length: a spare if one fits, else a new one. */
        private double[] zeros(int length) {
            double[] b = spare != null && spare.length == length ? spare : spares.take(length);
            if (b == null) {
                return FreshArrays.zeros(length);
            }
            if (b == spare) {
                spare = null;
            }
            Arrays.fill(b, 0.0);
            return b;
        }

        /**
         * Returns an array that kernels may add the tensor's gradient into: a fresh zero one on the first
         * contribution or, for a leaf whose gradient the pass accumulates, the leaf's own gradient array
         * ({@link #leafGradient}); an owned copy of a borrowed one.
         */
        double[] writable(Tensor t, boolean accumulating) {
            double[] b = values[t.usesOrSlot];
            if (b == null) {
                b = accumulating && t.origin == Origin.LEAF && t.shape.size() > 1 ? leafGradient(t) : zeros(t.shape.size());
            } else if (!owned[t.usesOrSlot]) {
                b = b.clone();
            } else {
                return b;
            }
            values[t.usesOrSlot] = b;
            owned[t.usesOrSlot] = true;
            return b;
        }

        /**
         * Whether an op's output gradient can become its input {@code in}'s gradient as it is: nothing has
         * arrived at {@code in} yet, {@code in} has the output's shape, and it is no leaf (a leaf's
         * contributions go into the array it keeps from pass to pass).
         */
        boolean borrows(Tensor in, Tensor output) {
            return values[in.usesOrSlot] == null && in.origin != Origin.LEAF && in.shape.equals(output.shape);
        }

        /** Adds {@code g} into the tensor's gradient; the first contribution is borrowed, not copied. */
        void add(Tensor t, double[] g) {
            if (values[t.usesOrSlot] == null) {
                values[t.usesOrSlot] = g;
                return;
            }
            double[] b = writable(t, false);
            for (int i = 0; i < b.length; i++) {
                b[i] += g[i];
            }
        }
    }

    /**
     * Returns the array a leaf of more than one element accumulates its gradient in place into: the
     * gradient it holds from earlier passes, or else a new array that becomes its gradient. A leaf whose
     * gradient was handed out as a tensor gets a new array that is not its gradient yet, summed with that
     * tensor at the end: handed-out gradients never change. (A one-element leaf keeps its gradient in a
     * double: {@link #addToScalarLeaf}.)
     */
    private static double[] leafGradient(Tensor leaf) {
        if (leaf.gradOrInput1 instanceof double[] live) {
            return live;
        }
        double[] b = new double[leaf.shape.size()];
        if (leaf.gradOrInput1 == null) {
            leaf.gradOrInput1 = b;
        }
        return b;
    }

    /** Drops what a finished op held (its inputs and rule), which frees the intermediate values. */
    private static void release(Tensor node) {
        node.input0 = null;     // which also marks the node as freed (Tensor.isReleased)
        node.gradOrInput1 = null;   // its second input: an op's output keeps a retained gradient in its origin
        node.origin.release();   // a closure may hold tensors it captured, and inputs past the second
    }

    /**
     * First sweep: marks every tensor reachable from the outputs with this pass's mark, counts its uses and
     * numbers it. Returns how many tensors were reached, and whether they form a graph of scalars (see
     * {@link #propagateScalars}).
     */
    private static Reach countDependents(Tensor[] outputs, int pass, java.util.Set<Tensor> stop) {
        Tensor[] stack = new Tensor[16];
        int top = 0;
        int reached = 0;
        boolean scalars = true;
        for (Tensor out : outputs) {
            if (firstVisit(out, pass)) {
                reached++;
                stack = push(stack, top++, out);
            }
        }
        while (top > 0) {
            Tensor node = stack[--top];
            scalars &= node.shape.size() == 1 && (node.origin == Origin.LEAF
                    || node.origin.kernel instanceof LocalDerivative && node.origin.moreInputs == null);   // local derivatives: 1 or 2 inputs
            for (int i = 0, n = node.inputCount(); i < n; i++) {
                Tensor in = node.input(i);
                if (in.origin == null || stop != null && stop.contains(in)) {
                    continue;   // a constant (or a tensor the caller stops at): no gradient flows into it
                }
                if (firstVisit(in, pass)) {
                    reached++;
                    if (in.origin == Origin.LEAF) {
                        scalars &= in.shape.size() == 1;   // a leaf has no inputs to walk: no need to stack it
                    } else {
                        stack = push(stack, top++, in);
                    }
                }
                in.usesOrSlot++;
            }
        }
        return new Reach(reached, scalars);
    }

    /**
     * For every pass but one over scalars: gives each tensor the first sweep reached a slot (0 to
     * reached − 1, in the int that held its use count) and a fresh mark, and returns the counts in an
     * array by slot. The walk goes where the first sweep went, and is bounded by the same graph.
     */
    private static Numbering number(Tensor[] outputs, int reached, int counted, java.util.Set<Tensor> stop) {
        int pass = PASS.incrementAndGet();
        int[] uses = new int[reached];
        Tensor[] stack = new Tensor[16];
        int top = 0;
        int slots = 0;
        for (Tensor out : outputs) {
            if (out.mark == counted) {
                slots = assignSlot(out, pass, uses, slots);
                stack = push(stack, top++, out);
            }
        }
        while (top > 0) {
            Tensor node = stack[--top];
            for (int i = 0, n = node.inputCount(); i < n; i++) {
                Tensor in = node.input(i);
                if (in.origin == null || in.mark != counted || stop != null && stop.contains(in)) {
                    continue;   // a constant, a tensor the caller stops at, or one already numbered
                }
                slots = assignSlot(in, pass, uses, slots);
                if (in.origin != Origin.LEAF) {
                    stack = push(stack, top++, in);
                }
            }
        }
        return new Numbering(pass, uses);
    }

    /** Moves a tensor's use count into {@code uses} at its new slot, which takes the count's place; returns the next slot. */
    private static int assignSlot(Tensor t, int pass, int[] uses, int slot) {
        t.mark = pass;
        uses[slot] = t.usesOrSlot;
        t.usesOrSlot = slot;
        return slot + 1;
    }

    /**
     * The numbered tensors of a pass that is not over scalars: the mark they carry now (a pass of its
     * own, so "reached" and "numbered" cannot be confused) and, by slot, how many of each one's uses
     * are still to send it their gradient.
     */
    private record Numbering(int pass, int[] uses) {
    }

    /** What the first sweep found: how many tensors it reached, and whether they are a graph of scalars. */
    private record Reach(int count, boolean scalars) {
    }

    /** Marks a tensor as reached in this pass and resets its use count and pending scalar gradient; returns false if it already was. */
    private static boolean firstVisit(Tensor t, int pass) {
        if (t.isReleased()) {
            throw freed(t);
        }
        if (t.mark == pass) {
            return false;
        }
        t.mark = pass;
        t.usesOrSlot = 0;
        if (t.origin != Origin.LEAF) {
            t.scalarGrad = 0;   // the gradient pending at it, should this be a pass over scalars
        }
        return true;
    }

    private static Tensor[] push(Tensor[] stack, int index, Tensor t) {
        Tensor[] s = index == stack.length ? Arrays.copyOf(stack, index * 2) : stack;
        s[index] = t;
        return s;
    }

    /**
     * Runs an op's differentiable rule. In anomaly mode, a NaN or infinity raised by an op inside the rule
     * (the division in sqrt's 1/(2√x), say) is reported as this op's backward, the op the user wrote.
     */
    private static Tensor[] applyBackward(Tensor node, Tensor g, Tensor[] inputs) {
        if (!Anomaly.isEnabled()) {
            return checkCount(node, node.origin.derivative.backward(g, inputs, node));
        }
        try {
            return checkCount(node, node.origin.derivative.backward(g, inputs, node));
        } catch (Anomaly.AnomalyException inner) {
            throw new Anomaly.AnomalyException(node.origin.op + ": backward produced a non-finite gradient (inside it, "
                    + inner.getMessage() + ")");
        }
    }

    private static Tensor[] checkCount(Tensor node, Tensor[] grads) {
        int n = node.inputCount();
        if (grads == null || grads.length != n) {
            throw new IllegalStateException(node.origin.op + ": backward returned " + (grads == null ? "null" : grads.length)
                    + " gradients for " + n + " inputs");
        }
        return grads;
    }

    private static IllegalStateException freed(Tensor t) {
        return new IllegalStateException("backward: the graph through op '" + t.origin.op
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
        Tensor prior = t.gradOrNull();
        t.setGrad(prior == null ? add : prior.add(add));
    }
}
