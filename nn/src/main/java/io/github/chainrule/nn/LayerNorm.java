package io.github.chainrule.nn;

import io.github.chainrule.Tensor;

/**
 * Layer normalization (Ba, Kiros and Hinton 2016) over the features of each example: for a column a of
 * A (n, m),
 * <pre>
 *   μ = (1/n) Σᵢ aᵢ        σ² = (1/n) Σᵢ (aᵢ − μ)²        âᵢ = (aᵢ − μ) / √(σ² + ε)        yᵢ = γᵢ·âᵢ + βᵢ
 * </pre>
 * with γ (n, 1) starting at 1 and β (n, 1) at 0, both trainable (and not penalized by regularization).
 * Unlike batch normalization it uses no statistics across examples, so it behaves the same in training
 * and evaluation and with a batch of one. ε defaults to PyTorch's 1e-5, which
 * keeps √(σ² + ε) away from 0 for a constant column.
 */
public final class LayerNorm extends Layer {
    /** The default ε, PyTorch's 1e-5. */
    public static final double DEFAULT_EPSILON = 1e-5;
    private final int n;
    private final double epsilon;
    private final Tensor gamma;
    private final Tensor beta;

    /**
     * Creates layer normalization of {@code n} features with ε = {@value #DEFAULT_EPSILON}.
     *
     * @param n the number of features (rows of the input)
     * @throws IllegalArgumentException if n is not positive
     */
    public LayerNorm(int n) {
        this(n, DEFAULT_EPSILON);
    }

    /**
     * Creates layer normalization of {@code n} features.
     *
     * @param n       the number of features (rows of the input)
     * @param epsilon ε added to the variance, positive
     * @throws IllegalArgumentException if n or ε is not positive
     */
    public LayerNorm(int n, double epsilon) {
        if (n <= 0) {
            throw new IllegalArgumentException("LayerNorm: the number of features must be positive, got " + n);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException("LayerNorm: ε must be positive and finite, got " + epsilon);
        }
        this.n = n;
        this.epsilon = epsilon;
        this.gamma = addParameter("gamma", Tensor.ones(n, 1));
        this.beta = addParameter("beta", Tensor.zeros(n, 1));
    }

    /**
     * Returns γ·(A − μ)/√(σ² + ε) + β, the statistics taken over each column of A (n, m).
     *
     * @param A the input, (n, m)
     * @return the normalized output, (n, m)
     */
    @Override
    public Tensor forward(Tensor A) {
        requireRows("LayerNorm(" + n + ")", A, n);
        Tensor centered = A.sub(A.mean(0, true));
        Tensor variance = centered.square().mean(0, true);
        return centered.div(variance.add(epsilon).sqrt()).mul(gamma).add(beta);
    }

    /**
     * Returns the gain γ, (n, 1): the live parameter.
     *
     * @return γ
     */
    public Tensor gamma() {
        return gamma;
    }

    /**
     * Returns the shift β, (n, 1): the live parameter.
     *
     * @return β
     */
    public Tensor beta() {
        return beta;
    }

    @Override
    public String toString() {
        return "LayerNorm(" + n + ", ε=" + epsilon + ")";
    }
}
