package io.github.chainrule;

import java.util.function.Function;

/**
 * The functional face of reverse mode: gradients returned rather than accumulated (PyTorch's
 * {@code autograd.grad}), and, built on it, Jacobians, Hessians and Hessian-vector products for small
 * problems.
 *
 * <p>{@link Tensor#backward()} is the accumulating wrapper around the same engine. Here nothing is written
 * into any tensor's {@code grad}; with {@code createGraph} the returned gradients are themselves graph
 * nodes, which is what a gradient penalty or a second derivative needs.
 */
public final class Autograd {
    private Autograd() {
    }

    /**
     * Returns d(output)/d(input) for each input, for a scalar output; frees the graph.
     *
     * @param output the scalar to differentiate
     * @param inputs the tensors to differentiate with respect to; each must require a gradient
     * @return one gradient per input, of that input's shape
     * @throws IllegalArgumentException if an input does not require a gradient or does not reach the output
     */
    public static Tensor[] grad(Tensor output, Tensor... inputs) {
        return grad(output, null, inputs, false, false, false);
    }

    /**
     * Returns d(output)/d(input) for each input, with the settings {@code options} gives.
     * <pre>{@code
     * Tensor[] g = Autograd.grad(y, GradOptions.createGraph(), x);   // g[0] can be differentiated again
     * }</pre>
     *
     * @param output  the tensor to differentiate
     * @param options the upstream gradient and switches; {@link GradOptions#defaults()} for the short form's
     * @param inputs  the tensors to differentiate with respect to; each must require a gradient
     * @return one gradient per input, of that input's shape
     * @throws IllegalArgumentException if {@code options} is null, there is no input, an input does not require a
     *                                  gradient or does not reach the output (unless unused inputs are allowed),
     *                                  or the upstream gradient's shape is not the output's
     * @throws IllegalStateException    if the output does not require a gradient, or is not a scalar and no
     *                                  upstream gradient is given
     */
    public static Tensor[] grad(Tensor output, GradOptions options, Tensor... inputs) {
        if (options == null) {
            throw new IllegalArgumentException("grad: options must not be null (GradOptions.defaults() for none)");
        }
        return grad(output, options.getGradOutput(), inputs, options.isRetainGraph(), options.isCreateGraph(),
                options.isAllowUnused());
    }

