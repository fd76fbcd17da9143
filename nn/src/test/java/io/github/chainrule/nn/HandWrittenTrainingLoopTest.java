package io.github.chainrule.nn;

import io.github.chainrule.GradMode;
import io.github.chainrule.Tensor;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.cost.Regularizer;
import io.github.chainrule.nn.train.Metrics;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The training loop written by hand, for researchers with custom losses: forward, cost, backward, update.
 * The README includes the lines between the markers verbatim.
 */
class HandWrittenTrainingLoopTest {

    /** Label 1 inside the circle x0² + x1² &lt; 1.4 (about half of a standard normal cloud), 0 outside. */
    private static Tensor insideCircle(Tensor X) {
        int m = X.shape().dim(1);
        double[] y = new double[m];
        for (int j = 0; j < m; j++) {
            y[j] = X.get(0, j) * X.get(0, j) + X.get(1, j) * X.get(1, j) < 1.4 ? 1 : 0;
        }
        return Tensor.of(y, 1, m);
    }

    @Test
    void aHandWrittenLoopOfForwardCostBackwardUpdateLearnsANonLinearBoundary() {
        Random rng = new Random(1);
        Tensor X = Tensor.randn(rng, 2, 200);                 // n_x = 2 features, m = 200 examples
        Tensor Y = insideCircle(X);
        // README:nn-model:start
        Sequential model = new Sequential(                                     // W[1] (8, 2), b[1] (8, 1), ...
                new Dense(2, 8, Activation.TANH, Initializer.xavier(), rng),
                new Dense(8, 1, Activation.IDENTITY, Initializer.xavier(), rng));   // outputs logits Z[2]
        // README:nn-model:end
        double firstCost = Costs.binaryCrossEntropyWithLogits(model.predict(X), Y).item();

        // README:hand-loop:start
        double learningRate = 0.5;
        Regularizer l2 = Regularizer.l2(0.01);
        int m = X.shape().dim(1);
        for (int i = 0; i < 1000; i++) {
            Tensor ZL = model.forward(X);                                      // forward
            Tensor J = Costs.binaryCrossEntropyWithLogits(ZL, Y)               // cost: any graph expression
                    .add(l2.penalty(model, m));
            model.zeroGrad();
            J.backward();                                                      // backward: fills p.grad()
            GradMode.noGrad(() -> {                                            // update: W := W - α·dW
                for (Tensor p : model.parameters()) {
                    p.subInPlace(p.grad().mul(learningRate));
                }
            });
            if (i % 250 == 0) {
                System.out.printf("Cost after iteration %d: %f%n", i, J.item());
            }
        }
        // README:hand-loop:end

        double lastCost = Costs.binaryCrossEntropyWithLogits(model.predict(X), Y).item();
        assertTrue(lastCost < firstCost / 2, "cost went from " + firstCost + " to " + lastCost);
        assertTrue(Metrics.accuracy(model.predict(X).sigmoid(), Y) > 0.9);
    }
}
