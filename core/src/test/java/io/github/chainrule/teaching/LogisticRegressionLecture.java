package io.github.chainrule.teaching;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Course 1, week 2, "Logistic regression gradient descent" and "Vectorizing logistic regression's
 * gradient output", on the programming assignment's tiny example: w = [1, 2]ᵀ, b = 2,
 * X = [[1, 2, −1], [3, 4, −3.2]], Y = [1, 0, 1].
 *
 * <p>The course derives dz = a − y for one example and, vectorized, dZ = A − Y, dw = (1/m) X·dZᵀ,
 * db = (1/m) Σ dZ. Autodiff differentiates the cost J = (1/m) Σ L itself, so the gradient it holds at Z is
 * ∂J/∂Z = (A − Y)/m: the course's dZ is m·Z.grad(), and dw, db come out the same.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LogisticRegressionLecture {
    private final Lecture lecture = Lecture.of(LogisticRegressionLecture.class);

    @Test
    @Order(1)
    void dwAndDbOfTheAssignmentsTinyExampleAreOneOverMTimesXdZTransposedAndTheSumOfDz() {
        lecture.title("C1 W2: logistic regression on the assignment's tiny example");
        Tensor w = Tensor.matrix(new double[][] {{1}, {2}}).requiresGrad();
        Tensor b = Tensor.scalar(2).requiresGrad();
        Tensor X = Tensor.matrix(new double[][] {{1, 2, -1}, {3, 4, -3.2}});
        Tensor Y = Tensor.matrix(new double[][] {{1, 0, 1}});
        int m = Course.m(X);

        Tensor Z = w.matmulTransA(X).add(b).retainGrad();    // Z = wᵀX + b, (1, m)
        Tensor A = Z.sigmoid();                               // A = σ(Z)
        Tensor J = Course.cost(A, Y);
        lecture.show("Z = wᵀX + b", Z);
        lecture.show("A = σ(Z)", A);
        lecture.step("J", 5.801545319394553, "J.item() (the assignment's cost)", J.item());
        J.backward();

        Tensor dZ = A.detach().sub(Y);                                        // the course's dZ = A − Y
        lecture.step("dZ = A − Y", dZ, "m · Z.grad() (Z.grad() is ∂J/∂Z = dZ/m)", Z.grad().mul(m));
        Tensor dw = X.matmul(dZ.transpose()).mul(1.0 / m);                    // dw = (1/m) X·dZᵀ
        lecture.step("dw = (1/m) X·dZᵀ", dw, "w.grad()", w.grad());
        lecture.step("dw (the assignment's numbers)", Tensor.matrix(new double[][] {{0.9984560146379561}, {2.395072388486207}}),
                "w.grad()", w.grad());
        double db = dZ.sum().item() / m;                                      // db = (1/m) Σ dZ
        lecture.step("db = (1/m) Σ dZ", db, "b.grad()", b.grad().item());
        lecture.step("db (the assignment's number)", 0.001455578136784208, "b.grad()", b.grad().item());
    }

    @Test
    @Order(2)
    void forOneExampleDzIsAMinusYAndDwIsXTimesDz() {
        lecture.title("C1 W2: logistic regression on one example: dz = a − y, dw = x·dz, db = dz");
        Tensor w = Tensor.matrix(new double[][] {{1}, {2}}).requiresGrad();
        Tensor b = Tensor.scalar(2).requiresGrad();
        Tensor x = Tensor.matrix(new double[][] {{-1}, {-3.2}});             // the third example alone
        Tensor y = Tensor.matrix(new double[][] {{1}});
        Tensor z = w.matmulTransA(x).add(b).retainGrad();
        Tensor a = z.sigmoid();
        Course.cost(a, y).backward();                                         // m = 1: J is the loss L
        Tensor dz = a.detach().sub(y);
        lecture.step("dz = a − y", dz, "z.grad()", z.grad());
        lecture.step("dw = x·dz", x.mul(dz), "w.grad()", w.grad());
        lecture.step("db = dz", dz.item(), "b.grad()", b.grad().item());
    }
}
