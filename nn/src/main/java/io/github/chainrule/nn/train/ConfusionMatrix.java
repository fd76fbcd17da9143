package io.github.chainrule.nn.train;

import java.util.Arrays;
import java.util.Locale;

/**
 * The confusion matrix of a C-class task: {@code count(actual, predicted)} examples of class {@code actual}
 * were predicted as {@code predicted}. The diagonal holds the right answers; a row's off-diagonal entries say
 * which classes a class is mistaken for.
 */
public final class ConfusionMatrix {
    private final long[][] counts;

    private ConfusionMatrix(long[][] counts) {
        this.counts = counts;
    }

    /**
     * Counts the pairs (actual[j], predicted[j]).
     *
     * @param actual    each example's true class
     * @param predicted each example's predicted class
     * @param classes   C, at least 2
     * @return the matrix
     * @throws IllegalArgumentException if the arrays differ in length, C is below 2, or a class is outside [0, C)
     */
    public static ConfusionMatrix of(int[] actual, int[] predicted, int classes) {
        if (actual == null || predicted == null || actual.length != predicted.length) {
            throw new IllegalArgumentException("ConfusionMatrix: needs as many predictions as labels, got "
                    + (actual == null ? "null" : actual.length) + " labels and "
                    + (predicted == null ? "null" : predicted.length) + " predictions");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("ConfusionMatrix: needs at least 2 classes, got " + classes);
        }
        long[][] counts = new long[classes][classes];
        for (int j = 0; j < actual.length; j++) {
            if (actual[j] < 0 || actual[j] >= classes || predicted[j] < 0 || predicted[j] >= classes) {
                throw new IllegalArgumentException("ConfusionMatrix: example " + j + " has label " + actual[j]
                        + " and prediction " + predicted[j] + "; both must be in [0, " + classes + ")");
            }
            counts[actual[j]][predicted[j]]++;
        }
        return new ConfusionMatrix(counts);
    }

    /**
     * Returns the number of classes C.
     *
     * @return C
     */
    public int classes() {
        return counts.length;
    }

    /**
     * Returns how many examples of class {@code actual} were predicted as {@code predicted}.
     *
     * @param actual    the true class
     * @param predicted the predicted class
     * @return the count
     */
    public long count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /**
     * Returns the counts as a C × C array, rows the true classes (a copy).
     *
     * @return counts[actual][predicted]
     */
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /**
     * Returns the fraction of all examples on the diagonal.
     *
     * @return the accuracy, NaN for no examples
     */
    public double accuracy() {
        long right = 0;
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            right += counts[i][i];
            total += Arrays.stream(counts[i]).sum();
        }
        return right / (double) total;
    }

    /**
     * Returns the precision of class k: of the examples predicted k, the fraction that are k (0 if none was).
     *
     * @param k the class
     * @return TP / (TP + FP)
     */
    public double precision(int k) {
        long predictedK = 0;
        for (long[] row : counts) {
            predictedK += row[k];
        }
        return predictedK == 0 ? 0 : counts[k][k] / (double) predictedK;
    }

    /**
     * Returns the recall of class k: of the examples that are k, the fraction predicted k (0 if there are none).
     *
     * @param k the class
     * @return TP / (TP + FN)
     */
    public double recall(int k) {
        long actualK = Arrays.stream(counts[k]).sum();
        return actualK == 0 ? 0 : counts[k][k] / (double) actualK;
    }

    /** Returns the matrix as a text table, true classes down, predictions across. */
    @Override
    public String toString() {
        int width = 1;
        for (long[] row : counts) {
            for (long v : row) {
                width = Math.max(width, Long.toString(v).length());
            }
        }
        width = Math.max(width, Integer.toString(counts.length - 1).length()) + 1;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%" + (width + 7) + "s", "predicted →"));
        sb.append('\n').append(String.format(Locale.ROOT, "%-7s", "actual"));
        for (int k = 0; k < counts.length; k++) {
            sb.append(String.format(Locale.ROOT, "%" + width + "d", k));
        }
        for (int i = 0; i < counts.length; i++) {
            sb.append('\n').append(String.format(Locale.ROOT, "%-7d", i));
            for (long v : counts[i]) {
                sb.append(String.format(Locale.ROOT, "%" + width + "d", v));
            }
        }
        return sb.toString();
    }
}
