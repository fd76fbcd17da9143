package io.github.chainrule.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

/**
 * W4's MLP on PyTorch via DJL: 64 → 32 (ReLU) → 10, mean softmax cross-entropy, NDArray ops under a
 * {@code GradientCollector} and DJL's {@code Optimizer.adam()} (lr 1e-3, β1 0.9, β2 0.999, ε 1e-8; DJL
 * holds these as floats), FLOAT64 data and parameters, examples as rows.
 */
final class DjlDigitsMlp implements AutoCloseable {
    private static final String[] NAMES = {"W1", "b1", "W2", "b2"};
    private final NDManager manager;
    private final DigitsData data;
    private final NDArray[] xBatches;
    private final NDArray[] yBatches;
    private NDManager model;
    private NDArray[] params;
    private Optimizer adam;

    /** Copies every batch of {@code data} into FLOAT64 arrays, once. */
    DjlDigitsMlp(DigitsData data) {
        this.data = data;
        manager = NDManager.newBaseManager("PyTorch");
        xBatches = new NDArray[data.batches()];
        yBatches = new NDArray[data.batches()];
        for (int k = 0; k < xBatches.length; k++) {
            xBatches[k] = manager.create(data.features(k), new Shape(data.batchSize(k), DigitsMlp.FEATURES));
            yBatches[k] = manager.create(data.oneHot(k), new Shape(data.batchSize(k), DigitsMlp.CLASSES));
        }
    }

    /** Frees the previous model and makes a fresh one (the initial parameters, a new Adam with no state). */
    void reset() {
        if (model != null) {
            model.close();
        }
        // The parameters and Adam's moments (created on its first update, beside each weight) live in
        // this sub-manager, so closing it frees one whole model.
        model = manager.newSubManager();
        params = new NDArray[] {
            model.create(data.w1, new Shape(DigitsMlp.FEATURES, DigitsMlp.HIDDEN)),
            model.zeros(new Shape(DigitsMlp.HIDDEN), DataType.FLOAT64),
            model.create(data.w2, new Shape(DigitsMlp.HIDDEN, DigitsMlp.CLASSES)),
            model.zeros(new Shape(DigitsMlp.CLASSES), DataType.FLOAT64)};
        for (NDArray p : params) {
            p.setRequiresGradient(true);
        }
        adam = Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed((float) DigitsMlp.LR))
                .optBeta1((float) DigitsMlp.BETA1)
                .optBeta2((float) DigitsMlp.BETA2)
                .optEpsilon((float) DigitsMlp.EPS)
                .build();
    }

    /** Trains the current model for {@code epochs} epochs of 29 batches; returns the last batch's loss. */
    double train(int epochs) {
        double loss = Double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int k = 0; k < xBatches.length; k++) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    NDArray cost;
                    try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                        NDArray a1 = Activation.relu(xBatches[k].matMul(params[0]).add(params[1]));
                        NDArray z2 = a1.matMul(params[2]).add(params[3]);
                        cost = z2.logSoftmax(1).mul(yBatches[k]).sum().mul(-1.0 / data.batchSize(k));
                        collector.backward(cost);
                    }
                    loss = cost.getDouble();
                }
                // Outside the scope: Adam creates its moment arrays on the first update, and a scope
                // would close them with everything else it saw created ("Native resource has been
                // released already" on the next step). Adam also zeroes each gradient after its update.
                for (int i = 0; i < params.length; i++) {
                    try (NDArray grad = params[i].getGradient()) {
                        adam.update(NAMES[i], params[i], grad);
                    }
                }
            }
        }
        return loss;
    }

    /** Frees the batches and the current model. */
    @Override
    public void close() {
        manager.close();
    }
}
