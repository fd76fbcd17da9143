package io.github.chainrule.nn;

import io.github.chainrule.Tensor;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.gradcheck.ModelGradCheck;
import io.github.chainrule.nn.io.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch normalization: batch statistics in training, running ones in evaluation, saved and restored exactly. */
class BatchNormTest {
    @Test
    void inTrainingEachFeatureComesOutWithMeanZeroAndVarianceOne() {
        Tensor Z = Tensor.randn(new Random(1), 3, 50).mul(4).add(7);
        Tensor Y = new BatchNorm(3).forward(Z);
        for (int i = 0; i < 3; i++) {
            double mean = 0;
            double sq = 0;
            for (int j = 0; j < 50; j++) {
                mean += Y.get(i, j) / 50;
                sq += Y.get(i, j) * Y.get(i, j) / 50;
            }
            assertEquals(0, mean, 1e-12, "feature " + i);
            assertEquals(1, sq - mean * mean, 1e-5, "feature " + i + " (ε = 1e-5 keeps it just below 1)");
        }
    }

    @Test
    void theRunningStatisticsFollowTheBatchesAndEvaluationUsesThem() {
        Random rng = new Random(2);
        BatchNorm bn = new BatchNorm(2, 1e-5, 0.5);
        double[] mean = {0, 0};
        double[] var = {1, 1};
        for (int step = 0; step < 3; step++) {
            Tensor Z = Tensor.randn(rng, 2, 8).mul(3).add(step);
            bn.forward(Z);
            for (int i = 0; i < 2; i++) {
                double mu = 0;
                for (int j = 0; j < 8; j++) {
                    mu += Z.get(i, j) / 8;
                }
                double ss = 0;
                for (int j = 0; j < 8; j++) {
                    ss += (Z.get(i, j) - mu) * (Z.get(i, j) - mu);
                }
                mean[i] = 0.5 * mean[i] + 0.5 * mu;
                var[i] = 0.5 * var[i] + 0.5 * ss / 7;           // unbiased: k − 1 = 7
            }
        }
        assertArrayEquals(mean, bn.runningMean().toArray(), 1e-12);
        assertArrayEquals(var, bn.runningVar().toArray(), 1e-12);
        bn.eval();
        Tensor x = Tensor.of(new double[] {1, -2}, 2, 1);
        Tensor y = bn.forward(x);
        for (int i = 0; i < 2; i++) {
            assertEquals((x.get(i, 0) - mean[i]) / Math.sqrt(var[i] + 1e-5), y.get(i, 0), 1e-12);
        }
        assertArrayEquals(mean, bn.runningMean().toArray(), 0, "evaluation leaves the running statistics alone");
        assertFalse(bn.namedParameters().containsKey("runningMean"), "buffers are not parameters");
    }

    @Test
    void theWholeModelGradientCheckPassesThroughBatchNorm() {
        Random rng = new Random(3);
        Sequential model = new Sequential(new Dense(3, 4, Initializer.xavier(), rng), new BatchNorm(4),
                new ActivationLayer(Activation.TANH), new Dense(4, 1, Activation.SIGMOID, Initializer.xavier(), rng));
        for (Tensor p : model.parameters()) {
            double[] v = p.detach().buffer();
            for (int i = 0; i < v.length; i++) {
                v[i] += 0.3 * rng.nextGaussian();
            }
        }
        Tensor X = Tensor.randn(rng, 3, 6);
        Tensor Y = Tensor.of(new double[] {1, 0, 1, 1, 0, 0}, 1, 6);
        ModelGradCheck.of(model).check(() -> Costs.binaryCrossEntropy(model.forward(X), Y)).assertPassed();
    }

    @Test
    void batchNorm2dNormalizesEachChannelOverTheBatchAndPositions() {
        Tensor images = Tensor.randn(new Random(4), 3, 2, 4, 5).mul(2).add(-1);
        BatchNorm2d bn = new BatchNorm2d(2);
        Tensor y = bn.forward(images);
        for (int c = 0; c < 2; c++) {
            double sum = 0;
            double sq = 0;
            for (int n = 0; n < 3; n++) {
                for (int h = 0; h < 4; h++) {
                    for (int w = 0; w < 5; w++) {
                        double v = y.get(n, c, h, w);
                        sum += v;
                        sq += v * v;
                    }
                }
            }
            assertEquals(0, sum / 60, 1e-12);
            assertEquals(1, sq / 60, 1e-4);
        }
        assertArrayEquals(new int[] {1, 2, 1, 1}, bn.gamma().shape().dims());
        Layer net = new Sequential(new BatchNorm2d(2), new Flatten(), new Dense(40, 1, Activation.SIGMOID,
                Initializer.xavier(), new Random(5)));
        Tensor X = Tensor.randn(new Random(6), 3, 2, 4, 5);
        Tensor Y = Tensor.of(new double[] {1, 0, 1}, 1, 3);
        ModelGradCheck.of(net).check(() -> Costs.binaryCrossEntropy(net.forward(X), Y)).assertPassed();
    }

    @Test
    void theRunningStatisticsSurviveASaveAndLoadBitForBit(@TempDir Path dir) throws IOException {
        Random rng = new Random(7);
        Sequential model = new Sequential(new Dense(3, 4, Initializer.xavier(), rng), new BatchNorm(4));
        for (int i = 0; i < 4; i++) {
            model.forward(Tensor.randn(rng, 3, 10));
        }
        Path file = dir.resolve("bn.safetensors");
        Checkpoint.save(file, model.namedState());
        Sequential fresh = new Sequential(new Dense(3, 4, Initializer.xavier(), new Random(99)), new BatchNorm(4));
        Checkpoint.restore(file, fresh.namedState());
        Map<String, Tensor> saved = model.stateDict();
        Map<String, Tensor> loaded = fresh.stateDict();
        assertTrue(saved.containsKey("layer2.runningVar"), saved.keySet().toString());
        assertEquals(saved.keySet(), loaded.keySet());
        saved.forEach((k, v) -> assertArrayEquals(v.toArray(), loaded.get(k).toArray(), 0, k));
    }

    @Test
    void aTrainingBatchOfOneExampleIsRefusedAndEvaluationTakesIt() {
        BatchNorm bn = new BatchNorm(3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(3, 1)));
        assertTrue(e.getMessage().startsWith("BatchNorm(3): a training batch of shape (3,1)"), e.getMessage());
        bn.eval();
        assertArrayEquals(new int[] {3, 1}, bn.forward(Tensor.zeros(3, 1)).shape().dims());
        e = assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(4, 2)));
        assertTrue(e.getMessage().contains("(4,2)"), e.getMessage());
    }
}
