package io.github.chainrule.teaching;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Course 1, week 3, "Gradient descent for neural networks" and "Backpropagation intuition": the network
 * with one hidden layer (tanh) and a sigmoid output, on four examples, its six backward equations checked
 * one by one against the engine:
 * <pre>
 *   dZ2 = A2 − Y                    dW2 = (1/m) dZ2·A1ᵀ     db2 = (1/m) Σ dZ2 (axis 1, keepdims)
 *   dZ1 = W2ᵀ·dZ2 * g1′(Z1)         dW1 = (1/m) dZ1·Xᵀ      db1 = (1/m) Σ dZ1 (axis 1, keepdims)
 * </pre>
 * with g1′(Z1) = 1 − A1² for tanh. Where the 1/m goes: the course keeps dZ free of it and divides dW and db
 * by m; autodiff differentiates J = (1/m) Σ L, so the gradient it holds at Z2 (and Z1) already carries the
 * 1/m, ∂J/∂Z2 = (A2 − Y)/m, and its dW2 = ∂J/∂Z2·A1ᵀ has none. The course's dZ is m times {@code Z.grad()}.
 */
class ShallowNetworkLecture {
    private final Lecture lecture = Lecture.of(ShallowNetworkLecture.class);

    @Test
    void theSixBackwardEquationsOfTheTwoLayerNetworkHoldOneByOne() {
        lecture.title("C1 W3: the two-layer network, dZ2, dW2, db2, dZ1, dW1, db1");
        Tensor X = Tensor.matrix(new double[][] {{0.5, -1.0, 1.5, 2.0}, {1.0, 0.25, -0.5, -2.0}});   // (n_x, m) = (2, 4)
        Tensor Y = Tensor.matrix(new double[][] {{1, 0, 1, 0}});                                  // (1, m)
        Tensor W1 = Tensor.matrix(new double[][] {{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}}).requiresGrad();   // (n_h, n_x)
        Tensor b1 = Tensor.matrix(new double[][] {{0.01}, {-0.02}, {0.03}}).requiresGrad();                // (n_h, 1)
        Tensor W2 = Tensor.matrix(new double[][] {{0.7, -0.8, 0.9}}).requiresGrad();                       // (n_y, n_h)
        Tensor b2 = Tensor.matrix(new double[][] {{0.05}}).requiresGrad();                                 // (n_y, 1)
        int m = Course.m(X);

        // Forward, as the course writes it; retainGrad() keeps ∂J/∂Z of the two layers for the checks.
        Tensor Z1 = W1.matmul(X).add(b1).retainGrad();
        Tensor A1 = Z1.tanh();
        Tensor Z2 = W2.matmul(A1).add(b2).retainGrad();
        Tensor A2 = Z2.sigmoid();
        Tensor J = Course.cost(A2, Y);
        lecture.show("A1 = tanh(W1·X + b1)", A1);
        lecture.show("A2 = σ(W2·A1 + b2)", A2);
        lecture.show("J", J.item());
        J.backward();

        lecture.say("backward; the course's dZ is m · Z.grad(), since the engine's ∂J/∂Z carries the 1/m (m = %d):", m);
        Tensor dZ2 = A2.detach().sub(Y);
        lecture.step("dZ2 = A2 − Y", dZ2, "m · Z2.grad()", Z2.grad().mul(m));
        Tensor dW2 = dZ2.matmul(A1.detach().transpose()).mul(1.0 / m);
        lecture.step("dW2 = (1/m) dZ2·A1ᵀ", dW2, "W2.grad()", W2.grad());
        Tensor db2 = Course.sumOverExamples(dZ2).mul(1.0 / m);
        lecture.step("db2 = (1/m) Σ dZ2", db2, "b2.grad()", b2.grad());
        Tensor gPrime = Tensor.ones(1, 1).sub(A1.detach().square());          // tanh′(Z1) = 1 − A1²
        Tensor dZ1 = W2.detach().transpose().matmul(dZ2).mul(gPrime);
        lecture.step("dZ1 = W2ᵀ·dZ2 * (1 − A1²)", dZ1, "m · Z1.grad()", Z1.grad().mul(m));
        Tensor dW1 = dZ1.matmul(X.transpose()).mul(1.0 / m);
        lecture.step("dW1 = (1/m) dZ1·Xᵀ", dW1, "W1.grad()", W1.grad());
        Tensor db1 = Course.sumOverExamples(dZ1).mul(1.0 / m);
        lecture.step("db1 = (1/m) Σ dZ1", db1, "b1.grad()", b1.grad());
        // The same numbers from numpy, run on the course's formulas (CourseDerivationsProperties has them all).
        lecture.step("dW1 (numpy)", Tensor.matrix(new double[][] {{-0.21289674478716886, -0.11502191382647263},
            {0.18786796381956464, 0.1517495274208822}, {-0.22818861414023614, -0.058759551501044595}}), "W1.grad()", W1.grad());
    }
}