    /**
     * Returns the gradients of {@code output} (seeded with {@code gradOutput}) with respect to {@code inputs}.
     * The positional form of {@link #grad(Tensor, GradOptions, Tensor...)}, which reads better at a call site.
     *
     * @param output      the tensor to differentiate
     * @param gradOutput  the upstream gradient of {@code output}'s shape; null means 1 for a one-element output
     * @param inputs      the tensors to differentiate with respect to; each must require a gradient
     * @param retainGraph keep the graph for another pass
     * @param createGraph record the pass, so that the gradients can be differentiated again
     * @param allowUnused return zeros for an input the output does not depend on, instead of failing
     * @return one gradient per input, of that input's shape
     */
    public static Tensor[] grad(Tensor output, Tensor gradOutput, Tensor[] inputs, boolean retainGraph,
                                boolean createGraph, boolean allowUnused) {
        if (output == null) {
            throw new IllegalArgumentException("grad: output is null");
        }
        if (inputs == null || inputs.length == 0) {
            throw new IllegalArgumentException("grad: needs at least one input to differentiate with respect to");
        }
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] == null) {
                throw new IllegalArgumentException("grad: input " + i + " of " + inputs.length + " is null");
            }
        }
        Tensor seed = seedFor("grad", output, gradOutput);
        return Engine.run(new Tensor[] {output}, new Tensor[] {seed}, inputs.clone(), retainGraph, createGraph, allowUnused);
    }

    /**
     * Returns the Jacobian of {@code f} at {@code x}: a tensor of shape {@code f(x).shape + x.shape}
     * whose entry [i..., j...] is d f(x)[i...] / d x[j...]. One backward pass per output element.
     *
     * @param f the function to differentiate, from a tensor of x's shape to any tensor
     * @param x the point to differentiate at (not modified; f gets a copy)
     * @return the Jacobian, of shape {@code f(x).shape + x.shape}
     */
    public static Tensor jacobian(Function<Tensor, Tensor> f, Tensor x) {
        requireFunction("jacobian", f, x);
        Tensor in = x.detach().copy().requiresGrad();
        Tensor y = requireResult("jacobian", f.apply(in));
        Shape shape = Shape.of("jacobian", concatDims(y.shape, x.shape));   // refuses f(x).size * x.size > 2^31-1
        if (shape.size() == 0) {
            return Tensor.zeros(shape);
        }
        double[] out = new double[shape.size()];
        for (int i = 0; i < y.size(); i++) {
            Tensor seed = Tensor.zeros(y.shape);
            seed.buffer()[i] = 1;
            Tensor g = y.isGradRequired()
                    ? grad(y, seed, new Tensor[] {in}, true, false, true)[0]
                    : Tensor.zeros(x.shape);
            System.arraycopy(g.buffer(), 0, out, i * x.size(), x.size());
        }
        return Tensor.wrap(out, shape);
    }

    /**
     * Returns the Hessian of a scalar function {@code f} at {@code x}: shape {@code x.shape + x.shape},
     * the Jacobian of the gradient, computed by differentiating the backward pass.
     *
     * @param f the scalar function to differentiate twice
     * @param x the point to differentiate at (not modified; f gets a copy)
     * @return the Hessian, of shape {@code x.shape + x.shape}
     */
    public static Tensor hessian(Function<Tensor, Tensor> f, Tensor x) {
        requireFunction("hessian", f, x);
        return jacobian(in -> gradWithGraph("hessian", f, in), x);
    }

    /**
     * Returns the Hessian-vector product H(x)·v of a scalar function {@code f}, without forming H:
     * the gradient of ⟨∇f(x), v⟩ (Pearlmutter's trick, two backward passes).
     *
     * @param f the scalar function
     * @param x the point at which the Hessian is taken
     * @param v the vector to multiply by, of x's shape
     * @return H(x)·v, of x's shape
     * @throws IllegalArgumentException if v's shape is not x's
     */
    public static Tensor hvp(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        requireFunction("hvp", f, x);
        if (v == null) {
            throw new IllegalArgumentException("hvp: vector v is null");
        }
        if (!v.shape.equals(x.shape)) {
            throw new IllegalArgumentException("hvp: vector of shape " + v.shape + " does not match x of shape " + x.shape);
        }
        Tensor in = x.detach().copy().requiresGrad();
        Tensor g = gradWithGraph("hvp", f, in);
        Tensor gv = g.mul(v.detach()).sum();
        if (!gv.isGradRequired()) {
            return Tensor.zeros(x.shape);
        }
        return grad(gv, null, new Tensor[] {in}, false, false, true)[0];
    }

    /**
     * Returns the Hessian-vector product of a scalar function of several tensors: for each input i,
     * sum over j of (d^2 f / dx_i dx_j)·v_j, i.e. the gradient of ⟨∇f(x), v⟩ with respect to every x_i, without
     * forming the Hessian (two backward passes).
     *
     * @param f the scalar function; it receives fresh copies of {@code x} that require a gradient
     * @param x the point, one tensor per input of {@code f}
     * @param v the direction, one tensor per input, each of its input's shape
     * @return one tensor per input, of that input's shape
     * @throws IllegalArgumentException if x or v is null or empty, their lengths differ, a v_i's shape is not
     *                                  x_i's, or f does not return a scalar
     */
    public static Tensor[] hvp(Function<Tensor[], Tensor> f, Tensor[] x, Tensor[] v) {
        if (f == null) {
            throw new IllegalArgumentException("hvp: the function is null");
        }
        if (x == null || v == null || x.length == 0) {
            throw new IllegalArgumentException("hvp: needs at least one input and one direction per input");
        }
        if (v.length != x.length) {
            throw new IllegalArgumentException("hvp: " + x.length + " inputs but " + v.length + " directions");
        }
        Tensor[] in = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            if (x[i] == null || v[i] == null) {
                throw new IllegalArgumentException("hvp: input or direction " + i + " is null");
            }
            if (!v[i].shape.equals(x[i].shape)) {
                throw new IllegalArgumentException("hvp: direction " + i + " of shape " + v[i].shape
                        + " does not match input " + i + " of shape " + x[i].shape);
            }
            in[i] = x[i].detach().copy().requiresGrad();
        }
        Tensor y = requireResult("hvp", f.apply(in.clone()));
        if (y.size() != 1) {
            throw new IllegalArgumentException("hvp: f must return a scalar, got shape " + y.shape);
        }
        Tensor[] zeros = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            zeros[i] = Tensor.zeros(x[i].shape);
        }
        if (!y.isGradRequired()) {
            return zeros;
        }
        // ⟨∇f, v⟩ summed over the inputs, then differentiated once more: the rows of H dotted with v.
        Tensor[] g = grad(y, GradOptions.createGraph().withRetainGraph().withAllowUnused(), in);
        Tensor gv = null;
        for (int i = 0; i < x.length; i++) {
            Tensor term = g[i].mul(v[i].detach()).sum();
            gv = gv == null ? term : gv.add(term);
        }
        if (!gv.isGradRequired()) {
            return zeros;
        }
        return grad(gv, GradOptions.allowUnused(), in);
    }

    private static Tensor gradWithGraph(String op, Function<Tensor, Tensor> f, Tensor in) {
        Tensor y = requireResult(op, f.apply(in));
        if (y.size() != 1) {
            throw new IllegalArgumentException(op + ": f must return a scalar, got shape " + y.shape);
        }
        if (!y.isGradRequired()) {
            return Tensor.zeros(in.shape);
        }
        return grad(y, null, new Tensor[] {in}, true, true, true)[0];
    }

    static Tensor seedFor(String op, Tensor output, Tensor gradOutput) {
        if (!output.isGradRequired()) {
            throw new IllegalStateException(op + ": tensor of shape " + output.shape
                    + " does not require a gradient: no input of the ops that made it called requiresGrad(),"
                    + " or it was built under GradMode.noGrad()");
        }
        if (gradOutput == null) {
            if (output.size() != 1) {
                throw new IllegalStateException(op + ": output has shape " + output.shape
                        + "; without an upstream gradient it must be a scalar (one element)");
            }
            return Tensor.full(1.0, output.shape);
        }
        if (!gradOutput.shape.equals(output.shape)) {
            throw new IllegalArgumentException(op + ": upstream gradient of shape " + gradOutput.shape
                    + " does not match output of shape " + output.shape);
        }
        return gradOutput;
    }

    private static void requireFunction(String op, Function<Tensor, Tensor> f, Tensor x) {
        if (f == null) {
            throw new IllegalArgumentException(op + ": function f is null");
        }
        if (x == null) {
            throw new IllegalArgumentException(op + ": point x is null");
        }
    }

    private static Tensor requireResult(String op, Tensor y) {
        if (y == null) {
            throw new IllegalArgumentException(op + ": function f returned null instead of a tensor");
        }
        return y;
    }

    private static int[] concatDims(Shape a, Shape b) {
        int[] d = new int[a.rank() + b.rank()];
        for (int i = 0; i < a.rank(); i++) {
            d[i] = a.dim(i);
        }
        for (int i = 0; i < b.rank(); i++) {
            d[a.rank() + i] = b.dim(i);
        }
        return d;
    }

    // ---------------------------------------------------------------- forward mode (issue 16), see ForwardMode

    /**
     * Returns f(primals) and its Jacobian-vector product along {@code tangents} (forward mode).
     *
     * @param f        the function
     * @param primals  the point
     * @param tangents the direction, one tensor per primal of its shape
     * @return the output and its tangent
     * @throws IllegalArgumentException if the counts or shapes disagree
     * @see ForwardMode#jvp(Function, Tensor[], Tensor[])
     */
    public static ForwardMode.Result jvp(Function<Tensor[], Tensor> f, Tensor[] primals, Tensor[] tangents) {
        return ForwardMode.jvp(f, primals, tangents);
    }

    /**
     * Returns the Jacobian of {@code f} at {@code x} by forward mode, one tangent sweep per element of x.
     *
     * @param f the function
     * @param x the point
     * @return the Jacobian, shape {@code f(x).shape + x.shape}
     * @see ForwardMode#jacfwd
     */
    public static Tensor jacfwd(Function<Tensor, Tensor> f, Tensor x) {
        return ForwardMode.jacfwd(f, x);
    }

    /**
     * Returns the Hessian of a scalar function by forward-over-reverse ({@link #hessian} differentiates the
     * backward pass in reverse mode instead; both agree).
     *
     * @param f the scalar function
     * @param x the point
     * @return the Hessian, shape {@code x.shape + x.shape}
     * @see ForwardMode#hessian
     */
    public static Tensor hessianForwardOverReverse(Function<Tensor, Tensor> f, Tensor x) {
        return ForwardMode.hessian(f, x);
    }

    /**
     * Returns H(x)·v by forward-over-reverse: the tangent of the gradient along v ({@link #hvp} is the
     * reverse-over-reverse form; both agree).
     *
     * @param f the scalar function
     * @param x the point
     * @param v the vector, of x's shape
     * @return H(x)·v
     * @throws IllegalArgumentException if v's shape is not x's
     * @see ForwardMode#hvp
     */
    public static Tensor hvpForwardOverReverse(Function<Tensor, Tensor> f, Tensor x, Tensor v) {
        return ForwardMode.hvp(f, x, v);
    }
}
