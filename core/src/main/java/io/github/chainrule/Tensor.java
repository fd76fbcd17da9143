package io.github.chainrule;

import io.github.chainrule.ops.Arithmetic;
import io.github.chainrule.ops.Indexing;
import io.github.chainrule.ops.LinearAlgebra;
import io.github.chainrule.ops.Reductions;
import io.github.chainrule.ops.Shaping;
import io.github.chainrule.ops.Softmax;
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
 * {@link io.github.chainrule.ops.OpRegistry} under its name. Binary ops broadcast as numpy does.
 */
public final class Tensor {
    // The values, row-major. A one-element tensor made by a scalar op (or Tensor.scalar) keeps its value in
    // the field `value` and has no array until someone asks for buffer(): a graph of scalars is then one
    // object per node, as micrograd's Value is, instead of a tensor and a double[1]. Volatile because
    // buffer() may create the array on any thread.
    private volatile double[] storage;
    private final double value;
    final Shape shape;

    // The accumulated gradient, in one field of two types. A recorded pass, or one that adds to a gradient
    // already handed out, stores a Tensor. A plain pass adds a leaf's gradient in place: into a double[]
    // the leaf keeps here from pass to pass or, for a one-element leaf, into the double scalarGrad
    // (gradLive says either holds a gradient, not a spare array left by zeroGrad). So passes whose
    // gradients nobody reads in between allocate no gradient per leaf and write no new reference into a
    // long-lived leaf (each such write costs the garbage collector a write barrier). grad() wraps the
    // array (or the double) in a tensor and hands it over: the engine never writes into that array again.
    // One field, not two, because every field of a tensor is a field of every node of a scalar graph.
    Object grad;
    boolean gradLive;
    // For an op's one-element output, scalarGrad is instead the gradient pending at it during a pass over
    // a graph of scalars (Engine.propagateScalars): in the node itself, not in an array beside the graph.
    double scalarGrad;

    // The tensor as a node of the graph (micrograd's Value is its own node too: no second object per op).
    // A tensor that requires a gradient has an origin: Origin.LEAF for one the user made, or the recorded
    // op that made it (its name and backward rule, usually shared by all its outputs), with its inputs here.
    // A constant has none. Labels live beside the tensors (Labels): a 72-byte tensor, not an 80-byte one.
    Origin origin;
    Tensor input0;              // the first two inputs, in fields: most ops have one or two
    Tensor input1;
    Tensor[] moreInputs;        // inputs 2, 3, ... of an op with more than two
    boolean released;           // an earlier backward freed the graph behind this tensor
    boolean retainGrad;

    // Engine bookkeeping for the backward pass in progress, as ints rather than hash maps.
    int mark;
    int dependents;
    int slot;

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

    /** Returns a rank-0 tensor holding {@code value}. */
    public static Tensor scalar(double value) {
        return new Tensor(value, Shape.SCALAR);
    }

    /**
     * Returns a one-element tensor of the given shape ({@code ()}, {@code (1)}, {@code (1,1)}, ...) holding
     * {@code value}: what an elementwise op on one-element tensors returns.
     *
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
     * @throws IllegalArgumentException if the number of values does not match the shape
     */
    public static Tensor of(double[] data, int... dims) {
        if (data == null) {
            throw new IllegalArgumentException("of: data must not be null");
        }
        return wrap(data.clone(), Shape.of(dims));
    }

    /** Returns a rank-1 tensor holding a copy of the given values. */
    public static Tensor vector(double... values) {
        if (values == null) {
            throw new IllegalArgumentException("vector: values must not be null");
        }
        return of(values, values.length);
    }

    /**
     * Returns a rank-2 tensor holding a copy of the given rows.
     *
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
        double[] data = new double[Shape.of(rows.length, cols).size()];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != cols) {
                throw new IllegalArgumentException("matrix: row " + i + " has " + rows[i].length
                        + " values but row 0 has " + cols);
            }
            System.arraycopy(rows[i], 0, data, i * cols, cols);
        }
        return wrap(data, Shape.of(rows.length, cols));
    }

    /** Returns a tensor of zeros of the given shape. */
    public static Tensor zeros(int... dims) {
        return zeros(Shape.of(dims));
    }

