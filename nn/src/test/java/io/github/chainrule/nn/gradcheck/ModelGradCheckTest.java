package io.github.chainrule.nn.gradcheck;

import io.github.chainrule.Tensor;
import io.github.chainrule.nn.Activation;
import io.github.chainrule.nn.Dense;
import io.github.chainrule.nn.Dropout;
import io.github.chainrule.nn.Initializer;
import io.github.chainrule.nn.Layer;
import io.github.chainrule.nn.Sequential;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.cost.Regularizer;
import io.github.chainrule.ops.CustomOp;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The course's whole-model gradient check: all parameters as one vector θ. */
class ModelGradCheckTest {

    private static Sequential threeLayers(Random rng, Layer... extraAfterFirst) {
        Sequential model = new Sequential().add(new Dense(4, 5, Activation.TANH, Initializer.xavier(), rng));
        for (Layer m : extraAfterFirst) {
            model.add(m);
        }
        return model.add(new Dense(5, 3, Activation.SIGMOID, Initializer.xavier(), rng))
                .add(new Dense(3, 1, Activation.SIGMOID, Initializer.xavier(), rng));
    }

    @Test
    void aThreeLayerNetworkWithL2PassesBelowOneInTenMillion() {
        Random rng = new Random(1);
        Sequential model = threeLayers(rng);
        Tensor X = Tensor.randn(rng, 4, 5);
        Tensor Y = Tensor.of(new double[] {1, 0, 1, 1, 0}, 1, 5);
        Regularizer l2 = Regularizer.l2(0.7);
        ModelGradCheck.Result r = ModelGradCheck.of(model)
                .check(() -> Costs.binaryCrossEntropy(model.forward(X), Y).add(l2.penalty(model, 5)));
        r.assertPassed();
        assertTrue(r.relativeError() < 1e-7, r.toString());
        assertEquals(List.of("layer1.W", "layer1.b", "layer2.W", "layer2.b", "layer3.W", "layer3.b"),
                List.copyOf(r.parameterErrors().keySet()));
        assertEquals(5 * 4 + 5 + 3 * 5 + 3 + 3 + 1, r.report().entries().size(), "θ holds every parameter value");
        assertTrue(r.dropoutSwitchedOff().isEmpty());
    }

    /** A layer whose hand-written derivative is wrong: the forward is W·A but the backward forgets a factor 2 on dW. */
    static final class BrokenLayer extends Layer {
        private static final CustomOp WRONG_MATMUL = new CustomOp("wrong_matmul") {
            @Override
            protected Tensor forward(Tensor... in) {
                return in[0].matmul(in[1]);
            }

            @Override
            protected Tensor[] backward(Tensor g, Tensor y, Tensor... in) {
                return new Tensor[] {g.matmulTransB(in[1]).mul(2), in[0].matmulTransA(g)};   // dW is doubled: a bug
            }
        };
        private final Tensor W;

        BrokenLayer(int nPrev, int n, Random rng) {
            W = addWeight("W", Initializer.xavier().weights(n, nPrev, rng));
        }

        @Override
        public Tensor forward(Tensor A) {
            return WRONG_MATMUL.apply(W, A);
        }
    }

    @Test
    void aBrokenCustomLayerIsCaughtAndTheMessageNamesItsParameter() {
        Random rng = new Random(2);
        Sequential model = new Sequential()
                .add(new Dense(3, 4, Activation.TANH, Initializer.xavier(), rng))
                .add("broken", new BrokenLayer(4, 2, rng))
                .add(new Dense(2, 1, Activation.SIGMOID, Initializer.xavier(), rng));
        Tensor X = Tensor.randn(rng, 3, 4);
        Tensor Y = Tensor.of(new double[] {1, 0, 0, 1}, 1, 4);
        ModelGradCheck.Result r = ModelGradCheck.of(model).check(() -> Costs.binaryCrossEntropy(model.forward(X), Y));
        assertFalse(r.passed());
        assertEquals(List.of("broken.W"), r.failingParameters());
        AssertionError e = assertThrows(AssertionError.class, r::assertPassed);
        assertTrue(e.getMessage().contains("parameter(s) at fault: broken.W"), e.getMessage());
        assertTrue(e.getMessage().contains("most likely a bug"), e.getMessage());
    }

