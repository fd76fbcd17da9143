package io.github.chainrule.nn.data;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

/**
 * Min-max scaling: x := (x − min) / (max − min) per feature, with min and max taken over the training set,
 * so that training inputs lie in [0, 1] (dev and test inputs may fall slightly outside).
 *
 * <p>A feature that is constant on the training set (max = min) maps to 0.
 */
public final class MinMaxScaler implements Normalizer {
    private final double[] min;
    private final double[] range;

    private MinMaxScaler(double[] min, double[] range) {
        this.min = min;
        this.range = range;
    }

    /**
     * Returns the scaler fitted to training inputs X (n_x, m).
     *
     * @param x the training inputs, shape (n_x, m)
     * @return the fitted scaler
     * @throws IllegalArgumentException if x is not 2-D or has no examples
     */
    public static MinMaxScaler fit(Tensor x) {
        Features.check("MinMaxScaler.fit", x);
        int n = x.shape().dim(0);
        int m = x.shape().dim(1);
        double[] v = x.buffer();
        double[] lo = new double[n];
        double[] range = new double[n];
        for (int i = 0; i < n; i++) {
            double a = Double.POSITIVE_INFINITY;
            double b = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < m; j++) {
                a = Math.min(a, v[i * m + j]);
                b = Math.max(b, v[i * m + j]);
            }
            lo[i] = a;
            range[i] = b - a;
        }
        return new MinMaxScaler(lo, range);
    }

    /**
     * Returns the per-feature training minimums, shape (n_x, 1).
     *
     * @return each feature's minimum, shape (n_x, 1)
     */
    public Tensor min() {
        return Tensor.wrap(min.clone(), Shape.of(min.length, 1));
    }

    /**
     * Returns the per-feature training maximums, shape (n_x, 1).
     *
     * @return each feature's maximum, shape (n_x, 1)
     */
    public Tensor max() {
        double[] mx = new double[min.length];
        for (int i = 0; i < mx.length; i++) {
            mx[i] = min[i] + range[i];
        }
        return Tensor.wrap(mx, Shape.of(mx.length, 1));
    }

    /** Returns (x − min) / (max − min) per feature, 0 for a feature constant in training. */
    @Override
    public Tensor apply(Tensor x) {
        Features.check("MinMaxScaler.apply", x, min.length);
        int n = x.shape().dim(0);
        int m = x.shape().dim(1);
        double[] v = x.buffer();
        double[] out = new double[v.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                out[i * m + j] = range[i] == 0 ? 0 : (v[i * m + j] - min[i]) / range[i];
            }
        }
        return Tensor.wrap(out, x.shape());
    }
}
