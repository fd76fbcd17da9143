package io.github.chainrule.ops;

import io.github.chainrule.Tensor;
import io.github.chainrule.gradcheck.GradCheck;
import io.github.chainrule.gradcheck.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaping, indexing and sorting ops of issue 12 on hand-computed examples, most of them numpy's or
 * PyTorch's documented ones; bad input named by op and values; zero-size axes; NaN passed through.
 */
class ShapingAndIndexingExamplesTest {

    private static Tensor arange(int n, int... dims) {
        return Tensor.arange(n).reshape(dims);
    }

    private static void assertValues(Tensor t, int[] dims, double... values) {
        assertArrayEquals(dims, t.shape().dims(), () -> "shape " + t.shape());
        assertArrayEquals(values, t.toArray(), 0.0);
    }

    // ---------------------------------------------------------------- squeeze, unsqueeze, flatten

    @Test
    void squeezeRemovesLengthOneAxesAndRefusesALongerOne() {
        Tensor x = Tensor.zeros(1, 3, 1, 2);
        assertArrayEquals(new int[] {3, 2}, x.squeeze().shape().dims());
        assertArrayEquals(new int[] {1, 3, 2}, x.squeeze(2).shape().dims());
        assertArrayEquals(new int[] {3, 1, 2}, x.squeeze(-4).shape().dims());
        assertArrayEquals(new int[] {0, 3}, Tensor.zeros(0, 1, 3).squeeze().shape().dims());
        assertMessage(() -> x.squeeze(1), "squeeze: axis 1", "(1,3,1,2)", "length 3, not 1");
        assertMessage(() -> x.squeeze(4), "squeeze: axis 4");
    }

    @Test
    void unsqueezeInsertsALengthOneAxisAtAnyPositionOfTheResult() {
        Tensor x = Tensor.zeros(2, 3);
        assertArrayEquals(new int[] {1, 2, 3}, x.unsqueeze(0).shape().dims());
        assertArrayEquals(new int[] {2, 1, 3}, x.unsqueeze(1).shape().dims());
        assertArrayEquals(new int[] {2, 3, 1}, x.unsqueeze(2).shape().dims());
        assertArrayEquals(new int[] {2, 3, 1}, x.unsqueeze(-1).shape().dims());
        assertArrayEquals(new int[] {1, 2, 3}, x.unsqueeze(-3).shape().dims());
        assertArrayEquals(new int[] {1}, Tensor.scalar(5).unsqueeze(0).shape().dims());
        assertMessage(() -> x.unsqueeze(3), "unsqueeze: axis 3", "(2,3)", "[-3, 2]");
        assertMessage(() -> x.unsqueeze(-4), "unsqueeze: axis -4");
    }

    @Test
    void flattenMergesTheAxesFromStartToEndInclusive() {
        Tensor x = Tensor.zeros(2, 3, 4, 5);
        assertArrayEquals(new int[] {2, 12, 5}, x.flatten(1, 2).shape().dims());
        assertArrayEquals(new int[] {120}, x.flatten().shape().dims());
        assertArrayEquals(new int[] {2, 60}, x.flatten(1, -1).shape().dims());
        assertArrayEquals(new int[] {2, 3, 4, 5}, x.flatten(2, 2).shape().dims());
        assertArrayEquals(new int[] {1}, Tensor.scalar(7).flatten().shape().dims());
        assertArrayEquals(new int[] {2, 0}, Tensor.zeros(2, 0, 3).flatten(1, 2).shape().dims());
        Tensor y = arange(6, 2, 3);
        assertValues(y.flatten(), new int[] {6}, 0, 1, 2, 3, 4, 5);
        assertMessage(() -> x.flatten(2, 1), "flatten: end axis 1 comes before start axis 2", "(2,3,4,5)");
        assertMessage(() -> x.flatten(0, 4), "flatten: axis 4");
    }

    // ---------------------------------------------------------------- stack, split, chunk

