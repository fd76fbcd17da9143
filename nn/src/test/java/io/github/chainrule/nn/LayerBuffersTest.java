package io.github.chainrule.nn;

import io.github.chainrule.GradMode;
import io.github.chainrule.Tensor;
import io.github.chainrule.nn.io.Checkpoint;
import io.github.chainrule.nn.optim.GradientDescent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Buffers: named untrained state, saved and restored with the parameters and never touched by optimizers. */
class LayerBuffersTest {

    /** A gain γ (a parameter), a running mean of its input (a buffer) and a count of training steps (a buffer). */
    static final class RunningMeanScale extends Layer {
        private final Tensor gamma;
        private final Tensor runningMean;
        private final Tensor steps;

        RunningMeanScale(int n) {
            gamma = addParameter("gamma", Tensor.ones(n, 1));
            runningMean = addBuffer("runningMean", Tensor.zeros(n, 1));
            steps = addBuffer("steps", Tensor.zeros(1, 1));
        }

        @Override
        public Tensor forward(Tensor A) {
            if (isTraining()) {
                GradMode.noGrad(() -> {
                    runningMean.assign(runningMean.mul(0.9).add(A.detach().mean(1, true).mul(0.1)));
                    steps.assign(steps.add(1));
                });
            }
            return A.mul(gamma);
        }
    }

    private static Sequential model() {
        return new Sequential(new Dense(2, 2, Initializer.xavier(), new Random(3)), new RunningMeanScale(2));
    }

    @Test
    void buffersAreStateButNotParameters() {
        Sequential m = model();
        assertEquals(List.of("layer2.runningMean", "layer2.steps"), List.copyOf(m.namedBuffers().keySet()));
        assertFalse(m.namedParameters().containsKey("layer2.runningMean"));
        assertFalse(m.namedWeights().containsKey("layer2.steps"));
        assertEquals(List.of("layer1.W", "layer1.b", "layer2.gamma", "layer2.runningMean", "layer2.steps"),
                List.copyOf(m.stateDict().keySet()));
        assertFalse(m.namedBuffers().get("layer2.steps").isGradRequired());
    }

    @Test
    void optimizerStepsLeaveBuffersAsTheLayerSetThem() {
        Sequential m = model();
        GradientDescent sgd = new GradientDescent(m.namedParameters(), 0.1);
        Tensor X = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        for (int i = 0; i < 3; i++) {
            m.zeroGrad();
            m.forward(X).square().sum().backward();
            sgd.step();
        }
        assertEquals(3, m.namedBuffers().get("layer2.steps").item());
        assertFalse(m.namedBuffers().get("layer2.steps").hasGrad());
    }

    @Test
    void loadStateDictRestoresBuffersAndRefusesAStateWithoutThem() {
        Sequential trained = model();
        trained.forward(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
        Map<String, Tensor> state = trained.stateDict();
        Sequential fresh = model();
        fresh.loadStateDict(state);
        assertArrayEquals(trained.namedBuffers().get("layer2.runningMean").toArray(),
                fresh.namedBuffers().get("layer2.runningMean").toArray());
        assertEquals(1, fresh.namedBuffers().get("layer2.steps").item());

        Map<String, Tensor> paramsOnly = new java.util.LinkedHashMap<>(state);
        paramsOnly.remove("layer2.steps");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model().loadStateDict(paramsOnly));
        assertTrue(e.getMessage().contains("missing 'layer2.steps'"), e.getMessage());
    }

    @Test
    void checkpointSavesAndRestoresBuffersThroughNamedState(@TempDir Path dir) throws Exception {
        Sequential trained = model();
        trained.forward(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
        trained.forward(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2));
        Path file = dir.resolve("m.safetensors");
        Checkpoint.save(file, trained.namedState());
        Sequential fresh = model();
        Checkpoint.restore(file, fresh.namedState());
        assertEquals(2, fresh.namedBuffers().get("layer2.steps").item());
        assertArrayEquals(trained.namedBuffers().get("layer2.runningMean").toArray(),
                fresh.namedBuffers().get("layer2.runningMean").toArray());
    }

    @Test
    void aBufferThatRequiresAGradientOrTakesAUsedNameIsRefused() {
        class Bad extends Layer {
            Bad(boolean grad) {
                addParameter("w", Tensor.ones(1, 1));
                if (grad) {
                    addBuffer("b", Tensor.ones(1, 1).requiresGrad());
                } else {
                    addBuffer("w", Tensor.ones(1, 1));
                }
            }

            @Override
            public Tensor forward(Tensor A) {
                return A;
            }
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Bad(true)).getMessage().contains("requires a gradient"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Bad(false)).getMessage().contains("already taken"));
    }
}
