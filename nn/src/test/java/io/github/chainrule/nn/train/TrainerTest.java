package io.github.chainrule.nn.train;

import io.github.chainrule.Tensor;
import io.github.chainrule.nn.Activation;
import io.github.chainrule.nn.Dense;
import io.github.chainrule.nn.Dropout;
import io.github.chainrule.nn.Initializer;
import io.github.chainrule.nn.Sequential;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.cost.Regularizer;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.optim.GradientDescent;
import io.github.chainrule.nn.optim.LearningRateSchedule;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The training loop: learning, progress lines, schedules, dev set and early stopping. */
class TrainerTest {

    /** Two blobs: label 1 where x0 + x1 > 0, with the examples as columns. */
    private static Tensor[] blobs(Random rng, int m, boolean flipLabels) {
        Tensor X = Tensor.randn(rng, 2, m);
        double[] y = new double[m];
        for (int j = 0; j < m; j++) {
            boolean positive = X.get(0, j) + X.get(1, j) > 0;
            y[j] = positive ^ flipLabels ? 1 : 0;
        }
        return new Tensor[] {X, Tensor.of(y, 1, m)};
    }

    private static Sequential smallNet(Random rng) {
        return new Sequential(new Dense(2, 4, Activation.TANH, Initializer.xavier(), rng),
                new Dense(4, 1, Activation.SIGMOID, Initializer.xavier(), rng));
    }

    @Test
    void trainingWithMiniBatchesLearnsASeparableProblem() {
        Random rng = new Random(1);
        Tensor[] train = blobs(rng, 200, false);
        Sequential model = smallNet(rng);
        History h = new Trainer(model, Costs::binaryCrossEntropy, new Adam(model.namedParameters(), 0.05))
                .epochs(30).quiet()
                .fit(MiniBatches.shuffled(train[0], train[1], 32, new Random(2)));
        assertEquals(30, h.epochs());
        assertEquals(30 * 7, h.steps(), "200 examples in batches of 32: 6 full and 1 partial per epoch");
        assertTrue(h.finalCost() < h.costs().get(0) / 3, h.costs().toString());
        assertTrue(Metrics.accuracy(model.predict(train[0]), train[1]) > 0.95);
    }

    @Test
    void progressLinesAreTheCoursesCostAfterIterationLines() {
        Random rng = new Random(1);
        Tensor[] train = blobs(rng, 20, false);
        Sequential model = smallNet(rng);
        List<String> lines = new ArrayList<>();
        new Trainer(model, Costs::binaryCrossEntropy, new GradientDescent(model.namedParameters(), 0.5))
                .epochs(250).printEvery(100).progressTo(lines::add).fit(train[0], train[1]);
        assertEquals(3 + 1, lines.size(), lines.toString());   // iterations 0, 100, 200, and the last, 249
        assertTrue(lines.get(0).matches("Cost after iteration 0: \\d+\\.\\d{6}"), lines.get(0));
        assertTrue(lines.get(3).startsWith("Cost after iteration 249: "), lines.get(3));
    }