    @Test
    void stackJoinsTensorsOfOneShapeAlongANewAxis() {
        Tensor a = Tensor.vector(1, 2);
        Tensor b = Tensor.vector(3, 4);
        assertValues(Tensor.stack(0, a, b), new int[] {2, 2}, 1, 2, 3, 4);
        assertValues(Tensor.stack(1, a, b), new int[] {2, 2}, 1, 3, 2, 4);
        assertValues(Tensor.stack(-1, a, b), new int[] {2, 2}, 1, 3, 2, 4);
        assertValues(Tensor.stack(0, Tensor.scalar(1), Tensor.scalar(2), Tensor.scalar(3)), new int[] {3}, 1, 2, 3);
        assertArrayEquals(new int[] {2, 0}, Tensor.stack(0, Tensor.zeros(0), Tensor.zeros(0)).shape().dims());
        assertMessage(() -> Tensor.stack(0, a, Tensor.vector(1, 2, 3)), "stack: tensor 1 has shape (3,)", "(2,)");
        assertMessage(() -> Tensor.stack(0), "stack: needs at least one tensor");
        assertMessage(() -> Tensor.stack(2, a, b), "stack: axis 2");
        assertMessage(() -> Tensor.stack(0, a, null), "stack", "tensor 1");
    }

    @Test
    void stackSendsEachSliceOfTheGradientToItsTensor() {
        Tensor a = Tensor.vector(1, 2).requiresGrad();
        Tensor b = Tensor.vector(3, 4).requiresGrad();
        Tensor.stack(1, a, b).mul(Tensor.matrix(new double[][] {{1, 2}, {3, 4}})).sum().backward();
        assertArrayEquals(new double[] {1, 3}, a.grad().toArray());
        assertArrayEquals(new double[] {2, 4}, b.grad().toArray());
    }

    @Test
    void splitCutsConsecutivePiecesOfTheGivenSizes() {
        Tensor[] pieces = Tensor.arange(5).split(0, 2, 0, 3);
        assertEquals(3, pieces.length);
        assertValues(pieces[0], new int[] {2}, 0, 1);
        assertValues(pieces[1], new int[] {0});
        assertValues(pieces[2], new int[] {3}, 2, 3, 4);
        Tensor[] columns = arange(6, 2, 3).split(1, 1, 2);
        assertValues(columns[0], new int[] {2, 1}, 0, 3);
        assertValues(columns[1], new int[] {2, 2}, 1, 2, 4, 5);
        assertMessage(() -> Tensor.arange(5).split(0, 2, 2), "split: piece sizes [2, 2] add up to 4", "length 5", "(5,)");
        assertMessage(() -> Tensor.arange(5).split(0, 6, -1), "split", "negative");
        assertMessage(() -> Tensor.arange(5).split(0), "split: needs at least one piece size");
    }

    /** Each piece is a slice, so a piece used twice, and pieces used together, send their gradients to their own ranges. */
    @Test
    void splitPiecesUsedRepeatedlyGetTheirGradientsRight() {
        Tensor x = Tensor.vector(1, 2, 3, 4, 5).requiresGrad();
        Tensor[] p = x.split(0, 2, 3);
        p[0].mul(2).sum().add(p[0].sum()).add(p[1].mul(p[1]).sum()).backward();
        assertArrayEquals(new double[] {3, 3, 6, 8, 10}, x.grad().toArray());
    }

    @Test
    void chunkCutsPiecesOfTheCeilingLengthAsPyTorchDoes() {
        Tensor[] c = Tensor.arange(5).chunk(4, 0);
        assertEquals(3, c.length, "5 into 4 chunks: pieces of 2, so three of them (PyTorch gives three too)");
        assertValues(c[0], new int[] {2}, 0, 1);
        assertValues(c[1], new int[] {2}, 2, 3);
        assertValues(c[2], new int[] {1}, 4);
        Tensor[] even = Tensor.arange(6).chunk(3, -1);
        assertEquals(3, even.length);
        assertValues(even[2], new int[] {2}, 4, 5);
        assertEquals(1, Tensor.zeros(0).chunk(3, 0).length);
        assertMessage(() -> Tensor.arange(5).chunk(0, 0), "chunk: the number of chunks must be positive, got 0");
        assertMessage(() -> Tensor.arange(5).chunk(2, 1), "chunk: axis 1");
    }

    /**
     * An empty tensor may declare an axis of 2^31 − 1; cutting it into every one of its pieces would take
     * hundreds of gigabytes of tensors, so it is refused by name instead of ending in an OutOfMemoryError (the
     * public-API fuzz found it: chunk(huge, 1) on an empty (0, 2147483647)).
     */
    @Test
    void splitsIntoMorePiecesThanAHeapHoldsAreRefusedNamingTheOp() {
        Tensor empty = Tensor.zeros(0, Integer.MAX_VALUE);
        assertMessage(() -> empty.chunk(Integer.MAX_VALUE, 1), "chunk: 2147483647 pieces of shape (0,2147483647)",
                "more than the 16777216");
        assertEquals(65536, Tensor.zeros(0, 65536).chunk(1 << 20, 1).length, "a split below the limit still runs");
        Tensor x = Tensor.zeros(0, Integer.MAX_VALUE - 1, 1, 1);
        Tensor w = Tensor.zeros(Integer.MAX_VALUE - 1, 1, 1, 0);   // empty, so it may declare that many filters
        assertMessage(() -> x.conv2d(w, null, io.github.chainrule.ops.ConvOptions.DEFAULT.groups(Integer.MAX_VALUE - 1)),
                "conv2d: 2147483646 pieces");
    }

