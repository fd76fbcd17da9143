package io.github.chainrule.bench;

import io.github.chainrule.kernel.MatMulKernel;

/** Finds the matmul kernels the benchmarks compare by name. */
final class Candidates {
    private Candidates() {
    }

    /**
     * Returns chainrule's Vector-API kernel with the given thread count.
     *
     * @throws IllegalStateException if the JVM was started without {@code --add-modules jdk.incubator.vector}
     */
    static MatMulKernel vector(int threads) {
        try {
            return (MatMulKernel) Class.forName("io.github.chainrule.kernel.VectorMatMulKernel")
                    .getConstructor(int.class).newInstance(threads);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the vector kernel needs --add-modules jdk.incubator.vector", e);
        }
    }
}
