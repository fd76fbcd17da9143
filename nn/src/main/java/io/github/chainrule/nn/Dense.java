package io.github.chainrule.nn;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

import java.util.Random;

/**
 * A fully connected layer in the course's notation: Z = W·A + b, then A_out = g(Z).
 *
 * <p>W has shape (n[l], n[l-1]) and b has shape (n[l], 1); the input A has shape (n[l-1], m), one
 * column per example, and b is broadcast across the m columns. Autodiff gives the course's backward
 * step: dW = dZ·Aᵀ, db = Σ_columns dZ, dA_prev = Wᵀ·dZ (the 1/m comes from the cost, which averages).
 * W is a weight (penalized by regularization); b is not.
 */
public final class Dense extends Layer {
    private final int nPrev;
    private final int n;
    private final Tensor W;
    private final Tensor b;
    private final Activation activation;

    /**
     * Creates a layer of {@code n} units fed by {@code nPrev}, with W drawn by {@code init} from
     * {@code rng} and b zero.
     *
     * @param nPrev      n[l-1], the number of inputs
     * @param n          n[l], the number of units
     * @param activation g[l]
     * @param init       how W[l] starts (b[l] starts at zeros)
     * @param rng        the source of W[l]'s random values
     * @throws IllegalArgumentException if a size is not positive or an argument is null
     */
    public Dense(int nPrev, int n, Activation activation, Initializer init, Random rng) {
        this(checkedWeights(nPrev, n, init, rng), Tensor.zeros(n, 1), activation);
    }

    /**
     * Creates a layer with a linear output (identity activation), W drawn by {@code init}.
     *
     * @param nPrev n[l-1], the number of inputs
     * @param n     n[l], the number of units
     * @param init  how W[l] starts (b[l] starts at zeros)
     * @param rng   the source of W[l]'s random values
     */
    public Dense(int nPrev, int n, Initializer init, Random rng) {
        this(nPrev, n, Activation.IDENTITY, init, rng);
    }

    /**
     * Creates a layer from given values of W (n[l], n[l-1]) and b (n[l], 1), copied.
     *
     * @param W          W[l], shape (n[l], n[l-1])
     * @param b          b[l], shape (n[l], 1)
     * @param activation g[l]
     * @throws IllegalArgumentException if the shapes do not fit together or an argument is null
     */
    public Dense(Tensor W, Tensor b, Activation activation) {
        if (W == null || b == null || activation == null) {
            throw new IllegalArgumentException("Dense: W, b and activation must not be null");
        }
        if (W.rank() != 2) {
            throw new IllegalArgumentException("Dense: W must be a matrix (n[l], n[l-1]), got shape " + W.shape());
        }
        this.n = W.shape().dim(0);
        this.nPrev = W.shape().dim(1);
        if (!b.shape().equals(Shape.of(n, 1))) {
            throw new IllegalArgumentException("Dense: b must have shape (" + n + ",1) to match W " + W.shape()
                    + ", got " + b.shape());
        }
        this.W = addWeight("W", W.copy());
        this.b = addParameter("b", b.copy());
        this.activation = activation;
    }

    private static Tensor checkedWeights(int nPrev, int n, Initializer init, Random rng) {
        if (nPrev <= 0 || n <= 0) {
            throw new IllegalArgumentException("Dense: layer sizes must be positive, got n[l-1] = " + nPrev
                    + ", n[l] = " + n);
        }
        if (init == null) {
            throw new IllegalArgumentException("Dense: initializer is null");
        }
        Tensor w = init.weights(n, nPrev, rng);
        if (w == null || !w.shape().equals(Shape.of(n, nPrev))) {
            throw new IllegalStateException("Dense: initializer returned " + (w == null ? "null" : "shape " + w.shape())
                    + " instead of (" + n + "," + nPrev + ")");
        }
        return w;
    }

    /** Returns g(W·A + b) for A of shape (n[l-1], m). */
    @Override
    public Tensor forward(Tensor A) {
        requireRows("Dense(" + nPrev + " -> " + n + ")", A, nPrev);
        Tensor Z = W.affine(A, b);   // W·A + b, one op: the product is added straight into b spread over Z
        return activation.apply(Z);
    }

    /**
     * Returns the weight matrix W, shape (n[l], n[l-1]): the live parameter, not a copy.
     *
     * @return W[l], the parameter itself
     */
    public Tensor W() {
        return W;
    }

    /**
     * Returns the bias b, shape (n[l], 1): the live parameter, not a copy.
     *
     * @return b[l], the parameter itself
     */
    public Tensor b() {
        return b;
    }

    /**
     * Returns the activation g applied after the linear step.
     *
     * @return g[l]
     */
    public Activation activation() {
        return activation;
    }

    /**
     * Returns n[l-1], the number of inputs.
     *
     * @return n[l-1]
     */
    public int inputs() {
        return nPrev;
    }

    /**
     * Returns n[l], the number of units.
     *
     * @return n[l]
     */
    public int units() {
        return n;
    }

    @Override
    public String toString() {
        return "Dense(" + nPrev + " -> " + n + ", " + activation.name() + ")";
    }
}
