package io.github.chainrule.nn;

import io.github.chainrule.Tensor;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.gradcheck.ModelGradCheck;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LayerNorm, Embedding, Residual, Flatten and Linear: each layer's output against its formula computed by
 * hand on plain arrays, and each inside a whole-model gradient check.
 */
class NewLayersTest {
    @Test
    void layerNormNormalizesEachColumnToMeanZeroAndVarianceOneThenScalesAndShifts() {
        Random rng = new Random(1);
        Tensor A = Tensor.randn(rng, 4, 3).mul(5).add(2);
        LayerNorm ln = new LayerNorm(4);
        Tensor Y = ln.forward(A);
        for (int j = 0; j < 3; j++) {
            double mu = 0;
            for (int i = 0; i < 4; i++) {
                mu += A.get(i, j) / 4;
            }
            double var = 0;
            for (int i = 0; i < 4; i++) {
                var += (A.get(i, j) - mu) * (A.get(i, j) - mu) / 4;
            }
            for (int i = 0; i < 4; i++) {
                assertEquals((A.get(i, j) - mu) / Math.sqrt(var + LayerNorm.DEFAULT_EPSILON), Y.get(i, j), 1e-12);
            }
        }
        assertArrayEquals(new int[] {4, 1}, ln.gamma().shape().dims());
    }

    @Test
    void layerNormPassesTheWholeModelGradientCheck() {
        Random rng = new Random(2);
        Sequential model = new Sequential(new Dense(3, 4, Activation.TANH, Initializer.xavier(), rng), new LayerNorm(4),
                new Dense(4, 1, Activation.SIGMOID, Initializer.xavier(), rng));
        perturbAll(model, rng);
        Tensor X = Tensor.randn(rng, 3, 5);
        Tensor Y = Tensor.of(new double[] {1, 0, 1, 1, 0}, 1, 5);
        ModelGradCheck.of(model).check(() -> Costs.binaryCrossEntropy(model.forward(X), Y)).assertPassed();
    }

    @Test
    void anEmbeddingsGradientScattersIntoTheColumnsUsedAndAddsUpForRepeatedTokens() {
        Embedding emb = new Embedding(5, 3, new Random(3));
        Tensor out = emb.lookup(4, 1, 4);
        assertArrayEquals(new int[] {3, 3}, out.shape().dims());
        for (int i = 0; i < 3; i++) {
            assertEquals(emb.E().get(i, 4), out.get(i, 0), 0);
            assertEquals(emb.E().get(i, 1), out.get(i, 1), 0);
        }
        out.sum().backward();
        Tensor dE = emb.E().grad();
        for (int i = 0; i < 3; i++) {
            assertEquals(2.0, dE.get(i, 4), 0, "token 4 is used twice");
            assertEquals(1.0, dE.get(i, 1), 0);
            assertEquals(0.0, dE.get(i, 0), 0, "unused tokens get no gradient");
        }
        assertEquals(out.toArray().length, emb.forward(Tensor.of(new double[] {4, 1, 4}, 1, 3)).toArray().length);
    }

    @Test
    void anEmbeddingRefusesATokenOutsideItsVocabularyNamingIt() {
        Embedding emb = new Embedding(5, 3, new Random(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> emb.lookup(0, 5));
        assertEquals("Embedding: token 1 is index 5, outside the vocabulary [0, 5)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> emb.forward(Tensor.of(new double[] {1.5}, 1, 1)));
        assertTrue(e.getMessage().contains("1.5"), e.getMessage());
    }

    @Test
    void aResidualBlockAddsItsInputToItsBranchAndPassesTheGradientCheck() {
        Random rng = new Random(4);
        Dense branch = new Dense(3, 3, Activation.TANH, Initializer.xavier(), rng);
        Residual block = new Residual(branch);
        Tensor X = Tensor.randn(rng, 3, 4);
        assertTrue(block.forward(X).allClose(X.add(branch.forward(X)), 0, 1e-15));
        assertTrue(block.namedParameters().containsKey("f.W"), block.namedParameters().keySet().toString());
        Sequential model = new Sequential(block, new Dense(3, 1, Activation.SIGMOID, Initializer.xavier(), rng));
        perturbAll(model, rng);
        Tensor Y = Tensor.of(new double[] {1, 0, 0, 1}, 1, 4);
        ModelGradCheck.of(model).check(() -> Costs.binaryCrossEntropy(model.forward(X), Y)).assertPassed();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Residual(new Dense(3, 2, Initializer.xavier(), rng)).forward(X));
        assertTrue(e.getMessage().contains("keep the shape"), e.getMessage());
    }

    @Test
    void flattenTurnsBatchFirstImagesIntoTheCoursesColumns() {
        Tensor images = Tensor.arange(2 * 2 * 3 * 1).reshape(2, 2, 3, 1);   // (N, C, H, W) = (2, 2, 3, 1)
        Tensor columns = new Flatten().forward(images);
        assertArrayEquals(new int[] {6, 2}, columns.shape().dims());
        for (int n = 0; n < 2; n++) {
            for (int f = 0; f < 6; f++) {
                assertEquals(n * 6 + f, columns.get(f, n), 0, "feature " + f + " of image " + n);
            }
        }
        assertArrayEquals(new int[] {0, 0}, new Flatten().forward(Tensor.zeros(0, 0, 3)).shape().dims());
        assertThrows(IllegalArgumentException.class, () -> new Flatten().forward(Tensor.zeros(3)));
        assertTrue(new Unflatten(2, 3, 1).forward(columns).allClose(images, 0, 0), "Unflatten undoes Flatten");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Unflatten(2, 2, 2).forward(columns));
        assertTrue(e.getMessage().startsWith("Unflatten(2, 2, 2): input A has shape (6,2)"), e.getMessage());
    }

    @Test
    void linearOnRowsIsDenseOnColumnsTransposed() {
        Random rng = new Random(5);
        Linear linear = new Linear(3, 2, Initializer.xavier(), rng);
        perturbAll(linear, rng);                          // b off zero, so the bias's broadcast is tested
        Tensor X = Tensor.randn(rng, 4, 3);              // 4 examples as rows
        Dense dense = new Dense(linear.W(), linear.b(), Activation.IDENTITY);
        assertTrue(linear.forward(X).allClose(dense.forward(X.transpose()).transpose(), 0, 1e-14));
        assertEquals(java.util.List.of("W", "b"), java.util.List.copyOf(linear.namedParameters().keySet()));
        Tensor Y = Tensor.randn(rng, 4, 2);
        ModelGradCheck.of(linear).check(() -> Costs.meanSquaredError(linear.forward(X), Y)).assertPassed();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> linear.forward(X.transpose()));
        assertTrue(e.getMessage().startsWith("Linear(3 -> 2): input X has shape (3,4)"), e.getMessage());
    }

    /** Moves every parameter off its initial value (biases start at 0), so no gradient is trivially 0. */
    private static void perturbAll(Layer model, Random rng) {
        for (Tensor p : model.parameters()) {
            double[] v = p.detach().buffer();
            for (int i = 0; i < v.length; i++) {
                v[i] += 0.3 * rng.nextGaussian();
            }
        }
    }
}