    // ---------------------------------------------------------------- transposes

    @Test
    void transposeReversesAllAxesWhileTransposeOfTwoAxesAndMTExchangeOnlyThose() {
        Tensor x = arange(24, 2, 3, 4);
        assertArrayEquals(new int[] {4, 3, 2}, x.transpose().shape().dims());
        Tensor y = x.transpose(0, 2);
        assertArrayEquals(new int[] {4, 3, 2}, y.shape().dims());
        assertEquals(x.get(0, 1, 3), y.get(3, 1, 0), 0.0);
        assertEquals(x.get(1, 2, 0), y.get(0, 2, 1), 0.0);
        assertArrayEquals(new int[] {2, 4, 3}, x.mT().shape().dims());
        assertEquals(x.get(1, 2, 3), x.mT().get(1, 3, 2), 0.0);
        assertArrayEquals(new int[] {3, 2, 4}, x.swapAxes(-3, -2).shape().dims());
        assertArrayEquals(x.toArray(), x.transpose(1, 1).toArray(), 0.0);
        assertMessage(() -> Tensor.zeros(3).mT(), "mT: needs a tensor of rank at least 2", "(3,)");
        assertMessage(() -> x.transpose(0, 3), "swap_axes: axis 3");
    }

    // ---------------------------------------------------------------- tile and repeatInterleave

    /** numpy's documented tile examples; PyTorch's x.repeat(reps) gives the same. */
    @Test
    void tileCopiesTheWholeTensorAsNumpysTile() {
        Tensor a = Tensor.vector(0, 1, 2);
        assertValues(a.tile(2), new int[] {6}, 0, 1, 2, 0, 1, 2);
        assertValues(a.tile(2, 2), new int[] {2, 6}, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2);
        assertValues(a.tile(2, 1, 2), new int[] {2, 1, 6}, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2);
        Tensor b = Tensor.matrix(new double[][] {{1, 2}, {3, 4}});
        assertValues(b.tile(2), new int[] {2, 4}, 1, 2, 1, 2, 3, 4, 3, 4);
        assertValues(b.tile(2, 1), new int[] {4, 2}, 1, 2, 3, 4, 1, 2, 3, 4);
        assertValues(a.tile(0), new int[] {0});
        assertValues(Tensor.zeros(2, 0).tile(2, 3), new int[] {4, 0});
        assertMessage(() -> a.tile(-1), "tile: reps [-1] include a negative count");
        assertMessage(() -> Tensor.zeros(1000, 1000).tile(1000, 1000), "tile", "more than 2^31-1 elements");
    }

    /** numpy's np.repeat(x, r, axis), which PyTorch calls repeat_interleave: elements repeated in place. */
    @Test
    void repeatInterleaveRepeatsEachElementInPlaceAsNumpysRepeat() {
        Tensor b = Tensor.matrix(new double[][] {{1, 2}, {3, 4}});
        assertValues(b.repeatInterleave(2, 0), new int[] {4, 2}, 1, 2, 1, 2, 3, 4, 3, 4);
        assertValues(b.repeatInterleave(2, 1), new int[] {2, 4}, 1, 1, 2, 2, 3, 3, 4, 4);
        assertValues(b.repeatInterleave(0, 1), new int[] {2, 0});
        Tensor v = Tensor.vector(1, 2).requiresGrad();
        v.repeatInterleave(3, 0).mul(Tensor.vector(1, 2, 3, 4, 5, 6)).sum().backward();
        assertArrayEquals(new double[] {6, 15}, v.grad().toArray());
        assertMessage(() -> b.repeatInterleave(-1, 0), "repeat_interleave: repeats must not be negative, got -1");
        assertMessage(() -> b.repeatInterleave(2, 2), "repeat_interleave: axis 2");
        assertMessage(() -> Tensor.zeros(1000, 1000).repeatInterleave(1 << 12, 0), "repeat_interleave", "more than 2^31-1 elements");
    }

    // ---------------------------------------------------------------- gather, scatterAdd, indexSelect

