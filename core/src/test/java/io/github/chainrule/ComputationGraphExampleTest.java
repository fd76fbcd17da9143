package io.github.chainrule;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The course's computation-graph example, J = 3(a + bc), worked by autodiff. */
class ComputationGraphExampleTest {

    @Test
    void jEquals33AndItsDerivativesAre3And6And9() {
        Tensor a = Tensor.scalar(5).requiresGrad();
        Tensor b = Tensor.scalar(3).requiresGrad();
        Tensor c = Tensor.scalar(2).requiresGrad();
        Tensor u = b.mul(c);          // u = bc = 6
        Tensor v = a.add(u);          // v = a + u = 11
        Tensor J = v.mul(3);          // J = 3v = 33
        J.backward();
        assertEquals(33.0, J.item());
        assertEquals(3.0, a.grad().item());   // dJ/da = dJ/dv · dv/da = 3 · 1
        assertEquals(6.0, b.grad().item());   // dJ/db = dJ/du · du/db = 3 · c
        assertEquals(9.0, c.grad().item());   // dJ/dc = dJ/du · du/dc = 3 · b
    }

    @Test
    void nudgingAByOneThousandthMovesJByThreeThousandths() {
        Tensor a = Tensor.scalar(5).requiresGrad();
        Tensor J = a.add(Tensor.scalar(3).mul(2)).mul(3);
        J.backward();
        double j1 = Tensor.scalar(5.001).add(Tensor.scalar(3).mul(2)).mul(3).item();
        assertEquals(a.grad().item() * 0.001, j1 - J.item(), 1e-9);   // the nudge the gradient predicts
        assertEquals(0.003, j1 - J.item(), 1e-9);
    }
}
