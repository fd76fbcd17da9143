package io.github.chainrule.kernel;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The matrix-multiply kernel on EJML's single-threaded {@code CommonOps_DDRM}, wrapping chainrule's
 * arrays without copying; EJML's {@code multTransA/B/AB} variants read transposes in place.
 */
public final class EjmlMatMulKernel implements MatMulKernel {
    @Override
    public void multiply(double[] a, int aRows, int aCols, boolean transA,
                         double[] b, int bRows, int bCols, boolean transB, double[] c) {
        int m = transA ? aCols : aRows;
        int n = transB ? bRows : bCols;
        int k = transA ? aRows : aCols;
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            java.util.Arrays.fill(c, 0, m * n, 0.0);
            return;
        }
        DMatrixRMaj ma = DMatrixRMaj.wrap(aRows, aCols, a);
        DMatrixRMaj mb = DMatrixRMaj.wrap(bRows, bCols, b);
        DMatrixRMaj mc = DMatrixRMaj.wrap(m, n, c);
        if (transA && transB) {
            CommonOps_DDRM.multTransAB(ma, mb, mc);
        } else if (transA) {
            CommonOps_DDRM.multTransA(ma, mb, mc);
        } else if (transB) {
            CommonOps_DDRM.multTransB(ma, mb, mc);
        } else {
            CommonOps_DDRM.mult(ma, mb, mc);
        }
    }

    @Override
    public String name() {
        return "ejml";
    }
}
