package io.github.chainrule.examples;

import io.github.chainrule.Tensor;

/** Runs the course's computation-graph example J = 3(a + bc) and prints J and its derivatives. */
public final class Main {
    private Main() {
    }

    /** Prints J = 3(a + bc) at a = 5, b = 3, c = 2 and dJ/da, dJ/db, dJ/dc. */
    public static void main(String[] args) {
        Tensor a = Tensor.scalar(5).requiresGrad().named("a");
        Tensor b = Tensor.scalar(3).requiresGrad().named("b");
        Tensor c = Tensor.scalar(2).requiresGrad().named("c");
        Tensor J = a.add(b.mul(c)).mul(3);
        J.backward();
        System.out.printf("J = %.1f%ndJ/da = %.1f%ndJ/db = %.1f%ndJ/dc = %.1f%n",
                J.item(), a.grad().item(), b.grad().item(), c.grad().item());
    }
}
