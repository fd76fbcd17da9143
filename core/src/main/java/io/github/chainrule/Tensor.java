package io.github.chainrule;

import io.github.chainrule.ops.Arithmetic;
import io.github.chainrule.ops.Attention;
import io.github.chainrule.ops.Comparisons;
import io.github.chainrule.ops.ConvOptions;
import io.github.chainrule.ops.Convolution;
import io.github.chainrule.ops.DenseLinearAlgebra;
import io.github.chainrule.ops.Einsum;
import io.github.chainrule.ops.Elementary;
import io.github.chainrule.ops.Gathering;
import io.github.chainrule.ops.Indexing;
import io.github.chainrule.ops.LinearAlgebra;
import io.github.chainrule.ops.OpRegistry;
import io.github.chainrule.ops.Pooling;
import io.github.chainrule.ops.Reductions;
import io.github.chainrule.ops.Reshaping;
import io.github.chainrule.ops.Shaping;
import io.github.chainrule.ops.Softmax;
import io.github.chainrule.ops.Sorting;
import io.github.chainrule.ops.Statistics;
import io.github.chainrule.ops.Unary;

import java.util.Arrays;
import java.util.Random;

/**
 * An n-dimensional array of doubles that is also a node of the autodiff graph.
 *
 * <p>Values are stored contiguously in row-major order (the last axis varies fastest) in one
 * {@code double[]}, which EJML can wrap without copying. A tensor's shape never changes and ops never
 * modify their inputs: each op returns a new tensor and, when grad mode is on and an input requires a
 * gradient, records how to differentiate itself ({@link Graph#record}). The smallest program:
 * <pre>{@code
 * Tensor a = Tensor.scalar(5).requiresGrad();
 * Tensor b = Tensor.scalar(3).requiresGrad();
 * Tensor c = Tensor.scalar(2).requiresGrad();
 * Tensor J = a.add(b.mul(c)).mul(3);   // J = 3(a + bc) = 33
 * J.backward();
 * a.grad().item();                      // 3.0; b.grad() is 6.0, c.grad() is 9.0
 * }</pre>
 *
 * <p>The methods here are thin: each op lives in an op family class in {@code io.github.chainrule.ops},
 * with its backward rule beside its forward computation, and is registered in
 * {@link OpRegistry} under its name. Binary ops broadcast as numpy does.
 */
public final class Tensor {
    // The values, row-major. A one-element tensor made by a scalar op (or Tensor.scalar) keeps its value in
    // the field `value` and has no array until someone asks for buffer(): a graph of scalars is then one
    // object per node, as micrograd's Value is, instead of a tensor and a double[1]. Volatile because
    // buffer() may create the array on any thread.
    private volatile double[] storage;
    private final double value;
    final Shape shape;

    // The accumulated gradient of a leaf (or of a constant), in one field of three kinds: null (none), a
    // Tensor (handed out, or stored by a recorded pass), or a gradient a plain pass accumulates in place: a
    // double[] the engine adds into or, for a one-element leaf, the tensor itself, saying "the double
    // scalarGrad". So passes whose gradients nobody reads in between allocate no gradient per scalar leaf,
    // and the reference they write into a long-lived leaf is to the leaf itself (which the garbage
    // collector's write barrier filters at once: same region). grad() wraps the array (or the double) in
    // a tensor and hands it over: the engine never writes into that array again.
    // The same field is an op's output's second input (input(1)): a leaf has no inputs, and an op's output
    // keeps a gradient only when asked to (retainGrad), in its private origin. Every field of a tensor is
    // a field of every node of a scalar graph, so one reference serves both.
    Object gradOrInput1;
    // For an op's one-element output, scalarGrad is instead the gradient pending at it during a pass over
    // a graph of scalars (Engine.propagateScalars): in the node itself, not in an array beside the graph.
    double scalarGrad;

    // The tensor as a node of the graph (micrograd's Value is its own node too: no second object per op).
    // A tensor that requires a gradient has an origin: Origin.LEAF for one the user made, or the recorded
    // op that made it (its name and backward rule, usually shared by all its outputs), with its first
    // input here and its second in gradOrInput1. A constant has none. What few tensors need lives
    // elsewhere: labels beside the tensors (Labels), the inputs past the second of an op with more in its
    // private origin, and retainGrad's flag and gradient in a private copy of the origin. A recorded op
    // always has an input, so a tensor whose op has lost its inputs was freed by a backward pass
    // (isReleased). A 56-byte tensor with compressed references, not a 64-byte one.
    Origin origin;
    Tensor input0;

    // Engine bookkeeping for the backward pass in progress, as ints rather than hash maps: the pass's
    // visit mark, and either how many recorded uses of this tensor are still to send it their gradient (a
    // pass over scalars) or the tensor's index among the pass's tensors, its slot (the other passes,
    // which keep the use counts in an array by slot). See Engine.
    int mark;
    int usesOrSlot;

    private Tensor(double[] data, Shape shape) {
        this.storage = data;
        this.value = 0;
        this.shape = shape;
    }

    private Tensor(double value, Shape shape) {
        this.value = value;
        this.shape = shape;
    }

    // ---------------------------------------------------------------- factories

