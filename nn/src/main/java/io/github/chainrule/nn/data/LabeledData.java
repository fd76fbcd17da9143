package io.github.chainrule.nn.data;

import io.github.chainrule.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Features and integer class labels as loaded from a file: X of shape (n_x, m), one example per column,
 * and m labels 0..C-1. Turn it into a {@link Dataset} with {@link #oneHot(int)} (C classes) or
 * {@link #binary()} (labels 0 and 1).
 */
public final class LabeledData {
    private final Tensor x;
    private final int[] labels;
    private final List<String> featureNames;
    private final List<String> classNames;

    /**
     * Returns the data of inputs {@code x} (n_x, m) with {@code labels} (length m) and the features'
     * names (length n_x).
     *
     * @param x            the inputs, shape (n_x, m)
     * @param labels       the m class indices
     * @param featureNames the n_x feature names
     * @throws IllegalArgumentException if the sizes do not agree or a label is negative
     */
    public LabeledData(Tensor x, int[] labels, List<String> featureNames) {
        this(x, labels, featureNames, List.of());
    }

    /**
     * Returns the data of inputs {@code x} (n_x, m) with {@code labels} (length m), the features' names (length
     * n_x) and the classes' names: class k is {@code classNames.get(k)}, as when text labels such as "setosa"
     * were mapped to class indices.
     *
     * @param x            the inputs, shape (n_x, m)
     * @param labels       the m class indices
     * @param featureNames the n_x feature names
     * @param classNames   the name of each class index, or an empty list when the labels were numbers
     * @throws IllegalArgumentException if the sizes do not agree, a label is negative, or a label has no name
     *                                  while names are given
     */
    public LabeledData(Tensor x, int[] labels, List<String> featureNames, List<String> classNames) {
        if (x == null || labels == null || featureNames == null || classNames == null) {
            throw new IllegalArgumentException("LabeledData: X, labels and feature names must not be null");
        }
        if (x.rank() != 2 || x.shape().dim(1) != labels.length || x.shape().dim(0) != featureNames.size()) {
            throw new IllegalArgumentException("LabeledData: X " + x.shape() + " needs one label per column and one"
                    + " name per row, got " + labels.length + " labels and " + featureNames.size() + " names");
        }
        for (int j = 0; j < labels.length; j++) {
            if (labels[j] < 0) {
                throw new IllegalArgumentException("LabeledData: negative label " + labels[j] + " at example " + j);
            }
        }
        if (!classNames.isEmpty()) {
            for (int j = 0; j < labels.length; j++) {
                if (labels[j] >= classNames.size()) {
                    throw new IllegalArgumentException("LabeledData: label " + labels[j] + " at example " + j
                            + " has no name among the " + classNames.size() + " class names " + classNames);
                }
            }
        }
        this.x = x;
        this.labels = labels.clone();
        this.featureNames = List.copyOf(featureNames);
        this.classNames = List.copyOf(classNames);
    }

    /**
     * Returns the name of each class index when the labels were read as text (class k is element k), or an
     * empty list when they were numbers.
     *
     * @return the class names, possibly empty
     */
    public List<String> classNames() {
        return classNames;
    }

    /**
     * Returns the inputs X, shape (n_x, m).
     *
     * @return X
     */
    public Tensor x() {
        return x;
    }

    /**
     * Returns a copy of the m class labels.
     *
     * @return the labels, a copy
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * Returns the n_x feature names from the header, in row order of X.
     *
     * @return the feature names
     */
    public List<String> featureNames() {
        return featureNames;
    }

    /**
     * Returns the number of examples m.
     *
     * @return m
     */
    public int m() {
        return labels.length;
    }

    /**
     * Returns the number of classes the labels need, 1 + the largest label (0 when there are no examples).
     *
     * @return 1 + the largest label, or 0
     */
    public int classCount() {
        return labels.length == 0 ? 0 : Labels.classCount(labels);
    }

    /**
     * Returns the dataset with X and the (classes, m) one-hot Y.
     *
     * @param classes the number of classes C
     * @return X with the one-hot Y
     * @throws IllegalArgumentException if a label is outside [0, classes)
     */
    public Dataset oneHot(int classes) {
        return Dataset.of(x, Labels.oneHot(labels, classes));
    }

    /**
     * Returns the dataset with X and the binary (1, m) Y of the labels.
     *
     * @return X with the (1, m) Y of 0s and 1s
     * @throws IllegalArgumentException if a label is neither 0 nor 1
     */
    public Dataset binary() {
        return Dataset.of(x, Labels.row(labels));
    }

    /**
     * Returns the examples of the given classes only, relabelled by their position in {@code classes}:
     * {@code keepClasses(7, 9)} turns Fashion-MNIST's Sneaker (7) and Ankle boot (9) into a binary task
     * with Sneaker = 0 and Ankle boot = 1. Examples keep their order.
     *
     * @param classes the classes to keep; the k-th given becomes label k
     * @return the kept examples, relabelled
     * @throws IllegalArgumentException if no class is given or one is given twice or is negative
     */
    public LabeledData keepClasses(int... classes) {
        if (classes == null || classes.length == 0) {
            throw new IllegalArgumentException("LabeledData.keepClasses: name at least one class");
        }
        int max = 0;
        for (int c : classes) {
            if (c < 0) {
                throw new IllegalArgumentException("LabeledData.keepClasses: negative class " + c);
            }
            max = Math.max(max, c);
        }
        int[] newLabel = new int[Math.max(max, classCount()) + 1];
        java.util.Arrays.fill(newLabel, -1);
        for (int k = 0; k < classes.length; k++) {
            if (newLabel[classes[k]] != -1) {
                throw new IllegalArgumentException("LabeledData.keepClasses: class " + classes[k] + " given twice");
            }
            newLabel[classes[k]] = k;
        }
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < labels.length; j++) {
            if (newLabel[labels[j]] >= 0) {
                keep.add(j);
            }
        }
        int[] idx = keep.stream().mapToInt(Integer::intValue).toArray();
        int[] relabelled = new int[idx.length];
        for (int j = 0; j < idx.length; j++) {
            relabelled[j] = newLabel[labels[idx[j]]];
        }
        List<String> names = new ArrayList<>();
        if (!classNames.isEmpty()) {
            for (int c : classes) {
                names.add(c < classNames.size() ? classNames.get(c) : "class " + c);
            }
        }
        return new LabeledData(x.selectColumns(idx), relabelled, featureNames, names);
    }
}
