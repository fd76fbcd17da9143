package io.github.chainrule.examples.train;

import io.github.chainrule.Tensor;
import io.github.chainrule.nn.Layer;
import io.github.chainrule.nn.data.Labels;

/** Predictions and accuracies of trained models, computed without recording a graph. */
public final class Metrics {
    private Metrics() {
    }

    /**
     * Returns the predicted class of each column of X for a model whose output is probabilities: a (1, m)
     * sigmoid output is thresholded at 0.5 (the course's predict), a (C, m) output gives the argmax. Dropout is
     * off for the prediction.
     */
    public static int[] predict(Layer model, Tensor X) {
        Tensor out = model.predict(X);
        return out.shape().dim(0) == 1 ? Labels.threshold(out, 0.5) : Labels.argmax(out);
    }

    /**
     * Returns the predicted class of each column of X for a model whose output is logits (no sigmoid or
     * softmax on the last layer; the cost applies it): a (1, m) output is thresholded at 0, where σ(z) = 0.5,
     * a (C, m) output gives the argmax, which softmax does not change.
     */
    public static int[] predictFromLogits(Layer model, Tensor X) {
        Tensor out = model.predict(X);
        return out.shape().dim(0) == 1 ? Labels.threshold(out, 0) : Labels.argmax(out);
    }

    /** Returns the accuracy on X against Y ((1, m) 0/1 or (C, m) one-hot) of a model whose output is logits. */
    public static double accuracyFromLogits(Layer model, Tensor X, Tensor Y) {
        return accuracy(predictFromLogits(model, X), Labels.fromTargets(Y));
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
    public static double accuracy(Layer model, Tensor X, Tensor Y) {
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