    @Test
    void withMiniBatchesTheLinesCountEpochs() {
        Random rng = new Random(1);
        Tensor[] train = blobs(rng, 20, false);
        Sequential model = smallNet(rng);
        List<String> lines = new ArrayList<>();
        new Trainer(model, Costs::binaryCrossEntropy, new GradientDescent(model.namedParameters(), 0.5))
                .epochs(3).printEvery(1).progressTo(lines::add).fit(MiniBatches.shuffled(train[0], train[1], 8, new Random(1)));
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).startsWith("Cost after epoch 2: "), lines.get(2));
    }

    @Test
    void quietPrintsNothing() {
        Random rng = new Random(1);
        Tensor[] train = blobs(rng, 20, false);
        Sequential model = smallNet(rng);
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(buffer));
        try {
            new Trainer(model, Costs::binaryCrossEntropy, new GradientDescent(model.namedParameters(), 0.5))
                    .epochs(5).printEvery(1).quiet().fit(train[0], train[1]);
        } finally {
            System.setOut(old);
        }
        assertEquals("", buffer.toString());
    }

    @Test
    void anEpochScheduleSetsTheRateOfEachEpochAndAStepScheduleOfEachStep() {
        Random rng = new Random(1);
        Tensor[] train = blobs(rng, 20, false);
        Sequential model = smallNet(rng);
        History h = new Trainer(model, Costs::binaryCrossEntropy, new GradientDescent(model.namedParameters(), 0.2))
                .epochs(4).quiet().schedule(LearningRateSchedule.inverseTime(1), DecayEvery.EPOCH)
                .fit(MiniBatches.shuffled(train[0], train[1], 10, new Random(1)));
        assertEquals(List.of(0.2, 0.1, 0.2 / 3, 0.05), h.learningRates());

        GradientDescent gd = new GradientDescent(model.namedParameters(), 0.2);
        History s = new Trainer(model, Costs::binaryCrossEntropy, gd)
                .epochs(2).quiet().schedule(LearningRateSchedule.inverseTime(1), DecayEvery.STEP)
                .fit(MiniBatches.shuffled(train[0], train[1], 10, new Random(1)));
        assertEquals(4, s.steps());
        assertEquals(0.2 / 4, gd.learningRate(), 1e-15, "the fourth step (t = 3) used α₀ / (1 + 3)");
        assertEquals(List.of(0.2, 0.2 / 3), s.learningRates());
    }

    @Test
    void regularizationIsPartOfTheReportedCost() {
        Random rng = new Random(1);
        Tensor[] train = blobs(rng, 20, false);
        Sequential a = smallNet(new Random(5));
        Sequential b = smallNet(new Random(5));
        double plain = new Trainer(a, Costs::binaryCrossEntropy, new GradientDescent(a.namedParameters(), 0.1))
                .quiet().fit(train[0], train[1]).costs().get(0);
        double regularized = new Trainer(b, Costs::binaryCrossEntropy, new GradientDescent(b.namedParameters(), 0.1))
                .quiet().regularizer(Regularizer.l2(0.7)).fit(train[0], train[1]).costs().get(0);
        Sequential fresh = smallNet(new Random(5));
        assertEquals(plain + Regularizer.l2(0.7).penalty(fresh, 20).item(), regularized, 1e-12);
    }

    @Test
    void earlyStoppingStopsWhenTheDevCostRisesAndRestoresTheBestParameters() {
        Random rng = new Random(1);
        Tensor[] train = blobs(rng, 100, false);
        Tensor[] dev = blobs(rng, 50, true);   // the opposite labels: learning the training set hurts the dev cost
        Sequential model = new Sequential(new Dense(2, 8, Activation.TANH, Initializer.xavier(), rng),
                new Dropout(0.9, new Random(7)),
                new Dense(8, 1, Activation.SIGMOID, Initializer.xavier(), rng));
        List<String> lines = new ArrayList<>();
        History h = new Trainer(model, Costs::binaryCrossEntropy, new Adam(model.namedParameters(), 0.05))
                .epochs(200).dev(dev[0], dev[1]).earlyStopping(5).printEvery(1000).progressTo(lines::add)
                .fit(MiniBatches.shuffled(train[0], train[1], 25, new Random(3)));
        assertTrue(h.isStoppedEarly(), h.toString());
        assertTrue(h.epochs() < 200);
        double bestDev = Collections.min(h.devCosts());
        assertEquals(h.devCosts().indexOf(bestDev), h.bestEpoch());
        assertEquals(h.bestEpoch() + 5, h.epochs() - 1, "stopped 5 epochs after the best one");
        // the model now holds the best epoch's parameters: its dev cost is that epoch's, bit for bit
        assertEquals(bestDev, Costs.binaryCrossEntropy(model.predict(dev[0]), dev[1]).item(), 0.0);
        assertTrue(model.isTraining(), "predict leaves the model's mode as it was");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Early stopping after epoch " + (h.epochs() - 1))), lines.toString());
        assertTrue(lines.get(lines.size() - 1).startsWith("Restored the parameters of epoch " + h.bestEpoch()), lines.toString());
    }

    @Test
    void earlyStoppingWithoutADevSetIsRefused() {
        Sequential model = smallNet(new Random(1));
        Trainer t = new Trainer(model, Costs::binaryCrossEntropy, new Adam(model.namedParameters(), 0.05)).earlyStopping(3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.fit(Tensor.zeros(2, 4), Tensor.zeros(1, 4)));
        assertTrue(e.getMessage().contains("early stopping needs a dev set"), e.getMessage());
    }

    @Test
    void aDivergingRunFailsNamingTheEpochAndBatch() {
        Random rng = new Random(1);
        Tensor[] train = blobs(rng, 20, false);
        Sequential model = new Sequential(new Dense(2, 1, Activation.IDENTITY, Initializer.xavier(), rng));
        Trainer t = new Trainer(model, Costs::meanSquaredError, new GradientDescent(model.namedParameters(), 1e6))
                .epochs(50).quiet();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.fit(train[0], train[1].mul(1e3)));
        assertTrue(e.getMessage().contains("the cost became"), e.getMessage());
        assertTrue(e.getMessage().contains("in epoch"), e.getMessage());
    }

    @Test
    void trainingTwiceFromTheSameSeedsGivesTheSameParameters() {
        Map<String, Tensor> first = trainedState(9);
        Map<String, Tensor> second = trainedState(9);
        for (String name : first.keySet()) {
            assertArrayEquals(first.get(name).toArray(), second.get(name).toArray(), 0.0, name);
        }
    }

    static Map<String, Tensor> trainedState(long seed) {
        Random rng = new Random(seed);
        Tensor[] train = blobs(rng, 64, false);
        Sequential model = new Sequential(new Dense(2, 6, Activation.RELU, Initializer.he(), rng),
                new Dropout(0.8, rng), new Dense(6, 1, Activation.SIGMOID, Initializer.xavier(), rng));
        new Trainer(model, Costs::binaryCrossEntropy, new Adam(model.namedParameters(), 0.01))
                .epochs(20).quiet().regularizer(Regularizer.l2(0.1))
                .fit(MiniBatches.shuffled(train[0], train[1], 16, rng));
        return model.stateDict();
    }
}
