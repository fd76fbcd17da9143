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
     * Computes {@code c = op(a)·op(b)} on matrices stored contiguously from offsets into larger arrays (an
     * entry of a stack of matrices, read and written in place), overwriting C's {@code m·n} values.
     *
     * <p>This default copies the operands out and the result back, for kernels that read whole arrays;
     * chainrule's own kernels read the offsets in place.
     *
     * @param a      the array holding a row-major {@code aRows × aCols} matrix from {@code aOff}. Not modified.
     * @param aOff   where that matrix starts in {@code a}
     * @param aRows  the number of rows of {@code a} as stored
     * @param aCols  the number of columns of {@code a} as stored
     * @param transA read {@code a} as its transpose
     * @param b      the array holding a row-major {@code bRows × bCols} matrix from {@code bOff}. Not modified.
     * @param bOff   where that matrix starts in {@code b}
     * @param bRows  the number of rows of {@code b} as stored
     * @param bCols  the number of columns of {@code b} as stored
     * @param transB read {@code b} as its transpose
     * @param c      the array receiving the row-major result of {@code rows(op(a)) × cols(op(b))} from
     *               {@code cOff}. Modified there only.
     * @param cOff   where the result starts in {@code c}
     */
    default void multiply(double[] a, int aOff, int aRows, int aCols, boolean transA,
                          double[] b, int bOff, int bRows, int bCols, boolean transB, double[] c, int cOff) {
        int m = transA ? aCols : aRows;
        int n = transB ? bRows : bCols;
        double[] aPart = aOff == 0 ? a : java.util.Arrays.copyOfRange(a, aOff, aOff + aRows * aCols);
        double[] bPart = bOff == 0 ? b : java.util.Arrays.copyOfRange(b, bOff, bOff + bRows * bCols);
        double[] cPart = cOff == 0 ? c : new double[m * n];
        multiply(aPart, aRows, aCols, transA, bPart, bRows, bCols, transB, cPart);
        if (cPart != c) {
            System.arraycopy(cPart, 0, c, cOff, m * n);
        }
    }

    /**
     * Computes a batch of products in place: entry {@code e} of C, the {@code m·n} values from {@code e·m·n},
     * is {@code op(a)·op(b)} for the matrices of {@code a} and {@code b} that start at {@code aOffsets[e]}
     * and {@code bOffsets[e]} (equal offsets share one matrix, as broadcasting batch axes do).
     *
     * <p>This default computes the entries one after the other; chainrule's own kernels split entries too
     * small to split by themselves over the cores.
     *
     * @param entries  the number of products
     * @param a        the array holding the left matrices, each row-major {@code aRows × aCols}. Not modified.
     * @param aOffsets where entry e's left matrix starts in {@code a}, for each e
     * @param aRows    the number of rows of each left matrix as stored
     * @param aCols    the number of columns of each left matrix as stored
     * @param transA   read the left matrices as their transposes
     * @param b        the array holding the right matrices, each row-major {@code bRows × bCols}. Not modified.
     * @param bOffsets where entry e's right matrix starts in {@code b}, for each e
     * @param bRows    the number of rows of each right matrix as stored
     * @param bCols    the number of columns of each right matrix as stored
     * @param transB   read the right matrices as their transposes
     * @param c        the array receiving the entries' results one after the other. Modified.
     */
    default void multiplyBatch(int entries, double[] a, int[] aOffsets, int aRows, int aCols, boolean transA,
                               double[] b, int[] bOffsets, int bRows, int bCols, boolean transB, double[] c) {
        int size = (transA ? aCols : aRows) * (transB ? bRows : bCols);
        for (int e = 0; e < entries; e++) {
            multiply(a, aOffsets[e], aRows, aCols, transA, b, bOffsets[e], bRows, bCols, transB, c, e * size);
        }
    }

    /**
     * Computes {@code c += op(a)·op(b)}: the product added to what {@code c} holds (a dense layer's
     * Z = W·A + b, with b already spread over c), so that no second array holds the product.
     *
     * <p>This default multiplies into a temporary and adds it; chainrule's packed kernels accumulate into
     * {@code c} as they compute it.
     *
     * @param a      row-major {@code aRows × aCols} matrix. Not modified.
     * @param aRows  the number of rows of {@code a} as stored
     * @param aCols  the number of columns of {@code a} as stored
     * @param transA read {@code a} as its transpose
     * @param b      row-major {@code bRows × bCols} matrix. Not modified.
     * @param bRows  the number of rows of {@code b} as stored
     * @param bCols  the number of columns of {@code b} as stored
     * @param transB read {@code b} as its transpose
     * @param c      row-major {@code rows(op(a)) × cols(op(b))}, added into. Modified.
     */
    default void multiplyAdd(double[] a, int aRows, int aCols, boolean transA,
                             double[] b, int bRows, int bCols, boolean transB, double[] c) {
        multiplyAdd(a, 0, aRows, aCols, transA, b, 0, bRows, bCols, transB, c, 0);
    }

    /**
     * Computes {@code c += op(a)·op(b)} on matrices stored contiguously from offsets into larger arrays: the
     * product added into C's {@code m·n} values from {@code cOff} (a gradient accumulated into one entry of a
     * stack, as attention's backward does per head).
     *
     * <p>This default multiplies into a temporary and adds it; chainrule's packed kernels accumulate into
     * {@code c} as they compute it.
     *
     * @param a      the array holding a row-major {@code aRows × aCols} matrix from {@code aOff}. Not modified.
     * @param aOff   where that matrix starts in {@code a}
     * @param aRows  the number of rows of {@code a} as stored
     * @param aCols  the number of columns of {@code a} as stored
     * @param transA read {@code a} as its transpose
     * @param b      the array holding a row-major {@code bRows × bCols} matrix from {@code bOff}. Not modified.
     * @param bOff   where that matrix starts in {@code b}
     * @param bRows  the number of rows of {@code b} as stored
     * @param bCols  the number of columns of {@code b} as stored
     * @param transB read {@code b} as its transpose
     * @param c      the array holding the row-major {@code rows(op(a)) × cols(op(b))} matrix added into, from
     *               {@code cOff}. Modified there only.
     * @param cOff   where that matrix starts in {@code c}
     */
    default void multiplyAdd(double[] a, int aOff, int aRows, int aCols, boolean transA,
                             double[] b, int bOff, int bRows, int bCols, boolean transB, double[] c, int cOff) {
        int size = (transA ? aCols : aRows) * (transB ? bRows : bCols);
        double[] product = new double[size];
        multiply(a, aOff, aRows, aCols, transA, b, bOff, bRows, bCols, transB, product, 0);
        for (int i = 0; i < size; i++) {
            c[cOff + i] += product[i];
        }
    }

    /**
     * Returns a short name for logs and benchmark reports.
     *
     * @return the kernel's name, e.g. {@code "blocked"}
     */
    String name();
}
