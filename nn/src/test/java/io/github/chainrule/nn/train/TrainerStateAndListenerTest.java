package io.github.chainrule.nn.train;

import io.github.chainrule.Tensor;
import io.github.chainrule.nn.Activation;
import io.github.chainrule.nn.Dense;
import io.github.chainrule.nn.Initializer;
import io.github.chainrule.nn.Sequential;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.optim.Optimizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Early stopping restores the optimizer's state with the parameters; the per-epoch listener sees every epoch. */
class TrainerStateAndListenerTest {
    private static Tensor[] blobs(Random rng, int m, boolean flipLabels) {
        Tensor X = Tensor.randn(rng, 2, m);
        double[] y = new double[m];
        for (int j = 0; j < m; j++) {
            y[j] = (X.get(0, j) + X.get(1, j) > 0) ^ flipLabels ? 1 : 0;
        }
        return new Tensor[] {X, Tensor.of(y, 1, m)};
    }

    @Test
    void earlyStoppingRestoresTheOptimizersMomentsAndStepCountOfTheBestEpoch() {
        Random rng = new Random(1);
        Tensor[] train = blobs(rng, 100, false);
        Tensor[] dev = blobs(rng, 50, true);   // opposite labels: the dev cost soon rises
        Sequential model = new Sequential(new Dense(2, 8, Activation.TANH, Initializer.xavier(), rng),
                new Dense(8, 1, Activation.SIGMOID, Initializer.xavier(), rng));
        Adam adam = new Adam(model.namedParameters(), 0.05);
        List<Map<String, Tensor>> statePerEpoch = new ArrayList<>();
        List<EpochSummary> seen = new ArrayList<>();
        History h = new Trainer(model, Costs::binaryCrossEntropy, adam).epochs(200).dev(dev[0], dev[1])
                .earlyStopping(4).quiet()
                .onEpochEnd(s -> {
                    seen.add(s);
                    statePerEpoch.add(adam.stateDict());
                })
                .fit(MiniBatches.shuffled(train[0], train[1], 25, new Random(3)));
        assertTrue(h.isStoppedEarly(), h.toString());
        Map<String, Tensor> best = statePerEpoch.get(h.bestEpoch());
        Map<String, Tensor> now = adam.stateDict();
        assertEquals(best.keySet(), now.keySet());
        best.forEach((k, v) -> assertArrayEquals(v.toArray(), now.get(k).toArray(), 0, k));
        assertEquals(4 * (h.bestEpoch() + 1), adam.stepCount(), "4 batches an epoch, up to the best epoch");
        assertEquals(h.epochs(), seen.size(), "the listener saw every epoch");
        for (int e = 0; e < seen.size(); e++) {
            EpochSummary s = seen.get(e);
            assertEquals(e, s.epoch());
            assertEquals(h.costs().get(e), s.cost(), 0);
            assertNotNull(s.devCost());
            assertEquals(h.devCosts().get(e), s.devCost(), 0);
            assertEquals(4, s.steps());
            assertEquals(0.05, s.learningRate(), 0);
        }
    }

    @Test
    void aStepCountOfZeroIsWhereAFreshOptimizerStarts() {
        Sequential model = new Sequential(new Dense(2, 1, Activation.SIGMOID, Initializer.xavier(), new Random(2)));
        Optimizer opt = new Adam(model.namedParameters(), 0.01);
        assertEquals(0, opt.stepCount());
    }
}
