package io.github.chainrule.examples.train;

import io.github.chainrule.GradMode;
import io.github.chainrule.Tensor;
import io.github.chainrule.nn.Module;
import io.github.chainrule.nn.data.Labels;

/** Predictions and accuracies of trained models, computed without recording a graph. */
public final class Metrics {
    private Metrics() {
    }

    /**
     * Returns the predicted class of each column of X: a (1, m) sigmoid output is thresholded at 0.5 (the
     * course's predict), a (C, m) output with C ≥ 2 gives the argmax. The model is switched to evaluation mode
     * (dropout off) for the prediction and back afterwards.
     */
    public static int[] predict(Module model, Tensor X) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Tensor out = model.forward(X);
            return out.shape().dim(0) == 1 ? Labels.threshold(out, 0.5) : Labels.argmax(out);
        } finally {
            model.setTraining(wasTraining);
        }
    }

    /** Returns the fraction of predictions equal to the labels. */
    public static double accuracy(int[] predicted, int[] labels) {
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException("accuracy: " + predicted.length + " predictions for "
                    + labels.length + " labels");
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException("accuracy: no examples");
        }
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                right++;
            }
        }
        return (double) right / labels.length;
    }

    /** Returns the model's accuracy on X against its labels Y ((1, m) 0/1 or (C, m) one-hot). */
    public static double accuracy(Module model, Tensor X, Tensor Y) {
        return accuracy(predict(model, X), Labels.fromTargets(Y));
    }

    /** Returns the confusion matrix counts[true][predicted] of {@code classes} classes. */
    public static int[][] confusion(int[] predicted, int[] labels, int classes) {
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException("confusion: " + predicted.length + " predictions for "
                    + labels.length + " labels");
        }
        int[][] counts = new int[classes][classes];
        for (int i = 0; i < labels.length; i++) {
            counts[labels[i]][predicted[i]]++;
        }
        return counts;
    }
}
