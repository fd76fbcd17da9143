package io.github.chainrule.ops;

import io.github.chainrule.Graph;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.Kernels;

import java.util.ArrayList;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.require;

/**
 * Matrix multiplication of 2-D tensors, with transposed variants that read a transpose in place.
 *
 * <p>For C = A·B the backward rule is dA = G·Bᵀ and dB = Aᵀ·G; in the course's notation, for
 * Z = W·A, dW = dZ·Aᵀ and dA = Wᵀ·dZ. Each transposed variant's rule is again a transposed product, so no
 * transpose is ever materialized, forward or backward, and an input that needs no gradient (the data X)
 * costs no product at all.
 */
public final class LinearAlgebra {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    private LinearAlgebra() {
    }

    static {
        Families.define(DEFINITIONS, "LinearAlgebra", OpDef.builder("matmul", Signature.MATMUL)
                .forward("C = op(A)·op(B), op = identity or transpose (attributes transA, transB)")
                .derivative("for C = A·B: dA = G·Bᵀ, dB = Aᵀ·G; the transposed variants transpose these")
                .invoker((in, at) -> matmul(in[0], in[1], at.bool("matmul", "transA", false), at.bool("matmul", "transB", false))));
    }

    /**
     * Returns op(a)·op(b), where op transposes its argument when the flag is set.
     *
     * @throws IllegalArgumentException naming both shapes if they are not 2-D or their inner lengths differ
     */
    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        String op = transA ? (transB ? "matmulTransAB" : "matmulTransA") : transB ? "matmulTransB" : "matmul";
        require(op, "a", a);
        require(op, "b", b);
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException(op + ": needs two 2-D tensors, got shapes " + a.shape() + " and " + b.shape());
        }
        int aRows = a.shape().dim(0);
        int aCols = a.shape().dim(1);
        int bRows = b.shape().dim(0);
        int bCols = b.shape().dim(1);
        int m = transA ? aCols : aRows;
        int k = transA ? aRows : aCols;
        int kb = transB ? bCols : bRows;
        int n = transB ? bRows : bCols;
        if (k != kb) {
            throw new IllegalArgumentException(op + ": shapes " + a.shape() + " and " + b.shape() + " do not line up: "
                    + k + " != " + kb + (transA || transB ? " (after transposing " + (transA ? "a" : "") + (transA && transB ? " and " : "")
                    + (transB ? "b" : "") + ")" : ""));
        }
        Shape shape = Shape.of(op, m, n);   // (50000,0)·(0,50000) would hold 2.5e9 elements: refused, not wrapped
        double[] c = new double[shape.size()];
        if (c.length > 0) {
            Kernels.matMul().multiply(a.buffer(), aRows, aCols, transA, b.buffer(), bRows, bCols, transB, c);
        }
        Tensor out = Tensor.wrap(c, shape);
        return Graph.record("matmul", out, g -> {
            Tensor da = null;
            Tensor db = null;
            if (!transA && !transB) {          // C = A·B
                da = a.isGradRequired() ? matmul(g, b, false, true) : null;      // G·Bᵀ
                db = b.isGradRequired() ? matmul(a, g, true, false) : null;      // Aᵀ·G
            } else if (transA && !transB) {    // C = Aᵀ·B
                da = a.isGradRequired() ? matmul(b, g, false, true) : null;      // B·Gᵀ
                db = b.isGradRequired() ? matmul(a, g, false, false) : null;     // A·G
            } else if (!transA) {              // C = A·Bᵀ
                da = a.isGradRequired() ? matmul(g, b, false, false) : null;     // G·B
                db = b.isGradRequired() ? matmul(g, a, true, false) : null;      // Gᵀ·A
            } else {                           // C = Aᵀ·Bᵀ
                da = a.isGradRequired() ? matmul(b, g, true, true) : null;       // Bᵀ·Gᵀ
                db = b.isGradRequired() ? matmul(g, a, true, true) : null;       // Gᵀ·Aᵀ
            }
            return new Tensor[] {da, db};
        }, a, b);
    }
}
