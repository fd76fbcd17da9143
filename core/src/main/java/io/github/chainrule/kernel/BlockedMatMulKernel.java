package io.github.chainrule.kernel;

/**
 * chainrule's portable matrix-multiply kernel: the cache-blocked, packed loop nest of
 * {@link PackedMatMul} around a 4 × 4 register-blocked micro-kernel in plain Java.
 *
 * <p>It needs no JVM flag and no incubator module, so it is the kernel used on a plain JDK 17. The 16
 * accumulators of a tile live in registers for the whole inner loop: each step of it loads 4 values of
 * op(A) and 4 of op(B) and does 16 multiply-adds, which the JIT compiles to scalar SSE/AVX arithmetic.
 */
public final class BlockedMatMulKernel extends PackedMatMul {
    /** Creates the kernel using every core for large products. */
    public BlockedMatMulKernel() {
        this(availableCores());
    }

    /**
     * Creates the kernel using at most {@code threads} threads per product.
     *
     * @param threads the largest number of threads one product may use, at least 1
     * @throws IllegalArgumentException if threads is less than 1
     */
    public BlockedMatMulKernel(int threads) {
        super(4, 4, threads);
    }

    @Override
    protected void microKernel(int kc, double[] a, int aOff, double[] b, int bOff, int ldb,
                               double[] c, int cOff, int ldc, boolean accumulate) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += 4, bi += ldb) {
            double b0 = b[bi];
            double b1 = b[bi + 1];
            double b2 = b[bi + 2];
            double b3 = b[bi + 3];
            double a0 = a[ai];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            double a1 = a[ai + 1];
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            double a2 = a[ai + 2];
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            double a3 = a[ai + 3];
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        int r0 = cOff;
        int r1 = cOff + ldc;
        int r2 = cOff + 2 * ldc;
        int r3 = cOff + 3 * ldc;
        if (accumulate) {
            c[r0] += c00; c[r0 + 1] += c01; c[r0 + 2] += c02; c[r0 + 3] += c03;
            c[r1] += c10; c[r1 + 1] += c11; c[r1 + 2] += c12; c[r1 + 3] += c13;
            c[r2] += c20; c[r2 + 1] += c21; c[r2 + 2] += c22; c[r2 + 3] += c23;
            c[r3] += c30; c[r3 + 1] += c31; c[r3 + 2] += c32; c[r3 + 3] += c33;
        } else {
            c[r0] = c00; c[r0 + 1] = c01; c[r0 + 2] = c02; c[r0 + 3] = c03;
            c[r1] = c10; c[r1 + 1] = c11; c[r1 + 2] = c12; c[r1 + 3] = c13;
            c[r2] = c20; c[r2 + 1] = c21; c[r2 + 2] = c22; c[r2 + 3] = c23;
            c[r3] = c30; c[r3 + 1] = c31; c[r3 + 2] = c32; c[r3 + 3] = c33;
        }
    }

    @Override
    public String name() {
        return threads() == 1 ? "blocked" : "blocked-" + threads() + "t";
    }
}
