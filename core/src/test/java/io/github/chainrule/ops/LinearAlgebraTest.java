package io.github.chainrule.ops;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Values of matmul's numpy semantics, dot, outer, einsum and the dense linear algebra ops against
 * hand-computed examples and identities, and their refusals of bad input. (Their gradients, to second
 * order, are checked by the registry suite, {@link OpGradientProperties}.)
 */
class LinearAlgebraTest {
    private final Random rng = new Random(12);

    // ---------------------------------------------------------------- matmul, dot, outer

    @Test
    void aVectorOnEitherSideIsARowOrAColumnWhoseAxisLeavesTheResult() {
        Tensor m = Tensor.matrix(new double[][] {{1, 2, 3}, {4, 5, 6}});
        Tensor v2 = Tensor.vector(1, -1);
        Tensor v3 = Tensor.vector(1, 0, 2);
        assertClose(Tensor.vector(-3, -3, -3), v2.matmul(m));        // (2)·(2,3) → (3)
        assertClose(Tensor.vector(7, 16), m.matmul(v3));             // (2,3)·(3) → (2)
        Tensor d = v3.matmul(Tensor.vector(2, 5, 1));                // (3)·(3) → ()
        assertEquals(Shape.SCALAR, d.shape());
        assertEquals(4, d.item(), 0);
        assertEquals(4, v3.dot(Tensor.vector(2, 5, 1)).item(), 0);
        assertClose(Tensor.matrix(new double[][] {{1, -1}, {0, 0}, {2, -2}}), v3.outer(v2));
        // a stack times a vector: (2, 2, 3)·(3) → (2, 2)
        Tensor stack = Tensor.concat(0, m.reshape(1, 2, 3), m.mul(-1).reshape(1, 2, 3));
        assertClose(Tensor.matrix(new double[][] {{7, 16}, {-7, -16}}), stack.matmul(v3));
    }

