package io.github.chainrule.nn.optim;

import io.github.chainrule.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Limits gradients before an optimizer step, against the exploding gradients of deep or recurrent
 * networks. Give it to {@link Optimizer#clipGradients}; every {@link Optimizer#step()} then clips between
 * the backward pass and the update, without changing the gradient tensors the parameters hold.
 *
 * <ul>
 *   <li>{@link #byGlobalNorm(double) by global norm}: with ‖g‖ = √(Σ over all parameters of Σ g²), every
 *       gradient is multiplied by max / ‖g‖ when ‖g‖ &gt; max, so the direction of the whole step is kept
 *       (Pascanu, Mikolov and Bengio 2013; PyTorch's clip_grad_norm_, without its 1e-6 in the denominator);</li>
 *   <li>{@link #byValue(double) by value}: every element is clamped to [−limit, limit] (the direction may
 *       change).</li>
 * </ul>
 */
public final class GradientClipping {
    private final boolean globalNorm;
    private final double limit;

    private GradientClipping(boolean globalNorm, double limit, String factory) {
        if (!(limit > 0) || !Double.isFinite(limit)) {
            throw new IllegalArgumentException("GradientClipping." + factory + ": the limit must be positive and finite, got " + limit);
        }
        this.globalNorm = globalNorm;
        this.limit = limit;
    }

    /**
     * Returns clipping that rescales all gradients together when their global 2-norm exceeds {@code maxNorm}.
     *
     * @param maxNorm the largest global norm let through, positive and finite
     * @return the clipping
     * @throws IllegalArgumentException if maxNorm is not positive and finite
     */
    public static GradientClipping byGlobalNorm(double maxNorm) {
        return new GradientClipping(true, maxNorm, "byGlobalNorm");
    }

    /**
     * Returns clipping that clamps every gradient element to [−limit, limit].
     *
     * @param limit the largest magnitude let through, positive and finite
     * @return the clipping
     * @throws IllegalArgumentException if limit is not positive and finite
     */
    public static GradientClipping byValue(double limit) {
        return new GradientClipping(false, limit, "byValue");
    }

    /**
     * Returns the global 2-norm of the gradients, √(Σ over parameters of Σ g²).
     *
     * @param gradients gradients by parameter name
     * @return the norm
     */
    public static double globalNorm(Map<String, Tensor> gradients) {
        double sum = 0;
        for (Tensor g : gradients.values()) {
            for (double v : g.buffer()) {
                sum += v * v;
            }
        }
        return Math.sqrt(sum);
    }

    /**
     * Returns the clipped gradients: the same tensors where nothing changes, new ones where clipping acts.
     *
     * @param gradients gradients by parameter name
     * @return the gradients to step with, in the same order
     * @throws IllegalStateException naming a parameter if its gradient holds NaN or ±∞ (clipping would
     *                               spread it to every parameter)
     */
    public Map<String, Tensor> apply(Map<String, Tensor> gradients) {
        gradients.forEach((name, g) -> {
            for (double v : g.buffer()) {
                if (!Double.isFinite(v)) {
                    throw new IllegalStateException("GradientClipping: the gradient of '" + name + "' holds " + v
                            + "; clipping cannot repair a non-finite gradient (lower the learning rate or find the op with Anomaly)");
                }
            }
        });
        Map<String, Tensor> out = new LinkedHashMap<>();
        if (globalNorm) {
            double norm = globalNorm(gradients);
            double scale = norm > limit ? limit / norm : 1.0;
            gradients.forEach((name, g) -> out.put(name, scale == 1.0 ? g : g.mul(scale)));
        } else {
            gradients.forEach((name, g) -> out.put(name, clampElements(g)));
        }
        return out;
    }

    private Tensor clampElements(Tensor g) {
        double[] v = g.buffer();
        double[] c = null;
        for (int i = 0; i < v.length; i++) {
            double clamped = Math.max(-limit, Math.min(limit, v[i]));
            if (clamped != v[i]) {
                if (c == null) {
                    c = v.clone();
                }
                c[i] = clamped;
            }
        }
        return c == null ? g : Tensor.of(c, g.shape().dims());
    }

    @Override
    public String toString() {
        return globalNorm ? "clip by global norm " + limit : "clip by value " + limit;
    }
}