    /** PyTorch's gather example: t = [[1, 2], [3, 4]], gather(t, 1, [[0, 0], [1, 0]]) = [[1, 1], [4, 3]]. */
    @Test
    void gatherPicksAlongTheAxisAsPyTorchsGather() {
        Tensor t = Tensor.matrix(new double[][] {{1, 2}, {3, 4}});
        assertValues(t.gather(1, Tensor.matrix(new double[][] {{0, 0}, {1, 0}})), new int[] {2, 2}, 1, 1, 4, 3);
        assertValues(t.gather(0, Tensor.matrix(new double[][] {{1, 0}})), new int[] {1, 2}, 3, 2);
        assertValues(t.gather(-1, Tensor.matrix(new double[][] {{1, 1, 0}})), new int[] {1, 3}, 2, 2, 1);
        assertValues(t.gather(0, Tensor.zeros(0, 2)), new int[] {0, 2});
    }

    @Test
    void gatherSendsRepeatedPicksTheirSummedGradient() {
        Tensor t = Tensor.matrix(new double[][] {{1, 2}, {3, 4}}).requiresGrad();
        t.gather(1, Tensor.matrix(new double[][] {{0, 0}, {1, 0}})).mul(Tensor.matrix(new double[][] {{1, 2}, {3, 4}})).sum().backward();
        assertValues(t.grad(), new int[] {2, 2}, 3, 0, 4, 3);
    }

    /** PyTorch's scatter_add_ example: zeros(3, 5) with ones added at index [[0, 1, 2, 0, 0], [0, 1, 2, 2, 2]] along axis 0. */
    @Test
    void scatterAddAddsAtTheIndexedPositionsAsPyTorchsScatterAdd() {
        Tensor index = Tensor.matrix(new double[][] {{0, 1, 2, 0, 0}, {0, 1, 2, 2, 2}});
        Tensor y = Tensor.zeros(3, 5).scatterAdd(0, index, Tensor.ones(2, 5));
        assertValues(y, new int[] {3, 5}, 2, 0, 0, 1, 1, 0, 2, 0, 0, 0, 0, 0, 2, 1, 1);
        Tensor x = Tensor.ones(3, 5).requiresGrad();
        Tensor src = Tensor.matrix(new double[][] {{1, 2, 3, 4, 5}, {6, 7, 8, 9, 10}}).requiresGrad();
        Tensor g = arange(15, 3, 5);
        x.scatterAdd(0, index, src).mul(g).sum().backward();
        assertArrayEquals(g.toArray(), x.grad().toArray(), 0.0);
        assertValues(src.grad(), new int[] {2, 5}, 0, 6, 12, 3, 4, 0, 6, 12, 13, 14);
    }

    @Test
    void gatherAndScatterAddRefuseIndicesOutOfRangeOrNotIntegralAndShapesThatDoNotFit() {
        Tensor t = Tensor.zeros(2, 3);
        assertMessage(() -> t.gather(1, Tensor.matrix(new double[][] {{3}})), "gather: index 3", "out of range for axis 1 of length 3");
        assertMessage(() -> t.gather(1, Tensor.matrix(new double[][] {{-1}})), "gather: index -1", "length 3");
        assertMessage(() -> t.gather(1, Tensor.matrix(new double[][] {{0.5}})), "gather: index 0.5", "not an integer");
        assertMessage(() -> t.gather(1, Tensor.matrix(new double[][] {{Double.NaN}})), "gather: index NaN", "not an integer");
        assertMessage(() -> t.gather(1, Tensor.vector(0)), "gather: index of shape (1,) must have the rank 2 of x");
        assertMessage(() -> t.gather(1, Tensor.zeros(3, 1)), "gather: index of shape (3,1) is longer than x", "on axis 0");
        assertMessage(() -> t.gather(2, Tensor.zeros(2, 3)), "gather: axis 2");
        assertMessage(() -> t.scatterAdd(0, Tensor.zeros(1, 3), Tensor.zeros(1, 2)), "scatter_add: src of shape (1,2)", "(1,3)");
        assertMessage(() -> t.scatterAdd(0, Tensor.full(2, 1, 3), Tensor.zeros(1, 3)), "scatter_add: index 2", "axis 0 of length 2");
    }

