package io.github.chainrule.ops;

import io.github.chainrule.Graph;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;
import org.ejml.dense.row.linsol.lu.LinearSolverLu_DDRM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.require;

/**
 * Differentiable dense linear algebra on square matrices: solve, inverse, det, logdet (with its sign),
 * cholesky and triangular_solve, each on one matrix or a stack of them in the last two axes.
 *
 * <p>The forward values come from EJML's LU factorization (solve, inverse, det, logdet) or from a
 * substitution loop here (cholesky, triangular_solve, which need to say which pivot failed). The backward
 * rules are the standard matrix-calculus ones, written with differentiable ops, so that second order works:
 * <ul>
 *   <li>X = A⁻¹B: dB = A⁻ᵀG by a second solve (no explicit inverse), dA = −dB·Xᵀ;</li>
 *   <li>Y = A⁻¹: dA = −YᵀGYᵀ; det: dA = g·det(A)·A⁻ᵀ; logdet: dA = g·A⁻ᵀ;</li>
 *   <li>L = chol(A): dA = L⁻ᵀ·sym(Φ(Lᵀ·dL))·L⁻¹ (Φ takes the lower triangle and halves the diagonal;
 *       Murray 2016, as PyTorch's cholesky_backward), by two triangular solves;</li>
 *   <li>X = T⁻¹B, T triangular: dB = T⁻ᵀG (a triangular solve the other way), dT = −tri(dB·Xᵀ).</li>
 * </ul>
 * A matrix that is singular to working precision is refused with an IllegalArgumentException naming the
 * op and the condition met (its reciprocal condition number, a pivot), never answered with ∞ or NaN; a
 * NaN in the input gives NaN out, as every op does.
 */
public final class DenseLinearAlgebra {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    /**
     * The smallest reciprocal condition number (1-norm) that solve and inverse accept, and the smallest
     * ratio of pivots that cholesky and triangular_solve accept: below it a result has fewer than about four
     * correct digits (16 − 12), and its gradient is noise.
     */
    public static final double MIN_RCOND = 1e-12;

    private DenseLinearAlgebra() {
    }

    private static void define(OpDef.Builder b) {
        Families.define(DEFINITIONS, "DenseLinearAlgebra", b);
    }

    static {
        define(OpDef.builder("solve", Signature.SOLVE).arity(2)
                .forward("X = A⁻¹B (LU with partial pivoting); refused if rcond(A) < 1e-12")
                .derivative("dB = solve(Aᵀ, G), dA = −dB·Xᵀ")
                .invoker((in, at) -> solve(in[0], in[1])));
        define(OpDef.builder("inverse", Signature.SQUARE)
                .forward("Y = A⁻¹; refused if rcond(A) < 1e-12")
                .derivative("dA = −Yᵀ·G·Yᵀ")
                .shapes("A (…, n, n) → (…, n, n)")
                .invoker((in, at) -> inverse(in[0])));
        define(OpDef.builder("det", Signature.SQUARE)
                .forward("det A (LU: ± the product of the pivots)")
                .derivative("dA = g·det(A)·A⁻ᵀ (needs A invertible)")
                .shapes("A (…, n, n) → (…)")
                .invoker((in, at) -> det(in[0])));
        define(OpDef.builder("logdet", Signature.SQUARE)
                .forward("log |det A| (Σ log |pivot|, no overflow); its sign is det_sign")
                .derivative("dA = g·A⁻ᵀ")
                .shapes("A (…, n, n) → (…)")
                .invoker((in, at) -> logAbsDet(in[0])));
        define(OpDef.builder("det_sign", Signature.SQUARE).notDifferentiable()
                .forward("sign(det A): 1, −1, or 0 for a singular A")
                .derivative("none: a constant")
                .shapes("A (…, n, n) → (…)")
                .invoker((in, at) -> detSign(in[0])));
        define(OpDef.builder("cholesky", Signature.SPD)
                .forward("L lower triangular with L·Lᵀ = S = (A + Aᵀ)/2 (both triangles read, symmetrized)")
                .derivative("dA = L⁻ᵀ·sym(Φ(Lᵀ·G))·L⁻¹, Φ = lower triangle with the diagonal halved")
                .invoker((in, at) -> cholesky(in[0])));
        define(OpDef.builder("triangular_solve", Signature.TRIANGULAR_SOLVE).arity(2)
                .forward("X = T⁻¹B, T the lower (attribute lower = true) or upper triangle of input 0")
                .derivative("dB = triangular_solve(Tᵀ, G, !lower), dT = −tri(dB·Xᵀ)")
                .invoker((in, at) -> triangularSolve(in[0], in[1], at.bool("triangular_solve", "lower", true))));
    }

