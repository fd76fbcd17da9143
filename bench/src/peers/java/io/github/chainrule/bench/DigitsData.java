package io.github.chainrule.bench;

import java.util.Random;

/**
 * W4's data and initial parameters for the peers, the same numbers {@link DigitsMlp} trains on: 1,797
 * examples × 64 features with levels 0..16 / 16, labels in 0..9 (seed 4), and Xavier-normal W1, W2 with
 * variance 2 / (fan_in + fan_out) (seed 42). DigitsMlp keeps its arrays private, so the same draws are
 * repeated here in the same order; the smoke test checks that the peers and chainrule then train to the
 * same loss.
 */
final class DigitsData {
    /** The examples, row-major (EXAMPLES, FEATURES): examples as rows, as the peers' APIs want. */
    final double[] x;
    /** The class of each example, 0..9. */
    final int[] labels;
    /** W1 in the peers' layout (FEATURES, HIDDEN), i.e. the transpose of the course's W[1] (HIDDEN, FEATURES). */
    final double[] w1;
    /** W2 in the peers' layout (HIDDEN, CLASSES). */
    final double[] w2;

    /** Draws the data and the initial weights (the biases start at 0). */
    DigitsData() {
        Random rng = new Random(4);
        x = new double[DigitsMlp.EXAMPLES * DigitsMlp.FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.floor(rng.nextDouble() * 17) / 16.0;
        }
        labels = new int[DigitsMlp.EXAMPLES];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(DigitsMlp.CLASSES);
        }
        Random r = new Random(42);
        w1 = transposedGaussian(r, DigitsMlp.HIDDEN, DigitsMlp.FEATURES);
        w2 = transposedGaussian(r, DigitsMlp.CLASSES, DigitsMlp.HIDDEN);
    }

    /** Draws a (rows, cols) N(0, 2/(rows + cols)) matrix row by row, as DigitsMlp does, and returns its transpose. */
    private static double[] transposedGaussian(Random r, int rows, int cols) {
        double std = Math.sqrt(2.0 / (rows + cols));
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = r.nextGaussian() * std;
            }
        }
        return t;
    }

    /** Returns the number of batches of 64 per epoch (28 full ones and one of 5). */
    int batches() {
        return (DigitsMlp.EXAMPLES + DigitsMlp.BATCH - 1) / DigitsMlp.BATCH;
    }

    /** Returns the size of batch k. */
    int batchSize(int k) {
        return Math.min(DigitsMlp.BATCH, DigitsMlp.EXAMPLES - k * DigitsMlp.BATCH);
    }

    /** Returns the features of batch k, row-major (bs, FEATURES). */
    double[] features(int k) {
        int start = k * DigitsMlp.BATCH * DigitsMlp.FEATURES;
        return java.util.Arrays.copyOfRange(x, start, start + batchSize(k) * DigitsMlp.FEATURES);
    }

    /** Returns the one-hot labels of batch k, row-major (bs, CLASSES). */
    double[] oneHot(int k) {
        int bs = batchSize(k);
        double[] y = new double[bs * DigitsMlp.CLASSES];
        for (int i = 0; i < bs; i++) {
            y[i * DigitsMlp.CLASSES + labels[k * DigitsMlp.BATCH + i]] = 1;
        }
        return y;
    }
}
