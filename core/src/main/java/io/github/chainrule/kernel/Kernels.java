package io.github.chainrule.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Which compute kernels chainrule uses; the switch a faster backend plugs into.
 *
 * <p>The default matrix multiply is chosen once, at first use, by the numbers of the W3 benchmark (see
 * bench/README.md): {@code VectorMatMulKernel} (FMA on the JDK Vector API) when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, and otherwise the portable {@link BlockedMatMulKernel}; both
 * use every core for large products. The choice is logged once, at level DEBUG (so a program prints nothing it did not ask for),
 * by the System.Logger named {@code io.github.chainrule.kernel}.
 */
public final class Kernels {
    private static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String VECTOR_KERNEL = "io.github.chainrule.kernel.VectorMatMulKernel";

    private static volatile MatMulKernel matMul;

    private Kernels() {
    }

    /**
     * Returns the matrix-multiply kernel in use, choosing and logging the default on first use.
     *
     * @return the kernel every matmul uses now
     */
    public static MatMulKernel matMul() {
        MatMulKernel k = matMul;
        if (k == null) {
            synchronized (Kernels.class) {
                k = matMul;
                if (k == null) {
                    k = chooseDefault();
                    matMul = k;
                }
            }
        }
        return k;
    }

    /**
     * Replaces the matrix-multiply kernel for all threads; returns the previous one.
     *
     * @param kernel the kernel to use from now on
     * @return the kernel used until now
     * @throws IllegalArgumentException if {@code kernel} is null
     */
    public static MatMulKernel useMatMul(MatMulKernel kernel) {
        if (kernel == null) {
            throw new IllegalArgumentException("useMatMul: kernel must not be null");
        }
        synchronized (Kernels.class) {
            MatMulKernel previous = matMul();
            matMul = kernel;
            return previous;
        }
    }

    /**
     * Returns true if the JDK Vector API module is present in this JVM, so the vector kernel can run.
     *
     * @return true if {@code jdk.incubator.vector} is loaded
     */
    public static boolean vectorApiAvailable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /**
     * Returns a new instance of every matrix-multiply kernel this JVM can run, single- and multi-threaded:
     * the candidates the tests check against each other and the benchmarks compare.
     *
     * @return the kernels, new instances each call
     */
    public static List<MatMulKernel> available() {
        List<MatMulKernel> all = new ArrayList<>();
        all.add(new EjmlMatMulKernel());
        all.add(new BlockedMatMulKernel(1));
        all.add(new BlockedMatMulKernel());
        MatMulKernel vector = vectorKernel(1);
        if (vector != null) {
            all.add(vector);
            all.add(vectorKernel(PackedMatMul.availableCores()));
        }
        return all;
    }

    private static MatMulKernel chooseDefault() {
        System.Logger log = System.getLogger("io.github.chainrule.kernel");
        MatMulKernel vector = vectorKernel(PackedMatMul.availableCores());
        MatMulKernel chosen = vector != null ? vector : new BlockedMatMulKernel();
        long l2 = CacheSize.level2Bytes();
        log.log(System.Logger.Level.DEBUG, () -> "chainrule matmul kernel: " + chosen.name()
                + ", level-2 cache " + (l2 > 0 ? (l2 >> 10) + " KiB" : "unknown")
                + (vector != null ? "" : " (start the JVM with --add-modules " + VECTOR_MODULE
                + " for the faster Vector-API kernel)"));
        return chosen;
    }

    /**
     * Returns a new instance of one of core's Vector-API loops, loaded by name so that the caller never links
     * against the incubator module, or null when the module is absent, the system property {@code optOut}
     * is set to {@code scalar}, or the loop refuses this JVM (its constructor throws
     * UnsupportedOperationException, say for vectors too short to pay). Why is logged at DEBUG.
     */
    static <T> T vectorLoop(String className, Class<T> type, String optOut) {
        if ("scalar".equals(System.getProperty(optOut)) || !vectorApiAvailable()) {
            return null;
        }
        try {
            return type.cast(Class.forName(className).getConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | UnsupportedOperationException e) {
            System.getLogger("io.github.chainrule.kernel").log(System.Logger.Level.DEBUG,
                    () -> "chainrule: " + className + " is not used: " + e);
            return null;
        }
    }

    /**
     * Returns the Vector-API kernel using {@code threads} threads, or null if the incubator module is absent
     * or the kernel cannot be loaded. Loaded by name, so that this class never links against the module.
     */
    static MatMulKernel vectorKernel(int threads) {
        if (!vectorApiAvailable()) {
            return null;
        }
        try {
            return (MatMulKernel) Class.forName(VECTOR_KERNEL).getConstructor(int.class).newInstance(threads);
        } catch (ReflectiveOperationException | LinkageError e) {
            System.getLogger("io.github.chainrule.kernel").log(System.Logger.Level.WARNING,
                    "chainrule: " + VECTOR_MODULE + " is present but the Vector-API kernel failed to load", e);
            return null;
        }
    }
}