    // ---------------------------------------------------------------- solve and inverse

    /**
     * Returns X with A·X = B, for one square matrix A or a stack of them.
     *
     * @param a the square matrix A, shape (…, n, n)
     * @param b the right-hand sides, shape (…, n, k) with A's batch axes, or (n) for a 2-D A
     * @return X, of B's shape
     * @throws IllegalArgumentException naming the shapes if A is not square or B does not match it, and
     *                                  naming the reciprocal condition number if A is singular to working
     *                                  precision (below {@link #MIN_RCOND})
     */
    public static Tensor solve(Tensor a, Tensor b) {
        int n = requireSquare("solve", "A", a);
        require("solve", "B", b);
        if (b.rank() == 1 && a.rank() == 2 && b.size() == n) {
            return solve(a, b.reshape(n, 1)).reshape(n);
        }
        requireRightHandSides("solve", a, b);
        int k = b.shape().dim(b.rank() - 1);
        double[] av = a.buffer();
        double[] bv = b.buffer();
        double[] x = new double[bv.length];
        int entries = batchSize(a);
        for (int e = 0; e < entries && n > 0; e++) {
            DMatrixRMaj ae = entry(av, e, n, n);
            if (hasNaN(ae.data)) {
                Arrays.fill(x, e * n * k, (e + 1) * n * k, Double.NaN);
                continue;
            }
            LinearSolverLu_DDRM lu = factor("solve", a, e, ae);
            DMatrixRMaj xe = new DMatrixRMaj(n, k);
            lu.solve(entry(bv, e, n, k), xe);
            System.arraycopy(xe.data, 0, x, e * n * k, n * k);
        }
        Tensor out = Tensor.wrap(x, b.shape());
        return Graph.record("solve", out, g -> {
            Tensor db = solve(transposeLast(a), g);                       // Aᵀ·dB = G
            Tensor da = a.isGradRequired() ? LinearAlgebra.matmul(db, out, false, true).neg() : null;   // −dB·Xᵀ
            return new Tensor[] {da, b.isGradRequired() ? db : null};
        }, a, b);
    }

    /**
     * Returns the inverse of a square matrix, or of each matrix of a stack.
     *
     * @param a the square matrix, shape (…, n, n)
     * @return A⁻¹, of A's shape
     * @throws IllegalArgumentException naming the shape if A is not square, and the reciprocal condition
     *                                  number if A is singular to working precision
     */
    public static Tensor inverse(Tensor a) {
        int n = requireSquare("inverse", "A", a);
        double[] av = a.buffer();
        double[] y = new double[av.length];
        int entries = batchSize(a);
        for (int e = 0; e < entries && n > 0; e++) {
            DMatrixRMaj ae = entry(av, e, n, n);
            if (hasNaN(ae.data)) {
                Arrays.fill(y, e * n * n, (e + 1) * n * n, Double.NaN);
                continue;
            }
            DMatrixRMaj inv = new DMatrixRMaj(n, n);
            invertChecked("inverse", a, e, ae, inv);
            System.arraycopy(inv.data, 0, y, e * n * n, n * n);
        }
        Tensor out = Tensor.wrap(y, a.shape());
        return Graph.record("inverse", out, g -> new Tensor[] {
                LinearAlgebra.matmul(LinearAlgebra.matmul(out, g, true, false), out, false, true).neg()}, a);   // −Yᵀ·G·Yᵀ
    }

    // ---------------------------------------------------------------- determinants

