package io.github.chainrule.nn;

import io.github.chainrule.GradMode;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

import java.util.Arrays;

/**
 * Batch normalization's arithmetic, shared by {@link BatchNorm} (the course's (n, m) layout) and
 * {@link BatchNorm2d} ((N, C, H, W) images): the two differ only in which axes hold a feature and which
 * are averaged over.
 *
 * <p>In training, with the statistics of the batch over the averaged axes,
 * <pre>
 *   μ = mean(z)        σ² = mean((z − μ)²)        ẑ = (z − μ) / √(σ² + ε)        y = γ·ẑ + β
 * </pre>
 * and each running statistic moves toward the batch's, r := (1 − momentum)·r + momentum·batch (the running
 * variance takes the unbiased σ²·k/(k − 1) over the k averaged values, as PyTorch does). In evaluation the
 * running statistics replace the batch's, so a prediction does not depend on the other examples in its batch.
 * γ (starting at 1) and β (at 0) are trainable and not penalized by regularization; the running mean and
 * variance are buffers, saved and restored with the parameters and never touched by an optimizer.
 */
public abstract sealed class BatchNormalization extends Layer permits BatchNorm, BatchNorm2d {
    /** The default ε, PyTorch's 1e-5 (the course writes √(σ² + ε) without a value). */
    public static final double DEFAULT_EPSILON = 1e-5;
    /** The default momentum of the running statistics, PyTorch's 0.1. */
    public static final double DEFAULT_MOMENTUM = 0.1;

    private final String layer;
    private final int[] averaged;
    private final int featureAxis;
    private final int rank;
    private final int features;
    private final double epsilon;
    private final double momentum;
    private final Tensor gamma;
    private final Tensor beta;
    private final Tensor runningMean;
    private final Tensor runningVar;

    BatchNormalization(String layer, int features, int rank, int featureAxis, int[] averaged, double epsilon, double momentum) {
        if (features <= 0) {
            throw new IllegalArgumentException(layer + ": the number of features must be positive, got " + features);
        }
        if (!(epsilon > 0) || !Double.isFinite(epsilon)) {
            throw new IllegalArgumentException(layer + ": ε must be positive and finite, got " + epsilon);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(layer + ": momentum must be in [0, 1], got " + momentum);
        }
        this.layer = layer + "(" + features + ")";
        this.features = features;
        this.rank = rank;
        this.featureAxis = featureAxis;
        this.averaged = averaged;
        this.epsilon = epsilon;
        this.momentum = momentum;
        int[] statistic = new int[rank];
        Arrays.fill(statistic, 1);
        statistic[featureAxis] = features;
        this.gamma = addParameter("gamma", Tensor.ones(statistic));
        this.beta = addParameter("beta", Tensor.zeros(statistic));
        this.runningMean = addBuffer("runningMean", Tensor.zeros(statistic));
        this.runningVar = addBuffer("runningVar", Tensor.ones(statistic));
    }

    /**
     * Returns γ·ẑ + β, with the batch's statistics in training (updating the running ones) and the running
     * statistics in evaluation.
     *
     * @param Z the input
     * @return the normalized output, Z's shape
     * @throws IllegalArgumentException if Z's shape does not fit the layer, or a training batch has one value
     *                                  per feature (its variance would be 0/0)
     */
    @Override
    public Tensor forward(Tensor Z) {
        Shape s = requireShape(Z);
        if (!isTraining()) {
            return Z.sub(runningMean).div(runningVar.add(epsilon).sqrt()).mul(gamma).add(beta);
        }
        long k = s.size() / features;
        if (k < 2) {
            throw new IllegalArgumentException(layer + ": a training batch of shape " + s + " has " + k
                    + " value per feature; batch statistics need at least 2 (use eval() for single examples)");
        }
        Tensor mu = Z.mean(averaged, true);
        Tensor centered = Z.sub(mu);
        Tensor variance = centered.square().mean(averaged, true);
        GradMode.noGrad(() -> {
            runningMean.assign(runningMean.mul(1 - momentum).add(mu.detach().mul(momentum)));
            runningVar.assign(runningVar.mul(1 - momentum).add(variance.detach().mul(momentum * k / (k - 1.0))));
        });
        return centered.div(variance.add(epsilon).sqrt()).mul(gamma).add(beta);
    }

    private Shape requireShape(Tensor Z) {
        if (Z == null || Z.rank() != rank || Z.shape().dim(featureAxis) != features) {
            throw new IllegalArgumentException(layer + ": input has " + (Z == null ? "null" : "shape " + Z.shape())
                    + " but needs " + expectedShape());
        }
        return Z.shape();
    }

    /** Describes the input shape the layer takes, for its messages. */
    abstract String expectedShape();

    /**
     * Returns the gain γ: the live parameter.
     *
     * @return γ
     */
    public final Tensor gamma() {
        return gamma;
    }

    /**
     * Returns the shift β: the live parameter.
     *
     * @return β
     */
    public final Tensor beta() {
        return beta;
    }

    /**
     * Returns the running mean: the live buffer.
     *
     * @return the running mean, γ's shape
     */
    public final Tensor runningMean() {
        return runningMean;
    }

    /**
     * Returns the running (unbiased) variance: the live buffer.
     *
     * @return the running variance, γ's shape
     */
    public final Tensor runningVar() {
        return runningVar;
    }

    @Override
    public String toString() {
        return layer + "(ε=" + epsilon + ", momentum=" + momentum + ")";
    }
}