    @Test
    void batchedMatmulIsThe2dProductOfEachPairOfBroadcastEntries() {
        // (B, 1, n, k)·(H, k, m) → (B, H, n, m), with every transpose flag
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                Tensor a = Tensor.randn(rng, ta ? new int[] {2, 1, 4, 3} : new int[] {2, 1, 3, 4});
                Tensor b = Tensor.randn(rng, tb ? new int[] {3, 5, 4} : new int[] {3, 4, 5});
                Tensor c = LinearAlgebra.matmul(a, b, ta, tb);
                assertEquals(Shape.of(2, 3, 3, 5), c.shape());
                for (int i = 0; i < 2; i++) {
                    for (int h = 0; h < 3; h++) {
                        Tensor ai = a.slice(0, i, i + 1).reshape(a.shape().dim(2), a.shape().dim(3));
                        Tensor bh = b.slice(0, h, h + 1).reshape(b.shape().dim(1), b.shape().dim(2));
                        Tensor expected = LinearAlgebra.matmul(ai, bh, ta, tb);
                        Tensor got = c.slice(0, i, i + 1).slice(1, h, h + 1).reshape(3, 5);
                        assertClose(expected, got);
                    }
                }
            }
        }
    }

    @Test
    void aStackTimesOneSharedMatrixEqualsTheProductOfEachEntry() {
        // (B, n, k)·(k, m): the one-GEMM path, against the per-entry products
        Tensor a = Tensor.randn(rng, 4, 3, 2);
        Tensor b = Tensor.randn(rng, 2, 5);
        Tensor c = a.matmul(b);
        for (int i = 0; i < 4; i++) {
            assertClose(a.slice(0, i, i + 1).reshape(3, 2).matmul(b), c.slice(0, i, i + 1).reshape(3, 5));
        }
        // the same product through the per-entry path (a read transposed), and with b as a stack of one
        assertClose(c, LinearAlgebra.matmul(a.permute(0, 2, 1), b, true, false));
        assertClose(c, a.matmul(b.reshape(1, 1, 2, 5)).reshape(4, 3, 5));
    }

    @Test
    void theGradientOfABroadcastBatchOperandIsSummedOverTheEntriesItServed() {
        Tensor a = Tensor.randn(rng, 3, 2, 4).requiresGrad();
        Tensor w = Tensor.randn(rng, 4, 5).requiresGrad();
        a.matmul(w).sum().backward();
        // d/dW Σ A_b·W = Σ_b A_bᵀ·1
        Tensor expected = Tensor.zeros(4, 5);
        for (int i = 0; i < 3; i++) {
            expected = expected.add(a.detach().slice(0, i, i + 1).reshape(2, 4).matmulTransA(Tensor.ones(2, 5)));
        }
        assertClose(expected, w.grad());
        assertEquals(a.shape(), a.grad().shape());
    }

    @Test
    void zeroLengthBatchAndInnerAxesGiveEmptyOrZeroResults() {
        Tensor a = Tensor.zeros(0, 2, 3).requiresGrad();
        Tensor c = a.matmul(Tensor.ones(3, 4));
        assertEquals(Shape.of(0, 2, 4), c.shape());
        c.sum().backward();
        assertEquals(Shape.of(0, 2, 3), a.grad().shape());
        Tensor inner = Tensor.ones(2, 2, 0).matmul(Tensor.ones(2, 0, 3));
        assertClose(Tensor.zeros(2, 2, 3), inner);
        assertEquals(Shape.of(0), Tensor.zeros(0, 3).matmul(Tensor.ones(3)).shape());
    }

    @Test
    void matmulRefusesScalarsMisalignedAndUnbroadcastableShapesNamingThem() {
        assertMessage(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 4)),
                "matmul: the batch axes of shapes (2,2,3) and (3,3,4) do not broadcast: (2,) against (3,)");
        assertMessage(() -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(2, 4, 4)), "matmul: shapes (2,2,3) and (2,4,4) do not line up: 3 != 4");
        assertMessage(() -> Tensor.zeros(3).matmul(Tensor.scalar(1)), "matmul", "rank 1 or more", "(3,)", "()");
        assertMessage(() -> Tensor.zeros(3).dot(Tensor.zeros(4)), "dot", "(3,)", "(4,)");
        assertMessage(() -> Tensor.zeros(3, 1).outer(Tensor.zeros(4)), "outer", "1-D", "(3,1)");
    }

    // ---------------------------------------------------------------- einsum

    @Test
    void einsumAgreesWithTheExplicitOpsForEverySubscriptItPromises() {
        Tensor a = Tensor.randn(rng, 3, 4);
        Tensor b = Tensor.randn(rng, 4, 2);
        Tensor sq = Tensor.randn(rng, 3, 3);
        Tensor x = Tensor.randn(rng, 2, 3, 4);
        Tensor y = Tensor.randn(rng, 2, 4, 5);
        Tensor u = Tensor.randn(rng, 4);
        Tensor v = Tensor.randn(rng, 4);
        Tensor q = Tensor.randn(rng, 2, 3, 5, 4);
        Tensor k = Tensor.randn(rng, 2, 3, 6, 4);
        assertClose(a.matmul(b), Tensor.einsum("ij,jk->ik", a, b));
        assertClose(x.matmul(y), Tensor.einsum("bij,bjk->bik", x, y));
        assertClose(Tensor.scalar(sq.get(0, 0) + sq.get(1, 1) + sq.get(2, 2)), Tensor.einsum("ii->", sq));
        assertClose(a.transpose(), Tensor.einsum("ij->ji", a));
        assertClose(u.dot(v), Tensor.einsum("i,i->", u, v));
        assertClose(LinearAlgebra.matmul(q, k, false, true), Tensor.einsum("bhqd,bhkd->bhqk", q, k));
        // and the other paths: a kept diagonal, implicit output, an index summed before contracting, three operands
        assertClose(Tensor.vector(sq.get(0, 0), sq.get(1, 1), sq.get(2, 2)), Tensor.einsum("ii->i", sq));
        assertClose(a.matmul(b), Tensor.einsum("ij,jk", a, b));
        assertClose(a.sum(0, false), Tensor.einsum("ij->j", a));
        assertClose(x.sum(1, false).matmul(y.sum(0, false)).sum(0, false),
                Tensor.einsum("bij,jk->k", x, y.sum(0, false)));
        assertClose(a.matmul(b).matmul(Tensor.eye(2)), Tensor.einsum("ij,jk,kl->il", a, b, Tensor.eye(2)));
    }

    @Test
    void einsumGradientsFlowThroughTheOpsItIsBuiltOf() {
        Tensor q = Tensor.randn(rng, 2, 2, 3, 4).requiresGrad();
        Tensor k = Tensor.randn(rng, 2, 2, 5, 4).requiresGrad();
        Tensor.einsum("bhqd,bhkd->bhqk", q, k).square().sum().backward();
        Tensor q2 = q.detach().copy().requiresGrad();
        Tensor k2 = k.detach().copy().requiresGrad();
        LinearAlgebra.matmul(q2, k2, false, true).square().sum().backward();
        assertClose(q2.grad(), q.grad());
        assertClose(k2.grad(), k.grad());
    }

    @Test
    void einsumRefusesWhatItDoesNotSupportNamingTheSubscripts() {
        Tensor a = Tensor.zeros(2, 3);
        assertMessage(() -> Tensor.einsum("...ij->ij", a), "einsum: subscripts '...ij->ij'", "ellipsis");
        assertMessage(() -> Tensor.einsum("ij->ii", a), "einsum: subscripts 'ij->ii'", "index i is repeated in the output");
        assertMessage(() -> Tensor.einsum("ijk->i", a), "einsum", "'ijk'", "(2,3)", "rank 2");
        assertMessage(() -> Tensor.einsum("ij,ij->", a, Tensor.zeros(2, 4)), "einsum", "index j has length 3", "length 4");
        assertMessage(() -> Tensor.einsum("ij->k", a), "einsum", "output index k");
        assertMessage(() -> Tensor.einsum("ij,jk->ik", a), "einsum", "2 operand subscripts for 1 operands");
    }

    // ---------------------------------------------------------------- solve, inverse, determinants

    private static final Tensor A = Tensor.matrix(new double[][] {{4, 1, 0}, {1, 3, -1}, {2, 0, 5}});

    @Test
    void solveReturnsTheXThatAMapsToB() {
        Tensor b = Tensor.randn(rng, 3, 2);
        assertClose(b, A.matmul(A.solve(b)));
        Tensor bv = Tensor.vector(1, 2, 3);
        Tensor x = A.solve(bv);
        assertEquals(Shape.of(3), x.shape());
        assertClose(bv, A.matmul(x));
        Tensor stack = Tensor.concat(0, A.reshape(1, 3, 3), A.transpose().reshape(1, 3, 3));
        Tensor bs = Tensor.randn(rng, 2, 3, 4);
        assertClose(bs, stack.matmul(stack.solve(bs)));
    }

    @Test
    void theInverseTimesTheMatrixIsTheIdentity() {
        assertClose(Tensor.eye(3), A.inverse().matmul(A));
        assertClose(Tensor.matrix(new double[][] {{0.5, 0}, {0, -4}}), Tensor.matrix(new double[][] {{2, 0}, {0, -0.25}}).inverse());
    }

    @Test
    void determinantsOfTriangularAndPermutationMatricesAreTheirKnownValues() {
        Tensor upper = Tensor.matrix(new double[][] {{2, 7, -3}, {0, -1, 4}, {0, 0, 3}});
        assertEquals(-6, upper.det().item(), 1e-12);
        Tensor swap = Tensor.matrix(new double[][] {{0, 1, 0}, {1, 0, 0}, {0, 0, 1}});
        Tensor cycle = Tensor.matrix(new double[][] {{0, 1, 0}, {0, 0, 1}, {1, 0, 0}});
        assertEquals(-1, swap.det().item(), 1e-15);
        assertEquals(1, cycle.det().item(), 1e-15);
        assertEquals(-1, swap.detSign().item(), 0);
        assertEquals(1, cycle.detSign().item(), 0);
        assertEquals(0, Tensor.matrix(new double[][] {{1, 2}, {2, 4}}).det().item(), 1e-15);
        assertEquals(0, Tensor.matrix(new double[][] {{1, 2}, {2, 4}}).detSign().item(), 0);
        assertEquals(1, Tensor.zeros(0, 0).det().item(), 0);   // the empty product
        assertClose(Tensor.vector(-6, -1), Tensor.concat(0, upper.reshape(1, 3, 3), swap.reshape(1, 3, 3)).det());
    }

    @Test
    void signTimesExpOfLogAbsDetIsTheDeterminantWithoutOverflow() {
        Tensor[] sl = DenseLinearAlgebra.slogdet(upperOf(A).mul(-1));
        assertEquals(upperOf(A).mul(-1).det().item(), sl[0].item() * Math.exp(sl[1].item()), 1e-12);
        Tensor huge = Tensor.matrix(new double[][] {{1e200, 0}, {0, -1e200}});
        assertEquals(400 * Math.log(10), huge.logAbsDet().item(), 1e-9);
        assertEquals(-1, huge.detSign().item(), 0);
        assertEquals(Double.NEGATIVE_INFINITY, huge.det().item());   // det itself overflows, as numpy's does
    }

    // ---------------------------------------------------------------- cholesky, triangular solves

    @Test
    void choleskyGivesTheLowerFactorOfTheHandExample() {
        Tensor spd = Tensor.matrix(new double[][] {{4, 2}, {2, 3}});
        assertClose(Tensor.matrix(new double[][] {{2, 0}, {1, Math.sqrt(2)}}), spd.cholesky());
        Tensor m = Tensor.randn(rng, 4, 4);
        Tensor s = m.matmulTransB(m).add(Tensor.eye(4));
        Tensor l = s.cholesky();
        assertClose(s, l.matmulTransB(l));
        for (int i = 0; i < 4; i++) {
            for (int j = i + 1; j < 4; j++) {
                assertEquals(0, l.get(i, j), 0);
            }
        }
    }

    @Test
    void choleskyReadsTheSymmetricPartOfItsInput() {
        Tensor spd = Tensor.matrix(new double[][] {{4, 2}, {2, 3}});
        Tensor skewed = Tensor.matrix(new double[][] {{4, 3}, {1, 3}});   // same symmetric part
        assertClose(spd.cholesky(), skewed.cholesky());
    }

    @Test
    void choleskysGradientIsSymmetricAndMatchesTheDerivativeOfTheSymmetricPart() {
        Tensor a = Tensor.matrix(new double[][] {{4, 2, 0.5}, {2, 3, 0.3}, {0.5, 0.3, 2}}).requiresGrad();
        Tensor w = Tensor.randn(rng, 3, 3);
        a.cholesky().mul(w).sum().backward();
        Tensor g = a.grad();
        assertClose(g, g.transpose());
        // moving A[0][1] alone moves the symmetric part by half of it on each side: the gradient's (0, 1) entry
        double eps = 1e-6;
        double[] plus = a.toArray();
        double[] minus = a.toArray();
        plus[1] += eps;
        minus[1] -= eps;
        double fd = (Tensor.of(plus, 3, 3).cholesky().mul(w).sum().item() - Tensor.of(minus, 3, 3).cholesky().mul(w).sum().item()) / (2 * eps);
        assertEquals(fd, g.get(0, 1), 1e-8);
    }

    @Test
    void triangularSolveReadsOnlyItsTriangle() {
        Tensor junk = Tensor.randn(rng, 3, 3);
        Tensor b = Tensor.randn(rng, 3, 2);
        Tensor lower = lowerOf(A);
        Tensor x = lower.add(upperOf(junk).sub(lowerOf(upperOf(junk)))).triangularSolve(b, true);   // junk above the diagonal
        assertClose(b, lower.matmul(x));
        Tensor up = upperOf(A);
        assertClose(b, up.matmul(up.add(lowerOf(junk).sub(upperOf(lowerOf(junk)))).triangularSolve(b, false)));
        assertClose(Tensor.vector(0.5, 1.0 / 6), Tensor.matrix(new double[][] {{2, 0}, {1, 3}}).triangularSolve(Tensor.vector(1, 1), true));
    }

    // ---------------------------------------------------------------- bad input, NaN, empty stacks

    @Test
    void singularAndNonSquareMatricesAreRefusedNamingTheOpAndTheCondition() {
        Tensor singular = Tensor.matrix(new double[][] {{1, 2}, {2, 4}});
        assertMessage(() -> singular.solve(Tensor.ones(2, 1)), "solve: matrix is singular to working precision", "reciprocal condition number");
        assertMessage(() -> singular.inverse(), "inverse: matrix is singular", "below 1.0E-12");
        assertMessage(() -> Tensor.matrix(new double[][] {{1, 1}, {1, 1 + 1e-15}}).inverse(), "inverse", "singular");
        assertMessage(() -> singular.logAbsDet(), "logdet: matrix is singular", "−∞");
        assertMessage(() -> Tensor.zeros(2, 3).det(), "det: needs A square", "(2,3)");
        assertMessage(() -> Tensor.zeros(3).inverse(), "inverse: needs A square", "(3,)");
        assertMessage(() -> Tensor.matrix(new double[][] {{1, 2}, {2, 1}}).cholesky(), "cholesky: matrix is not positive definite: pivot 1", "≤ 0");
        assertMessage(() -> Tensor.matrix(new double[][] {{1, 0}, {5, 0}}).triangularSolve(Tensor.ones(2), true),
                "triangular_solve", "singular", "diagonal entry 1 is 0.0");
        assertMessage(() -> Tensor.zeros(2, 3, 3).solve(Tensor.zeros(3, 3, 1)), "solve: shapes (2,3,3) and (3,3,1) do not match", "batch axes (2,)");
        assertMessage(() -> A.solve(Tensor.zeros(4)), "solve: shapes (3,3) and (4,) do not match");
        Tensor stack = Tensor.concat(0, A.reshape(1, 3, 3), Tensor.zeros(1, 3, 3));
        assertMessage(() -> stack.inverse(), "inverse: matrix (entry 1 of the stack (2,3,3)) is singular");
    }

    @Test
    void nanInGivesNanOut() {
        Tensor nan = Tensor.matrix(new double[][] {{1, Double.NaN}, {0, 1}});
        assertTrue(Double.isNaN(nan.solve(Tensor.ones(2, 1)).get(0, 0)));
        assertTrue(Double.isNaN(nan.inverse().get(1, 1)));
        assertTrue(Double.isNaN(nan.det().item()));
        assertTrue(Double.isNaN(nan.logAbsDet().item()));
        assertTrue(Double.isNaN(nan.detSign().item()));
        assertTrue(Double.isNaN(nan.cholesky().get(0, 0)));
        assertTrue(Double.isNaN(nan.triangularSolve(Tensor.ones(2), false).get(0)));
        assertTrue(Double.isNaN(Tensor.ones(2, 1, 2).matmul(nan).get(1, 0, 1)));
        assertEquals(2, Tensor.einsum("ii->", nan).item(), 0);   // the trace never reads the NaN off the diagonal, as numpy's
    }

    @Test
    void emptyStacksGiveEmptyResults() {
        assertEquals(Shape.of(0, 2, 2), Tensor.zeros(0, 2, 2).inverse().shape());
        assertEquals(Shape.of(0), Tensor.zeros(0, 3, 3).det().shape());
        assertEquals(Shape.of(0, 3, 1), Tensor.zeros(0, 3, 3).solve(Tensor.zeros(0, 3, 1)).shape());
        assertEquals(Shape.of(0, 2, 2), Tensor.zeros(0, 2, 2).cholesky().shape());
        assertEquals(Shape.of(0, 2, 5), Tensor.zeros(0, 2, 2).triangularSolve(Tensor.zeros(0, 2, 5), true).shape());
        assertEquals(Shape.of(0, 0), Tensor.zeros(0, 0).inverse().shape());
        assertEquals(Shape.of(2, 0), A.slice(0, 0, 2).slice(1, 0, 2).solve(Tensor.zeros(2, 0)).shape());   // no right-hand sides
        assertEquals(Shape.of(3, 0), A.triangularSolve(Tensor.zeros(3, 0), true).shape());
        assertClose(Tensor.zeros(2, 4), Tensor.einsum("ij,jk->ik", Tensor.zeros(2, 0), Tensor.zeros(0, 4)));   // an empty sum is 0
        assertEquals(Shape.of(0, 3), Tensor.einsum("ij->ji", Tensor.zeros(3, 0)).shape());
    }

    // ---------------------------------------------------------------- helpers

    private static Tensor lowerOf(Tensor m) {
        int n = m.shape().dim(0);
        double[] v = m.toArray();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                v[i * n + j] = 0;
            }
        }
        return Tensor.of(v, n, n);
    }

    private static Tensor upperOf(Tensor m) {
        return lowerOf(m.transpose()).transpose();
    }

    private static void assertClose(Tensor expected, Tensor actual) {
        assertEquals(expected.shape(), actual.shape(), "shape");
        assertTrue(actual.allClose(expected, 1e-10, 1e-12), () -> "expected " + expected + "\n but got " + actual);
    }

    private static void assertMessage(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
    }
}
