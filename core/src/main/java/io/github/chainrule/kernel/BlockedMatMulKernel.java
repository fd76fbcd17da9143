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
    protected void microKernel(int kc, double[] a, int aOff, int aRowStride, int aStep, double[] b, int bOff, int ldb,
                               double[] c, int cOff, int ldc, boolean accumulate) {
        int r1 = aRowStride;
        int r2 = 2 * aRowStride;
        int r3 = 3 * aRowStride;
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0;
        double c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0;
        double c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        for (int p = 0, ai = aOff, bi = bOff; p < kc; p++, ai += aStep, bi += ldb) {
            double b0 = b[bi];
            double b1 = b[bi + 1];
            double b2 = b[bi + 2];
            double b3 = b[bi + 3];
            double a0 = a[ai];
            c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
            double a1 = a[ai + r1];
            c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
            double a2 = a[ai + r2];
            c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
            double a3 = a[ai + r3];
            c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
        }
        int c0 = cOff;
        int c1 = cOff + ldc;
        int c2 = cOff + 2 * ldc;
        int c3 = cOff + 3 * ldc;
        if (accumulate) {
            c[c0] += c00; c[c0 + 1] += c01; c[c0 + 2] += c02; c[c0 + 3] += c03;
            c[c1] += c10; c[c1 + 1] += c11; c[c1 + 2] += c12; c[c1 + 3] += c13;
            c[c2] += c20; c[c2 + 1] += c21; c[c2 + 2] += c22; c[c2 + 3] += c23;
            c[c3] += c30; c[c3 + 1] += c31; c[c3 + 2] += c32; c[c3 + 3] += c33;
        } else {
            c[c0] = c00; c[c0 + 1] = c01; c[c0 + 2] = c02; c[c0 + 3] = c03;
            c[c1] = c10; c[c1 + 1] = c11; c[c1 + 2] = c12; c[c1 + 3] = c13;
            c[c2] = c20; c[c2 + 1] = c21; c[c2 + 2] = c22; c[c2 + 3] = c23;
            c[c3] = c30; c[c3 + 1] = c31; c[c3 + 2] = c32; c[c3 + 3] = c33;
        }
    }

    @Override
    public String name() {
        return threads() == 1 ? "blocked" : "blocked-" + threads() + "t";
    }
}
