package io.github.chainrule.nn.train;

import io.github.chainrule.Tensor;
import io.github.chainrule.nn.Activation;
import io.github.chainrule.nn.Dense;
import io.github.chainrule.nn.Initializer;
import io.github.chainrule.nn.Sequential;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.io.Checkpoint;
import io.github.chainrule.nn.optim.Adam;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * A model's and its optimizer's state dicts saved to a file and loaded into fresh objects resume training
 * exactly where it stopped: the state-dict maps are what the io package saves.
 */
class CheckpointResumeTest {

    private static Sequential net(long seed) {
        Random rng = new Random(seed);
        return new Sequential(new Dense(2, 5, Activation.TANH, Initializer.xavier(), rng),
                new Dense(5, 1, Activation.SIGMOID, Initializer.xavier(), rng));
    }

    private static void train(Sequential model, Adam adam, Tensor X, Tensor Y, int epochs) {
        new Trainer(model, Costs::binaryCrossEntropy, adam).epochs(epochs).quiet().fit(X, Y);
    }

    @ParameterizedTest
    @ValueSource(strings = {"run.npz", "run.safetensors"})
    void savedModelAndAdamStateResumeTrainingBitForBit(String fileName, @TempDir Path dir) throws Exception {
        Random rng = new Random(1);
        Tensor X = Tensor.randn(rng, 2, 30);
        double[] y = new double[30];
        for (int j = 0; j < 30; j++) {
            y[j] = X.get(0, j) > 0 ? 1 : 0;
        }
        Tensor Y = Tensor.of(y, 1, 30);
        Sequential uninterrupted = net(7);
        Adam uninterruptedAdam = new Adam(uninterrupted.namedParameters(), 0.01);
        train(uninterrupted, uninterruptedAdam, X, Y, 10);

        Sequential first = net(7);
        Adam firstAdam = new Adam(first.namedParameters(), 0.01);
        train(first, firstAdam, X, Y, 4);
        Map<String, Tensor> state = new LinkedHashMap<>(Checkpoint.prefixed("model.", first.stateDict()));
        state.putAll(Checkpoint.prefixed("optimizer.", firstAdam.stateDict()));
        Path file = dir.resolve(fileName);
        Checkpoint.save(file, state);

        Sequential resumed = net(99);   // different starting values: everything must come from the file
        Adam resumedAdam = new Adam(resumed.namedParameters(), 0.01);
        Map<String, Tensor> loaded = Checkpoint.load(file);
        resumed.loadStateDict(Checkpoint.withPrefix("model.", loaded));
        resumedAdam.loadStateDict(Checkpoint.withPrefix("optimizer.", loaded));
        train(resumed, resumedAdam, X, Y, 6);

        for (String name : uninterrupted.namedParameters().keySet()) {
            assertArrayEquals(uninterrupted.namedParameters().get(name).toArray(),
                    resumed.namedParameters().get(name).toArray(), 0.0, name);
        }
    }
}
