package io.github.chainrule.kernel;

import java.util.Objects;

/**
 * Which compute kernels chainrule uses; the switch a faster backend plugs into.
 */
public final class Kernels {
    private static volatile MatMulKernel matMul = new EjmlMatMulKernel();

    private Kernels() {
    }

    /** Returns the matrix-multiply kernel in use. */
    public static MatMulKernel matMul() {
        return matMul;
    }

    /** Replaces the matrix-multiply kernel for all threads; returns the previous one. */
    public static MatMulKernel useMatMul(MatMulKernel kernel) {
        MatMulKernel previous = matMul;
        matMul = Objects.requireNonNull(kernel, "kernel");
        return previous;
    }
}