    /**
     * Returns the determinant of a square matrix, or of each matrix of a stack (1 for a 0×0 matrix).
     *
     * <p>A singular matrix has determinant 0, a value like any other; its gradient (the adjugate) is not
     * computed, as the rule g·det(A)·A⁻ᵀ needs the inverse: the backward pass refuses it as inverse does.
     *
     * @param a the square matrix, shape (…, n, n)
     * @return det A, of shape (…)
     * @throws IllegalArgumentException naming the shape if A is not square
     */
    public static Tensor det(Tensor a) {
        int n = requireSquare("det", "A", a);
        double[] d = new double[batchShape("det", a).size()];
        double[] av = a.buffer();
        for (int e = 0; e < d.length; e++) {
            DMatrixRMaj ae = entry(av, e, n, n);
            if (n == 0) {
                d[e] = 1;
            } else if (hasNaN(ae.data)) {
                d[e] = Double.NaN;
            } else {
                LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
                lu.decompose(ae);
                d[e] = lu.computeDeterminant().real;
            }
        }
        Tensor out = Tensor.wrap(d, batchShape("det", a));
        return Graph.record("det", out, g -> new Tensor[] {
                asMatrices(g.mul(out)).mul(transposeLast(inverse(a)))}, a);       // g·det(A)·A⁻ᵀ
    }

