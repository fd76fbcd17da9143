package io.github.chainrule.nn.train;

import io.github.chainrule.Tensor;

/**
 * How well predictions match labels: accuracy, and precision, recall and F1 for binary tasks.
 * Predictions and labels have one column per example.
 */
public final class Metrics {
    private Metrics() {
    }

    /**
     * Returns the fraction of examples predicted right. For one output row (binary), a probability above
     * 0.5 predicts 1 and Y holds 0/1; for C rows, the predicted class is the row of the largest output and
     * Y is one-hot (C, m) or holds class indices (1, m).
     *
     * @param AL the outputs, shape (1, m) or (C, m)
     * @param Y  the labels
     * @return the fraction predicted right
     * @throws IllegalArgumentException if the shapes do not fit
     */
    public static double accuracy(Tensor AL, Tensor Y) {
        int[] predicted = predictClasses(AL);
        int[] actual = labels("accuracy", AL, Y);
        int right = 0;
        for (int j = 0; j < predicted.length; j++) {
            right += predicted[j] == actual[j] ? 1 : 0;
        }
        return right / (double) predicted.length;
    }

    /**
     * Returns each example's predicted class: for one row, 1 where the output is above 0.5 (a
     * probability) and 0 elsewhere; for C rows, the row index of the column's largest output.
     *
     * @param AL the outputs, shape (1, m) or (C, m)
     * @return the predicted class of each example
     * @throws IllegalArgumentException if AL is not a matrix with at least one row and one column
     */
    public static int[] predictClasses(Tensor AL) {
        if (AL == null || AL.rank() != 2 || AL.shape().dim(0) == 0 || AL.shape().dim(1) == 0) {
            throw new IllegalArgumentException("predictClasses: needs a matrix (classes, m) with m > 0, got "
                    + (AL == null ? "null" : AL.shape()));
        }
        int c = AL.shape().dim(0);
        int m = AL.shape().dim(1);
        double[] a = AL.buffer();
        int[] out = new int[m];
        for (int j = 0; j < m; j++) {
            if (c == 1) {
                out[j] = a[j] > 0.5 ? 1 : 0;
            } else {
                int best = 0;
                for (int k = 1; k < c; k++) {
                    if (a[k * m + j] > a[best * m + j]) {
                        best = k;
                    }
                }
                out[j] = best;
            }
        }
        return out;
    }

