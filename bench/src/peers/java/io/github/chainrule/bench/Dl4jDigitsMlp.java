package io.github.chainrule.bench;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * W4's MLP on Deeplearning4j: a {@code MultiLayerNetwork} of a ReLU {@code DenseLayer} 64 → 32 and a
 * softmax {@code OutputLayer} 32 → 10 with MCXENT loss and Adam (lr 1e-3, β1 0.9, β2 0.999, ε 1e-8),
 * DOUBLE throughout, trained by {@code fit(DataSet)} once per batch.
 */
final class Dl4jDigitsMlp {
    private final DigitsData data;
    private final DataSet[] batches;
    private final MultiLayerConfiguration conf;
    private MultiLayerNetwork net;

    /** Builds the configuration and wraps every batch of {@code data} as a DataSet, once. */
    Dl4jDigitsMlp(DigitsData data) {
        this.data = data;
        batches = new DataSet[data.batches()];
        for (int k = 0; k < batches.length; k++) {
            int bs = data.batchSize(k);
            batches[k] = new DataSet(
                    Nd4j.create(data.features(k), new long[] {bs, DigitsMlp.FEATURES}, 'c'),
                    Nd4j.create(data.oneHot(k), new long[] {bs, DigitsMlp.CLASSES}, 'c'));
        }
        // DL4J builds float networks unless told otherwise.
        conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .seed(42)
                .updater(new Adam(DigitsMlp.LR, DigitsMlp.BETA1, DigitsMlp.BETA2, DigitsMlp.EPS))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new DenseLayer.Builder().nIn(DigitsMlp.FEATURES).nOut(DigitsMlp.HIDDEN)
                        .activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(DigitsMlp.HIDDEN)
                        .nOut(DigitsMlp.CLASSES).activation(Activation.SOFTMAX).build())
                .build();
    }

    /**
     * Makes a fresh network with the initial parameters of chainrule's W4. DL4J's XAVIER draws from the same
     * N(0, 2/(fan_in + fan_out)); overwriting its draw with ours makes the losses comparable.
     */
    void reset() {
        // A copy: DL4J counts iterations in the configuration, and Adam's bias correction reads that count,
        // so a second network on the same configuration object would continue at step 30, not start at 1.
        net = new MultiLayerNetwork(conf.clone());
        net.init();
        // DL4J's dense W is (nIn, nOut), the layout DigitsData already has.
        net.getLayer(0).setParam("W", Nd4j.create(data.w1, new long[] {DigitsMlp.FEATURES, DigitsMlp.HIDDEN}, 'c'));
        net.getLayer(1).setParam("W", Nd4j.create(data.w2, new long[] {DigitsMlp.HIDDEN, DigitsMlp.CLASSES}, 'c'));
    }

    /** Trains the current network for {@code epochs} epochs, one {@code fit} per batch; returns the last batch's loss. */
    double train(int epochs) {
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (DataSet batch : batches) {
                net.fit(batch);
            }
        }
        return net.score();
    }
}
