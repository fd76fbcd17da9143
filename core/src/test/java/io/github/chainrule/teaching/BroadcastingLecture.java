package io.github.chainrule.teaching;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Random;

/**
 * Course 1, week 2, "Broadcasting in Python" (and week 3's vectorized Z = W·X + b): the backward of
 * broadcasting is a sum.
 *
 * <p>In Z = W·X + b the column b (n, 1) is stretched over the m columns, so each b_i is used m times; a
 * value used m times collects the m gradients that reach it (as b does in J = 3(a + bc), used twice). So
 * db = Σ over axis 1 of ∂J/∂Z, of b's shape (n, 1); with the course's cost, ∂J/∂Z = dZ/m and this is the
 * course's db = (1/m) Σ dZ. A row (1, m) stretched over rows sums over axis 0, a scalar over everything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BroadcastingLecture {
    private final Lecture lecture = Lecture.of(BroadcastingLecture.class);

    @Test
    @Order(1)
    void aColumnBStretchedOverTheExamplesGetsTheGradientSummedOverTheColumns() {
        lecture.title("C1 W2: broadcasting's backward: b (n, 1) in Z = W·X + b gets Σ over the columns");
        Random rng = new Random(18);
        Tensor W = Tensor.randn(rng, 3, 2).requiresGrad();
        Tensor b = Tensor.randn(rng, 3, 1).requiresGrad();
        Tensor X = Tensor.randn(rng, 2, 4);
        Tensor C = Tensor.randn(rng, 3, 4);                // a stand-in for what follows Z in a network
        int m = Course.m(X);
        Tensor Z = W.matmul(X).add(b).retainGrad();       // b is stretched from (3, 1) to (3, 4)
        Tensor J = Z.mul(C).sum().mul(1.0 / m);            // a cost averaged over the m examples
        J.backward();
        lecture.show("Z.grad() = ∂J/∂Z = C/m", Z.grad());
        lecture.step("db = Σ over axis 1 of ∂J/∂Z", Course.sumOverExamples(Z.grad()), "b.grad()", b.grad());
        Tensor dZ = Z.grad().mul(m);                       // the course's dZ
        lecture.step("db = (1/m) Σ dZ, keepdims", Course.sumOverExamples(dZ).mul(1.0 / m), "b.grad()", b.grad());
    }

    @Test
    @Order(2)
    void aRowStretchedOverTheRowsGetsTheGradientSummedOverTheRows() {
        lecture.title("C1 W2: a row (1, m) added to every row gets Σ over axis 0");
        Random rng = new Random(19);
        Tensor r = Tensor.randn(rng, 1, 4).requiresGrad();
        Tensor M = Tensor.randn(rng, 3, 4);
        Tensor C = Tensor.randn(rng, 3, 4);
        Tensor S = M.add(r).retainGrad();
        S.mul(C).sum().backward();
        lecture.step("dr = Σ over axis 0 of ∂J/∂S", S.grad().sum(0, true), "r.grad()", r.grad());
    }

    @Test
    @Order(3)
    void aScalarBStretchedOverEverythingGetsTheGradientSummedOverEverything() {
        lecture.title("C1 W2: logistic regression's scalar b gets Σ over every element");
        Random rng = new Random(20);
        Tensor b = Tensor.scalar(0.5).requiresGrad();
        Tensor M = Tensor.randn(rng, 1, 5);
        Tensor C = Tensor.randn(rng, 1, 5);
        Tensor S = M.add(b).retainGrad();
        S.mul(C).sum().backward();
        lecture.step("db = Σ ∂J/∂S", S.grad().sum().item(), "b.grad()", b.grad().item());
    }
}