    @Test
    void dropoutIsSwitchedOffDuringTheCheckTheResultSaysSoAndItsModeIsRestored() {
        Random rng = new Random(3);
        Dropout dropout = new Dropout(0.5, new Random(4));
        Sequential model = threeLayers(rng, dropout);
        Tensor X = Tensor.randn(rng, 4, 5);
        Tensor Y = Tensor.of(new double[] {1, 0, 1, 1, 0}, 1, 5);
        ModelGradCheck.Result r = ModelGradCheck.of(model).check(() -> Costs.binaryCrossEntropy(model.forward(X), Y));
        r.assertPassed();
        assertEquals(List.of("dropout2"), r.dropoutSwitchedOff());
        assertTrue(r.toString().contains("dropout was switched off during the check"), r.toString());
        assertTrue(dropout.isTraining(), "the dropout layer is back in training mode afterwards");
        assertTrue(model.isTraining());
    }

    @Test
    void withDropoutLeftOnTheCheckWouldFailWhichIsWhyItIsSwitchedOff() {
        Random rng = new Random(3);
        Dropout dropout = new Dropout(0.5, new Random(4));
        Sequential model = threeLayers(rng, dropout);
        Tensor X = Tensor.randn(rng, 4, 5);
        Tensor Y = Tensor.of(new double[] {1, 0, 1, 1, 0}, 1, 5);
        // core's checker alone, dropout active: every evaluation draws a new mask, so J is random
        var report = io.github.chainrule.gradcheck.GradCheck.checkParameters(
                () -> Costs.binaryCrossEntropy(model.forward(X), Y), model.namedParameters(), 1e-7, 1e-7);
        assertFalse(report.passed());
    }

    /** Subtracts each feature's mean over the examples (a batch norm without the scaling): a bias before it cancels. */
    static final class CentreOverExamples extends Layer {
        @Override
        public Tensor forward(Tensor A) {
            return A.sub(A.mean(1, true));
        }
    }

    private static Sequential biasBeforeCentring(Random rng) {
        return new Sequential()
                .add(new Dense(4, 5, Activation.IDENTITY, Initializer.xavier(), rng))
                .add(new CentreOverExamples())
                .add(Activation.TANH.asLayer())
                .add(new Dense(5, 1, Activation.SIGMOID, Initializer.xavier(), rng));
    }

    @Test
    void aParameterWhoseTrueGradientIsZeroPassesAndTheVerdictAgreesWithTheList() {
        Random rng = new Random(5);
        Sequential model = biasBeforeCentring(rng);
        Tensor X = Tensor.randn(rng, 4, 6);
        Tensor Y = Tensor.of(new double[] {1, 0, 1, 1, 0, 0}, 1, 6);
        ModelGradCheck.Result r = ModelGradCheck.of(model).check(() -> Costs.binaryCrossEntropy(model.forward(X), Y));
        assertTrue(r.parameterErrors().get("layer1.b") < 1e-7, r.toString());
        assertTrue(r.passed(), r.toString());
        assertEquals(List.of(), r.failingParameters());
        assertFalse(r.toString().contains("FAILED"), r.toString());
        // The course's formula alone (a floor far below the noise) calls the zero gradient a failure, and then
        // the verdict says so too, rather than "passed" beside a failing parameter.
        ModelGradCheck.Result unfloored = ModelGradCheck.of(model).floor(1e-300)
                .check(() -> Costs.binaryCrossEntropy(model.forward(X), Y));
        assertEquals(List.of("layer1.b"), unfloored.failingParameters(), unfloored.toString());
        assertFalse(unfloored.passed(), unfloored.toString());
        assertTrue(unfloored.toString().startsWith("whole-model gradient check FAILED"), unfloored.toString());
    }

    @Test
    void withTheFloorAPlantedBugStillFails() {
        Random rng = new Random(2);
        Sequential model = new Sequential()
                .add(new Dense(3, 4, Activation.TANH, Initializer.xavier(), rng))
                .add("broken", new BrokenLayer(4, 2, rng))
                .add(new CentreOverExamples())
                .add(new Dense(2, 1, Activation.SIGMOID, Initializer.xavier(), rng));
        Tensor X = Tensor.randn(rng, 3, 4);
        Tensor Y = Tensor.of(new double[] {1, 0, 0, 1}, 1, 4);
        ModelGradCheck.Result r = ModelGradCheck.of(model).check(() -> Costs.binaryCrossEntropy(model.forward(X), Y));
        assertFalse(r.passed(), r.toString());
        assertEquals(List.of("broken.W"), r.failingParameters(), r.toString());
    }

    @Test
    void aModelWithoutParametersIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ModelGradCheck.of(new Sequential(Activation.RELU.asLayer())));
    }
}
