package io.github.chainrule.teaching;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Course 2, week 1, "Numerical approximation of gradients" and "Gradient checking", as the programming
 * assignment does it: nudge each parameter θ_i by ±ε with ε = 1e-7, take the two-sided difference
 * dθ_approx[i] = (J(θ + ε) − J(θ − ε)) / 2ε, and compare the whole vector with backpropagation's dθ by
 * the relative error ‖dθ_approx − dθ‖₂ / (‖dθ_approx‖₂ + ‖dθ‖₂). The verdicts are the assignment's: below
 * 2e-7 the backward pass is correct; above, there is a mistake (the lecture: around 1e-7 great, 1e-5 look
 * again, 1e-3 worry). chainrule's own {@code GradCheck} does this for every op of the registry.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GradientCheckLecture {
    private static final double EPSILON = 1e-7;
    private static final double CORRECT_BELOW = 2e-7;
    private final Lecture lecture = Lecture.of(GradientCheckLecture.class);

    @Test
    @Order(1)
    void theOneDimensionalCheckOfJEqualsThetaXFindsTheGradientCorrect() {
        lecture.title("C2 W1: gradient checking in one dimension, J(θ) = θx, x = 2, θ = 4, ε = 1e-7");
        double x = 2;
        Tensor theta = Tensor.scalar(4).requiresGrad();
        theta.mul(x).backward();
        double grad = theta.grad().item();
        double gradApprox = ((4 + EPSILON) * x - (4 - EPSILON) * x) / (2 * EPSILON);
        double difference = Math.abs(grad - gradApprox) / (Math.abs(grad) + Math.abs(gradApprox));
        lecture.say("dθ = %s, dθ_approx = %s, difference = %.3e: %s", grad, gradApprox, difference, verdict(difference));
        assertEquals(x, grad);
        assertTrue(difference < CORRECT_BELOW, verdict(difference));
    }

    @Test
    @Order(2)
    void theNDimensionalCheckFindsBackpropagationCorrectAndCatchesAMistakeInDw2() {
        lecture.title("C2 W1: gradient checking of a two-layer network's parameters, ε = 1e-7");
        Random rng = new Random(2);
        Tensor X = Tensor.randn(rng, 4, 3);
        Tensor Y = Tensor.matrix(new double[][] {{1, 1, 0}});
        int[][] shapes = {{5, 4}, {5, 1}, {1, 5}, {1, 1}};                  // W1, b1, W2, b2
        String[] names = {"W1", "b1", "W2", "b2"};
        Tensor[] params = new Tensor[4];
        for (int i = 0; i < 4; i++) {
            params[i] = Tensor.randn(rng, shapes[i]).requiresGrad();
        }
        Function<Tensor[], Tensor> cost = p -> Course.cost(
                p[2].matmul(p[0].matmul(X).add(p[1]).relu()).add(p[3]).sigmoid(), Y);
        cost.apply(params).backward();

        double[] theta = flatten(params);                                    // dictionary_to_vector
        double[] grad = flatten(new Tensor[] {params[0].grad(), params[1].grad(), params[2].grad(), params[3].grad()});
        double[] gradApprox = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            double[] plus = theta.clone();
            plus[i] += EPSILON;
            double[] minus = theta.clone();
            minus[i] -= EPSILON;
            gradApprox[i] = (cost.apply(unflatten(plus, shapes)).item() - cost.apply(unflatten(minus, shapes)).item()) / (2 * EPSILON);
        }
        double difference = difference(grad, gradApprox);
        lecture.say("%d parameters (%s); difference = %.3e: %s", theta.length, String.join(", ", names), difference,
                verdict(difference));
        assertTrue(difference < CORRECT_BELOW, verdict(difference));

        // The assignment's planted bug: dW2 doubled. The check must see it.
        double[] wrong = grad.clone();
        int w2 = 5 * 4 + 5;
        for (int i = w2; i < w2 + 5; i++) {
            wrong[i] *= 2;
        }
        double wrongDifference = difference(wrong, gradApprox);
        lecture.say("with dW2 doubled: difference = %.3e: %s", wrongDifference, verdict(wrongDifference));
        assertTrue(wrongDifference > 1e-3, verdict(wrongDifference));
    }

    private static String verdict(double difference) {
        return difference < CORRECT_BELOW ? "the gradient is correct"
                : "there is a mistake in the backward propagation";
    }

    private static double difference(double[] grad, double[] approx) {
        double num = 0, g = 0, a = 0;
        for (int i = 0; i < grad.length; i++) {
            num += (grad[i] - approx[i]) * (grad[i] - approx[i]);
            g += grad[i] * grad[i];
            a += approx[i] * approx[i];
        }
        return Math.sqrt(num) / (Math.sqrt(g) + Math.sqrt(a));
    }

    private static double[] flatten(Tensor[] ts) {
        int size = 0;
        for (Tensor t : ts) {
            size += t.size();
        }
        double[] out = new double[size];
        int at = 0;
        for (Tensor t : ts) {
            System.arraycopy(t.toArray(), 0, out, at, t.size());
            at += t.size();
        }
        return out;
    }

    private static Tensor[] unflatten(double[] theta, int[][] shapes) {
        Tensor[] out = new Tensor[shapes.length];
        int at = 0;
        for (int i = 0; i < shapes.length; i++) {
            int size = shapes[i][0] * shapes[i][1];
            double[] v = new double[size];
            System.arraycopy(theta, at, v, 0, size);
            out[i] = Tensor.of(v, shapes[i]);
            at += size;
        }
        return out;
    }
}
