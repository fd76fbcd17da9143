package io.github.chainrule.nn;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dense layer in the course's notation, Z = W·A + b. */
class DenseTest {

    @Test
    void forwardComputesWTimesAPlusBColumnByColumn() {
        Tensor W = Tensor.matrix(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        Tensor b = Tensor.matrix(new double[][] {{0.5}, {-1}, {2}});
        Tensor A = Tensor.matrix(new double[][] {{1, 0, -1, 2}, {2, 1, 0, 3}});
        Tensor Z = new Dense(W, b, Activation.IDENTITY).forward(A);
        assertEquals(Shape.of(3, 4), Z.shape());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double expected = W.get(i, 0) * A.get(0, j) + W.get(i, 1) * A.get(1, j) + b.get(i, 0);
                assertEquals(expected, Z.get(i, j), 1e-12);
            }
        }
    }

    @Test
    void backwardGivesTheCoursesDwDbAndDaPrev() {
        Random rng = new Random(5);
        Dense layer = new Dense(3, 2, Activation.IDENTITY, Initializer.he(), rng);
        Tensor A = Tensor.randn(rng, 3, 4).requiresGrad();
        Tensor dZ = Tensor.randn(rng, 2, 4);
        layer.forward(A).backward(dZ);
        int m = 4;
        // the course: dW = dZ·Aᵀ (the 1/m belongs to the cost), db = Σ over the columns of dZ, dA_prev = Wᵀ·dZ
        for (int i = 0; i < 2; i++) {
            double db = 0;
            for (int k = 0; k < m; k++) {
                db += dZ.get(i, k);
            }
            assertEquals(db, layer.b().grad().get(i, 0), 1e-12);
            for (int j = 0; j < 3; j++) {
                double dW = 0;
                for (int k = 0; k < m; k++) {
                    dW += dZ.get(i, k) * A.get(j, k);
                }
                assertEquals(dW, layer.W().grad().get(i, j), 1e-12);
            }
        }
        for (int j = 0; j < 3; j++) {
            for (int k = 0; k < m; k++) {
                double dA = layer.W().get(0, j) * dZ.get(0, k) + layer.W().get(1, j) * dZ.get(1, k);
                assertEquals(dA, A.grad().get(j, k), 1e-12);
            }
        }
    }

    @Test
    void shapesFollowTheCourse() {
        Dense layer = new Dense(7, 3, Activation.RELU, Initializer.he(), new Random(1));
        assertEquals(Shape.of(3, 7), layer.W().shape());
        assertEquals(Shape.of(3, 1), layer.b().shape());
        assertEquals(Shape.of(3, 10), layer.forward(Tensor.ones(7, 10)).shape());
    }

    @Test
    void anInputWithTheWrongNumberOfRowsIsNamedInTheError() {
        Dense layer = new Dense(7, 3, Activation.RELU, Initializer.he(), new Random(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layer.forward(Tensor.ones(5, 10)));
        assertTrue(e.getMessage().contains("Dense(7 -> 3): input A has shape (5,10) but needs (7, m)"), e.getMessage());
    }

    @Test
    void aBiasThatDoesNotMatchWIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Dense(Tensor.zeros(3, 2), Tensor.zeros(2, 1), Activation.RELU));
        assertTrue(e.getMessage().contains("b must have shape (3,1)"), e.getMessage());
    }

    @Test
    void nonPositiveSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Dense(0, 3, Activation.RELU, Initializer.he(), new Random(1)));
    }
}