    @Test
    void indexSelectTakesItsIndicesFromATensorToo() {
        Tensor x = arange(6, 3, 2);
        assertValues(x.indexSelect(0, Tensor.vector(2, 0, 2)), new int[] {3, 2}, 4, 5, 0, 1, 4, 5);
        assertValues(x.indexSelect(1, Tensor.vector(1)), new int[] {3, 1}, 1, 3, 5);
        assertValues(x.indexSelect(0, Tensor.zeros(0)), new int[] {0, 2});
        assertMessage(() -> x.indexSelect(0, Tensor.vector(1.5)), "index_select: index 1.5", "not an integer");
        assertMessage(() -> x.indexSelect(0, Tensor.vector(3)), "index_select: index 3", "axis 0 of length 3");
        assertMessage(() -> x.indexSelect(0, Tensor.zeros(1, 1)), "index_select: index must be a vector", "(1,1)");
    }

    // ---------------------------------------------------------------- diag and trace

    @Test
    void diagBuildsADiagonalMatrixFromAVectorOnAnyDiagonal() {
        Tensor v = Tensor.vector(1, 2);
        assertValues(v.diag(), new int[] {2, 2}, 1, 0, 0, 2);
        assertValues(v.diag(1), new int[] {3, 3}, 0, 1, 0, 0, 0, 2, 0, 0, 0);
        assertValues(v.diag(-1), new int[] {3, 3}, 0, 0, 0, 1, 0, 0, 0, 2, 0);
        assertValues(Tensor.zeros(0).diag(), new int[] {0, 0});
    }

    @Test
    void diagOfAMatrixIsItsDiagonalAsNumpysDiag() {
        Tensor m = arange(9, 3, 3);
        assertValues(m.diag(), new int[] {3}, 0, 4, 8);
        assertValues(m.diag(1), new int[] {2}, 1, 5);
        assertValues(m.diag(-2), new int[] {1}, 6);
        assertValues(m.diag(5), new int[] {0});
        Tensor wide = arange(6, 2, 3);
        assertValues(wide.diag(), new int[] {2}, 0, 4);
        assertValues(wide.diag(1), new int[] {2}, 1, 5);
        assertValues(wide.diag(-1), new int[] {1}, 3);
        assertMessage(() -> Tensor.zeros(2, 2, 2).diag(), "diag: needs a vector or a matrix", "(2,2,2)");
        assertMessage(() -> Tensor.zeros(3).diag(Integer.MIN_VALUE), "diag", "more than 2^31-1 elements");
    }

    @Test
    void traceSumsTheMainDiagonalAndItsGradientIsTheIdentity() {
        Tensor m = arange(6, 2, 3).requiresGrad();
        Tensor t = m.trace();
        assertEquals(4, t.item(), 0.0);
        t.backward();
        assertValues(m.grad(), new int[] {2, 3}, 1, 0, 0, 0, 1, 0);
        assertEquals(0, Tensor.zeros(0, 3).trace().item(), 0.0);
        assertMessage(() -> Tensor.zeros(3).trace(), "trace: needs a matrix", "(3,)");
    }

    // ---------------------------------------------------------------- sort and topk

    @Test
    void sortOrdersValuesAndReturnsWhereEachCameFrom() {
        Sorting.ValuesAndIndices up = Tensor.vector(3, 1, 2).sort(0, false);
        assertValues(up.values(), new int[] {3}, 1, 2, 3);
        assertValues(up.indices(), new int[] {3}, 1, 2, 0);
        Sorting.ValuesAndIndices down = Tensor.vector(3, 1, 2).sort(0, true);
        assertValues(down.values(), new int[] {3}, 3, 2, 1);
        assertValues(down.indices(), new int[] {3}, 0, 2, 1);
        Sorting.ValuesAndIndices columns = Tensor.matrix(new double[][] {{3, 0}, {1, 5}}).sort(0, false);
        assertValues(columns.values(), new int[] {2, 2}, 1, 0, 3, 5);
        assertValues(columns.indices(), new int[] {2, 2}, 1, 0, 0, 1);
        assertTrue(!columns.indices().isGradRequired());
        assertValues(Tensor.zeros(2, 0).sort(1, false).values(), new int[] {2, 0});
        assertMessage(() -> Tensor.scalar(1).sort(0, false), "sort: axis 0");
    }

