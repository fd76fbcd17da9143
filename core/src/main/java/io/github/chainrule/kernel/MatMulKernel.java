package io.github.chainrule.kernel;

/**
 * A dense matrix-multiply kernel on row-major arrays: the one place where chainrule's heavy arithmetic
 * happens, kept behind this small interface so that a faster backend can take over.
 *
 * <p>Computes {@code c = op(a) · op(b)}, where {@code op(x)} is {@code x} or, with the flag set, its
 * transpose, read in place (the transpose is never materialized).
 */
public interface MatMulKernel {
    /**
     * Computes {@code c = op(a)·op(b)}, overwriting {@code c}.
     *
     * @param a      row-major {@code aRows × aCols} matrix. Not modified.
     * @param aRows  the number of rows of {@code a} as stored
     * @param aCols  the number of columns of {@code a} as stored
     * @param transA read {@code a} as its transpose
     * @param b      row-major {@code bRows × bCols} matrix. Not modified.
     * @param bRows  the number of rows of {@code b} as stored
     * @param bCols  the number of columns of {@code b} as stored
     * @param transB read {@code b} as its transpose
     * @param c      row-major result of {@code rows(op(a)) × cols(op(b))}. Modified.
     */
    void multiply(double[] a, int aRows, int aCols, boolean transA,
                  double[] b, int bRows, int bCols, boolean transB, double[] c);

    /**
     * Returns a short name for logs and benchmark reports.
     *
     * @return the kernel's name, e.g. {@code "blocked"}
     */
    String name();
}
