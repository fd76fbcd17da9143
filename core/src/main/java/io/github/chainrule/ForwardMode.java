package io.github.chainrule;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Forward mode: Jacobian-vector products (directional derivatives) of any function built from recorded
 * ops, and, composed with reverse mode, Jacobians column by column, Hessian-vector products and Hessians
 * by forward-over-reverse.
 *
 * <h2>How a tangent is computed</h2>
 * The function runs once as usual, so the graph records it (its inputs are made to require a gradient if
 * they do not). Then one forward sweep visits the recorded nodes between the inputs and the output in
 * topological order (an explicit stack, no recursion) and gives each node the tangent of its output from
 * the tangents of its inputs, J·t, by one of two rules:
 * <ul>
 *   <li><b>explicit</b>: the op recorded a {@link Jvp} beside its backward rule ({@link Origin#of(String,
 *       Derivative, GradKernel, Jvp)}). The built-in elementwise ops take {@link Jvp#diagonal} of their own
 *       backward rule (a diagonal Jacobian is its own transpose, so f'(x) is written once for both
 *       modes); the linear ops (reshape, permute, broadcastTo, sumTo, slice, pad, sum) take {@link Jvp#linear},
 *       the op applied to the tangent; add, sub, mul, div and matmul state their product rules
 *       (ta + tb, ta·b + a·tb, op(tA)·op(B) + op(A)·op(tB)).</li>
 *   <li><b>derived, by transposition</b>, for every other op, including ops added later and users' ops:
 *       an op's vector-Jacobian product u ↦ Jᵀu is linear in u, so ⟨Jᵀu, t⟩ = ⟨u, J t⟩ and
 *       J·t = ∂/∂u ⟨Jᵀu, t⟩. The sweep runs the op's recorded backward rule on a fresh u (zeros of the
 *       output's shape, requiring a gradient) with recording on, giving dxᵢ = Jᵢᵀu, and differentiates
 *       s = Σᵢ ⟨dxᵢ, tᵢ⟩ with respect to u, again recording: one reverse pass through the rule's own
 *       graph, seeded with tᵢ at each dxᵢ. The value at u = 0 is
 *       right because s is linear in u. This is the trick JAX's {@code linear_transpose} and the
 *       "double vjp" of PyTorch's functorch rest on; here it needs no new calculus from any op's author.</li>
 * </ul>
 * Both rules are written with differentiable ops and run with recording on, so every tangent is itself a
 * graph node, a function of the primal values and of the tangents: reverse mode can differentiate a jvp,
 * and forward mode can push a tangent through a gradient built with {@code createGraph} (that is
 * forward-over-reverse), at any order.
 *
 * <p>Cost: an explicit rule costs about what the op's forward does. A derived rule runs the backward rule
 * and a small reverse pass over the graph that rule recorded; the pass stops at the op's inputs, output and
 * tangents (made before u, they cannot depend on it), so it does not walk their history, and a sweep costs
 * time linear in the graph. A derived rule still costs a few times an explicit one (the rule's ops, then
 * their backward rules), which is why the common ops state theirs.
 *
 * <p>A node whose graph a backward pass already freed cannot be swept; the sweep says so, naming the op.
 */
public final class ForwardMode {
    private ForwardMode() {
    }

    /**
     * The result of a Jacobian-vector product: the function's value and its tangent.
     *
     * @param output  f(primals)
     * @param tangent J·tangents, of the output's shape
     */
    public record Result(Tensor output, Tensor tangent) {
    }

    /**
     * Returns f(primals) and its directional derivative along {@code tangents}, J·t.
     *
     * <p>A primal that requires a gradient is used as it is, so the tangent stays a function of whatever
     * it was computed from (a jvp inside a loss that reverse mode differentiates); any other primal is
     * replaced by a copy that requires one. The tangents may themselves require gradients.
     *
     * @param f        the function; it must build its output from the primals it is given with recorded ops
     * @param primals  the point
     * @param tangents the direction, one tensor per primal of that primal's shape
     * @return the output and its tangent
     * @throws IllegalArgumentException if an argument is null, the counts or shapes disagree, or f returns null
     */
    public static Result jvp(Function<Tensor[], Tensor> f, Tensor[] primals, Tensor[] tangents) {
        if (f == null || primals == null || tangents == null) {
            throw new IllegalArgumentException("jvp: the function, the primals and the tangents must not be null");
        }
        if (primals.length != tangents.length) {
            throw new IllegalArgumentException("jvp: " + primals.length + " primals but " + tangents.length + " tangents");
        }
        Tensor[] in = new Tensor[primals.length];
        for (int i = 0; i < in.length; i++) {
            if (primals[i] == null || tangents[i] == null) {
                throw new IllegalArgumentException("jvp: " + (primals[i] == null ? "primal " : "tangent ") + i + " is null");
            }
            if (!tangents[i].shape.equals(primals[i].shape)) {
                throw new IllegalArgumentException("jvp: tangent " + i + " of shape " + tangents[i].shape
                        + " does not match primal of shape " + primals[i].shape);
            }
            in[i] = primals[i].isGradRequired() ? primals[i] : primals[i].copy().requiresGrad();
        }
        GradMode.Scope recording = GradMode.set(true);   // forward mode records the graph it sweeps
        try (recording) {
            Tensor y = f.apply(in.clone());
            if (y == null) {
                throw new IllegalArgumentException("jvp: the function returned null");
            }
            return new Result(y, tangentOf(y, in, tangents));
        }
    }

    /**
     * Returns f(x) and its directional derivative along {@code t}.
     *
     * @param f the function of one tensor
     * @param x the point
     * @param t the direction, of x's shape
     * @return the output and its tangent
     * @throws IllegalArgumentException as {@link #jvp(Function, Tensor[], Tensor[])} does
     */
    public static Result jvp(Function<Tensor, Tensor> f, Tensor x, Tensor t) {
        if (f == null) {
            throw new IllegalArgumentException("jvp: the function must not be null");
        }
        return jvp(xs -> f.apply(xs[0]), new Tensor[] {x}, new Tensor[] {t});
    }

    /**
     * Returns the directional derivatives of f at {@code x} along a batch of directions: f runs and is
     * recorded once, then one tangent sweep per direction goes over that one graph.
     *
     * @param f          the function
     * @param x          the point
     * @param directions the tangents, each of x's shape
     * @return J·dᵢ for each direction, in order, as graph nodes (like a jvp's tangent)
     * @throws IllegalArgumentException if an argument is null, a direction's shape is not x's, or f returns null
     */
    public static Tensor[] jvps(Function<Tensor, Tensor> f, Tensor x, Tensor... directions) {
        if (f == null || x == null || directions == null) {
            throw new IllegalArgumentException("jvps: the function, the point and the directions must not be null");
        }
        for (int i = 0; i < directions.length; i++) {
            if (directions[i] == null || !directions[i].shape.equals(x.shape)) {
                throw new IllegalArgumentException("jvps: direction " + i + (directions[i] == null ? " is null"
                        : " of shape " + directions[i].shape + " does not match x of shape " + x.shape));
            }
        }
        Tensor in = x.isGradRequired() ? x : x.copy().requiresGrad();
        GradMode.Scope recording = GradMode.set(true);   // forward mode records the graph it sweeps
        try (recording) {
            Tensor y = f.apply(in);
            if (y == null) {
                throw new IllegalArgumentException("jvps: the function returned null");
            }
            Tensor[] out = new Tensor[directions.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = tangentOf(y, new Tensor[] {in}, new Tensor[] {directions[i]});
            }
            return out;
        }
    }

    /**
     * Returns the Jacobian of {@code f} at {@code x} by forward mode, shape {@code f(x).shape + x.shape}:
     * f runs once, then one tangent sweep per element of x gives one column (cheaper than reverse mode
     * when x has fewer elements than f(x)).
     *
     * @param f the function
     * @param x the point
     * @return the Jacobian, a constant
     * @throws IllegalArgumentException if f or x is null, or f returns null
     */
    public static Tensor jacfwd(Function<Tensor, Tensor> f, Tensor x) {
        if (f == null || x == null) {
            throw new IllegalArgumentException("jacfwd: the function and the point must not be null");
        }
        Tensor in = x.copy().requiresGrad();
        GradMode.Scope recording = GradMode.set(true);   // forward mode records the graph it sweeps
        try (recording) {
            Tensor y = f.apply(in);
            if (y == null) {
                throw new IllegalArgumentException("jacfwd: the function returned null");
            }
            return columns(y, in);
        }
    }

    /**
     * Returns the Hessian of a scalar function at {@code x} by forward-over-reverse, shape
     * {@code x.shape + x.shape}: the gradient is built once with {@code createGraph}, then one tangent
     * sweep per element of x through that gradient gives one column.
     *
     * @param f the scalar function
     * @param x the point
     * @return the Hessian, a constant
     * @throws IllegalArgumentException if f does not return one element
     */
    public static Tensor hessian(Function<Tensor, Tensor> f, Tensor x) {
        if (f == null || x == null) {
            throw new IllegalArgumentException("hessian: the function and the point must not be null");
        }
        Tensor in = x.copy().requiresGrad();
        GradMode.Scope recording = GradMode.set(true);   // forward mode records the graph it sweeps
        try (recording) {
            return columns(gradientWithGraph("hessian", f, in), in);
        }
    }

    /**
     * Returns the Hessian-vector product H(x)·v of a scalar function by forward-over-reverse: the tangent
     * of the gradient along v, one reverse pass and one forward sweep.
     *
     * @param f the scalar function
     * @param x the point
     * @param v the vector, of x's shape
     * @return H(x)·v, a constant
     * @throws IllegalArgumentException if v's shape is not x's, or f does not return one element
     */
    public static Tensor hvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        if (f == null || x == null || v == null) {
            throw new IllegalArgumentException("hvp: the function, the point and the vector must not be null");
        }
        if (!v.shape.equals(x.shape)) {
            throw new IllegalArgumentException("hvp: vector of shape " + v.shape + " does not match x of shape " + x.shape);
        }
        Tensor in = x.copy().requiresGrad();
        GradMode.Scope recording = GradMode.set(true);   // forward mode records the graph it sweeps
        try (recording) {
            Tensor g = gradientWithGraph("hvp", f, in);
            return tangentOf(g, new Tensor[] {in}, new Tensor[] {v.detach()}).detach();
        }
    }

    /**
     * Returns true if the op that made {@code t} recorded its own forward-mode rule, false if forward mode
     * derives it by transposing the backward rule (or if t is a leaf or a constant).
     *
     * @param t a tensor
     * @return whether t's op has an explicit {@link Jvp}
     * @throws IllegalArgumentException if t is null
     */
    public static boolean hasExplicitRule(Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException("hasExplicitRule: the tensor is null");
        }
        return t.origin != null && t.origin.hasExplicitJvp();
    }

    private static Tensor gradientWithGraph(String op, Function<Tensor, Tensor> f, Tensor in) {
        Tensor y = f.apply(in);
        if (y == null || y.size() != 1) {
            throw new IllegalArgumentException(op + ": f must return a scalar, got " + (y == null ? "null" : "shape " + y.shape));
        }
        if (!y.isGradRequired()) {
            return Tensor.zeros(in.shape);
        }
        return Engine.run(new Tensor[] {y}, new Tensor[] {Tensor.full(1.0, y.shape)}, new Tensor[] {in}, true, true, true)[0];
    }

    /** The Jacobian of y with respect to in, one tangent sweep per element of in; shape y.shape + in.shape. */
    private static Tensor columns(Tensor y, Tensor in) {
        long total = (long) y.size() * in.size();
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("jacfwd: a Jacobian of shape " + y.shape + " by " + in.shape
                    + " has " + total + " elements, more than an array holds");
        }
        int n = in.size();
        double[] out = new double[(int) total];
        for (int j = 0; j < n; j++) {
            Tensor e = Tensor.zeros(in.shape);
            e.buffer()[j] = 1;
            double[] column = tangentOf(y, new Tensor[] {in}, new Tensor[] {e}).toArray();
            for (int i = 0; i < column.length; i++) {
                out[i * n + j] = column[i];
            }
        }
        int[] dims = new int[y.rank() + in.rank()];
        System.arraycopy(y.shape.dims(), 0, dims, 0, y.rank());
        System.arraycopy(in.shape.dims(), 0, dims, y.rank(), in.rank());
        return Tensor.wrap(out, Shape.of(dims));
    }

    /**
     * Returns the tangent of {@code y} given tangents of some tensors it was computed from: one forward
     * sweep over the recorded nodes between them, in topological order. A tensor computed from none of
     * {@code from} has tangent zero.
     *
     * @throws IllegalArgumentException if a tensor appears twice in {@code from}
     * @throws IllegalStateException    naming the op if a backward pass freed part of the graph
     */
    static Tensor tangentOf(Tensor y, Tensor[] from, Tensor[] tangents) {
        Map<Tensor, Tensor> tangent = new IdentityHashMap<>();   // a key with a null value: tangent zero
        for (int i = 0; i < from.length; i++) {
            if (tangent.containsKey(from[i])) {
                throw new IllegalArgumentException("jvp: primal " + i + " is the same tensor as an earlier one");
            }
            tangent.put(from[i], tangents[i]);
        }
        // Post-order walk: a node is swept once all its inputs have their tangents.
        Map<Tensor, Boolean> expanded = new IdentityHashMap<>();
        Deque<Tensor> stack = new ArrayDeque<>();
        stack.push(y);
        while (!stack.isEmpty()) {
            Tensor node = stack.peek();
            if (tangent.containsKey(node)) {
                stack.pop();
            } else if (node.origin == null || node.origin == Origin.LEAF) {
                stack.pop();
                tangent.put(node, null);             // a constant or a leaf the tangents do not move
            } else if (expanded.put(node, Boolean.TRUE) == null) {
                for (Tensor in : node.inputs()) {    // inputs() refuses a freed graph, naming the op
                    if (!tangent.containsKey(in)) {
                        stack.push(in);
                    }
                }
            } else {
                stack.pop();
                tangent.put(node, sweep(node, tangent));
            }
        }
        Tensor t = tangent.get(y);
        return t != null ? t : Tensor.zeros(y.shape);
    }

    /** The tangent of one node's output from its inputs' tangents (null if they are all zero). */
    private static Tensor sweep(Tensor node, Map<Tensor, Tensor> tangent) {
        Tensor[] ins = node.inputs();
        Tensor[] t = new Tensor[ins.length];
        boolean any = false;
        for (int i = 0; i < ins.length; i++) {
            t[i] = tangent.get(ins[i]);
            any |= t[i] != null;
        }
        if (!any) {
            return null;
        }
        Origin origin = node.origin;
        Tensor out = origin.jvp != null ? origin.jvp.tangent(t, ins, node) : null;
        if (out == null) {
            out = derived(origin, t, ins, node);
        }
        if (!out.shape.equals(node.shape)) {
            throw new IllegalStateException(origin.op + ": its forward-mode rule returned a tangent of shape "
                    + out.shape + " for an output of shape " + node.shape);
        }
        return out;
    }

    /**
     * J·t = ∂/∂u ⟨Jᵀu, t⟩: the op's backward rule, transposed (see the class comment). Rather than forming
     * the scalar Σᵢ ⟨dxᵢ, tᵢ⟩ and differentiating it, the pass is seeded at each dxᵢ with tᵢ, which is the
     * same reverse pass without the products and the sum (their backward would only hand tᵢ back).
     */
    private static Tensor derived(Origin origin, Tensor[] t, Tensor[] ins, Tensor node) {
        if (origin.derivative == null) {
            throw new IllegalStateException(origin.op + ": the graph behind this tensor was freed by an earlier"
                    + " backward pass; forward mode needs it (use retainGraph or createGraph)");
        }
        Tensor u = Tensor.zeros(node.shape).requiresGrad();
        Tensor[] dx = origin.derivative.backward(u, ins, node);
        if (dx == null || dx.length != ins.length) {
            throw new IllegalStateException(origin.op + ": backward returned " + (dx == null ? "null" : dx.length)
                    + " gradients for " + ins.length + " inputs");
        }
        int n = 0;
        Tensor[] outputs = new Tensor[ins.length];
        Tensor[] seeds = new Tensor[ins.length];
        for (int i = 0; i < ins.length; i++) {
            if (t[i] != null && dx[i] != null && dx[i].isGradRequired()) {   // else dxᵢ does not depend on u
                outputs[n] = dx[i];
                seeds[n++] = t[i];
            }
        }
        if (n == 0) {
            return Tensor.zeros(node.shape);        // the rule does not depend on u: J·t is zero
        }
        // Everything made before u cannot depend on it: the pass stops there instead of walking the whole
        // history of the inputs (which made a chain of derived rules quadratic in its length).
        Set<Tensor> before = Collections.newSetFromMap(new IdentityHashMap<>());
        before.add(node);
        Collections.addAll(before, ins);
        return Engine.run(Arrays.copyOf(outputs, n), Arrays.copyOf(seeds, n), new Tensor[] {u}, true, true, true, before)[0];
    }
}
