package io.github.chainrule.nn.data;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

/**
 * Standardization, the course's "normalizing inputs": x := (x − μ) / σ per feature, with μ the mean and σ
 * the (population, 1/m) standard deviation of that feature over the training set.
 *
 * <p>After fitting, the training inputs have mean 0 and standard deviation 1 in every feature, so the
 * cost's contours are round rather than elongated and gradient descent can take larger steps. A feature
 * that is constant on the training set (σ = 0, e.g. an always-black border pixel) is only centred: it is
 * divided by 1 instead of 0.
 */
public final class Standardizer implements Normalizer {
    private final Tensor mean;
    private final Tensor std;

    private Standardizer(Tensor mean, Tensor std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * Returns the standardizer fitted to training inputs X (n_x, m): μ = (1/m) Σ x⁽ⁱ⁾ and
     * σ² = (1/m) Σ (x⁽ⁱ⁾ − μ)², per row.
     *
     * @param x the training inputs, shape (n_x, m)
     * @return the fitted standardizer
     * @throws IllegalArgumentException if x is not 2-D or has no examples
     */
    public static Standardizer fit(Tensor x) {
        Features.check("Standardizer.fit", x);
        int n = x.shape().dim(0);
        int m = x.shape().dim(1);
        double[] v = x.buffer();
        double[] mu = new double[n];
        double[] sigma = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j < m; j++) {
                sum += v[i * m + j];
            }
            mu[i] = sum / m;
            double sq = 0;
            for (int j = 0; j < m; j++) {
                double d = v[i * m + j] - mu[i];
                sq += d * d;
            }
            sigma[i] = Math.sqrt(sq / m);
        }
        return new Standardizer(Tensor.wrap(mu, Shape.of(n, 1)), Tensor.wrap(sigma, Shape.of(n, 1)));
    }

    /**
     * Returns the per-feature means μ, shape (n_x, 1).
     *
     * @return each feature's mean, shape (n_x, 1)
     */
    public Tensor mean() {
        return mean.copy();
    }

    /**
     * Returns the per-feature standard deviations σ, shape (n_x, 1) (0 for a constant feature).
     *
     * @return each feature's standard deviation, shape (n_x, 1)
     */
    public Tensor std() {
        return std.copy();
    }

    /** Returns (x − μ) / σ per feature, dividing by 1 where σ = 0. */
    @Override
    public Tensor apply(Tensor x) {
        Features.check("Standardizer.apply", x, mean.shape().dim(0));
        int n = x.shape().dim(0);
        int m = x.shape().dim(1);
        double[] v = x.buffer();
        double[] out = new double[v.length];
        for (int i = 0; i < n; i++) {
            double mu = mean.buffer()[i];
            double sigma = std.buffer()[i] == 0 ? 1 : std.buffer()[i];
            for (int j = 0; j < m; j++) {
                out[i * m + j] = (v[i * m + j] - mu) / sigma;
            }
        }
        return Tensor.wrap(out, x.shape());
    }
}
