package io.github.chainrule.bench;

import org.nd4j.autodiff.listeners.records.History;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

import java.util.Map;

/**
 * W2's network on ND4J SameDiff: the course's [12288, 20, 7, 5, 1] net as a SameDiff graph with X and Y
 * as placeholders, one iteration = {@code sd.fit(DataSet)} on the whole batch with SGD (lr 0.0075, i.e.
 * plain gradient descent), all DOUBLE. Data and initial parameters are copied from a {@link CourseNetwork},
 * so the first iteration's cost and update equal chainrule's.
 */
final class SameDiffCourseNetwork {
    private final SameDiff sd;
    private final DataSet data;
    private final int layers = CourseNetwork.LAYERS.length - 1;

    /** Builds the graph with the initial W[l], b[l] of {@code net} and wraps its X, Y as a DataSet. */
    SameDiffCourseNetwork(CourseNetwork net) {
        // Scalars in expressions (1 − A, −1/m) and the updater's state follow the default type: keep it double.
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        int[] dims = CourseNetwork.LAYERS;
        int m = net.m;
        sd = SameDiff.create();
        SDVariable x = sd.placeHolder("X", DataType.DOUBLE, dims[0], -1);
        SDVariable y = sd.placeHolder("Y", DataType.DOUBLE, 1, -1);
        SDVariable a = x;
        for (int l = 1; l <= layers; l++) {
            SDVariable w = sd.var("W" + l, Nd4j.create(net.w[l].buffer().clone(), new long[] {dims[l], dims[l - 1]}, 'c'));
            SDVariable b = sd.var("b" + l, Nd4j.zeros(DataType.DOUBLE, dims[l], 1));
            SDVariable z = sd.mmul(w, a).add(b);
            a = l < layers ? sd.nn().relu(z, 0) : sd.nn().sigmoid(z);
        }
        // J = −(1/m) Σ (Y log A + (1 − Y) log(1 − A))
        SDVariable logLikelihood = y.mul(sd.math().log(a)).add(y.rsub(1.0).mul(sd.math().log(a.rsub(1.0))));
        logLikelihood.sum().mul(-1.0 / m).rename("cost");
        sd.setLossVariables("cost");
        sd.setTrainingConfig(new TrainingConfig.Builder()
                .updater(new Sgd(CourseNetwork.LEARNING_RATE))
                .dataSetFeatureMapping("X")
                .dataSetLabelMapping("Y")
                .build());
        INDArray features = Nd4j.create(net.x.buffer().clone(), new long[] {dims[0], m}, 'c');
        INDArray labels = Nd4j.create(net.y.buffer().clone(), new long[] {1, m}, 'c');
        data = new DataSet(features, labels);
    }

    /**
     * One iteration: forward, backward and the SGD update, by {@code sd.fit}; returns fit's History. Not
     * the cost: fit runs only what the gradients need, and no gradient needs the value of J itself (its
     * last op, the scaling by −1/m, is skipped), so the loss SameDiff reports to listeners is 0.
     */
    History iteration() {
        return sd.fit(data);
    }

    /** Returns the cost of the current parameters in double precision, without training (for the smoke test). */
    double cost() {
        Map<String, INDArray> out = sd.output(Map.of("X", data.getFeatures(), "Y", data.getLabels()), "cost");
        return out.get("cost").getDouble(0);
    }

    /** Returns W[l] as a row-major array (for the smoke test). */
    double[] weights(int l) {
        return sd.getVariable("W" + l).getArr().dup('c').data().asDouble();
    }

    /** Returns b[l] (for the smoke test). */
    double[] biases(int l) {
        return sd.getVariable("b" + l).getArr().dup('c').data().asDouble();
    }
}