    /**
     * Returns the confusion counts of a binary task with its precision, recall and F1: AL holds
     * probabilities (1, m), thresholded at 0.5, and Y holds 0/1 labels (1, m).
     *
     * @param AL the probabilities, shape (1, m)
     * @param Y  the labels, 0 or 1, shape (1, m)
     * @return the confusion counts and scores
     * @throws IllegalArgumentException if the shapes differ or are not (1, m), or a label is not 0 or 1
     */
    public static BinaryScores binaryScores(Tensor AL, Tensor Y) {
        if (AL == null || Y == null || AL.rank() != 2 || AL.shape().dim(0) != 1) {
            throw new IllegalArgumentException("binaryScores: needs AL of shape (1, m), got " + (AL == null ? "null" : AL.shape()));
        }
        int[] predicted = predictClasses(AL);
        int[] actual = labels("binaryScores", AL, Y);
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int j = 0; j < predicted.length; j++) {
            if (actual[j] != 0 && actual[j] != 1) {
                throw new IllegalArgumentException("binaryScores: label " + actual[j] + " of example " + j + " is not 0 or 1");
            }
            if (predicted[j] == 1) {
                if (actual[j] == 1) {
                    tp++;
                } else {
                    fp++;
                }
            } else if (actual[j] == 1) {
                fn++;
            } else {
                tn++;
            }
        }
        return new BinaryScores(tp, fp, fn, tn);
    }

    /**
     * Returns the fraction of examples whose label is among the k classes with the largest outputs (top-5
     * accuracy for k = 5; top-1 is {@link #accuracy}): an example is a hit when fewer than k classes score
     * strictly higher than its label, so ties count in the label's favour.
     *
     * @param AL scores or probabilities, shape (C, m), one column per example
     * @param Y  labels: one-hot (C, m) or class indices (1, m)
     * @param k  how many top classes count, 1 ≤ k ≤ C
     * @return the top-k accuracy, in [0, 1]
     * @throws IllegalArgumentException if the shapes do not fit or k is out of range
     */
    public static double topKAccuracy(Tensor AL, Tensor Y, int k) {
        predictClasses(AL);   // checks AL's shape
        int c = AL.shape().dim(0);
        if (k < 1 || k > c) {
            throw new IllegalArgumentException("topKAccuracy: k must be in [1, " + c + "] for " + c + " classes, got " + k);
        }
        int[] actual = labels("topKAccuracy", AL, Y);
        int m = actual.length;
        double[] a = AL.buffer();
        int hits = 0;
        for (int j = 0; j < m; j++) {
            if (actual[j] >= c) {
                throw new IllegalArgumentException("topKAccuracy: label " + actual[j] + " of example " + j
                        + " is not below the " + c + " classes");
            }
            double labelScore = a[actual[j] * m + j];
            int above = 0;   // classes scoring strictly higher than the label
            for (int r = 0; r < c; r++) {
                above += a[r * m + j] > labelScore ? 1 : 0;
            }
            hits += above < k ? 1 : 0;
        }
        return hits / (double) m;
    }

    /**
     * Returns the confusion matrix of a C-class task: counts[actual][predicted] over the examples.
     *
     * @param AL      outputs (C, m), the predicted class being each column's largest (or, for one row, a
     *                probability above 0.5)
     * @param Y       labels: one-hot (C, m) or class indices (1, m)
     * @param classes the number of classes C (at least 2, and above every label)
     * @return the matrix
     * @throws IllegalArgumentException if the shapes do not fit or a label is not below {@code classes}
     */
    public static ConfusionMatrix confusionMatrix(Tensor AL, Tensor Y, int classes) {
        int[] predicted = predictClasses(AL);
        return ConfusionMatrix.of(labels("confusionMatrix", AL, Y), predicted, classes);
    }

    private static int[] labels(String op, Tensor AL, Tensor Y) {
        if (Y == null || Y.rank() != 2 || Y.shape().dim(1) != AL.shape().dim(1)) {
            throw new IllegalArgumentException(op + ": Y has shape " + (Y == null ? "null" : Y.shape()) + " but AL has "
                    + AL.shape() + "; they need the same number of columns");
        }
        int c = AL.shape().dim(0);
        if (Y.shape().dim(0) == c && c > 1) {
            return predictClasses(Y);   // one-hot
        }
        if (Y.shape().dim(0) != 1) {
            throw new IllegalArgumentException(op + ": Y of shape " + Y.shape() + " is neither one-hot like AL "
                    + AL.shape() + " nor one row of labels");
        }
        double[] y = Y.buffer();
        int[] out = new int[y.length];
        for (int j = 0; j < y.length; j++) {
            if (y[j] < 0 || y[j] != Math.rint(y[j])) {
                throw new IllegalArgumentException(op + ": label " + y[j] + " of example " + j + " is not a class index");
            }
            out[j] = (int) y[j];
        }
        return out;
    }

    /**
     * Confusion counts of a binary task and the scores made from them.
     *
     * @param truePositives  predicted 1, labelled 1
     * @param falsePositives predicted 1, labelled 0
     * @param falseNegatives predicted 0, labelled 1
     * @param trueNegatives  predicted 0, labelled 0
     */
    public record BinaryScores(int truePositives, int falsePositives, int falseNegatives, int trueNegatives) {
        /**
         * Returns TP / (TP + FP): of the examples predicted 1, the fraction that are 1; 0 if none was predicted 1.
         *
         * @return the precision
         */
        public double precision() {
            int d = truePositives + falsePositives;
            return d == 0 ? 0 : truePositives / (double) d;
        }

        /**
         * Returns TP / (TP + FN): of the examples that are 1, the fraction predicted 1; 0 if none is 1.
         *
         * @return the recall
         */
        public double recall() {
            int d = truePositives + falseNegatives;
            return d == 0 ? 0 : truePositives / (double) d;
        }

        /**
         * Returns the harmonic mean of precision and recall, 2PR / (P + R); 0 when both are 0.
         *
         * @return F1
         */
        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        /**
         * Returns (TP + TN) / m.
         *
         * @return the accuracy
         */
        public double accuracy() {
            return (truePositives + trueNegatives) / (double) (truePositives + falsePositives + falseNegatives + trueNegatives);
        }
    }
}
