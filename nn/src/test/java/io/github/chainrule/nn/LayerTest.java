package io.github.chainrule.nn;

import io.github.chainrule.GradMode;
import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The layer abstraction: names, order, modes, gradients and state. */
class LayerTest {

    private static Sequential threeLayers(long seed) {
        Random rng = new Random(seed);
        return new Sequential()
                .add(new Dense(4, 5, Activation.RELU, Initializer.he(), rng))
                .add(new Dropout(0.8, rng))
                .add(new Dense(5, 3, Activation.TANH, Initializer.xavier(), rng))
                .add(new Dense(3, 1, Activation.SIGMOID, Initializer.he(), rng));
    }

    @Test
    void sequentialNamesParameterisedLayersLikeTheCourse() {
        Sequential model = threeLayers(1);
        assertEquals(List.of("layer1.W", "layer1.b", "layer2.W", "layer2.b", "layer3.W", "layer3.b"),
                List.copyOf(model.namedParameters().keySet()));
        assertEquals(List.of("layer1", "dropout2", "layer2", "layer3"), List.copyOf(model.children().keySet()));
        assertEquals(List.of(5, 4), List.of(model.namedParameters().get("layer1.W").shape().dims()[0],
                model.namedParameters().get("layer1.W").shape().dims()[1]));
        assertEquals(io.github.chainrule.Shape.of(1, 1), model.namedParameters().get("layer3.b").shape());
    }

    @Test
    void weightsAreTheWMatricesOnly() {
        assertEquals(List.of("layer1.W", "layer2.W", "layer3.W"), List.copyOf(threeLayers(1).namedWeights().keySet()));
    }

    @Test
    void parametersAreLeavesThatRequireGradients() {
        for (Tensor p : threeLayers(1).parameters()) {
            assertTrue(p.isLeaf());
            assertTrue(p.isGradRequired());
        }
    }

    @Test
    void explicitNamesAndNestedModulesQualifyParameterNames() {
        Random rng = new Random(3);
        Sequential encoder = new Sequential().add("hidden", new Dense(2, 3, Activation.TANH, Initializer.xavier(), rng));
        Sequential model = new Sequential().add("encoder", encoder).add(new Dense(3, 1, Initializer.xavier(), rng));
        assertEquals(List.of("encoder.hidden.W", "encoder.hidden.b", "layer2.W", "layer2.b"),
                List.copyOf(model.namedParameters().keySet()));
        assertEquals(List.of("", "encoder", "encoder.hidden", "layer2"), List.copyOf(model.namedLayers().keySet()));
    }

    @Test
    void aTakenNameIsRefused() {
        Random rng = new Random(3);
        Sequential model = new Sequential().add("a", new Dense(2, 3, Initializer.xavier(), rng));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.add("a", new Dense(3, 1, Initializer.xavier(), rng)));
        assertTrue(e.getMessage().contains("'a' is already taken"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.add("x.y", new Dense(3, 1, Initializer.xavier(), rng)));
    }

    @Test
    void evalAndTrainReachEveryDescendant() {
        Sequential model = threeLayers(1);
        model.eval();
        for (Layer m : model.namedLayers().values()) {
            assertFalse(m.isTraining());
        }
        model.train();
        for (Layer m : model.namedLayers().values()) {
            assertTrue(m.isTraining());
        }
    }

    @Test
    void zeroGradForgetsEveryParametersGradient() {
        Sequential model = threeLayers(1);
        model.forward(Tensor.randn(new Random(2), 4, 6)).sum().backward();
        assertTrue(model.parameters().stream().allMatch(Tensor::hasGrad));
        model.zeroGrad();
        assertTrue(model.parameters().stream().noneMatch(Tensor::hasGrad));
    }

    @Test
    void stateDictIsASnapshotThatLoadsBackIntoTheSameLeaves() {
        Sequential model = threeLayers(1);
        Map<String, Tensor> saved = model.stateDict();
        Tensor w1 = model.namedParameters().get("layer1.W");
        assertNotSame(w1, saved.get("layer1.W"));
        double before = w1.get(0, 0);
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            w1.subInPlace(Tensor.ones(5, 4));
        }
        assertEquals(before, saved.get("layer1.W").get(0, 0), "the snapshot must not follow the parameter");
        model.loadStateDict(saved);
        assertSame(w1, model.namedParameters().get("layer1.W"));
        assertEquals(before, w1.get(0, 0));
    }

    @Test
    void stateDictCarriesOneModelsValuesIntoAnother() {
        Sequential a = threeLayers(1);
        Sequential b = threeLayers(2);
        b.loadStateDict(a.stateDict());
        for (String name : a.namedParameters().keySet()) {
            assertArrayEquals(a.namedParameters().get(name).toArray(), b.namedParameters().get(name).toArray(), name);
        }
    }

    @Test
    void loadStateDictNamesWrongShapesMissingAndUnexpectedEntriesAndChangesNothing() {
        Sequential model = threeLayers(1);
        Map<String, Tensor> state = new LinkedHashMap<>(model.stateDict());
        state.put("layer2.W", Tensor.zeros(3, 4));
        state.remove("layer3.b");
        state.put("layer9.W", Tensor.zeros(1, 1));
        double before = model.namedParameters().get("layer1.W").get(0, 0);
        state.put("layer1.W", Tensor.full(7, 5, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.loadStateDict(state));
        assertTrue(e.getMessage().contains("'layer2.W' has shape (3,4) but the model's is (3,5)"), e.getMessage());
        assertTrue(e.getMessage().contains("missing 'layer3.b'"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected 'layer9.W'"), e.getMessage());
        assertEquals(before, model.namedParameters().get("layer1.W").get(0, 0));
    }

    @Test
    void aParameterMustBeALeaf() {
        Tensor x = Tensor.ones(2, 2).requiresGrad();
        Tensor notALeaf = x.mul(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Layer() {
            {
                addParameter("p", notALeaf);
            }

            @Override
            public Tensor forward(Tensor A) {
                return A;
            }
        });
        assertTrue(e.getMessage().contains("'p' is the output of an op"), e.getMessage());
    }
}