    /** numpy's stable order: equal values keep their order, ascending and descending alike. */
    @Test
    void sortIsStableForTiesAndPutsNaNWithTheLargest() {
        assertValues(Tensor.vector(2, 1, 2, 1).sort(0, false).indices(), new int[] {4}, 1, 3, 0, 2);
        assertValues(Tensor.vector(2, 1, 2, 1).sort(0, true).indices(), new int[] {4}, 0, 2, 1, 3);
        assertValues(Tensor.vector(0.0, -0.0).sort(0, false).indices(), new int[] {2}, 0, 1);
        Sorting.ValuesAndIndices withNaN = Tensor.vector(Double.NaN, 1, 0).sort(0, false);
        assertValues(withNaN.indices(), new int[] {3}, 2, 1, 0);
        assertTrue(Double.isNaN(withNaN.values().get(2)));
        assertValues(Tensor.vector(Double.NaN, 1, 0).sort(0, true).indices(), new int[] {3}, 0, 1, 2);
    }

    @Test
    void sortSendsEachGradientBackToWhereItsValueCameFrom() {
        Tensor x = Tensor.vector(3, 1, 2).requiresGrad();
        x.sort(0, false).values().mul(Tensor.vector(10, 20, 30)).sum().backward();
        assertArrayEquals(new double[] {30, 10, 20}, x.grad().toArray());
    }

    @Test
    void topkPicksTheLargestOrSmallestInSortedOrder() {
        Tensor x = Tensor.vector(1, 5, 3, 5).requiresGrad();
        Sorting.ValuesAndIndices top = x.topk(2, 0);
        assertValues(top.values(), new int[] {2}, 5, 5);
        assertValues(top.indices(), new int[] {2}, 1, 3);
        Sorting.ValuesAndIndices bottom = x.topk(2, 0, false);
        assertValues(bottom.values(), new int[] {2}, 1, 3);
        assertValues(bottom.indices(), new int[] {2}, 0, 2);
        top.values().mul(Tensor.vector(2, 7)).sum().backward();
        assertArrayEquals(new double[] {0, 2, 0, 7}, x.grad().toArray());
        assertValues(x.topk(0, 0).values(), new int[] {0});
        Sorting.ValuesAndIndices rows = Tensor.matrix(new double[][] {{1, 9, 4}, {8, 2, 6}}).topk(1, 1);
        assertValues(rows.values(), new int[] {2, 1}, 9, 8);
        assertValues(rows.indices(), new int[] {2, 1}, 1, 0);
        assertMessage(() -> x.topk(5, 0), "topk: k = 5 is outside [0, 4]", "(4,)");
        assertMessage(() -> x.topk(-1, 0), "topk: k = -1");
        assertMessage(() -> x.topk(1, 1), "topk: axis 1");
    }

    /**
     * At a tie the gradient of topk follows the stable order (the first of the equal values is picked), and the
     * kink-aware checker accepts it: 1 for the picked entry and 0 for its twin both lie between the one-sided
     * slopes 0 (lowered, it loses the place) and 1 (raised, it takes it).
     */
    @Test
    void topkAtATieSendsTheGradientToTheFirstOfTheEqualValuesASubgradientTheCheckerAccepts() {
        Report r = GradCheck.of(xs -> xs[0].topk(1, 0).values().sum()).check(Tensor.vector(2, 2, 1));
        r.assertPassed();
        assertEquals(2, r.kinks().size(), r::toString);
        assertEquals(1.0, r.kinks().get(0).analytic());
        assertEquals(0.0, r.kinks().get(1).analytic());
        for (Report.Entry k : r.kinks()) {
            assertEquals(1.0, k.forward(), 1e-7);
            assertEquals(0.0, k.backward(), 1e-7);
        }
    }

    // ---------------------------------------------------------------- NaN in, NaN out

    @Test
    void aNaNValuePassesThroughEveryOpOfThisFamilyWhereItIsSelected() {
        Tensor x = Tensor.vector(Double.NaN, 1);
        assertTrue(Double.isNaN(x.tile(2).get(2)));
        assertTrue(Double.isNaN(x.repeatInterleave(2, 0).get(1)));
        assertTrue(Double.isNaN(x.gather(0, Tensor.vector(0)).item()));
        assertTrue(Double.isNaN(Tensor.zeros(2).scatterAdd(0, Tensor.vector(1), Tensor.vector(Double.NaN)).get(1)));
        assertTrue(Double.isNaN(x.diag().get(0, 0)));
        assertTrue(Double.isNaN(x.diag().trace().item()));
        assertTrue(Double.isNaN(x.topk(1, 0).values().item()));
        assertTrue(Double.isNaN(Tensor.stack(0, x, x).get(1, 0)));
        assertTrue(Double.isNaN(x.split(0, 1, 1)[0].item()));
    }

    private static void assertMessage(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(part), () -> "message lacks \"" + part + "\": " + e.getMessage());
        }
    }
}
