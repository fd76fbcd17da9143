package io.github.chainrule.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchNormExampleTest {
    @TempDir
    Path out;

    /** A short run at the larger rate: both learn, and BatchNorm's network gets further in the same epochs. */
    @Test
    void withBatchNormTheDeepNetworkTrainsFasterAtTheSameLearningRate() throws IOException {
        BatchNormExample program = new BatchNormExample().size(10, 0.1);
        program.options().out(out).quiet(true);
        BatchNormExample.Result r = program.run();
        assertEquals(2, r.runs().size());
        BatchNormExample.Run plain = r.run(0.1, false);
        BatchNormExample.Run normalized = r.run(0.1, true);
        for (BatchNormExample.Run run : r.runs()) {
            assertEquals(10, run.costs().length);
            assertTrue(run.finalCost() < run.costs()[0], "the cost falls: " + run);
            assertTrue(run.accuracies()[1] > 0.5, "better than guessing on a balanced pair: " + run.accuracies()[1]);
        }
        assertTrue(normalized.finalCost() < plain.finalCost(),
                "BatchNorm " + normalized.finalCost() + " vs plain " + plain.finalCost());
        Pictures.assertWrote(out, r.files(), "batch_norm_cost.png");
    }

    @Test
    void theTrainingSetIsCutToWholeBatchesSoNoBatchNormSeesATinyBatch() {
        var train = DeepNetworkExample.data(0, 6, 1)[0];
        assertEquals(388, train.m());
        assertEquals(384, BatchNormExample.wholeBatches(train).m());
    }

    @Test
    void theBatchNormNetworkHasABatchNormBeforeEachHiddenReluAndTheSameWeightsAsThePlainOne() {
        int[] dims = DeepNetworkExample.LAYERS;
        var withBn = BatchNormExample.withBatchNorm(dims, new Random(3));
        var plain = io.github.chainrule.examples.train.Models.deep(dims, io.github.chainrule.nn.Initializer.he(), new Random(3));
        assertEquals(3 * (dims.length - 2) + 1, withBn.layers().size());
        for (int l = 0; l < dims.length - 2; l++) {
            assertTrue(withBn.layers().get(3 * l + 1) instanceof io.github.chainrule.nn.BatchNorm);
        }
        var a = ((io.github.chainrule.nn.Dense) withBn.layers().get(0)).W().toArray();
        var b = ((io.github.chainrule.nn.Dense) plain.layers().get(0)).W().toArray();
        assertArrayEquals(b, a, 0, "the same first-layer weights from the same seed");
    }

    @Test
    void aNonPositiveLearningRateIsRefusedNamingTheOption() {
        BatchNormExample program = new BatchNormExample().size(1, 0.1, -1);
        program.options().out(out).quiet(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, program::run);
        assertTrue(e.getMessage().contains("--learning-rates") && e.getMessage().contains("-1"), e.getMessage());
    }
}
