package io.github.chainrule.nn;

import io.github.chainrule.Tensor;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.gradcheck.ModelGradCheck;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Writing a layer type the library does not ship, as a user would: extend {@link Layer}, register the
 * parameters in the constructor, write {@code forward} with tensor ops. No backward pass is written;
 * autodiff derives it, and the same gradient checker that checks the built-in layers checks these.
 */
class CustomLayerTest {

    /**
     * Layer normalization over the features of each example (each column):
     * Â = (A − μ) / √(σ² + ε) with μ, σ² the column's mean and variance, then out = γ ⊙ Â + β.
     */
    static final class LayerNorm extends Layer {
        private static final double EPSILON = 1e-5;
        private final Tensor gamma;
        private final Tensor beta;

        LayerNorm(int n) {
            gamma = addParameter("gamma", Tensor.ones(n, 1));
            beta = addParameter("beta", Tensor.zeros(n, 1));
        }

        @Override
        public Tensor forward(Tensor A) {
            Tensor mu = A.mean(0, true);                          // (1, m)
            Tensor centered = A.sub(mu);
            Tensor variance = centered.square().mean(0, true);   // (1, m)
            Tensor normalized = centered.div(variance.add(EPSILON).sqrt());
            return normalized.mul(gamma).add(beta);
        }
    }

    /**
     * Maxout with k pieces: each of the n units outputs the largest of k affine functions of its input,
     * max_k (W_k·A + b_k). The pieces' weights are regularized like a dense layer's.
     */
    static final class Maxout extends Layer {
        private final Tensor[] W;
        private final Tensor[] b;

        Maxout(int nPrev, int n, int k, Random rng) {
            W = new Tensor[k];
            b = new Tensor[k];
            for (int i = 0; i < k; i++) {
                W[i] = addWeight("W" + (i + 1), Initializer.xavier().weights(n, nPrev, rng));
                b[i] = addParameter("b" + (i + 1), Tensor.randn(rng, n, 1).mul(0.1));
            }
        }

        @Override
        public Tensor forward(Tensor A) {
            Tensor out = W[0].matmul(A).add(b[0]);
            for (int i = 1; i < W.length; i++) {
                out = out.maximum(W[i].matmul(A).add(b[i]));
            }
            return out;
        }
    }

    @Test
    void layerNormOutputsHaveZeroMeanAndUnitVariancePerExample() {
        Tensor A = Tensor.randn(new Random(1), 5, 3).mul(4).add(2);
        Tensor out = new LayerNorm(5).forward(A);
        for (int j = 0; j < 3; j++) {
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < 5; i++) {
                mean += out.get(i, j) / 5;
                sq += out.get(i, j) * out.get(i, j) / 5;
            }
            assertEquals(0, mean, 1e-12);
            assertEquals(1, sq - mean * mean, 1e-5);
        }
    }

    @Test
    void aNetworkWithLayerNormPassesTheWholeModelGradientCheck() {
        Random rng = new Random(2);
        Sequential model = new Sequential()
                .add(new Dense(3, 4, Activation.IDENTITY, Initializer.xavier(), rng))
                .add("norm", new LayerNorm(4))
                .add(Activation.TANH.asLayer())
                .add(new Dense(4, 1, Activation.IDENTITY, Initializer.xavier(), rng));
        Tensor X = Tensor.randn(rng, 3, 6);
        Tensor Y = Tensor.of(new double[] {1, 0, 0, 1, 1, 0}, 1, 6);
        // the explicitly named "norm" counts as the second layer with parameters, so the last Dense is layer3
        // move gamma and beta off their starting values, so that their gradients are not special
        model.loadStateDict(perturbed(model, rng));
        ModelGradCheck.Result r = ModelGradCheck.of(model)
                .check(() -> Costs.binaryCrossEntropyWithLogits(model.forward(X), Y));
        r.assertPassed();
        assertEquals(List.of("layer1.W", "layer1.b", "norm.gamma", "norm.beta", "layer3.W", "layer3.b"),
                List.copyOf(r.parameterErrors().keySet()));
    }

    @Test
    void aNetworkWithMaxoutPassesTheWholeModelGradientCheck() {
        Random rng = new Random(3);
        Sequential model = new Sequential()
                .add(new Maxout(3, 4, 3, rng))
                .add(new Dense(4, 2, Activation.IDENTITY, Initializer.xavier(), rng));
        Tensor X = Tensor.randn(rng, 3, 5);
        Tensor Y = Tensor.oneHot(new int[] {0, 1, 1, 0, 1}, 2);
        ModelGradCheck.Result r = ModelGradCheck.of(model)
                .check(() -> Costs.softmaxCrossEntropy(model.forward(X), Y));
        r.assertPassed();
        assertEquals(List.of("layer1.W1", "layer1.W2", "layer1.W3", "layer2.W"), List.copyOf(model.namedWeights().keySet()));
    }

    private static java.util.Map<String, Tensor> perturbed(Layer model, Random rng) {
        java.util.Map<String, Tensor> state = model.stateDict();
        state.replaceAll((name, t) -> t.add(Tensor.randn(rng, t.shape().dims()).mul(0.3)));
        return state;
    }
}
