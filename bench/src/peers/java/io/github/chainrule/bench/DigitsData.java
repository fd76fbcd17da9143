package io.github.chainrule.bench;

/**
 * W4's data and initial parameters for the peers, the very numbers {@link DigitsMlp} trains on (1,797
 * examples × 64 features with levels 0..16 / 16, labels in 0..9, Xavier-normal W1 and W2), with the
 * weights transposed into the peers' layout. The smoke test checks that the peers and chainrule then
 * train to the same loss.
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

    /** Takes the data and the initial weights (the biases start at 0) from chainrule's own W4 benchmark. */
    DigitsData() {
        DigitsMlp ours = new DigitsMlp();
        x = ours.x;
        labels = ours.labels;
        w1 = transpose(ours.init[0], DigitsMlp.HIDDEN, DigitsMlp.FEATURES);
        w2 = transpose(ours.init[2], DigitsMlp.CLASSES, DigitsMlp.HIDDEN);
    }

    /** Returns the transpose of a row-major (rows, cols) matrix. */
    private static double[] transpose(double[] m, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = m[i * cols + j];
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