    /**
     * Returns a tensor that takes ownership of {@code data} without copying it.
     *
     * <p>For kernels and op implementations: the caller must not modify the array afterwards.
     *
     * @param data  the values in row-major order, owned by the tensor from now on
     * @param shape the tensor's shape, whose size is {@code data.length}
     * @return a constant tensor backed by {@code data}
     * @throws IllegalArgumentException if the array's length is not the shape's size
     */
    public static Tensor wrap(double[] data, Shape shape) {
        if (data == null || shape == null) {
            throw new IllegalArgumentException("wrap: data and shape must not be null");
        }
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("wrap: " + data.length + " values do not fill shape " + shape
                    + " of size " + shape.size());
        }
        return new Tensor(data, shape);
    }

    /**
     * Returns a rank-0 tensor holding {@code value}.
     *
     * @param value the tensor's one element
     * @return the rank-0 constant tensor
     */
    public static Tensor scalar(double value) {
        return new Tensor(value, Shape.SCALAR);
    }

    /**
     * Returns a one-element tensor of the given shape ({@code ()}, {@code (1)}, {@code (1,1)}, ...) holding
     * {@code value}: what an elementwise op on one-element tensors returns.
     *
     * @param value the tensor's one element
     * @param shape a shape of size 1
     * @return the constant tensor
     * @throws IllegalArgumentException if the shape does not have exactly one element
     */
    public static Tensor single(double value, Shape shape) {
        if (shape == null || shape.size() != 1) {
            throw new IllegalArgumentException("single: shape " + shape + " does not hold exactly one element");
        }
        return new Tensor(value, shape);
    }

    /**
     * Returns a tensor of the given shape holding a copy of {@code data} in row-major order.
     *
     * @param data the values in row-major order, copied
     * @param dims the axis lengths, outermost first, whose product is {@code data.length}
     * @return the constant tensor
     * @throws IllegalArgumentException if the number of values does not match the shape
     */
    public static Tensor of(double[] data, int... dims) {
        if (data == null) {
            throw new IllegalArgumentException("of: data must not be null");
        }
        Shape shape = Shape.of("of", dims);
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("of: " + data.length + " values do not fill shape " + shape
                    + " of size " + shape.size());
        }
        return new Tensor(data.clone(), shape);
    }

    /**
     * Returns a rank-1 tensor holding a copy of the given values.
     *
     * @param values the elements, copied
     * @return the constant tensor of shape {@code (values.length)}
     * @throws IllegalArgumentException if {@code values} is null
     */
    public static Tensor vector(double... values) {
        if (values == null) {
            throw new IllegalArgumentException("vector: values must not be null");
        }
        return of(values, values.length);
    }

    /**
     * Returns a rank-2 tensor holding a copy of the given rows.
     *
     * @param rows the rows, at least one, all of the same length, copied
     * @return the constant tensor of shape {@code (rows.length, rows[0].length)}
     * @throws IllegalArgumentException if the rows are not all the same length
     */
    public static Tensor matrix(double[][] rows) {
        if (rows == null || rows.length == 0) {
            throw new IllegalArgumentException("matrix: needs at least one row");
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new IllegalArgumentException("matrix: row " + i + " is null");
            }
        }
        int cols = rows[0].length;
        Shape shape = Shape.of("matrix", rows.length, cols);
        double[] data = new double[shape.size()];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("matrix: row " + i + " has " + rows[i].length
                        + " values but row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return new Tensor(data, shape);
    }

    /**
     * Returns a tensor of zeros of the given shape.
     *
     * @param dims the axis lengths, outermost first
     * @return the constant tensor
     * @throws IllegalArgumentException naming the factory if a length is negative or the element count exceeds
     *                                  {@link Shape#MAX_SIZE}
     */
    public static Tensor zeros(int... dims) {
        return zeros(Shape.of("zeros", dims));
    }

    /**
     * Returns a tensor of zeros of the given shape.
     *
     * @param shape the tensor's shape
     * @return the constant tensor
     * @throws IllegalArgumentException if {@code shape} is null
     */
    public static Tensor zeros(Shape shape) {
        return new Tensor(new double[requireShape("zeros", shape).size()], shape);
    }

    /**
     * Returns a tensor of ones of the given shape.
     *
     * @param dims the axis lengths, outermost first
     * @return the constant tensor
     * @throws IllegalArgumentException naming the factory if a length is negative or the element count exceeds
     *                                  {@link Shape#MAX_SIZE}
     */
    public static Tensor ones(int... dims) {
        return full(1.0, Shape.of("ones", dims));
    }

    /**
     * Returns a tensor of the given shape with every element equal to {@code value}.
     *
     * @param value the value of every element
     * @param dims  the axis lengths, outermost first
     * @return the constant tensor
     * @throws IllegalArgumentException naming the factory if a length is negative or the element count exceeds
     *                                  {@link Shape#MAX_SIZE}
     */
    public static Tensor full(double value, int... dims) {
        return full(value, Shape.of("full", dims));
    }

    /**
     * Returns a tensor of the given shape with every element equal to {@code value}.
     *
     * @param value the value of every element
     * @param shape the tensor's shape
     * @return the constant tensor
     * @throws IllegalArgumentException if {@code shape} is null
     */
    public static Tensor full(double value, Shape shape) {
        double[] d = new double[requireShape("full", shape).size()];
        Arrays.fill(d, value);
        return new Tensor(d, shape);
    }

    /**
     * Returns the n×n identity matrix.
     *
     * @param n the number of rows and columns, ≥ 0
     * @return the constant (n, n) tensor
     * @throws IllegalArgumentException if n is negative
     */
    public static Tensor eye(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("eye: size n must not be negative, got " + n);
        }
        Tensor t = zeros(Shape.of("eye", n, n));
        for (int i = 0; i < n; i++) {
            t.buffer()[i * (n + 1)] = 1;
        }
        return t;
    }

    /**
     * Returns the rank-1 tensor {@code [0, 1, ..., n-1]}.
     *
     * @param n the number of elements (0 or less gives an empty tensor)
     * @return the constant tensor of shape {@code (n)}
     */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /**
     * Returns the rank-1 tensor {@code [start, start+step, ...]} of the values below {@code stop}
     * (above it for a negative step), as numpy's {@code arange}.
     *
     * @param start the first value
     * @param stop  the bound the values stop short of (exclusive)
     * @param step  the difference between neighbouring values, non-zero
     * @return the constant rank-1 tensor, empty if {@code start} does not come before {@code stop} in the step's
     *         direction
     * @throws IllegalArgumentException if step is zero or not finite
     */
    public static Tensor arange(double start, double stop, double step) {
        if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(stop)) {
            throw new IllegalArgumentException("arange: needs finite start, stop and a non-zero step, got "
                    + start + ", " + stop + ", " + step);
        }
        double count = Math.max(0, Math.ceil((stop - start) / step));   // a double: 3e9 steps must not wrap
        if (!(count <= Shape.MAX_SIZE)) {
            throw new IllegalArgumentException("arange: [" + start + ", " + stop + ") in steps of " + step
                    + " has " + count + " elements, more than the " + Shape.MAX_SIZE + " an array can hold");
        }
        Shape shape = Shape.of("arange", (int) count);
        double[] d = new double[shape.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = start + i * step;
        }
        return new Tensor(d, shape);
    }

    /**
     * Returns a tensor of values drawn uniformly from [0, 1) by {@code rng} (seed it for repeatable runs).
     *
     * @param rng  the random source
     * @param dims the axis lengths, outermost first
     * @return the constant tensor
     * @throws IllegalArgumentException if {@code rng} is null, a length is negative or the element count exceeds
     *                                  {@link Shape#MAX_SIZE}
     */
    public static Tensor rand(Random rng, int... dims) {
        return uniform("rand", rng, 0, 1, dims);
    }

    /**
     * Returns a tensor of values drawn uniformly from [low, high) by {@code rng}.
     *
     * @param rng  the random source
     * @param low  the smallest value that can be drawn
     * @param high the bound the values stay below
     * @param dims the axis lengths, outermost first
     * @return the constant tensor
     * @throws IllegalArgumentException if {@code rng} is null, a length is negative or the element count exceeds
     *                                  {@link Shape#MAX_SIZE}
     */
    public static Tensor uniform(Random rng, double low, double high, int... dims) {
        return uniform("uniform", rng, low, high, dims);
    }

    private static Tensor uniform(String op, Random rng, double low, double high, int[] dims) {
        requireRandom(op, rng);
        Shape s = Shape.of(op, dims);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = low + (high - low) * rng.nextDouble();
        }
        return new Tensor(d, s);
    }

    /**
     * Returns a tensor of values drawn from the standard normal distribution N(0, 1) by {@code rng}.
     *
     * @param rng  the random source
     * @param dims the axis lengths, outermost first
     * @return the constant tensor
     * @throws IllegalArgumentException if {@code rng} is null, a length is negative or the element count exceeds
     *                                  {@link Shape#MAX_SIZE}
     */
    public static Tensor randn(Random rng, int... dims) {
        requireRandom("randn", rng);
        Shape s = Shape.of("randn", dims);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return new Tensor(d, s);
    }

    // ---------------------------------------------------------------- accessors

    /**
     * Returns this tensor's shape.
     *
     * @return the shape, never null
     */
    public Shape shape() {
        return shape;
    }

    /**
     * Returns the number of axes.
     *
     * @return the rank: 0 for a scalar, 2 for a matrix
     */
    public int rank() {
        return shape.rank();
    }

    /**
     * Returns the number of elements.
     *
     * @return the product of the axis lengths, 0 if any axis is empty
     */
    public int size() {
        return shape.size();
    }

    /**
     * Returns the value of a one-element tensor.
     *
     * @return the single element's value
     * @throws IllegalStateException if the tensor has more than one element
     */
    public double item() {
        if (shape.size() != 1) {
            throw new IllegalStateException("item: tensor of shape " + shape + " has " + shape.size()
                    + " elements; item() needs exactly one");
        }
        return first();
    }

    /** Returns the first value (the only one of a one-element tensor) without creating an array. */
    double first() {
        double[] d = storage;
        return d != null ? d[0] : value;
    }

    /**
     * Returns the element at the given index, one coordinate per axis.
     *
     * @param index the position, one coordinate per axis, each in [0, length of that axis)
     * @return the element at that position
     * @throws IllegalArgumentException if the number of coordinates is not the rank or one is out of range
     */
    public double get(int... index) {
        return buffer()[flatIndex("get", index)];
    }

    /**
     * Returns a copy of the values in row-major order.
     *
     * @return a new array of {@link #size()} values that does not share storage with this tensor
     */
    public double[] toArray() {
        return buffer().clone();
    }

    /**
     * Returns the backing row-major array without copying.
     *
     * <p>For kernels and op implementations that need raw speed. Writing to it changes this tensor (and,
     * if the graph saved it, gradients computed later): only its owner may do so, under
     * {@link GradMode#noGrad()}. A one-element tensor made by {@link #scalar}, {@link #single} or an op on
     * scalars keeps its value in a field, and gets its array on the first call of this method; from then
     * on the array holds the value.
     *
     * @return the array this tensor reads its values from (not a copy)
     */
    public double[] buffer() {
        double[] d = storage;
        if (d == null) {
            d = new double[] {value};   // a one-element tensor's array, made when first asked for
            storage = d;                // (two threads may each make one: they hold the same value)
        }
        return d;
    }

    /**
     * Returns a copy of this tensor's values that is not part of any graph.
     *
     * @return a new constant tensor with the same shape and values
     */
    public Tensor copy() {
        return new Tensor(buffer().clone(), shape);
    }

    /**
     * Returns true if both tensors have the same shape and every pair of elements satisfies
     * {@code |a - b| <= atol + rtol * |b|} (numpy's {@code allclose}).
     *
     * @param other the tensor to compare with, the {@code b} of the formula
     * @param rtol  the relative tolerance, scaled by {@code |b|}
     * @param atol  the absolute tolerance
     * @return true if the shapes are equal and every element is within tolerance; false otherwise, and where either
     *         element is NaN
     */
    public boolean allClose(Tensor other, double rtol, double atol) {
        if (other == null) {
            throw new IllegalArgumentException("allClose: other tensor is null");
        }
        if (!shape.equals(other.shape)) {
            return false;
        }
        double[] mine = buffer();
        double[] theirs = other.buffer();
        for (int i = 0; i < mine.length; i++) {
            double a = mine[i];
            double b = theirs[i];
            if (a == b) {
                continue;
            }
            if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns true if both tensors have the same shape and their elements agree within numpy's default
     * tolerances, rtol = 1e-5 and atol = 1e-8, as {@link #allClose(Tensor, double, double)} defines them.
     *
     * @param other the tensor to compare with
     * @return true if the shapes are equal and every element is within the default tolerance
     */
    public boolean allClose(Tensor other) {
        return allClose(other, 1e-5, 1e-8);
    }

    /**
     * Returns the label given by {@link #named}, or null.
     *
     * @return the label, or null if none was given
     */
    public String label() {
        return Labels.of(this);
    }

    /**
     * Gives this tensor a label shown in graph drawings and error reports; returns this tensor.
     *
     * @param label the name to show, e.g. {@code "W1"}; null removes it
     * @return this tensor, for chaining
     */
    public Tensor named(String label) {
        Labels.set(this, label);
        return this;
    }

    // ---------------------------------------------------------------- autograd

    /**
     * Marks this leaf as requiring a gradient, so that ops on it are recorded and {@link #backward()}
     * fills {@link #grad()}; returns this tensor.
     *
     * @return this tensor, for chaining
     * @throws IllegalStateException if this tensor is the output of a recorded op (it requires one already)
     */
    public Tensor requiresGrad() {
        return requiresGrad(true);
    }

    /**
     * Sets whether this leaf requires a gradient; returns this tensor.
     *
     * @param required true to record ops on this leaf for differentiation, false to stop recording them
     * @return this tensor, for chaining
     * @throws IllegalStateException if this tensor is the output of a recorded op
     */
    public Tensor requiresGrad(boolean required) {
        if (!isLeaf()) {
            throw new IllegalStateException("requiresGrad: only leaves can change this; this tensor is the output of '"
                    + op() + "'. Use detach() for a leaf copy");
        }
        origin = required ? Origin.LEAF : null;
        return this;
    }

    /**
     * Returns true if ops on this tensor are recorded for differentiation.
     *
     * @return true if this tensor is a leaf marked as requiring a gradient or the output of a recorded op
     */
    public boolean isGradRequired() {
        return origin != null;
    }

    /**
     * Returns true if this tensor was not made by a recorded op (a user's tensor or a constant).
     *
     * @return true for a tensor no recorded op produced
     */
    public boolean isLeaf() {
        return origin == null || origin == Origin.LEAF;   // a freed op's output stays an op's output
    }

    /**
     * Returns the name of the op that made this tensor, {@code "leaf"} for a tensor the user marked as
     * requiring a gradient, or null for a constant (nothing recorded).
     *
     * @return the op's registry name, {@code "leaf"}, or null
     */
    public String op() {
        return origin == null ? null : origin.op;
    }

    /**
     * Returns the tensors the op that made this tensor read, in order; empty for a leaf or a constant.
     *
     * @return the op's inputs, a new array each call
     * @throws IllegalStateException if a backward pass already freed this part of the graph
     */
    public Tensor[] inputs() {
        if (isReleased()) {
            throw new IllegalStateException(op() + ": the graph behind this tensor was freed by an earlier backward()");
        }
        int n = inputCount();
        Tensor[] ins = new Tensor[n];
        for (int i = 0; i < n; i++) {
            ins[i] = input(i);
        }
        return ins;
    }

    /** Returns how many inputs the op that made this tensor read (0 for a leaf, a constant, or once freed). */
    int inputCount() {
        if (input0 == null) {
            return 0;   // a leaf, a constant, or a freed op's output
        }
        if (gradOrInput1 == null) {
            return 1;
        }
        Tensor[] more = origin.moreInputs;
        return more == null ? 2 : 2 + more.length;
    }

    /** Returns true if a backward pass freed the graph behind this tensor: an op's output whose inputs were dropped. */
    boolean isReleased() {
        return input0 == null && origin != null && origin != Origin.LEAF;
    }

    /** Returns input {@code i} of the op that made this tensor (no checks: for the engine). */
    Tensor input(int i) {
        return i == 0 ? input0 : i == 1 ? (Tensor) gradOrInput1 : origin.moreInputs[i - 2];
    }

    /** Returns the accumulated gradient in its stored form (see gradOrInput1): a leaf's or a constant's field, an op's output's origin. */
    Object gradValue() {
        return isLeaf() ? gradOrInput1 : origin.retainsGrad ? origin.grad : null;
    }

    /** Stores the accumulated gradient; an op's output keeps it only if it retains its gradient. */
    void setGrad(Object g) {
        if (isLeaf()) {
            gradOrInput1 = g;
        } else if (origin.retainsGrad) {
            origin.grad = (Tensor) g;   // a recorded pass or the engine's sum: always a tensor for an op's output
        }
    }

    /**
     * Returns the gradient accumulated into this tensor by backward passes.
     *
     * @return the gradient, of this tensor's shape
     * @throws IllegalStateException if no gradient has been accumulated yet
     */
    public Tensor grad() {
        Tensor g = gradOrNull();
        if (g == null) {
            String label = label();
            throw new IllegalStateException("grad: tensor of shape " + shape + (label == null ? "" : " '" + label + "'")
                    + " has no gradient: " + (origin == null
                    ? "it does not require one (call requiresGrad() before building the graph)"
                    : !isLeaf() ? "it is not a leaf (op " + op() + "), and backward keeps gradients only for leaves;"
                            + " call retainGrad() on it before backward() to keep its gradient"
                    : "call backward() on a result that depends on it first"));
        }
        return g;
    }

    /** Returns the accumulated gradient as a tensor, or null; hands an in-place gradient over to that tensor. */
    Tensor gradOrNull() {
        Object g = gradValue();
        if (g == this) {
            g = new Tensor(scalarGrad, shape);
            setGrad(g);
        } else if (g instanceof double[] live) {
            g = new Tensor(live, shape);   // the tensor owns the array now: never written again
            setGrad(g);
        }
        return g instanceof Tensor t ? t : null;
    }

    /**
     * Returns true if a gradient has been accumulated into this tensor.
     *
     * @return true if {@link #grad()} has a gradient to return
     */
    public boolean hasGrad() {
        return gradValue() != null;
    }

    /** Forgets the accumulated gradient, so the next backward pass starts from zero. */
    public void zeroGrad() {
        setGrad(null);
    }

    /**
     * Asks backward passes to store this non-leaf tensor's gradient in {@link #grad()} too (leaves always
     * get theirs); returns this tensor.
     *
     * @return this tensor, for chaining
     * @throws IllegalStateException if this tensor does not require a gradient
     */
    public Tensor retainGrad() {
        if (origin == null) {
            throw new IllegalStateException("retainGrad: tensor of shape " + shape + " does not require a gradient");
        }
        if (origin != Origin.LEAF && !origin.retainsGrad) {   // a leaf gets its gradient anyway
            origin = origin.retaining();
        }
        return this;
    }

    /**
     * Returns a tensor with the same values that is cut from the graph: gradients do not flow through it.
     *
     * @return this tensor if it is a constant already, else a new constant tensor sharing its values
     */
    public Tensor detach() {
        return origin == null ? this : new Tensor(buffer(), shape);   // shares the values, as a leaf's update must show
    }

    /**
     * Runs reverse mode from this scalar: accumulates dThis/dLeaf into the {@code grad} of every leaf
     * that requires a gradient, then frees the graph.
     *
     * @throws IllegalStateException if this tensor is not a scalar or does not require a gradient
     */
    public void backward() {
        if (shape.size() != 1) {
            throw new IllegalStateException("backward: output has shape " + shape
                    + "; backward() without an upstream gradient needs a scalar (one element). Pass the gradient"
                    + " of the final result with respect to this tensor, backward(gradient)");
        }
        backward(null, false, false);
    }

    /**
     * Runs reverse mode from this tensor with upstream gradient {@code gradient} (dResult/dThis, of this
     * tensor's shape); accumulates into leaves' {@code grad} and frees the graph.
     *
     * @param gradient the upstream gradient dResult/dThis, of this tensor's shape
     */
    public void backward(Tensor gradient) {
        backward(gradient, false, false);
    }

    /**
     * Runs reverse mode from this tensor.
     *
     * @param gradient    the upstream gradient, of this tensor's shape; null means 1 for a one-element tensor
     * @param retainGraph keep the graph so that another backward can go through it
     * @param createGraph record the backward pass itself, so that the gradients can be differentiated again
     * @throws IllegalStateException    if this tensor does not require a gradient, or the graph was freed
     * @throws IllegalArgumentException if the gradient's shape is not this tensor's
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        Tensor seed = Autograd.seedFor("backward", this, gradient);
        Engine.run(new Tensor[] {this}, new Tensor[] {seed}, null, retainGraph, createGraph, false);
    }

    /**
     * Runs reverse mode from this tensor with the settings {@code options} gives, e.g.
     * {@code loss.backward(GradOptions.retainGraph())}; accumulates into leaves' {@code grad}.
     * {@link GradOptions#isAllowUnused()} has no meaning here (backward reaches whatever leaves it reaches).
     *
     * @param options the upstream gradient and switches; {@link GradOptions#defaults()} is {@link #backward()}
     * @throws IllegalArgumentException if {@code options} is null, or its gradient's shape is not this tensor's
     * @throws IllegalStateException    if this tensor does not require a gradient, the graph was freed, or this
     *                                  tensor is not a scalar and no upstream gradient is given
     */
    public void backward(GradOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("backward: options must not be null (GradOptions.defaults() for none)");
        }
        backward(options.getGradOutput(), options.isRetainGraph(), options.isCreateGraph());
    }

    // ---------------------------------------------------------------- in-place updates (no graph)

    /**
     * Subtracts {@code delta} from this leaf's values in place: the update step of an optimizer.
     *
     * @param delta the change to subtract, of this tensor's shape (e.g. the learning rate times the gradient)
     * @return this tensor, updated
     * @throws IllegalStateException    if grad mode is on and this tensor requires a gradient (wrap the
     *                                  update in {@link GradMode#noGrad()}), or it is the output of an op
     * @throws IllegalArgumentException if the shapes differ
     */
    public Tensor subInPlace(Tensor delta) {
        checkInPlace("subInPlace", delta);
        double[] d = buffer();
        double[] by = delta.buffer();
        for (int i = 0; i < d.length; i++) {
            d[i] -= by[i];
        }
        return this;
    }

    /**
     * Overwrites this leaf's values with {@code source}'s, in place.
     *
     * @param source the tensor whose values to copy, of this tensor's shape
     * @return this tensor, updated
     * @throws IllegalStateException    as {@link #subInPlace}
     * @throws IllegalArgumentException if the shapes differ
     */
    public Tensor assign(Tensor source) {
        checkInPlace("assign", source);
        double[] d = buffer();
        System.arraycopy(source.buffer(), 0, d, 0, d.length);
        return this;
    }

    private void checkInPlace(String op, Tensor other) {
        if (other == null) {
            throw new IllegalArgumentException(op + ": argument is null");
        }
        if (!isLeaf()) {
            throw new IllegalStateException(op + ": tensor is the output of '" + op()
                    + "'; only leaves may be modified in place");
        }
        if (origin != null && GradMode.isEnabled()) {
            throw new IllegalStateException(op + ": a leaf that requires a gradient may only be modified under"
                    + " GradMode.noGrad()");
        }
        if (!shape.equals(other.shape)) {
            throw new IllegalArgumentException(op + ": shapes " + shape + " and " + other.shape + " differ");
        }
    }

    // ---------------------------------------------------------------- elementwise arithmetic (broadcasting)

    /**
     * Returns {@code this + other}, broadcasting.
     *
     * @param other the tensor to add, broadcast against this one
     * @return the sum, of the broadcast shape
     * @throws IllegalArgumentException if {@code other} is null or the two shapes do not broadcast
     */
    public Tensor add(Tensor other) {
        return Arithmetic.add(this, other);
    }

    /**
     * Returns {@code this + value}.
     *
     * @param value the constant to add to every element
     * @return the sum, of this tensor's shape
     */
    public Tensor add(double value) {
        return Arithmetic.add(this, scalar(value));
    }

    /**
     * Returns {@code this - other}, broadcasting.
     *
     * @param other the tensor to subtract, broadcast against this one
     * @return the difference, of the broadcast shape
     * @throws IllegalArgumentException if {@code other} is null or the two shapes do not broadcast
     */
    public Tensor sub(Tensor other) {
        return Arithmetic.sub(this, other);
    }

    /**
     * Returns {@code this - value}.
     *
     * @param value the constant to subtract from every element
     * @return the difference, of this tensor's shape
     */
    public Tensor sub(double value) {
        return Arithmetic.sub(this, scalar(value));
    }

    /**
     * Returns {@code this * other} elementwise, broadcasting.
     *
     * @param other the tensor to multiply by, broadcast against this one
     * @return the elementwise product, of the broadcast shape
     * @throws IllegalArgumentException if {@code other} is null or the two shapes do not broadcast
     */
    public Tensor mul(Tensor other) {
        return Arithmetic.mul(this, other);
    }

    /**
     * Returns {@code this * value}.
     *
     * @param value the constant to multiply every element by
     * @return the product, of this tensor's shape
     */
    public Tensor mul(double value) {
        return Arithmetic.mul(this, scalar(value));
    }

    /**
     * Returns {@code this / other} elementwise, broadcasting.
     *
     * @param other the divisor, broadcast against this one
     * @return the elementwise quotient, of the broadcast shape
     * @throws IllegalArgumentException if {@code other} is null or the two shapes do not broadcast
     */
    public Tensor div(Tensor other) {
        return Arithmetic.div(this, other);
    }

    /**
     * Returns {@code this / value}.
     *
     * @param value the constant to divide every element by
     * @return the quotient, of this tensor's shape
     */
    public Tensor div(double value) {
        return Arithmetic.div(this, scalar(value));
    }

    /**
     * Returns {@code this ^ exponent} elementwise, for a constant exponent.
     *
     * @param exponent the power to raise every element to
     * @return the powers, of this tensor's shape
     */
    public Tensor pow(double exponent) {
        return Arithmetic.pow(this, exponent);
    }

    /**
     * Returns {@code this ^ exponent} elementwise, broadcasting; differentiable in both (needs this > 0 for d/dexponent).
     *
     * @param exponent the exponents, broadcast against this tensor
     * @return the powers, of the broadcast shape
     * @throws IllegalArgumentException if {@code exponent} is null or the two shapes do not broadcast
     */
    public Tensor pow(Tensor exponent) {
        return Arithmetic.pow(this, exponent);
    }

    /**
     * Returns the elementwise maximum of this and {@code other}, broadcasting; a tie splits the gradient evenly.
     *
     * @param other the tensor to compare with, broadcast against this one
     * @return the larger of each pair, NaN where either is NaN
     * @throws IllegalArgumentException if {@code other} is null or the two shapes do not broadcast
     */
    public Tensor maximum(Tensor other) {
        return Arithmetic.maximum(this, other);
    }

    /**
     * Returns the elementwise minimum of this and {@code other}, broadcasting; a tie splits the gradient evenly.
     *
     * @param other the tensor to compare with, broadcast against this one
     * @return the smaller of each pair, NaN where either is NaN
     * @throws IllegalArgumentException if {@code other} is null or the two shapes do not broadcast
     */
    public Tensor minimum(Tensor other) {
        return Arithmetic.minimum(this, other);
    }

    /**
     * Returns {@code -this}.
     *
     * @return the negation, of this tensor's shape
     */
    public Tensor neg() {
        return Arithmetic.neg(this);
    }

    // ---------------------------------------------------------------- elementwise functions

    /**
     * Returns e^this elementwise.
     *
     * @return the exponentials, of this tensor's shape
     */
    public Tensor exp() {
        return Unary.exp(this);
    }

    /**
     * Returns the natural logarithm elementwise.
     *
     * @return the logarithms, of this tensor's shape: −∞ at 0 and NaN below it
     */
    public Tensor log() {
        return Unary.log(this);
    }

    /**
     * Returns the square root elementwise.
     *
     * @return the square roots, of this tensor's shape: NaN for negative elements
     */
    public Tensor sqrt() {
        return Unary.sqrt(this);
    }

    /**
     * Returns this² elementwise.
     *
     * @return the squares, of this tensor's shape
     */
    public Tensor square() {
        return Unary.square(this);
    }

    /**
     * Returns |this| elementwise; the derivative at 0 is taken as 0.
     *
     * @return the absolute values, of this tensor's shape
     */
    public Tensor abs() {
        return Unary.abs(this);
    }

    /**
     * Returns tanh elementwise.
     *
     * @return the hyperbolic tangents, in (−1, 1), of this tensor's shape
     */
    public Tensor tanh() {
        return Unary.tanh(this);
    }

    /**
     * Returns the logistic sigmoid 1 / (1 + e^-x) elementwise, computed without overflow for large |x|.
     *
     * @return the sigmoids, in [0, 1], of this tensor's shape
     */
    public Tensor sigmoid() {
        return Unary.sigmoid(this);
    }

    /**
     * Returns max(0, x) elementwise; the derivative at 0 is taken as 1, as the course does.
     *
     * @return the rectified values, of this tensor's shape
     */
    public Tensor relu() {
        return Unary.relu(this);
    }

    /**
     * Returns the leaky ReLU with slope 0.01 for negative inputs.
     *
     * @return the activations, of this tensor's shape
     */
    public Tensor leakyRelu() {
        return Unary.leakyRelu(this, Unary.DEFAULT_LEAKY_SLOPE);
    }

    /**
     * Returns the leaky ReLU: x for x ≥ 0, slope·x otherwise.
     *
     * @param slope the factor applied to negative inputs, usually small and positive
     * @return the activations, of this tensor's shape
     */
    public Tensor leakyRelu(double slope) {
        return Unary.leakyRelu(this, slope);
    }

    /**
     * Returns softplus log(1 + e^x) elementwise, computed without overflow.
     *
     * @return the softplus values, positive, of this tensor's shape
     */
    public Tensor softplus() {
        return Unary.softplus(this);
    }

    // ---------------------------------------------------------------- linear algebra and shapes

    /**
     * Returns the matrix product this·other with numpy's {@code matmul} semantics: 2-D matrices, stacks of
     * them with broadcasting batch axes, and 1-D vectors (their axis dropped from the result).
     *
     * @param other the right operand, rank ≥ 1
     * @return the product, e.g. (B, n, k)·(k, m) → (B, n, m)
     * @throws IllegalArgumentException naming both shapes if they do not line up or their batch axes do not broadcast
     */
    public Tensor matmul(Tensor other) {
        return LinearAlgebra.matmul(this, other, false, false);
    }

    /**
     * Returns this·a + b in one op, a dense layer's Z = W·A + b with this tensor as W: the same values as
     * {@code matmul(a).add(b)} up to rounding, with one array and one graph node instead of two.
     *
     * @param a the right matrix, (k, n), with this one (m, k)
     * @param b the term added, broadcasting to (m, n): the course's b[l] of shape (n[l], 1), or (1, n), (n), (m, n), a scalar
     * @return this·a + b, of shape (m, n)
     * @throws IllegalArgumentException naming the shapes if this or a is not a matrix, they do not line up,
     *                                  or b does not broadcast to (m, n)
     */
    public Tensor affine(Tensor a, Tensor b) {
        return LinearAlgebra.affine(this, a, b);
    }

    /**
     * Returns thisᵀ·other without materializing the transpose.
     *
     * @param other the right operand; its first axis (of a matrix) must match this matrix's first axis
     * @return the product thisᵀ·other
     * @throws IllegalArgumentException naming both shapes if they do not line up
     */
    public Tensor matmulTransA(Tensor other) {
        return LinearAlgebra.matmul(this, other, true, false);
    }

    /**
     * Returns this·otherᵀ without materializing the transpose.
     *
     * @param other the right operand; its last axis (of a matrix) must match this matrix's last axis
     * @return the product this·otherᵀ
     * @throws IllegalArgumentException naming both shapes if they do not line up
     */
    public Tensor matmulTransB(Tensor other) {
        return LinearAlgebra.matmul(this, other, false, true);
    }

    /**
     * Returns this tensor with all axes reversed, as numpy's {@code x.T}: the matrix transpose for a 2-D
     * tensor, the axes (n₀, n₁, n₂) turned into (n₂, n₁, n₀) for a 3-D one. For the transpose of each matrix
     * in a batch (the last two axes) use {@link #mT()}; to exchange two given axes, {@link #transpose(int, int)}.
     *
     * @return the tensor with its axes in reverse order
     */
    public Tensor transpose() {
        return Shaping.transpose(this);
    }

    /**
     * Returns this tensor with its axes reordered: axis i of the result is axis {@code axes[i]} of this.
     *
     * @param axes a permutation of 0 .. rank−1, negative values counting from the end
     * @return the tensor with its axes reordered
     * @throws IllegalArgumentException if {@code axes} is not a permutation of this tensor's axes
     */
    public Tensor permute(int... axes) {
        return Shaping.permute(this, axes);
    }

    /**
     * Returns the same values in a new shape of the same size; one length may be -1, inferred.
     *
     * @param dims the new axis lengths, at most one of them -1 (inferred from the size)
     * @return the tensor in the new shape, with the same values in row-major order
     * @throws IllegalArgumentException naming both shapes if the sizes differ, a length is negative, or more than one
     *                                  is -1
     */
    public Tensor reshape(int... dims) {
        return Shaping.reshape(this, dims);
    }

    /**
     * Returns this tensor repeated along broadcast axes to {@code shape}, as numpy's {@code broadcast_to}.
     *
     * @param shape the target shape, which this tensor's shape must broadcast to
     * @return the tensor of shape {@code shape}
     * @throws IllegalArgumentException if this tensor's shape does not broadcast to {@code shape}
     */
    public Tensor broadcastTo(Shape shape) {
        return Shaping.broadcastTo(this, shape);
    }

    /**
     * Returns this tensor summed over the axes along which {@code shape} was broadcast to it: the adjoint of broadcastTo.
     *
     * @param shape the shape to sum down to, one that broadcasts to this tensor's shape
     * @return the sums, of shape {@code shape}
     * @throws IllegalArgumentException if {@code shape} does not broadcast to this tensor's shape
     */
    public Tensor sumTo(Shape shape) {
        return Shaping.sumTo(this, shape);
    }

    /**
     * Returns elements {@code start} (inclusive) to {@code end} (exclusive) along {@code axis}.
     *
     * @param axis  the axis to slice, negative counting from the end
     * @param start the first index kept
     * @param end   the index after the last kept, at most the axis length
     * @return the slice, with that axis of length {@code end - start}
     * @throws IllegalArgumentException if the axis is out of range or the range does not lie within it
     */
    public Tensor slice(int axis, int start, int end) {
        return Shaping.slice(this, axis, start, end);
    }

    /**
     * Returns this tensor padded with {@code before} zeros in front and {@code after} zeros behind along {@code axis}.
     *
     * @param axis   the axis to pad, negative counting from the end
     * @param before the number of zeros to put in front, ≥ 0
     * @param after  the number of zeros to put behind, ≥ 0
     * @return the padded tensor, that axis longer by {@code before + after}
     * @throws IllegalArgumentException if the axis is out of range or a padding is negative
     */
    public Tensor pad(int axis, int before, int after) {
        return Shaping.pad(this, axis, before, after);
    }

    /**
     * Returns the given tensors joined along {@code axis}; the other axes must agree.
     *
     * @param axis    the axis to join along, negative counting from the end
     * @param tensors the tensors to join, at least one, all of the same rank
     * @return the joined tensor, whose length along {@code axis} is the sum of theirs
     * @throws IllegalArgumentException if there are no tensors, or their shapes differ on another axis
     */
    public static Tensor concat(int axis, Tensor... tensors) {
        return Shaping.concat(axis, tensors);
    }

    /**
     * Returns the entries at {@code indices} along {@code axis}, in that order (indices may repeat).
     *
     * @param axis    the axis to select along, negative counting from the end
     * @param indices the positions to take, each in [0, length of the axis)
     * @return the selection, that axis of length {@code indices.length}
     * @throws IllegalArgumentException naming the bad index and the axis length
     */
    public Tensor indexSelect(int axis, int... indices) {
        return Indexing.indexSelect(this, axis, indices);
    }

    /**
     * Returns the columns at {@code indices} of a 2-D tensor: a mini-batch of examples in the course's layout.
     *
     * @param indices the column (example) numbers to take, each in [0, number of columns)
     * @return the matrix of the chosen columns, in that order
     * @throws IllegalArgumentException if this tensor has fewer than two axes or an index is out of range
     */
    public Tensor selectColumns(int... indices) {
        return Indexing.indexSelect(this, 1, indices);
    }

    /**
     * Returns the course's one-hot matrix of shape (classes, m): column j is 1 in row {@code labels[j]}.
     *
     * @param labels  the class of each example, each in [0, classes)
     * @param classes the number of classes, the number of rows
     * @return the (classes, labels.length) matrix of 0s and 1s, a constant
     * @throws IllegalArgumentException naming the first label outside [0, classes), or if {@code classes} is not
     *                                  positive
     */
    public static Tensor oneHot(int[] labels, int classes) {
        return Indexing.oneHot(labels, classes);
    }

    /**
     * Returns {@code mask ? a : b} elementwise, broadcasting; mask is a constant tensor of 0s and 1s.
     *
     * @param mask the selector, 1 where {@code a} is taken and 0 where {@code b} is
     * @param a    the values taken where the mask is 1
     * @param b    the values taken where the mask is 0
     * @return the chosen values, of the broadcast shape of the three
     * @throws IllegalArgumentException if the mask holds anything but 0 and 1, or the shapes do not broadcast
     */
    public static Tensor where(Tensor mask, Tensor a, Tensor b) {
        return Indexing.where(mask, a, b);
    }

    // ---------------------------------------------------------------- reductions

    /**
     * Returns the sum of all elements, as a scalar.
     *
     * @return the total, a scalar (0 for an empty tensor)
     */
    public Tensor sum() {
        return Reductions.sum(this, null, false);
    }

    /**
     * Returns the sum along {@code axis}, keeping it with length 1 if {@code keepDims}.
     *
     * @param axis     the axis to sum over, negative counting from the end
     * @param keepDims whether to keep the summed axis with length 1 (so the result broadcasts against this tensor)
     * @return the sums
     * @throws IllegalArgumentException if the axis is out of range
     */
    public Tensor sum(int axis, boolean keepDims) {
        return Reductions.sum(this, new int[] {axis}, keepDims);
    }

    /**
     * Returns the sum along {@code axes}, keeping them with length 1 if {@code keepDims}.
     *
     * @param axes     the axes to sum over, negative counting from the end
     * @param keepDims whether to keep the summed axes with length 1
     * @return the sums
     * @throws IllegalArgumentException if an axis is out of range or given twice
     */
    public Tensor sum(int[] axes, boolean keepDims) {
        return Reductions.sum(this, axes, keepDims);
    }

    /**
     * Returns the mean of all elements, as a scalar.
     *
     * @return the mean, a scalar
     */
    public Tensor mean() {
        return Reductions.mean(this, null, false);
    }

    /**
     * Returns the mean along {@code axis}, keeping it with length 1 if {@code keepDims}.
     *
     * @param axis     the axis to average over, negative counting from the end
     * @param keepDims whether to keep the averaged axis with length 1
     * @return the means
     * @throws IllegalArgumentException if the axis is out of range
     */
    public Tensor mean(int axis, boolean keepDims) {
        return Reductions.mean(this, new int[] {axis}, keepDims);
    }

    /**
     * Returns the mean along {@code axes}, keeping them with length 1 if {@code keepDims}.
     *
     * @param axes     the axes to average over, negative counting from the end
     * @param keepDims whether to keep the averaged axes with length 1
     * @return the means
     * @throws IllegalArgumentException if an axis is out of range or given twice
     */
    public Tensor mean(int[] axes, boolean keepDims) {
        return Reductions.mean(this, axes, keepDims);
    }

    /**
     * Returns the largest element, as a scalar; tied maxima share the gradient evenly.
     *
     * @return the maximum, a scalar; NaN if any element is NaN
     */
    public Tensor max() {
        return Reductions.max(this, null, false);
    }

    /**
     * Returns the maximum along {@code axis}; tied maxima share the gradient evenly.
     *
     * @param axis     the axis to reduce, negative counting from the end
     * @param keepDims whether to keep the reduced axis with length 1
     * @return the maxima; NaN where a reduced element is NaN
     * @throws IllegalArgumentException if the axis is out of range
     */
    public Tensor max(int axis, boolean keepDims) {
        return Reductions.max(this, new int[] {axis}, keepDims);
    }

    /**
     * Returns the smallest element, as a scalar; tied minima share the gradient evenly.
     *
     * @return the minimum, a scalar; NaN if any element is NaN
     */
    public Tensor min() {
        return Reductions.min(this, null, false);
    }

    /**
     * Returns the minimum along {@code axis}; tied minima share the gradient evenly.
     *
     * @param axis     the axis to reduce, negative counting from the end
     * @param keepDims whether to keep the reduced axis with length 1
     * @return the minima; NaN where a reduced element is NaN
     * @throws IllegalArgumentException if the axis is out of range
     */
    public Tensor min(int axis, boolean keepDims) {
        return Reductions.min(this, new int[] {axis}, keepDims);
    }

    /**
     * Returns log(Σ e^x) over all elements, computed without overflow.
     *
     * @return log(Σ e^x), a scalar
     */
    public Tensor logSumExp() {
        return Reductions.logSumExp(this, null, false);
    }

    /**
     * Returns log(Σ e^x) along {@code axis}, computed without overflow.
     *
     * @param axis     the axis to reduce, negative counting from the end
     * @param keepDims whether to keep the reduced axis with length 1
     * @return log(Σ e^x) along the axis
     * @throws IllegalArgumentException if the axis is out of range
     */
    public Tensor logSumExp(int axis, boolean keepDims) {
        return Reductions.logSumExp(this, new int[] {axis}, keepDims);
    }

    /**
     * Returns softmax along {@code axis}: e^x / Σ e^x, stable for logits of any size.
     *
     * @param axis the axis the probabilities are normalized over, negative counting from the end (0 in the course's
     *             (classes, m) layout)
     * @return the probabilities, of this tensor's shape, summing to 1 along {@code axis}
     * @throws IllegalArgumentException if the axis is out of range
     */
    public Tensor softmax(int axis) {
        return Softmax.softmax(this, axis);
    }

    /**
     * Returns scaled dot-product attention with this tensor as the queries: softmax(Q·Kᵀ/√d)·V, the softmax
     * over the keys, in one op that keeps only the probabilities for the backward pass (see {@link Attention}).
     *
     * @param keys   the keys, (…, S, d), with this tensor's batch axes
     * @param values the values, (…, S, e), with this tensor's batch axes
     * @return the attended values, (…, T, e), for queries (…, T, d)
     * @throws IllegalArgumentException naming the op and the shapes if the shapes do not line up
     */
    public Tensor attention(Tensor keys, Tensor values) {
        return Attention.scaledDotProduct(this, keys, values);
    }

    /**
     * Returns attention with a scale of the caller's choosing: softmax(scale·Q·Kᵀ)·V, this tensor the queries.
     *
     * @param keys   the keys, (…, S, d), with this tensor's batch axes
     * @param values the values, (…, S, e), with this tensor's batch axes
     * @param scale  the factor on the scores, finite
     * @return the attended values, (…, T, e)
     * @throws IllegalArgumentException naming the op and the shapes or the scale if they are not valid
     */
    public Tensor attention(Tensor keys, Tensor values, double scale) {
        return Attention.scaledDotProduct(this, keys, values, scale);
    }

    /**
     * Returns log-softmax along {@code axis}: x − logSumExp(x), stable for logits of any size.
     *
     * @param axis the axis normalized over, negative counting from the end
     * @return the log-probabilities, of this tensor's shape
     * @throws IllegalArgumentException if the axis is out of range
     */
    public Tensor logSoftmax(int axis) {
        return Softmax.logSoftmax(this, axis);
    }

    // ---------------------------------------------------------------- elementwise functions and comparisons

    /**
     * Returns this clamped to [min, max] elementwise; pass {@code Double.NEGATIVE_INFINITY} or
     * {@code Double.POSITIVE_INFINITY} to leave a side open. The gradient passes where min ≤ x ≤ max.
     *
     * @param min the lower bound
     * @param max the upper bound
     * @return the clamped tensor
     * @throws IllegalArgumentException if a bound is NaN or min &gt; max
     */
    public Tensor clamp(double min, double max) {
        return Elementary.clamp(this, min, max);
    }

    /**
     * Returns max(this, min) elementwise: a clamp from below only.
     *
     * @param min the lower bound
     * @return the clamped tensor
     * @throws IllegalArgumentException if min is NaN
     */
    public Tensor clampMin(double min) {
        return Elementary.clamp(this, min, Double.POSITIVE_INFINITY);
    }

    /**
     * Returns min(this, max) elementwise: a clamp from above only.
     *
     * @param max the upper bound
     * @return the clamped tensor
     * @throws IllegalArgumentException if max is NaN
     */
    public Tensor clampMax(double max) {
        return Elementary.clamp(this, Double.NEGATIVE_INFINITY, max);
    }

    /**
     * Returns ln(1 + this) elementwise, accurate for small values.
     *
     * @return ln(1 + x)
     */
    public Tensor log1p() {
        return Elementary.log1p(this);
    }

    /**
     * Returns e^this − 1 elementwise, accurate for small values.
     *
     * @return e^x − 1
     */
    public Tensor expm1() {
        return Elementary.expm1(this);
    }

    /**
     * Returns sin(this) elementwise, in radians.
     *
     * @return sin x
     */
    public Tensor sin() {
        return Elementary.sin(this);
    }

    /**
     * Returns cos(this) elementwise, in radians.
     *
     * @return cos x
     */
    public Tensor cos() {
        return Elementary.cos(this);
    }

    /**
     * Returns 1 / this elementwise.
     *
     * @return 1/x
     */
    public Tensor reciprocal() {
        return Elementary.reciprocal(this);
    }

    /**
     * Returns 1 / √this elementwise.
     *
     * @return 1/√x
     */
    public Tensor rsqrt() {
        return Elementary.rsqrt(this);
    }

    /**
     * Returns the error function of this elementwise.
     *
     * @return erf x
     */
    public Tensor erf() {
        return Elementary.erf(this);
    }

    /**
     * Returns the exact GELU x·Φ(x) elementwise (Φ the standard normal distribution function).
     *
     * @return gelu x
     */
    public Tensor gelu() {
        return Elementary.gelu(this);
    }

    /**
     * Returns the SiLU (swish) x·σ(x) elementwise.
     *
     * @return silu x
     */
    public Tensor silu() {
        return Elementary.silu(this);
    }

    /**
     * Returns the ELU with α = 1 elementwise: x for x &gt; 0, e^x − 1 otherwise.
     *
     * @return elu x
     */
    public Tensor elu() {
        return Elementary.elu(this, Elementary.DEFAULT_ELU_ALPHA);
    }

    /**
     * Returns the ELU elementwise: x for x &gt; 0, α(e^x − 1) otherwise.
     *
     * @param alpha α, the ELU tends to −α as x → −∞
     * @return elu x
     * @throws IllegalArgumentException if alpha is not finite
     */
    public Tensor elu(double alpha) {
        return Elementary.elu(this, alpha);
    }

    /**
     * Returns the sign of this elementwise (−1, 0, 1; NaN for NaN), whose gradient is 0.
     *
     * @return sign x
     */
    public Tensor sign() {
        return Elementary.sign(this);
    }

    /**
     * Returns {@code value − this} elementwise: {@code p.rsub(1)} is 1 − p.
     *
     * @param value the constant this is subtracted from
     * @return value − x
     */
    public Tensor rsub(double value) {
        return Elementary.rsub(this, value);
    }

    /**
     * Returns {@code value / this} elementwise: {@code x.rdiv(2)} is 2/x.
     *
     * @param value the constant divided by this
     * @return value / x
     */
    public Tensor rdiv(double value) {
        return Elementary.rdiv(this, value);
    }

    /**
     * Returns max(this, value) elementwise; NaN stays NaN, and at a tie the gradient is halved.
     *
     * @param value the constant
     * @return max(x, value)
     * @throws IllegalArgumentException if value is NaN
     */
    public Tensor maximum(double value) {
        return Elementary.maximum(this, value);
    }

    /**
     * Returns min(this, value) elementwise; NaN stays NaN, and at a tie the gradient is halved.
     *
     * @param value the constant
     * @return min(x, value)
     * @throws IllegalArgumentException if value is NaN
     */
    public Tensor minimum(double value) {
        return Elementary.minimum(this, value);
    }

    /**
     * Returns a constant mask, 1 where this equals {@code other} and 0 elsewhere, broadcasting
     * ([x = y]; NaN compares false). No gradient flows through it.
     *
     * @param other the right side
     * @return the 0/1 mask, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor eq(Tensor other) {
        return Comparisons.eq(this, other);
    }

    /**
     * Returns a constant mask, 1 where this equals {@code value} and 0 elsewhere. No gradient flows through it.
     *
     * @param value the right side
     * @return the 0/1 mask, of this shape
     */
    public Tensor eq(double value) {
        return Comparisons.eq(this, Tensor.scalar(value));
    }

    /**
     * Returns a constant mask, 1 where this differs from {@code other} and 0 elsewhere, broadcasting
     * ([x ≠ y]; NaN compares unequal to everything). No gradient flows through it.
     *
     * @param other the right side
     * @return the 0/1 mask, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor ne(Tensor other) {
        return Comparisons.ne(this, other);
    }

    /**
     * Returns a constant mask, 1 where this differs from {@code value} and 0 elsewhere. No gradient flows through it.
     *
     * @param value the right side
     * @return the 0/1 mask, of this shape
     */
    public Tensor ne(double value) {
        return Comparisons.ne(this, Tensor.scalar(value));
    }

    /**
     * Returns a constant mask, 1 where this is less than {@code other} and 0 elsewhere, broadcasting
     * ([x &lt; y]; NaN compares false). No gradient flows through it.
     *
     * @param other the right side
     * @return the 0/1 mask, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor lt(Tensor other) {
        return Comparisons.lt(this, other);
    }

    /**
     * Returns a constant mask, 1 where this is less than {@code value} and 0 elsewhere. No gradient flows through it.
     *
     * @param value the right side
     * @return the 0/1 mask, of this shape
     */
    public Tensor lt(double value) {
        return Comparisons.lt(this, Tensor.scalar(value));
    }

    /**
     * Returns a constant mask, 1 where this is at most {@code other} and 0 elsewhere, broadcasting
     * ([x ≤ y]; NaN compares false). No gradient flows through it.
     *
     * @param other the right side
     * @return the 0/1 mask, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor le(Tensor other) {
        return Comparisons.le(this, other);
    }

    /**
     * Returns a constant mask, 1 where this is at most {@code value} and 0 elsewhere. No gradient flows through it.
     *
     * @param value the right side
     * @return the 0/1 mask, of this shape
     */
    public Tensor le(double value) {
        return Comparisons.le(this, Tensor.scalar(value));
    }

    /**
     * Returns a constant mask, 1 where this is greater than {@code other} and 0 elsewhere, broadcasting
     * ([x &gt; y]; NaN compares false). No gradient flows through it.
     *
     * @param other the right side
     * @return the 0/1 mask, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor gt(Tensor other) {
        return Comparisons.gt(this, other);
    }

    /**
     * Returns a constant mask, 1 where this is greater than {@code value} and 0 elsewhere. No gradient flows through it.
     *
     * @param value the right side
     * @return the 0/1 mask, of this shape
     */
    public Tensor gt(double value) {
        return Comparisons.gt(this, Tensor.scalar(value));
    }

    /**
     * Returns a constant mask, 1 where this is at least {@code other} and 0 elsewhere, broadcasting
     * ([x ≥ y]; NaN compares false). No gradient flows through it.
     *
     * @param other the right side
     * @return the 0/1 mask, of the broadcast shape
     * @throws IllegalArgumentException if the shapes do not broadcast
     */
    public Tensor ge(Tensor other) {
        return Comparisons.ge(this, other);
    }

    /**
     * Returns a constant mask, 1 where this is at least {@code value} and 0 elsewhere. No gradient flows through it.
     *
     * @param value the right side
     * @return the 0/1 mask, of this shape
     */
    public Tensor ge(double value) {
        return Comparisons.ge(this, Tensor.scalar(value));
    }

    /**
     * Returns a constant mask, 1 where this is NaN and 0 elsewhere.
     *
     * @return the 0/1 mask, of this shape
     */
    public Tensor isNan() {
        return Comparisons.isNan(this);
    }

    /**
     * Returns a constant mask, 1 where this is finite (neither ±∞ nor NaN) and 0 elsewhere.
     *
     * @return the 0/1 mask, of this shape
     */
    public Tensor isFinite() {
        return Comparisons.isFinite(this);
    }
    // ---------------------------------------------------------------- reductions beyond the course

    /**
     * Returns the sum over {@code axes}, dropping them: {@code x.sum(0, 1)}.
     *
     * @param axes the axes to reduce, negative counting from the end
     * @return the sum
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Tensor sum(int... axes) {
        return Reductions.sum(this, axes, false);
    }

    /**
     * Returns the mean over {@code axes}, dropping them: {@code x.mean(0, 1)}.
     *
     * @param axes the axes to reduce, negative counting from the end
     * @return the mean
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Tensor mean(int... axes) {
        return Reductions.mean(this, axes, false);
    }

    /**
     * Returns the maximum over {@code axes}, dropping them; tied values share the gradient evenly.
     *
     * @param axes the axes to reduce, negative counting from the end
     * @return the maximum
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Tensor max(int... axes) {
        return Reductions.max(this, axes, false);
    }

    /**
     * Returns the maximum over {@code axes}; tied values share the gradient evenly.
     *
     * @param axes the axes to reduce, negative counting from the end
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the maximum
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Tensor max(int[] axes, boolean keepDims) {
        return Reductions.max(this, axes, keepDims);
    }

    /**
     * Returns the minimum over {@code axes}, dropping them; tied values share the gradient evenly.
     *
     * @param axes the axes to reduce, negative counting from the end
     * @return the minimum
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Tensor min(int... axes) {
        return Reductions.min(this, axes, false);
    }

    /**
     * Returns the minimum over {@code axes}; tied values share the gradient evenly.
     *
     * @param axes the axes to reduce, negative counting from the end
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the minimum
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Tensor min(int[] axes, boolean keepDims) {
        return Reductions.min(this, axes, keepDims);
    }

    /**
     * Returns log(Σ e^x) over {@code axes}, dropping them, computed without overflow.
     *
     * @param axes the axes to reduce, negative counting from the end
     * @return the log-sum-exp
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Tensor logSumExp(int... axes) {
        return Reductions.logSumExp(this, axes, false);
    }

    /**
     * Returns log(Σ e^x) over {@code axes}, computed without overflow.
     *
     * @param axes the axes to reduce, negative counting from the end
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the log-sum-exp
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Tensor logSumExp(int[] axes, boolean keepDims) {
        return Reductions.logSumExp(this, axes, keepDims);
    }

    /**
     * Returns the product of all elements, as a scalar; zeros get PyTorch's exact gradient.
     *
     * @return the product
     */
    public Tensor prod() {
        return Statistics.prod(this, null, false);
    }

    /**
     * Returns the product over {@code axes}, dropping them; zeros get PyTorch's exact gradient.
     *
     * @param axes the axes to reduce, negative counting from the end
     * @return the product
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Tensor prod(int... axes) {
        return Statistics.prod(this, axes, false);
    }

    /**
     * Returns the product over {@code axes}; zeros get PyTorch's exact gradient.
     *
     * @param axes the axes to reduce, negative counting from the end
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the product
     * @throws IllegalArgumentException if an axis is out of range or repeated
     */
    public Tensor prod(int[] axes, boolean keepDims) {
        return Statistics.prod(this, axes, keepDims);
    }

    /**
     * Returns the variance of all elements with Bessel's correction (n − 1), as a scalar (PyTorch's default).
     *
     * @return the variance
     * @throws IllegalArgumentException if this holds fewer than two elements
     */
    public Tensor var() {
        return Statistics.var(this, null, 1, false);
    }

    /**
     * Returns the variance over {@code axes} with Bessel's correction (n − 1), dropping them.
     *
     * @param axes the axes to reduce, negative counting from the end
     * @return the variance
     * @throws IllegalArgumentException if an axis is out of range or repeated, or the axes hold no more elements than the correction
     */
    public Tensor var(int... axes) {
        return Statistics.var(this, axes, 1, false);
    }

    /**
     * Returns the variance over {@code axes} (null for all), dividing by n − correction.
     *
     * @param axes the axes to reduce, negative counting from the end; null for all
     * @param correction 0 for the population variance, 1 for Bessel's correction
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the variance
     * @throws IllegalArgumentException if an axis is out of range or repeated, or the axes hold no more elements than the correction
     */
    public Tensor var(int[] axes, int correction, boolean keepDims) {
        return Statistics.var(this, axes, correction, keepDims);
    }

    /**
     * Returns the standard deviation of all elements with Bessel's correction (n − 1), as a scalar (PyTorch's default).
     *
     * @return the standard deviation
     * @throws IllegalArgumentException if this holds fewer than two elements
     */
    public Tensor std() {
        return Statistics.std(this, null, 1, false);
    }

    /**
     * Returns the standard deviation over {@code axes} with Bessel's correction (n − 1), dropping them.
     *
     * @param axes the axes to reduce, negative counting from the end
     * @return the standard deviation
     * @throws IllegalArgumentException if an axis is out of range or repeated, or the axes hold no more elements than the correction
     */
    public Tensor std(int... axes) {
        return Statistics.std(this, axes, 1, false);
    }

    /**
     * Returns the standard deviation over {@code axes} (null for all), dividing by n − correction.
     *
     * @param axes the axes to reduce, negative counting from the end; null for all
     * @param correction 0 for the population standard deviation, 1 for Bessel's correction
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the standard deviation
     * @throws IllegalArgumentException if an axis is out of range or repeated, or the axes hold no more elements than the correction
     */
    public Tensor std(int[] axes, int correction, boolean keepDims) {
        return Statistics.std(this, axes, correction, keepDims);
    }

    /**
     * Returns the 2-norm of all elements, √Σx² (for a matrix, its Frobenius norm), as a scalar.
     *
     * @return the norm
     */
    public Tensor norm() {
        return Statistics.norm(this, 2, null, false);
    }

    /**
     * Returns the p-norm of all elements, as a scalar: p = 1 Σ|x|, p = 2 √Σx², p = ∞ max|x|.
     *
     * @param p 1, 2 or {@code Double.POSITIVE_INFINITY}
     * @return the norm
     * @throws IllegalArgumentException if p is not 1, 2 or ∞, or an axis is out of range
     */
    public Tensor norm(double p) {
        return Statistics.norm(this, p, null, false);
    }

    /**
     * Returns the p-norm over {@code axes}, dropping them: p = 1 Σ|x|, p = 2 √Σx², p = ∞ max|x|.
     *
     * @param p 1, 2 or {@code Double.POSITIVE_INFINITY}
     * @param axes the axes to reduce, negative counting from the end
     * @return the norm
     * @throws IllegalArgumentException if p is not 1, 2 or ∞, or an axis is out of range
     */
    public Tensor norm(double p, int... axes) {
        return Statistics.norm(this, p, axes, false);
    }

    /**
     * Returns the p-norm over {@code axes} (null for all): p = 1 Σ|x|, p = 2 √Σx², p = ∞ max|x|.
     *
     * @param p 1, 2 or {@code Double.POSITIVE_INFINITY}
     * @param axes the axes to reduce, negative counting from the end; null for all
     * @param keepDims whether the reduced axes stay, with length 1
     * @return the norm
     * @throws IllegalArgumentException if p is not 1, 2 or ∞, or an axis is out of range
     */
    public Tensor norm(double p, int[] axes, boolean keepDims) {
        return Statistics.norm(this, p, axes, keepDims);
    }

    /**
     * Returns the cumulative sum along {@code axis}.
     *
     * @param axis the axis, negative counting from the end
     * @return the running sums, of this shape
     * @throws IllegalArgumentException if the axis is out of range
     */
    public Tensor cumsum(int axis) {
        return Statistics.cumsum(this, axis);
    }

    /**
     * Returns the cumulative product along {@code axis}; its gradient needs non-zero elements.
     *
     * @param axis the axis, negative counting from the end
     * @return the running products, of this shape
     * @throws IllegalArgumentException if the axis is out of range
     */
    public Tensor cumprod(int axis) {
        return Statistics.cumprod(this, axis);
    }

    /**
     * Returns the index of the largest element of the flattened tensor, as a constant scalar; ties and NaN: the first.
     *
     * @return the index, as a double
     * @throws IllegalArgumentException if this is empty
     */
    public Tensor argmax() {
        return Statistics.argmax(this, null, false);
    }

    /**
     * Returns the indices of the largest elements along {@code axis}, as a constant tensor of doubles; ties and NaN: the first.
     *
     * @param axis the axis, negative counting from the end
     * @return the indices, with the axis dropped
     * @throws IllegalArgumentException if the axis is out of range or empty
     */
    public Tensor argmax(int axis) {
        return Statistics.argmax(this, axis, false);
    }

    /**
     * Returns the indices of the largest elements along {@code axis}, as a constant tensor of doubles; ties and NaN: the first.
     *
     * @param axis the axis, negative counting from the end
     * @param keepDims whether the reduced axis stays, with length 1
     * @return the indices
     * @throws IllegalArgumentException if the axis is out of range or empty
     */
    public Tensor argmax(int axis, boolean keepDims) {
        return Statistics.argmax(this, axis, keepDims);
    }

    /**
     * Returns the index of the smallest element of the flattened tensor, as a constant scalar; ties and NaN: the first.
     *
     * @return the index, as a double
     * @throws IllegalArgumentException if this is empty
     */
    public Tensor argmin() {
        return Statistics.argmin(this, null, false);
    }

    /**
     * Returns the indices of the smallest elements along {@code axis}, as a constant tensor of doubles; ties and NaN: the first.
     *
     * @param axis the axis, negative counting from the end
     * @return the indices, with the axis dropped
     * @throws IllegalArgumentException if the axis is out of range or empty
     */
    public Tensor argmin(int axis) {
        return Statistics.argmin(this, axis, false);
    }

    /**
     * Returns the indices of the smallest elements along {@code axis}, as a constant tensor of doubles; ties and NaN: the first.
     *
     * @param axis the axis, negative counting from the end
     * @param keepDims whether the reduced axis stays, with length 1
     * @return the indices
     * @throws IllegalArgumentException if the axis is out of range or empty
     */
    public Tensor argmin(int axis, boolean keepDims) {
        return Statistics.argmin(this, axis, keepDims);
    }
    // ---------------------------------------------------------------- shaping and indexing beyond the course

    /**
     * Returns this tensor without any of its length-1 axes.
     *
     * @return the same values with every length-1 axis removed
     */
    public Tensor squeeze() {
        return Reshaping.squeeze(this);
    }

    /**
     * Returns this tensor without the given axis, which must have length 1.
     *
     * @param axis the axis to remove, negative counting from the end
     * @return the same values with that axis removed
     * @throws IllegalArgumentException if the axis is out of range or its length is not 1
     */
    public Tensor squeeze(int axis) {
        return Reshaping.squeeze(this, axis);
    }

    /**
     * Returns this tensor with a new axis of length 1 at position {@code axis} of the result.
     *
     * @param axis the new axis's position, from -(rank + 1) to rank
     * @return the same values with one more axis
     * @throws IllegalArgumentException if the axis is out of range
     */
    public Tensor unsqueeze(int axis) {
        return Reshaping.unsqueeze(this, axis);
    }

    /**
     * Returns this tensor as a vector of all its values in row-major order.
     *
     * @return the flattened tensor
     */
    public Tensor flatten() {
        return Reshaping.flatten(this, 0, -1);
    }

    /**
     * Returns this tensor with axes {@code start} to {@code end}, both inclusive, merged into one (PyTorch's
     * {@code flatten(start_dim, end_dim)}); {@code flatten(1, -1)} keeps a batch axis in front.
     *
     * @param start the first axis merged, negative counting from the end
     * @param end   the last axis merged
     * @return the same values with those axes as one
     * @throws IllegalArgumentException if an axis is out of range or end comes before start
     */
    public Tensor flatten(int start, int end) {
        return Reshaping.flatten(this, start, end);
    }

    /**
     * Returns the tensors, all of one shape, joined along a new axis at position {@code axis}.
     *
     * @param axis    the new axis's position, from -(rank + 1) to rank
     * @param tensors the tensors, at least one
     * @return a tensor of one more axis whose slice i along axis is tensor i
     * @throws IllegalArgumentException if there are none, the shapes differ or the axis is out of range
     */
    public static Tensor stack(int axis, Tensor... tensors) {
        return Reshaping.stack(axis, tensors);
    }

    /**
     * Cuts this tensor along {@code axis} into consecutive pieces of the given lengths, each a differentiable slice.
     *
     * @param axis  the axis to cut, negative counting from the end
     * @param sizes the pieces' lengths, summing to the axis length
     * @return the pieces, in order
     * @throws IllegalArgumentException if the sizes are negative or do not add up to the axis length
     */
    public Tensor[] split(int axis, int... sizes) {
        return Reshaping.split(this, axis, sizes);
    }

    /**
     * Cuts this tensor along {@code axis} into pieces of ⌈n / chunks⌉, the last shorter (PyTorch's {@code chunk}).
     *
     * @param chunks how many pieces at most, positive
     * @param axis   the axis to cut, negative counting from the end
     * @return the pieces, in order, each a differentiable slice
     * @throws IllegalArgumentException if chunks is not positive or the axis is out of range
     */
    public Tensor[] chunk(int chunks, int axis) {
        return Reshaping.chunk(this, chunks, axis);
    }

    /**
     * Returns this tensor with axes {@code axis0} and {@code axis1} exchanged (PyTorch's {@code transpose(a, b)}).
     *
     * @param axis0 one axis, negative counting from the end
     * @param axis1 the other axis
     * @return the tensor with the two axes exchanged
     * @throws IllegalArgumentException if an axis is out of range
     */
    public Tensor transpose(int axis0, int axis1) {
        return Reshaping.swapAxes(this, axis0, axis1);
    }

    /**
     * Returns this tensor with axes {@code axis0} and {@code axis1} exchanged (numpy's {@code swapaxes}).
     *
     * @param axis0 one axis, negative counting from the end
     * @param axis1 the other axis
     * @return the tensor with the two axes exchanged
     * @throws IllegalArgumentException if an axis is out of range
     */
    public Tensor swapAxes(int axis0, int axis1) {
        return Reshaping.swapAxes(this, axis0, axis1);
    }

    /**
     * Returns this tensor with its last two axes exchanged: each matrix of a batch transposed (PyTorch's {@code mT}).
     *
     * @return the tensor with its last two axes exchanged
     * @throws IllegalArgumentException if the rank is below 2
     */
    public Tensor mT() {
        return Reshaping.matrixTranspose(this);
    }

    /**
     * Returns this tensor copied {@code reps[i]} times along axis i: numpy's {@code tile}, which PyTorch calls
     * {@code repeat} ([1, 2] tiled 2 times is [1, 2, 1, 2]; compare {@link #repeatInterleave}).
     *
     * @param reps copies along each axis, aligned with the shape at the right
     * @return the tiled tensor
     * @throws IllegalArgumentException if a count is negative or the result too large
     */
    public Tensor tile(int... reps) {
        return Reshaping.tile(this, reps);
    }

    /**
     * Returns this tensor with each element repeated {@code repeats} times in place along {@code axis}: numpy's
     * {@code repeat}, PyTorch's {@code repeat_interleave} ([1, 2] becomes [1, 1, 2, 2]; compare {@link #tile}).
     *
     * @param repeats how many times each element appears, not negative
     * @param axis    the axis, negative counting from the end
     * @return the tensor with that axis repeats times longer
     * @throws IllegalArgumentException if repeats is negative, the axis out of range or the result too large
     */
    public Tensor repeatInterleave(int repeats, int axis) {
        return Reshaping.repeatInterleave(this, repeats, axis);
    }

    /**
     * Returns the entries picked along {@code axis} by an index tensor of this tensor's rank (PyTorch's
     * {@code gather}): for axis 0, {@code y[i][j] = this[index[i][j]][j]}.
     *
     * @param axis  the axis the indices run along
     * @param index integral values in range, a constant
     * @return the picked entries, shaped like index
     * @throws IllegalArgumentException if the shapes do not fit or an index is not integral or out of range
     */
    public Tensor gather(int axis, Tensor index) {
        return Gathering.gather(this, axis, index);
    }

    /**
     * Returns this tensor with src's entries added at the positions index names along {@code axis} (PyTorch's
     * {@code scatter_add}): for axis 0, {@code y[index[i][j]][j] += src[i][j]}; the adjoint of {@link #gather}.
     *
     * @param axis  the axis the indices run along
     * @param index integral values in range, of this tensor's rank, a constant
     * @param src   the values to add, of index's shape
     * @return a new tensor of this tensor's shape
     * @throws IllegalArgumentException if the shapes do not fit or an index is not integral or out of range
     */
    public Tensor scatterAdd(int axis, Tensor index, Tensor src) {
        return Gathering.scatterAdd(this, axis, index, src);
    }

    /**
     * Returns the entries at the indices held in a vector along {@code axis}, in that order (PyTorch's
     * {@code index_select}).
     *
     * @param axis  the axis, negative counting from the end
     * @param index a vector of integral values in range, a constant
     * @return this tensor with that axis replaced by the selected entries
     * @throws IllegalArgumentException if index is not a vector or an index is not integral or out of range
     */
    public Tensor indexSelect(int axis, Tensor index) {
        return Gathering.indexSelect(this, axis, index);
    }

    /**
     * Returns numpy's {@code diag}: a vector's diagonal matrix, or a matrix's main diagonal as a vector.
     *
     * @return the matrix or the vector
     * @throws IllegalArgumentException if this tensor is neither a vector nor a matrix
     */
    public Tensor diag() {
        return Gathering.diag(this, 0);
    }

    /**
     * Returns numpy's {@code diag(x, k)}: a vector placed on diagonal k of a square matrix, or a matrix's diagonal k.
     *
     * @param offset the diagonal: 0 the main one, positive above it, negative below
     * @return the matrix or the vector
     * @throws IllegalArgumentException if this tensor is neither a vector nor a matrix
     */
    public Tensor diag(int offset) {
        return Gathering.diag(this, offset);
    }

    /**
     * Returns the sum of the main diagonal of this matrix, as a scalar.
     *
     * @return the trace
     * @throws IllegalArgumentException if this tensor is not 2-D
     */
    public Tensor trace() {
        return Gathering.trace(this);
    }

    /**
     * Returns this tensor sorted along {@code axis}, stably, with the positions the values came from; the
     * values are differentiable, the indices a constant.
     *
     * @param axis       the axis, negative counting from the end
     * @param descending largest first if true
     * @return the sorted values and their indices
     * @throws IllegalArgumentException if the axis is out of range
     */
    public Sorting.ValuesAndIndices sort(int axis, boolean descending) {
        return Sorting.sort(this, axis, descending);
    }

    /**
     * Returns the k largest values along {@code axis}, largest first, with their positions (PyTorch's {@code topk}).
     *
     * @param k    how many, from 0 to the axis length
     * @param axis the axis, negative counting from the end
     * @return the values (differentiable) and their indices (a constant)
     * @throws IllegalArgumentException if the axis is out of range or k is outside [0, axis length]
     */
    public Sorting.ValuesAndIndices topk(int k, int axis) {
        return Sorting.topk(this, k, axis, true);
    }

    /**
     * Returns the k largest (or smallest) values along {@code axis} in sorted order, with their positions.
     *
     * @param k       how many, from 0 to the axis length
     * @param axis    the axis, negative counting from the end
     * @param largest the largest values, largest first, if true; the smallest, smallest first, if false
     * @return the values (differentiable) and their indices (a constant)
     * @throws IllegalArgumentException if the axis is out of range or k is outside [0, axis length]
     */
    public Sorting.ValuesAndIndices topk(int k, int axis, boolean largest) {
        return Sorting.topk(this, k, axis, largest);
    }
    // ---------------------------------------------------------------- linear algebra beyond matmul

    /**
     * Returns the dot product of two vectors of one length, as a 0-D tensor.
     *
     * @param other a 1-D tensor of this tensor's length
     * @return Σᵢ thisᵢ·otherᵢ
     * @throws IllegalArgumentException if either is not 1-D or the lengths differ
     */
    public Tensor dot(Tensor other) {
        return LinearAlgebra.dot(this, other);
    }

    /**
     * Returns the outer product of two vectors, the matrix of every thisᵢ·otherⱼ.
     *
     * @param other a 1-D tensor
     * @return the (this length, other length) matrix
     * @throws IllegalArgumentException if either is not 1-D
     */
    public Tensor outer(Tensor other) {
        return LinearAlgebra.outer(this, other);
    }

    /**
     * Returns the Einstein sum of the operands, as numpy's {@code einsum}: {@code einsum("ij,jk->ik", a, b)}.
     *
     * @param subscripts one group of index letters per operand, comma-separated, optionally {@code ->} and the output's
     * @param operands   the tensors
     * @return the sum, one axis per output index
     * @throws IllegalArgumentException naming the subscripts if they do not fit the operands or are not supported
     */
    public static Tensor einsum(String subscripts, Tensor... operands) {
        return Einsum.einsum(subscripts, operands);
    }

    /**
     * Returns X with this·X = b, this a square matrix (or a stack of them), by LU with partial pivoting.
     *
     * @param b the right-hand sides, (…, n, k) with this tensor's batch axes, or (n)
     * @return X, of b's shape
     * @throws IllegalArgumentException if the shapes do not fit or this matrix is singular to working precision
     */
    public Tensor solve(Tensor b) {
        return DenseLinearAlgebra.solve(this, b);
    }

    /**
     * Returns the inverse of this square matrix (or of each matrix of a stack).
     *
     * @return this⁻¹
     * @throws IllegalArgumentException if this is not square or is singular to working precision
     */
    public Tensor inverse() {
        return DenseLinearAlgebra.inverse(this);
    }

    /**
     * Returns the determinant of this square matrix (or of each matrix of a stack).
     *
     * @return det this, one value per matrix
     * @throws IllegalArgumentException if this is not square
     */
    public Tensor det() {
        return DenseLinearAlgebra.det(this);
    }

    /**
     * Returns log |det this| for this square matrix (or each of a stack), without overflow; see {@link #detSign()}.
     *
     * @return log |det this|, one value per matrix
     * @throws IllegalArgumentException if this is not square or is singular
     */
    public Tensor logAbsDet() {
        return DenseLinearAlgebra.logAbsDet(this);
    }

    /**
     * Returns the sign of det this (1, −1, or 0 if singular), a constant: with {@link #logAbsDet()}, numpy's slogdet.
     *
     * @return the signs, one per matrix
     * @throws IllegalArgumentException if this is not square
     */
    public Tensor detSign() {
        return DenseLinearAlgebra.detSign(this);
    }

    /**
     * Returns the lower Cholesky factor L (L·Lᵀ = (this + thisᵀ)/2) of this symmetric positive definite matrix.
     *
     * @return L, zero above the diagonal
     * @throws IllegalArgumentException if this is not square or not positive definite
     */
    public Tensor cholesky() {
        return DenseLinearAlgebra.cholesky(this);
    }

    /**
     * Returns X with T·X = b, T the lower (or upper) triangle of this square matrix, by substitution.
     *
     * @param b     the right-hand sides, (…, n, k) with this tensor's batch axes, or (n)
     * @param lower read this matrix's lower triangle; false reads the upper one
     * @return X, of b's shape
     * @throws IllegalArgumentException if the shapes do not fit or the triangle is singular to working precision
     */
    public Tensor triangularSolve(Tensor b, boolean lower) {
        return DenseLinearAlgebra.triangularSolve(this, b, lower);
    }
    // ---------------------------------------------------------------- convolution and pooling
    // Fully qualified names here keep this section's imports out of the shared import block.

    /**
     * Returns the 2-d convolution of these images (N, C, H, W) with filters {@code weight} (F, C, kH, kW),
     * stride 1, no padding, no bias; see {@link Convolution#conv2d(Tensor, Tensor, Tensor, ConvOptions)}.
     *
     * @param weight the filters, (F, C, kH, kW)
     * @return the feature maps, (N, F, H − kH + 1, W − kW + 1)
     * @throws IllegalArgumentException naming the op and the shapes if they do not fit together
     */
    public Tensor conv2d(Tensor weight) {
        return Convolution.conv2d(this, weight);
    }

    /**
     * Returns the 2-d convolution of these images (N, C, H, W) with filters {@code weight}, plus a bias per
     * filter, with the stride, padding, dilation and groups of {@code options}, e.g.
     * {@code x.conv2d(w, b, ConvOptions.DEFAULT.stride(2).padding(1))}.
     *
     * @param weight  the filters, (F, C/groups, kH, kW)
     * @param bias    the bias, (F), or null for none
     * @param options stride, padding, dilation and groups
     * @return the feature maps, (N, F, H', W')
     * @throws IllegalArgumentException naming the op and the shapes or values at fault
     */
    public Tensor conv2d(Tensor weight, Tensor bias, ConvOptions options) {
        return Convolution.conv2d(this, weight, bias, options);
    }

    /**
     * Returns the 1-d convolution of these sequences (N, C, L) with filters {@code weight} (F, C, k),
     * stride 1, no padding, no bias.
     *
     * @param weight the filters, (F, C, k)
     * @return (N, F, L − k + 1)
     * @throws IllegalArgumentException naming the op and the shapes if they do not fit together
     */
    public Tensor conv1d(Tensor weight) {
        return Convolution.conv1d(this, weight);
    }

    /**
     * Returns the 1-d convolution of these sequences (N, C, L) with filters {@code weight}, plus a bias per
     * filter, with the stride, padding, dilation and groups of {@code options}.
     *
     * @param weight  the filters, (F, C/groups, k)
     * @param bias    the bias, (F), or null for none
     * @param options stride, padding, dilation (each set with its one-value method) and groups
     * @return (N, F, L')
     * @throws IllegalArgumentException naming the op and the shapes or values at fault
     */
    public Tensor conv1d(Tensor weight, Tensor bias, ConvOptions options) {
        return Convolution.conv1d(this, weight, bias, options);
    }

    /**
     * Returns the maximum of each non-overlapping kernel × kernel window of each channel of these images (N, C, H, W).
     *
     * @param kernel the window's height and width, also the stride
     * @return (N, C, ⌊H/kernel⌋, ⌊W/kernel⌋)
     * @throws IllegalArgumentException naming the op and the values at fault
     */
    public Tensor maxPool2d(int kernel) {
        return Pooling.maxPool2d(this, kernel);
    }

    /**
     * Returns the maximum of each kernel × kernel window of each channel of these images (N, C, H, W); the
     * gradient goes to each window's maximum.
     *
     * @param kernel  the window's height and width
     * @param stride  the step between windows
     * @param padding the −∞ padding on each side, at most kernel/2
     * @return (N, C, H', W')
     * @throws IllegalArgumentException naming the op and the values at fault
     */
    public Tensor maxPool2d(int kernel, int stride, int padding) {
        return Pooling.maxPool2d(this, kernel, stride, padding);
    }

    /**
     * Returns the mean of each non-overlapping kernel × kernel window of each channel of these images (N, C, H, W).
     *
     * @param kernel the window's height and width, also the stride
     * @return (N, C, ⌊H/kernel⌋, ⌊W/kernel⌋)
     * @throws IllegalArgumentException naming the op and the values at fault
     */
    public Tensor avgPool2d(int kernel) {
        return Pooling.avgPool2d(this, kernel);
    }

    /**
     * Returns the mean of each kernel × kernel window of each channel of these images (N, C, H, W), zero
     * padding counted in the mean.
     *
     * @param kernel  the window's height and width
     * @param stride  the step between windows
     * @param padding the zero padding on each side, at most kernel/2
     * @return (N, C, H', W')
     * @throws IllegalArgumentException naming the op and the values at fault
     */
    public Tensor avgPool2d(int kernel, int stride, int padding) {
        return Pooling.avgPool2d(this, kernel, stride, padding);
    }
    // ---------------------------------------------------------------- printing

    /** Prints the values as numpy prints an array, nested by axis, followed by the graph op if any. */
    @Override
    public String toString() {
        String body = TensorFormat.format(this);
        if (!isLeaf()) {
            return "tensor(" + body + ", op=" + op() + ")";
        }
        return "tensor(" + body + (origin != null ? ", requiresGrad" : "") + ")";
    }

    private static Shape requireShape(String op, Shape shape) {
        if (shape == null) {
            throw new IllegalArgumentException(op + ": shape is null");
        }
        return shape;
    }

    private static void requireRandom(String op, Random rng) {
        if (rng == null) {
            throw new IllegalArgumentException(op + ": random generator is null (pass a seeded java.util.Random)");
        }
    }

    int flatIndex(String op, int[] index) {
        if (index == null || index.length != shape.rank()) {
            throw new IllegalArgumentException(op + ": index " + Arrays.toString(index) + " does not have one coordinate per axis of shape " + shape);
        }
        int flat = 0;
        int[] strides = shape.strides();
        for (int i = 0; i < index.length; i++) {
            int len = shape.dim(i);
            if (index[i] < 0 || index[i] >= len) {
                throw new IllegalArgumentException(op + ": index " + Arrays.toString(index) + " is out of range for shape "
                        + shape + " (axis " + i + " has length " + len + ")");
            }
            flat += index[i] * strides[i];
        }
        return flat;
    }
}