    /**
     * Returns log |det A| for a square matrix or each matrix of a stack: the log-determinant of numpy's
     * {@code slogdet}, computed as Σ log |pivot| so that it neither overflows nor underflows; the sign is
     * {@link #detSign}.
     *
     * @param a the square matrix, shape (…, n, n)
     * @return log |det A|, of shape (…)
     * @throws IllegalArgumentException naming the shape if A is not square, or saying that A is singular
     *                                  (a zero pivot, log |det A| = −∞)
     */
    public static Tensor logAbsDet(Tensor a) {
        int n = requireSquare("logdet", "A", a);
        double[] d = new double[batchShape("logdet", a).size()];
        double[] av = a.buffer();
        for (int e = 0; e < d.length; e++) {
            DMatrixRMaj ae = entry(av, e, n, n);
            if (hasNaN(ae.data)) {
                d[e] = Double.NaN;
                continue;
            }
            double[] lu = luFactors(ae);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double p = Math.abs(lu[i * n + i]);
                if (p == 0) {
                    throw new IllegalArgumentException("logdet: matrix" + where(a, e) + " is singular (pivot " + i
                            + " of its LU factorization is 0), so log |det A| = −∞");
                }
                sum += Math.log(p);
            }
            d[e] = sum;
        }
        Tensor out = Tensor.wrap(d, batchShape("logdet", a));
        return Graph.record("logdet", out, g -> new Tensor[] {asMatrices(g).mul(transposeLast(inverse(a)))}, a);   // g·A⁻ᵀ
    }

    /**
     * Returns the sign of det A (1, −1, or 0 for a singular matrix), for a square matrix or each matrix of a
     * stack: with {@link #logAbsDet}, numpy's {@code slogdet}. A constant: nothing is recorded.
     *
     * @param a the square matrix, shape (…, n, n)
     * @return the signs, of shape (…)
     * @throws IllegalArgumentException naming the shape if A is not square
     */
    public static Tensor detSign(Tensor a) {
        int n = requireSquare("det_sign", "A", a);
        double[] s = new double[batchShape("det_sign", a).size()];
        double[] av = a.buffer();
        for (int e = 0; e < s.length; e++) {
            DMatrixRMaj ae = entry(av, e, n, n);
            if (hasNaN(ae.data)) {
                s[e] = Double.NaN;
                continue;
            }
            LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
            double sign = 1;
            if (n > 0) {
                lu.decompose(ae);
                double[] f = lu.getLU().data;
                for (int i = 0; i < n; i++) {
                    sign *= Math.signum(f[i * n + i]);
                }
                sign *= permutationSign(lu.getPivot(), n);
            }
            s[e] = sign;
        }
        return Tensor.wrap(s, batchShape("det_sign", a));
    }

    /**
     * Returns numpy's {@code slogdet}: the sign of det A and log |det A|, the latter differentiable.
     *
     * @param a the square matrix, shape (…, n, n)
     * @return {@code {detSign(a), logAbsDet(a)}}
     * @throws IllegalArgumentException as {@link #logAbsDet}
     */
    public static Tensor[] slogdet(Tensor a) {
        return new Tensor[] {detSign(a), logAbsDet(a)};
    }

    // ---------------------------------------------------------------- cholesky and triangular solves

    /**
     * Returns the lower Cholesky factor L of a symmetric positive definite matrix, L·Lᵀ = A, or of each
     * matrix of a stack.
     *
     * <p>Both triangles are read: the factor is that of the symmetric part (A + Aᵀ)/2, which is A itself
     * for a symmetric A. So a perturbation of one off-diagonal entry moves the matrix as half of it on
     * each side, and the gradient returned is symmetric, as PyTorch's is.
     *
     * @param a the symmetric positive definite matrix, shape (…, n, n)
     * @return L, of A's shape, zero above the diagonal
     * @throws IllegalArgumentException naming the shape if A is not square, or the failing pivot if A is not
     *                                  positive definite to working precision (a pivot ≤ {@link #MIN_RCOND}
     *                                  times the largest diagonal entry)
     */
    public static Tensor cholesky(Tensor a) {
        int n = requireSquare("cholesky", "A", a);
        double[] av = a.buffer();
        double[] l = new double[av.length];
        int entries = batchSize(a);
        for (int e = 0; e < entries && n > 0; e++) {
            int o = e * n * n;
            if (hasNaN(Arrays.copyOfRange(av, o, o + n * n))) {
                Arrays.fill(l, o, o + n * n, Double.NaN);
                continue;
            }
            double largest = 0;
            for (int i = 0; i < n; i++) {
                largest = Math.max(largest, Math.abs(av[o + i * n + i]));
            }
            for (int j = 0; j < n; j++) {
                for (int i = j; i < n; i++) {
                    double s = 0.5 * (av[o + i * n + j] + av[o + j * n + i]);   // the symmetric part
                    for (int p = 0; p < j; p++) {
                        s -= l[o + i * n + p] * l[o + j * n + p];
                    }
                    if (i == j) {
                        if (!(s > MIN_RCOND * largest)) {
                            throw new IllegalArgumentException("cholesky: matrix" + where(a, e) + " is not positive definite:"
                                    + " pivot " + j + " is " + s + (s > 0 ? ", below " + MIN_RCOND + " × the largest diagonal entry "
                                    + largest : " (≤ 0)"));
                        }
                        l[o + j * n + j] = Math.sqrt(s);
                    } else {
                        l[o + i * n + j] = s / l[o + j * n + j];
                    }
                }
            }
        }
        Tensor out = Tensor.wrap(l, a.shape());
        return Graph.record("cholesky", out, g -> {
            Tensor x = LinearAlgebra.matmul(out, g, true, false);                        // Lᵀ·G
            Tensor lowerX = x.mul(triangle(n, true, false));
            Tensor p = x.mul(triangle(n, true, true)).add(transposeLast(lowerX)).mul(0.5);  // sym(Φ(Lᵀ·G))
            Tensor lt = transposeLast(out);
            Tensor z = triangularSolve(lt, p, false);                                     // L⁻ᵀ·P
            return new Tensor[] {transposeLast(triangularSolve(lt, transposeLast(z), false))};   // L⁻ᵀ·P·L⁻¹
        }, a);
    }

    /**
     * Returns X with T·X = B for a triangular T, by substitution; only T's lower (or upper) triangle is
     * read, so the other triangle gets a zero gradient.
     *
     * @param t     the triangular matrix, shape (…, n, n)
     * @param b     the right-hand sides, shape (…, n, k) with T's batch axes, or (n) for a 2-D T
     * @param lower read T's lower triangle (forward substitution); false reads the upper one
     * @return X, of B's shape
     * @throws IllegalArgumentException naming the shapes if T is not square or B does not match it, and the
     *                                  diagonal entry at fault if T is singular to working precision (a
     *                                  diagonal entry ≤ {@link #MIN_RCOND} times the largest in magnitude)
     */
    public static Tensor triangularSolve(Tensor t, Tensor b, boolean lower) {
        int n = requireSquare("triangular_solve", "T", t);
        require("triangular_solve", "B", b);
        if (b.rank() == 1 && t.rank() == 2 && b.size() == n) {
            return triangularSolve(t, b.reshape(n, 1), lower).reshape(n);
        }
        requireRightHandSides("triangular_solve", t, b);
        int k = b.shape().dim(b.rank() - 1);
        double[] tv = t.buffer();
        double[] x = b.toArray();
        int entries = batchSize(t);
        for (int e = 0; e < entries && n > 0; e++) {
            int o = e * n * n;
            int ox = e * n * k;
            if (hasNaN(Arrays.copyOfRange(tv, o, o + n * n))) {
                Arrays.fill(x, ox, ox + n * k, Double.NaN);
                continue;
            }
            double largest = 0;
            for (int i = 0; i < n; i++) {
                largest = Math.max(largest, Math.abs(tv[o + i * n + i]));
            }
            for (int i = 0; i < n; i++) {
                double d = tv[o + i * n + i];
                if (!(Math.abs(d) > MIN_RCOND * largest)) {
                    throw new IllegalArgumentException("triangular_solve: the triangular matrix" + where(t, e)
                            + " is singular to working precision: diagonal entry " + i + " is " + d
                            + " against a largest of " + largest + " (ratio ≤ " + MIN_RCOND + ")");
                }
            }
            for (int c = 0; c < k; c++) {
                for (int step = 0; step < n; step++) {
                    int i = lower ? step : n - 1 - step;
                    double s = x[ox + i * k + c];
                    int from = lower ? 0 : i + 1;
                    int to = lower ? i : n;
                    for (int p = from; p < to; p++) {
                        s -= tv[o + i * n + p] * x[ox + p * k + c];
                    }
                    x[ox + i * k + c] = s / tv[o + i * n + i];
                }
            }
        }
        Tensor out = Tensor.wrap(x, b.shape());
        return Graph.record("triangular_solve", out, g -> {
            Tensor db = triangularSolve(transposeLast(t), g, !lower);                   // Tᵀ·dB = G
            Tensor dt = t.isGradRequired()
                    ? LinearAlgebra.matmul(db, out, false, true).neg().mul(triangle(n, lower, true)) : null;   // −tri(dB·Xᵀ)
            return new Tensor[] {dt, b.isGradRequired() ? db : null};
        }, t, b);
    }

    // ---------------------------------------------------------------- helpers

    /** Returns x with its last two axes swapped: the transpose of each matrix of a stack. */
    static Tensor transposeLast(Tensor x) {
        int r = x.rank();
        int[] axes = new int[r];
        for (int i = 0; i < r; i++) {
            axes[i] = i;
        }
        axes[r - 2] = r - 1;
        axes[r - 1] = r - 2;
        return x.permute(axes);
    }

    /** Returns a constant (n, n) mask of the lower (or upper) triangle, with or without the diagonal. */
    private static Tensor triangle(int n, boolean lower, boolean diagonal) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i * n + j] = (lower ? j < i : j > i) || (diagonal && i == j) ? 1 : 0;
            }
        }
        return Tensor.wrap(m, Shape.of(n, n));
    }

    /** Returns a tensor of batch shape (…) as (…, 1, 1), to scale each matrix of a stack. */
    private static Tensor asMatrices(Tensor perEntry) {
        int[] d = Arrays.copyOf(perEntry.shape().dims(), perEntry.rank() + 2);
        d[d.length - 2] = 1;
        d[d.length - 1] = 1;
        return perEntry.reshape(d);
    }

    private static int requireSquare(String op, String name, Tensor a) {
        require(op, name, a);
        int r = a.rank();
        if (r < 2 || a.shape().dim(r - 1) != a.shape().dim(r - 2)) {
            throw new IllegalArgumentException(op + ": needs " + name + " square (n, n), or a stack of square matrices (…, n, n),"
                    + " got shape " + a.shape());
        }
        return a.shape().dim(r - 1);
    }

    private static void requireRightHandSides(String op, Tensor a, Tensor b) {
        int n = a.shape().dim(a.rank() - 1);
        if (b.rank() != a.rank() || !batchShape(op, b).equals(batchShape(op, a)) || b.shape().dim(b.rank() - 2) != n) {
            throw new IllegalArgumentException(op + ": shapes " + a.shape() + " and " + b.shape() + " do not match: the"
                    + " right-hand sides need the matrix's batch axes " + batchShape(op, a) + " and " + n + " rows, (…, " + n
                    + ", k)" + (a.rank() == 2 ? ", or shape (" + n + ")" : ""));
        }
    }

    /** Returns a stack's batch axes, refused naming the op when they alone pass 2^31 − 1 (a stack of empty matrices). */
    private static Shape batchShape(String op, Tensor a) {
        return Shape.of(op, Arrays.copyOf(a.shape().dims(), a.rank() - 2));
    }

    /** Returns how many matrices a stack holds (its batch axes were checked when its result was allocated). */
    private static int batchSize(Tensor a) {
        long entries = 1;
        for (int i = 0; i < a.rank() - 2; i++) {
            entries *= a.shape().dim(i);
        }
        return (int) Math.min(entries, Integer.MAX_VALUE);
    }

    /** Returns a copy of matrix {@code e} of a stack of (rows, cols) matrices, as an EJML matrix. */
    private static DMatrixRMaj entry(double[] values, int e, int rows, int cols) {
        int o = e * rows * cols;
        return DMatrixRMaj.wrap(rows, cols, Arrays.copyOfRange(values, o, o + rows * cols));
    }

    private static String where(Tensor a, int e) {
        return a.rank() == 2 ? "" : " (entry " + e + " of the stack " + a.shape() + ")";
    }

    private static boolean hasNaN(double[] v) {
        for (double x : v) {
            if (Double.isNaN(x)) {
                return true;
            }
        }
        return false;
    }

    /** Factors A = P·L·U, refusing A if its reciprocal condition number is below {@link #MIN_RCOND}. */
    private static LinearSolverLu_DDRM factor(String op, Tensor a, int e, DMatrixRMaj ae) {
        DMatrixRMaj inv = new DMatrixRMaj(ae.numRows, ae.numCols);
        return invertChecked(op, a, e, ae, inv);
    }

    /**
     * Inverts A into {@code inv} and checks rcond = 1 / (‖A‖₁·‖A⁻¹‖₁), the test LAPACK's gesvx makes: a
     * solve needs the inverse's norm for it too, which costs one more n³ on matrices small enough for a
     * dense LU anyway.
     */
    private static LinearSolverLu_DDRM invertChecked(String op, Tensor a, int e, DMatrixRMaj ae, DMatrixRMaj inv) {
        double normA = norm1(ae);
        LinearSolverLu_DDRM lu = new LinearSolverLu_DDRM(new LUDecompositionAlt_DDRM());
        boolean factored = lu.setA(ae);
        double rcond = 0;
        if (factored) {
            lu.invert(inv);
            rcond = 1 / (normA * norm1(inv));
        }
        if (!(rcond >= MIN_RCOND)) {   // also catches NaN from an exactly singular factorization
            throw new IllegalArgumentException(op + ": matrix" + where(a, e) + " is singular to working precision:"
                    + " its reciprocal condition number 1/(‖A‖₁·‖A⁻¹‖₁) is " + (factored ? rcond : 0) + ", below " + MIN_RCOND);
        }
        return lu;
    }

    private static double norm1(DMatrixRMaj m) {
        double largest = 0;
        for (int j = 0; j < m.numCols; j++) {
            double s = 0;
            for (int i = 0; i < m.numRows; i++) {
                s += Math.abs(m.data[i * m.numCols + j]);
            }
            largest = Math.max(largest, s);
        }
        return largest;
    }

    /** Returns the combined L\U factors of A's LU factorization, row-major. */
    private static double[] luFactors(DMatrixRMaj ae) {
        if (ae.numRows == 0) {
            return new double[0];
        }
        LUDecompositionAlt_DDRM lu = new LUDecompositionAlt_DDRM();
        lu.decompose(ae);
        return lu.getLU().data;
    }

    /** Returns the sign of a permutation given as the row order, +1 for an even one and −1 for an odd one. */
    private static double permutationSign(int[] order, int n) {
        boolean[] seen = new boolean[n];
        int cycles = 0;
        for (int i = 0; i < n; i++) {
            if (!seen[i]) {
                cycles++;
                for (int j = i; !seen[j]; j = order[j]) {
                    seen[j] = true;
                }
            }
        }
        return (n - cycles) % 2 == 0 ? 1 : -1;
    }
}
