package io.github.chainrule.nn.data;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

/**
 * Conversions between integer class labels and the course's target and prediction matrices.
 *
 * <p>Labels are an {@code int[]} of length m holding class indices 0..C-1. A binary task's Y is a (1, m)
 * row of 0s and 1s; a C-class task's Y is the (C, m) one-hot matrix.
 */
public final class Labels {
    private Labels() {
    }

    /**
     * Returns the (classes, m) one-hot matrix: column j is 1 in row {@code labels[j]}, built on
     * {@link Tensor#oneHot}.
     *
     * @param labels  the class indices
     * @param classes the number of classes C
     * @return Y, shape (C, m)
     * @throws IllegalArgumentException if a label is outside [0, classes)
     */
    public static Tensor oneHot(int[] labels, int classes) {
        return Tensor.oneHot(labels, classes);
    }

    /**
     * Returns the binary target row Y of shape (1, m) holding the labels as 0s and 1s.
     *
     * @param labels the labels, each 0 or 1
     * @return the labels as a (1, m) row
     * @throws IllegalArgumentException if a label is neither 0 nor 1
     */
    public static Tensor row(int[] labels) {
        requireNonNull("Labels.row", labels);
        double[] y = new double[labels.length];
        for (int j = 0; j < labels.length; j++) {
            if (labels[j] != 0 && labels[j] != 1) {
                throw new IllegalArgumentException("Labels.row: a binary target needs labels 0 or 1, got "
                        + labels[j] + " at position " + j);
            }
            y[j] = labels[j];
        }
        return Tensor.wrap(y, Shape.of(1, labels.length));
    }

    /**
     * Returns, per column of a (C, m) matrix of scores, probabilities or one-hot targets, the row index of
     * its largest entry (the first on ties): numpy's {@code argmax(A, axis=0)}.
     *
     * @param a the scores, shape (C, m)
     * @return the index of each column's largest score
     * @throws IllegalArgumentException if a is not 2-D with at least one row
     */
    public static int[] argmax(Tensor a) {
        if (a == null || a.rank() != 2 || a.shape().dim(0) == 0) {
            throw new IllegalArgumentException("Labels.argmax: needs a 2-D (C, m) tensor with C >= 1, got "
                    + (a == null ? "null" : a.shape().toString()));
        }
        int c = a.shape().dim(0);
        int m = a.shape().dim(1);
        double[] v = a.buffer();
        int[] out = new int[m];
        for (int j = 0; j < m; j++) {
            int best = 0;
            for (int i = 1; i < c; i++) {
                if (v[i * m + j] > v[best * m + j]) {
                    best = i;
                }
            }
            out[j] = best;
        }
        return out;
    }

    /**
     * Returns the predicted class of each column of a (1, m) row of probabilities: 1 where the value is
     * greater than {@code threshold} (the course uses 0.5), else 0.
     *
     * @param a         the probabilities, shape (1, m)
     * @param threshold the value above which a prediction is 1
     * @return the predicted classes, 0 or 1
     * @throws IllegalArgumentException if a is not of shape (1, m)
     */
    public static int[] threshold(Tensor a, double threshold) {
        if (a == null || a.rank() != 2 || a.shape().dim(0) != 1) {
            throw new IllegalArgumentException("Labels.threshold: needs a (1, m) row of probabilities, got "
                    + (a == null ? "null" : a.shape().toString()));
        }
        double[] v = a.buffer();
        int[] out = new int[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = v[j] > threshold ? 1 : 0;
        }
        return out;
    }

    /**
     * Returns the labels held in a target matrix: the row index of the 1 in each column of a one-hot
     * (C, m) Y with C ≥ 2, or the 0/1 values of a binary (1, m) Y.
     *
     * @param y one-hot (C, m) or a (1, m) row of 0s and 1s
     * @return the class indices
     * @throws IllegalArgumentException if y is not 2-D or is not exactly one-hot / 0-1 valued
     */
    public static int[] fromTargets(Tensor y) {
        if (y == null || y.rank() != 2 || y.shape().dim(0) == 0) {
            throw new IllegalArgumentException("Labels.fromTargets: needs a 2-D (n_y, m) target, got "
                    + (y == null ? "null" : y.shape().toString()));
        }
        int c = y.shape().dim(0);
        int m = y.shape().dim(1);
        double[] v = y.buffer();
        int[] out = new int[m];
        for (int j = 0; j < m; j++) {
            if (c == 1) {
                if (v[j] != 0 && v[j] != 1) {
                    throw new IllegalArgumentException("Labels.fromTargets: binary target " + y.shape()
                            + " holds " + v[j] + " in column " + j + ", not 0 or 1");
                }
                out[j] = (int) v[j];
                continue;
            }
            int ones = 0;
            for (int i = 0; i < c; i++) {
                if (v[i * m + j] == 1) {
                    ones++;
                    out[j] = i;
                } else if (v[i * m + j] != 0) {
                    ones = -1;
                    break;
                }
            }
            if (ones != 1) {
                throw new IllegalArgumentException("Labels.fromTargets: column " + j + " of " + y.shape()
                        + " is not one-hot (one 1, the rest 0)");
            }
        }
        return out;
    }

    /**
     * Returns the number of classes the labels need: 1 + the largest label.
     *
     * @param labels the class indices
     * @return 1 + the largest label
     * @throws IllegalArgumentException if there are no labels or one is negative
     */
    public static int classCount(int[] labels) {
        requireNonNull("Labels.classCount", labels);
        if (labels.length == 0) {
            throw new IllegalArgumentException("Labels.classCount: no labels");
        }
        int max = -1;
        for (int j = 0; j < labels.length; j++) {
            if (labels[j] < 0) {
                throw new IllegalArgumentException("Labels.classCount: negative label " + labels[j]
                        + " at position " + j);
            }
            max = Math.max(max, labels[j]);
        }
        return max + 1;
    }

    /**
     * Returns how many labels of each class 0..classes-1 there are.
     *
     * @param labels  the class indices
     * @param classes the number of classes C
     * @return how many examples each class has
     */
    public static int[] counts(int[] labels, int classes) {
        requireNonNull("Labels.counts", labels);
        int[] counts = new int[classes];
        for (int j = 0; j < labels.length; j++) {
            if (labels[j] < 0 || labels[j] >= classes) {
                throw new IllegalArgumentException("Labels.counts: label " + labels[j] + " at position " + j
                        + " is outside [0, " + classes + ")");
            }
            counts[labels[j]]++;
        }
        return counts;
    }

    private static void requireNonNull(String method, int[] labels) {
        if (labels == null) {
            throw new IllegalArgumentException(method + ": labels are null");
        }
    }
}
