package io.github.chainrule.teaching;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Course 1, week 2, "Computation graph" and "Derivatives with a computation graph": J = 3(a + bc) with
 * a = 5, b = 3, c = 2, taken apart as u = bc, v = a + u, J = 3v.
 *
 * <p>Backpropagation goes right to left, one box at a time, multiplying local derivatives (the chain rule):
 * dJ/dv = 3, then dJ/du = dJ/dv · dv/du = 3, then dJ/da = dJ/dv · dv/da = 3, dJ/db = dJ/du · du/db = 3c = 6 and
 * dJ/dc = dJ/du · du/dc = 3b = 9. The engine does the same; {@code retainGrad()} asks it to keep the
 * gradients of u and v, which it otherwise forgets (only leaves keep theirs).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComputationGraphLecture {
    private final Lecture lecture = Lecture.of(ComputationGraphLecture.class);

    @Test
    @Order(1)
    void everyDerivativeOfJEqualsThreeTimesAPlusBcIsTheProductOfTheLocalDerivativesOnItsPath() {
        lecture.title("C1 W2: the computation graph J = 3(a + bc)");
        Tensor a = Tensor.scalar(5).requiresGrad().named("a");
        Tensor b = Tensor.scalar(3).requiresGrad().named("b");
        Tensor c = Tensor.scalar(2).requiresGrad().named("c");
        Tensor u = b.mul(c).retainGrad();      // u = bc
        Tensor v = a.add(u).retainGrad();      // v = a + u
        Tensor J = v.mul(3);                   // J = 3v
        lecture.step("u = bc", 6, "u.item()", u.item());
        lecture.step("v = a + u", 11, "v.item()", v.item());
        lecture.step("J = 3v", 33, "J.item()", J.item());

        J.backward();
        lecture.say("backward, right to left:");
        lecture.step("dJ/dv = 3", 3, "v.grad()", v.grad().item());
        lecture.step("dJ/du = dJ/dv · dv/du = 3 · 1", 3, "u.grad()", u.grad().item());
        lecture.step("dJ/da = dJ/dv · dv/da = 3 · 1", 3, "a.grad()", a.grad().item());
        lecture.step("dJ/db = dJ/du · du/db = 3 · c", 3 * 2, "b.grad()", b.grad().item());
        lecture.step("dJ/dc = dJ/du · du/dc = 3 · b", 3 * 3, "c.grad()", c.grad().item());
    }

    @Test
    @Order(2)
    void nudgingAnInputByEpsilonMovesJByItsGradientTimesEpsilon() {
        lecture.title("C1 W2: the nudge: a = 5 -> 5.001 moves J by dJ/da · 0.001");
        double nudge = 0.001;
        Tensor a = Tensor.scalar(5).requiresGrad();
        Tensor b = Tensor.scalar(3).requiresGrad();
        Tensor c = Tensor.scalar(2);
        Tensor J = j(a, b, c);
        J.backward();
        double predicted = a.grad().item() * nudge;                 // the derivative says how J moves
        double moved = j(Tensor.scalar(5 + nudge), b.detach(), c).item() - J.item();
        lecture.say("J(5, 3, 2) = %.6f, J(5.001, 3, 2) = %.6f", J.item(), J.item() + moved);
        lecture.say("a.grad() · 0.001 = %.6f, J moved by %.6f", predicted, moved);
        // J is linear in a, so the prediction is exact up to the round-off of 33.003 − 33.
        assertEquals(predicted, moved, 1e-12);
        assertEquals(0.003, predicted, 1e-15);

        double movedByB = j(a.detach(), Tensor.scalar(3 + nudge), c).item() - J.item();
        lecture.say("b.grad() · 0.001 = %.6f, J moved by %.6f when b = 3 -> 3.001", b.grad().item() * nudge, movedByB);
        assertEquals(b.grad().item() * nudge, movedByB, 1e-12);
    }

    private static Tensor j(Tensor a, Tensor b, Tensor c) {
        return a.add(b.mul(c)).mul(3);
    }
}
