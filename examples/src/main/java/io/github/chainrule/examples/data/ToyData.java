package io.github.chainrule.examples.data;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.nn.data.LabeledData;

import java.util.List;
import java.util.Random;

/**
 * The 2-D toy sets of the course's second-course assignments, generated the way scikit-learn's
 * {@code make_circles} and {@code make_moons} make them (which the course calls): two classes of m/2 points
 * each, with Gaussian noise on both coordinates, from a seeded {@link Random}.
 */
public final class ToyData {
    private ToyData() {
    }

    /**
     * Two concentric circles: class 0 on the circle of radius 1, class 1 on the circle of radius
     * {@code factor}, m/2 points each at evenly spaced angles, plus N(0, noise²) on each coordinate.
     *
     * @throws IllegalArgumentException if m is not a positive even number, the noise is negative or the
     *                                  factor is not in (0, 1)
     */
    public static LabeledData circles(int m, double noise, double factor, long seed) {
        check("circles", m, noise);
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("ToyData.circles: factor must be in (0, 1), got " + factor);
        }
        int n = m / 2;
        double[] x = new double[2 * m];
        int[] labels = new int[m];
        for (int j = 0; j < m; j++) {
            int k = j % n;
            double angle = 2 * Math.PI * k / n;
            double r = j < n ? 1 : factor;
            x[j] = r * Math.cos(angle);
            x[m + j] = r * Math.sin(angle);
            labels[j] = j < n ? 0 : 1;
        }
        return noisy(x, labels, m, noise, seed);
    }

    /**
     * Two interleaving half circles: class 0 on (cos t, sin t) and class 1 on (1 − cos t, 1/2 − sin t), t
     * evenly spaced in [0, π], m/2 points each, plus N(0, noise²) on each coordinate.
     *
     * @throws IllegalArgumentException if m is not a positive even number or the noise is negative
     */
    public static LabeledData moons(int m, double noise, long seed) {
        check("moons", m, noise);
        int n = m / 2;
        double[] x = new double[2 * m];
        int[] labels = new int[m];
        for (int j = 0; j < m; j++) {
            int k = j % n;
            double t = n == 1 ? 0 : Math.PI * k / (n - 1);
            if (j < n) {
                x[j] = Math.cos(t);
                x[m + j] = Math.sin(t);
            } else {
                x[j] = 1 - Math.cos(t);
                x[m + j] = 0.5 - Math.sin(t);
                labels[j] = 1;
            }
        }
        return noisy(x, labels, m, noise, seed);
    }

    private static void check(String name, int m, double noise) {
        if (m <= 0 || m % 2 != 0) {
            throw new IllegalArgumentException("ToyData." + name + ": m must be a positive even number, got " + m);
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("ToyData." + name + ": noise must be finite and >= 0, got " + noise);
        }
    }

    /** Adds the noise and shuffles the examples (columns), so that mini-batches mix the classes. */
    private static LabeledData noisy(double[] x, int[] labels, int m, double noise, long seed) {
        Random rng = new Random(seed);
        for (int i = 0; i < x.length; i++) {
            x[i] += noise * rng.nextGaussian();
        }
        double[] shuffled = new double[x.length];
        int[] shuffledLabels = new int[m];
        int[] order = io.github.chainrule.nn.data.MiniBatches.permutation(m, rng);
        for (int j = 0; j < m; j++) {
            shuffled[j] = x[order[j]];
            shuffled[m + j] = x[m + order[j]];
            shuffledLabels[j] = labels[order[j]];
        }
        return new LabeledData(Tensor.wrap(shuffled, Shape.of(2, m)), shuffledLabels, List.of("x1", "x2"));
    }
}
