package io.github.chainrule.examples.data;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.nn.data.LabeledData;

import java.util.List;
import java.util.Random;

/**
 * The course's planar "flower" data set: two classes of 2-D points on the petals of a rose curve
 * r = a·sin(4θ) with a = 4, red (y = 0) petals and blue (y = 1) petals, both with Gaussian noise.
 *
 * <p>Class j takes m/2 angles θ evenly spaced on [3.12·j, 3.12·(j+1)] plus N(0, 0.2²) noise, radii
 * r = 4·sin(4θ) plus N(0, 0.2²) noise, and the point (r·sin θ, r·cos θ): the course's formula. The
 * course draws from numpy's generator; this one from {@link Random}, so the points differ but the
 * shape (and how hard it is for a linear classifier) does not.
 */
public final class PlanarFlower {
    /** The course's number of points. */
    public static final int M = 400;

    private PlanarFlower() {
    }

    /** Returns the course's 400 points, X of shape (2, 400) and labels 0 (first 200) and 1 (last 200). */
    public static LabeledData generate(long seed) {
        return generate(M, seed);
    }

    /**
     * Returns m points of the flower (m/2 per class), X of shape (2, m).
     *
     * @throws IllegalArgumentException if m is not a positive even number
     */
    public static LabeledData generate(int m, long seed) {
        if (m <= 0 || m % 2 != 0) {
            throw new IllegalArgumentException("PlanarFlower.generate: m must be a positive even number, got " + m);
        }
        Random rng = new Random(seed);
        int n = m / 2;
        double a = 4;   // the maximum radius of a petal
        double[] x = new double[2 * m];
        int[] labels = new int[m];
        for (int j = 0; j < 2; j++) {
            double[] theta = new double[n];
            for (int i = 0; i < n; i++) {
                double step = n == 1 ? 0 : 3.12 * i / (n - 1);
                theta[i] = 3.12 * j + step;
            }
            for (int i = 0; i < n; i++) {
                theta[i] += 0.2 * rng.nextGaussian();
            }
            for (int i = 0; i < n; i++) {
                double r = a * Math.sin(4 * theta[i]) + 0.2 * rng.nextGaussian();
                int col = n * j + i;
                x[col] = r * Math.sin(theta[i]);          // row 0: x1
                x[m + col] = r * Math.cos(theta[i]);      // row 1: x2
                labels[col] = j;
            }
        }
        return new LabeledData(Tensor.wrap(x, Shape.of(2, m)), labels, List.of("x1", "x2"));
    }
}