    /** Returns a tensor of zeros of the given shape. */
    public static Tensor zeros(Shape shape) {
        return new Tensor(new double[requireShape("zeros", shape).size()], shape);
    }

    /** Returns a tensor of ones of the given shape. */
    public static Tensor ones(int... dims) {
        return full(1.0, dims);
    }

    /** Returns a tensor of the given shape with every element equal to {@code value}. */
    public static Tensor full(double value, int... dims) {
        return full(value, Shape.of(dims));
    }

    /** Returns a tensor of the given shape with every element equal to {@code value}. */
    public static Tensor full(double value, Shape shape) {
        double[] d = new double[requireShape("full", shape).size()];
        Arrays.fill(d, value);
        return new Tensor(d, shape);
    }

    /**
     * Returns the n×n identity matrix.
     *
     * @throws IllegalArgumentException if n is negative
     */
    public static Tensor eye(int n) {
        Tensor t = zeros(n, n);
        for (int i = 0; i < n; i++) {
            t.buffer()[i * n + i] = 1;
        }
        return t;
    }

    /** Returns the rank-1 tensor {@code [0, 1, ..., n-1]}. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /**
     * Returns the rank-1 tensor {@code [start, start+step, ...]} of the values below {@code stop}
     * (above it for a negative step), as numpy's {@code arange}.
     *
     * @throws IllegalArgumentException if step is zero or not finite
     */
    public static Tensor arange(double start, double stop, double step) {
        if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(stop)) {
            throw new IllegalArgumentException("arange: needs finite start, stop and a non-zero step, got "
                    + start + ", " + stop + ", " + step);
        }
        int n = (int) Math.max(0, Math.ceil((stop - start) / step));
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = start + i * step;
        }
        return wrap(d, Shape.of(n));
    }

    /** Returns a tensor of values drawn uniformly from [0, 1) by {@code rng} (seed it for repeatable runs). */
    public static Tensor rand(Random rng, int... dims) {
        return uniform(rng, 0, 1, dims);
    }

    /** Returns a tensor of values drawn uniformly from [low, high) by {@code rng}. */
    public static Tensor uniform(Random rng, double low, double high, int... dims) {
        requireRandom("uniform", rng);
        Shape s = Shape.of(dims);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = low + (high - low) * rng.nextDouble();
        }
        return new Tensor(d, s);
    }

    /** Returns a tensor of values drawn from the standard normal distribution N(0, 1) by {@code rng}. */
    public static Tensor randn(Random rng, int... dims) {
        requireRandom("randn", rng);
        Shape s = Shape.of(dims);
        double[] d = new double[s.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.nextGaussian();
        }
        return new Tensor(d, s);
    }

    // ---------------------------------------------------------------- accessors

    /** Returns this tensor's shape. */
    public Shape shape() {
        return shape;
    }

    /** Returns the number of axes. */
    public int rank() {
        return shape.rank();
    }

    /** Returns the number of elements. */
    public int size() {
        return shape.size();
    }

    /**
     * Returns the value of a one-element tensor.
     *
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
     * @throws IllegalArgumentException if the number of coordinates is not the rank or one is out of range
     */
    public double get(int... index) {
        return buffer()[flatIndex("get", index)];
    }

    /** Returns a copy of the values in row-major order. */
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
     */
    public double[] buffer() {
        double[] d = storage;
        if (d == null) {
            d = new double[] {value};   // a one-element tensor's array, made when first asked for
            storage = d;                // (two threads may each make one: they hold the same value)
        }
        return d;
    }

    /** Returns a copy of this tensor's values that is not part of any graph. */
    public Tensor copy() {
        return new Tensor(buffer().clone(), shape);
    }

    /**
     * Returns true if both tensors have the same shape and every pair of elements satisfies
     * {@code |a - b| <= atol + rtol * |b|} (numpy's {@code allclose}).
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

    /** {@link #allClose(Tensor, double, double)} with numpy's defaults, rtol = 1e-5 and atol = 1e-8. */
    public boolean allClose(Tensor other) {
        return allClose(other, 1e-5, 1e-8);
    }

    /** Returns the label given by {@link #named}, or null. */
    public String label() {
        return Labels.of(this);
    }

    /** Gives this tensor a label shown in graph drawings and error reports; returns this tensor. */
    public Tensor named(String label) {
        Labels.set(this, label);
        return this;
    }

    // ---------------------------------------------------------------- autograd

    /**
     * Marks this leaf as requiring a gradient, so that ops on it are recorded and {@link #backward()}
     * fills {@link #grad()}; returns this tensor.
     *
     * @throws IllegalStateException if this tensor is the output of a recorded op (it requires one already)
     */
    public Tensor requiresGrad() {
        return requiresGrad(true);
    }

    /**
     * Sets whether this leaf requires a gradient; returns this tensor.
     *
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

    /** Returns true if ops on this tensor are recorded for differentiation. */
    public boolean isGradRequired() {
        return origin != null;
    }

    /** Returns true if this tensor was not made by a recorded op (a user's tensor or a constant). */
    public boolean isLeaf() {
        return (origin == null || origin == Origin.LEAF) && !released;
    }

    /**
     * Returns the name of the op that made this tensor, {@code "leaf"} for a tensor the user marked as
     * requiring a gradient, or null for a constant (nothing recorded).
     */
    public String op() {
        return origin == null ? null : origin.op;
    }

    /**
     * Returns the tensors the op that made this tensor read, in order; empty for a leaf or a constant.
     *
     * @throws IllegalStateException if a backward pass already freed this part of the graph
     */
    public Tensor[] inputs() {
        if (released) {
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
        return moreInputs != null ? 2 + moreInputs.length : input1 != null ? 2 : input0 != null ? 1 : 0;
    }

    /** Returns input {@code i} of the op that made this tensor (no checks: for the engine). */
    Tensor input(int i) {
        return i == 0 ? input0 : i == 1 ? input1 : moreInputs[i - 2];
    }

    /**
     * Returns the gradient accumulated into this tensor by backward passes.
     *
     * @throws IllegalStateException if no gradient has been accumulated yet
     */
    public Tensor grad() {
        Tensor g = gradOrNull();
        if (g == null) {
            String label = label();
            throw new IllegalStateException("grad: tensor of shape " + shape + (label == null ? "" : " '" + label + "'")
                    + " has no gradient: " + (origin != null ? "call backward() on a result that depends on it first"
                    : "it does not require one (call requiresGrad() before building the graph)"));
        }
        return g;
    }

    /** Returns the accumulated gradient as a tensor, or null; hands an in-place gradient over to that tensor. */
    Tensor gradOrNull() {
        if (gradLive) {
            // for an array, the tensor owns it now: never written again
            grad = shape.size() == 1 ? new Tensor(scalarGrad, shape) : new Tensor((double[]) grad, shape);
            gradLive = false;
        }
        return grad instanceof Tensor t ? t : null;
    }

    /** Returns true if a gradient has been accumulated into this tensor. */
    public boolean hasGrad() {
        return grad instanceof Tensor || gradLive;
    }

    /** Forgets the accumulated gradient, so the next backward pass starts from zero. */
    public void zeroGrad() {
        if (grad instanceof Tensor) {
            grad = null;
        }
        gradLive = false;   // an array, if still ours, is reused as a spare
    }

    /**
     * Asks backward passes to store this non-leaf tensor's gradient in {@link #grad()} too (leaves always
     * get theirs); returns this tensor.
     *
     * @throws IllegalStateException if this tensor does not require a gradient
     */
    public Tensor retainGrad() {
        if (origin == null) {
            throw new IllegalStateException("retainGrad: tensor of shape " + shape + " does not require a gradient");
        }
        retainGrad = true;
        return this;
    }

    /** Returns a tensor with the same values that is cut from the graph: gradients do not flow through it. */
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

    /** Returns {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) {
        return Arithmetic.add(this, other);
    }

    /** Returns {@code this + value}. */
    public Tensor add(double value) {
        return Arithmetic.add(this, scalar(value));
    }

    /** Returns {@code this - other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return Arithmetic.sub(this, other);
    }

    /** Returns {@code this - value}. */
    public Tensor sub(double value) {
        return Arithmetic.sub(this, scalar(value));
    }

    /** Returns {@code this * other} elementwise, broadcasting. */
    public Tensor mul(Tensor other) {
        return Arithmetic.mul(this, other);
    }

    /** Returns {@code this * value}. */
    public Tensor mul(double value) {
        return Arithmetic.mul(this, scalar(value));
    }

    /** Returns {@code this / other} elementwise, broadcasting. */
    public Tensor div(Tensor other) {
        return Arithmetic.div(this, other);
    }

    /** Returns {@code this / value}. */
    public Tensor div(double value) {
        return Arithmetic.div(this, scalar(value));
    }

    /** Returns {@code this ^ exponent} elementwise, for a constant exponent. */
    public Tensor pow(double exponent) {
        return Arithmetic.pow(this, exponent);
    }

    /** Returns {@code this ^ exponent} elementwise, broadcasting; differentiable in both (needs this > 0 for d/dexponent). */
    public Tensor pow(Tensor exponent) {
        return Arithmetic.pow(this, exponent);
    }

    /** Returns the elementwise maximum of this and {@code other}, broadcasting; a tie splits the gradient evenly. */
    public Tensor maximum(Tensor other) {
        return Arithmetic.maximum(this, other);
    }

    /** Returns the elementwise minimum of this and {@code other}, broadcasting; a tie splits the gradient evenly. */
    public Tensor minimum(Tensor other) {
        return Arithmetic.minimum(this, other);
    }

    /** Returns {@code -this}. */
    public Tensor neg() {
        return Arithmetic.neg(this);
    }

    // ---------------------------------------------------------------- elementwise functions

    /** Returns e^this elementwise. */
    public Tensor exp() {
        return Unary.exp(this);
    }

    /** Returns the natural logarithm elementwise. */
    public Tensor log() {
        return Unary.log(this);
    }

    /** Returns the square root elementwise. */
    public Tensor sqrt() {
        return Unary.sqrt(this);
    }

    /** Returns this² elementwise. */
    public Tensor square() {
        return Unary.square(this);
    }

    /** Returns |this| elementwise; the derivative at 0 is taken as 0. */
    public Tensor abs() {
        return Unary.abs(this);
    }

    /** Returns tanh elementwise. */
    public Tensor tanh() {
        return Unary.tanh(this);
    }

    /** Returns the logistic sigmoid 1 / (1 + e^-x) elementwise, computed without overflow for large |x|. */
    public Tensor sigmoid() {
        return Unary.sigmoid(this);
    }

    /** Returns max(0, x) elementwise; the derivative at 0 is taken as 1, as the course does. */
    public Tensor relu() {
        return Unary.relu(this);
    }

    /** Returns the leaky ReLU with slope 0.01 for negative inputs. */
    public Tensor leakyRelu() {
        return Unary.leakyRelu(this, Unary.DEFAULT_LEAKY_SLOPE);
    }

    /** Returns the leaky ReLU: x for x ≥ 0, slope·x otherwise. */
    public Tensor leakyRelu(double slope) {
        return Unary.leakyRelu(this, slope);
    }

    /** Returns softplus log(1 + e^x) elementwise, computed without overflow. */
    public Tensor softplus() {
        return Unary.softplus(this);
    }

    // ---------------------------------------------------------------- linear algebra and shapes

    /** Returns the matrix product this·other of two 2-D tensors. */
    public Tensor matmul(Tensor other) {
        return LinearAlgebra.matmul(this, other, false, false);
    }

    /** Returns thisᵀ·other without materializing the transpose. */
    public Tensor matmulTransA(Tensor other) {
        return LinearAlgebra.matmul(this, other, true, false);
    }

    /** Returns this·otherᵀ without materializing the transpose. */
    public Tensor matmulTransB(Tensor other) {
        return LinearAlgebra.matmul(this, other, false, true);
    }

    /** Returns the transpose of a 2-D tensor. */
    public Tensor transpose() {
        return Shaping.transpose(this);
    }

    /** Returns this tensor with its axes reordered: axis i of the result is axis {@code axes[i]} of this. */
    public Tensor permute(int... axes) {
        return Shaping.permute(this, axes);
    }

    /** Returns the same values in a new shape of the same size; one length may be -1, inferred. */
    public Tensor reshape(int... dims) {
        return Shaping.reshape(this, dims);
    }

    /** Returns this tensor repeated along broadcast axes to {@code shape}, as numpy's {@code broadcast_to}. */
    public Tensor broadcastTo(Shape shape) {
        return Shaping.broadcastTo(this, shape);
    }

    /** Returns this tensor summed over the axes along which {@code shape} was broadcast to it: the adjoint of broadcastTo. */
    public Tensor sumTo(Shape shape) {
        return Shaping.sumTo(this, shape);
    }

    /** Returns elements {@code start} (inclusive) to {@code end} (exclusive) along {@code axis}. */
    public Tensor slice(int axis, int start, int end) {
        return Shaping.slice(this, axis, start, end);
    }

    /** Returns this tensor padded with {@code before} zeros in front and {@code after} zeros behind along {@code axis}. */
    public Tensor pad(int axis, int before, int after) {
        return Shaping.pad(this, axis, before, after);
    }

    /** Returns the given tensors joined along {@code axis}; the other axes must agree. */
    public static Tensor concat(int axis, Tensor... tensors) {
        return Shaping.concat(axis, tensors);
    }

    /** Returns the entries at {@code indices} along {@code axis}, in that order (indices may repeat). */
    public Tensor indexSelect(int axis, int... indices) {
        return Indexing.indexSelect(this, axis, indices);
    }

    /** Returns the columns at {@code indices} of a 2-D tensor: a mini-batch of examples in the course's layout. */
    public Tensor selectColumns(int... indices) {
        return Indexing.indexSelect(this, 1, indices);
    }

    /**
     * Returns the course's one-hot matrix of shape (classes, m): column j is 1 in row {@code labels[j]}.
     */
    public static Tensor oneHot(int[] labels, int classes) {
        return Indexing.oneHot(labels, classes);
    }

    /** Returns {@code mask ? a : b} elementwise, broadcasting; mask is a constant tensor of 0s and 1s. */
    public static Tensor where(Tensor mask, Tensor a, Tensor b) {
        return Indexing.where(mask, a, b);
    }

    // ---------------------------------------------------------------- reductions

    /** Returns the sum of all elements, as a scalar. */
    public Tensor sum() {
        return Reductions.sum(this, null, false);
    }

    /** Returns the sum along {@code axis}, keeping it with length 1 if {@code keepDims}. */
    public Tensor sum(int axis, boolean keepDims) {
        return Reductions.sum(this, new int[] {axis}, keepDims);
    }

    /** Returns the sum along {@code axes}, keeping them with length 1 if {@code keepDims}. */
    public Tensor sum(int[] axes, boolean keepDims) {
        return Reductions.sum(this, axes, keepDims);
    }

    /** Returns the mean of all elements, as a scalar. */
    public Tensor mean() {
        return Reductions.mean(this, null, false);
    }

    /** Returns the mean along {@code axis}, keeping it with length 1 if {@code keepDims}. */
    public Tensor mean(int axis, boolean keepDims) {
        return Reductions.mean(this, new int[] {axis}, keepDims);
    }

    /** Returns the mean along {@code axes}, keeping them with length 1 if {@code keepDims}. */
    public Tensor mean(int[] axes, boolean keepDims) {
        return Reductions.mean(this, axes, keepDims);
    }

    /** Returns the largest element, as a scalar; tied maxima share the gradient evenly. */
    public Tensor max() {
        return Reductions.max(this, null, false);
    }

    /** Returns the maximum along {@code axis}; tied maxima share the gradient evenly. */
    public Tensor max(int axis, boolean keepDims) {
        return Reductions.max(this, new int[] {axis}, keepDims);
    }

    /** Returns the smallest element, as a scalar; tied minima share the gradient evenly. */
    public Tensor min() {
        return Reductions.min(this, null, false);
    }

    /** Returns the minimum along {@code axis}; tied minima share the gradient evenly. */
    public Tensor min(int axis, boolean keepDims) {
        return Reductions.min(this, new int[] {axis}, keepDims);
    }

    /** Returns log(Σ e^x) over all elements, computed without overflow. */
    public Tensor logSumExp() {
        return Reductions.logSumExp(this, null, false);
    }

    /** Returns log(Σ e^x) along {@code axis}, computed without overflow. */
    public Tensor logSumExp(int axis, boolean keepDims) {
        return Reductions.logSumExp(this, new int[] {axis}, keepDims);
    }

    /** Returns softmax along {@code axis}: e^x / Σ e^x, stable for logits of any size. */
    public Tensor softmax(int axis) {
        return Softmax.softmax(this, axis);
    }

    /** Returns log-softmax along {@code axis}: x − logSumExp(x), stable for logits of any size. */
    public Tensor logSoftmax(int axis) {
        return Softmax.logSoftmax(this, axis);
    }

    // ---------------------------------------------------------------- elementwise functions and comparisons added by issue 12 (helper: elementwise)
    // (end of section)

    // ---------------------------------------------------------------- reductions added by issue 12 (helper: reductions)
    // (end of section)

    // ---------------------------------------------------------------- shaping and indexing added by issue 12 (helper: shaping)
    // (end of section)

    // ---------------------------------------------------------------- linear algebra added by issue 12 (helper: linalg)
    // (end of section)

    // ---------------------------------------------------------------- convolution and pooling added by issue 12 (helper: conv)
    // Fully qualified names here keep this section's imports out of the shared import block.

    /**
     * Returns the 2-d convolution of these images (N, C, H, W) with filters {@code weight} (F, C, kH, kW),
     * stride 1, no padding, no bias; see {@link io.github.chainrule.ops.Convolution#conv2d(Tensor, Tensor, Tensor, io.github.chainrule.ops.ConvOptions)}.
     *
     * @param weight the filters, (F, C, kH, kW)
     * @return the feature maps, (N, F, H − kH + 1, W − kW + 1)
     * @throws IllegalArgumentException naming the op and the shapes if they do not fit together
     */
    public Tensor conv2d(Tensor weight) {
        return io.github.chainrule.ops.Convolution.conv2d(this, weight);
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
    public Tensor conv2d(Tensor weight, Tensor bias, io.github.chainrule.ops.ConvOptions options) {
        return io.github.chainrule.ops.Convolution.conv2d(this, weight, bias, options);
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
        return io.github.chainrule.ops.Convolution.conv1d(this, weight);
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
    public Tensor conv1d(Tensor weight, Tensor bias, io.github.chainrule.ops.ConvOptions options) {
        return io.github.chainrule.ops.Convolution.conv1d(this, weight, bias, options);
    }

    /**
     * Returns the maximum of each non-overlapping kernel × kernel window of each channel of these images (N, C, H, W).
     *
     * @param kernel the window's height and width, also the stride
     * @return (N, C, ⌊H/kernel⌋, ⌊W/kernel⌋)
     * @throws IllegalArgumentException naming the op and the values at fault
     */
    public Tensor maxPool2d(int kernel) {
        return io.github.chainrule.ops.Pooling.maxPool2d(this, kernel);
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
        return io.github.chainrule.ops.Pooling.maxPool2d(this, kernel, stride, padding);
    }

    /**
     * Returns the mean of each non-overlapping kernel × kernel window of each channel of these images (N, C, H, W).
     *
     * @param kernel the window's height and width, also the stride
     * @return (N, C, ⌊H/kernel⌋, ⌊W/kernel⌋)
     * @throws IllegalArgumentException naming the op and the values at fault
     */
    public Tensor avgPool2d(int kernel) {
        return io.github.chainrule.ops.Pooling.avgPool2d(this, kernel);
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
        return io.github.chainrule.ops.Pooling.avgPool2d(this, kernel, stride, padding);
    }
    // (end of section)

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
