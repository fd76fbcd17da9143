package io.github.chainrule.ops;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Structural ops undo one another, and the pairs used as backward rules are adjoints.
 *
 * <p>Why adjoints matter: the backward rule of a linear op L is its adjoint Lᵀ, the map with
 * ⟨L(x), y⟩ = ⟨x, Lᵀ(y)⟩ for all x, y. broadcastTo's backward is sumTo, slice's is pad, indexSelect's is
 * indexAdd; each property below checks one such identity or round trip exactly.
 */
class ShapingProperties {

    @Provide
    Arbitrary<Tensor> tensors() {
        return OpCases.dims(1, 4).flatMap(d -> Arbitraries.longs().map(seed -> Tensor.randn(new Random(seed), d)));
    }

    /** Reshaping to any shape of the same size and back gives the tensor back, values in the same row-major order. */
    @Property(tries = 100)
    void reshapeThereAndBackIsTheIdentity(@ForAll("tensors") Tensor x, @ForAll long seed) {
        List<Integer> dims = new ArrayList<>();
        for (int d : x.shape().dims()) {
            dims.add(d);
        }
        Collections.shuffle(dims, new Random(seed));
        Tensor y = x.reshape(OpCases.ints(dims));
        assertArrayEquals(x.toArray(), y.toArray(), 0.0);
        assertEquals(x.shape(), y.reshape(x.shape().dims()).shape());
        assertArrayEquals(x.toArray(), x.reshape(-1).toArray(), 0.0);
    }

    /** Permuting axes and then applying the inverse permutation gives the tensor back; y[i_p] = x[i]. */
    @Property(tries = 100)
    void permuteThenInversePermuteIsTheIdentity(@ForAll("tensors") Tensor x, @ForAll long seed) {
        int r = x.rank();
        List<Integer> p = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            p.add(i);
        }
        Collections.shuffle(p, new Random(seed));
        int[] perm = OpCases.ints(p);
        int[] inverse = new int[r];
        for (int i = 0; i < r; i++) {
            inverse[perm[i]] = i;
        }
        Tensor y = x.permute(perm);
        int[] first = new int[r];                  // element 0 along every axis but the last, which is 1 if it can be
        first[r - 1] = x.shape().dim(r - 1) > 1 ? 1 : 0;
        int[] moved = new int[r];
        for (int i = 0; i < r; i++) {
            moved[i] = first[perm[i]];
        }
        assertEquals(x.get(first), y.get(moved), 0.0);
        Tensor back = y.permute(inverse);
        assertEquals(x.shape(), back.shape());
        assertArrayEquals(x.toArray(), back.toArray(), 0.0);
    }

    /**
     * A permute large enough to be copied by both cores in ranges of runs (past {@link Split#MIN_WORK} elements,
     * with runs as short as one element) puts every element where its index says: y[i_p] = x[i], checked
     * element by element, so that a range starting mid-odometer is caught.
     */
    @Property(tries = 20)
    void aPermuteSplitOverTheCoresMovesEveryElementToItsPermutedIndex(@ForAll @IntRange(min = 2, max = 4) int rank,
                                                                    @ForAll long seed) {
        Random rng = new Random(seed);
        int[] dims = new int[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = 1 + rng.nextInt(i == 0 ? 7 : 40);
            size *= dims[i];
        }
        dims[0] = (int) Math.max(dims[0], (Split.MIN_WORK + size / dims[0] - 1) / (size / dims[0]) + rng.nextInt(3));
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            order.add(i);
        }
        Collections.shuffle(order, rng);
        int[] perm = OpCases.ints(order);
        Tensor x = Tensor.randn(rng, dims);
        Tensor y = x.permute(perm);
        double[] xs = x.toArray();
        double[] ys = y.toArray();
        int[] xStrides = x.shape().strides();
        int[] yDims = y.shape().dims();
        int[] index = new int[rank];
        for (int at = 0; at < ys.length; at++) {
            int from = 0;
            for (int i = 0; i < rank; i++) {
                from += index[i] * xStrides[perm[i]];
            }
            assertEquals(xs[from], ys[at], 0.0, "y" + java.util.Arrays.toString(index) + " of x" + x.shape() + " permuted by "
                    + java.util.Arrays.toString(perm));
            for (int i = rank - 1; i >= 0 && ++index[i] == yDims[i]; i--) {
                index[i] = 0;
            }
        }
    }

    /** Cutting a tensor into slices along an axis and concatenating them gives it back. */
    @Property(tries = 100)
    void slicesConcatenatedAlongTheirAxisGiveTheTensorBack(@ForAll("tensors") Tensor x, @ForAll @IntRange(max = 3) int axisDraw,
                                                          @ForAll long seed) {
        int axis = axisDraw % x.rank();
        int n = x.shape().dim(axis);
        int cut = new Random(seed).nextInt(n + 1);
        Tensor back = Tensor.concat(axis, x.slice(axis, 0, cut), x.slice(axis, cut, n));
        assertEquals(x.shape(), back.shape());
        assertArrayEquals(x.toArray(), back.toArray(), 0.0);
    }

    /** Padding with zeros and slicing the original range back out gives the tensor back; the padding is zero. */
    @Property(tries = 100)
    void padThenSliceIsTheIdentity(@ForAll("tensors") Tensor x, @ForAll @IntRange(max = 3) int axisDraw,
                                   @ForAll @IntRange(max = 3) int before, @ForAll @IntRange(max = 3) int after) {
        int axis = axisDraw % x.rank();
        int n = x.shape().dim(axis);
        Tensor padded = x.pad(axis, before, after);
        assertEquals(n + before + after, padded.shape().dim(axis));
        assertArrayEquals(x.toArray(), padded.slice(axis, before, before + n).toArray(), 0.0);
        assertEquals(padded.abs().sum().item(), x.abs().sum().item(), 1e-9);
    }

    /** Scatter-adding a selection back counts each entry as often as it was selected: indexAdd(indexSelect(x, i), i) = x·count. */
    @Property(tries = 100)
    void indexAddOfIndexSelectMultipliesEachEntryByHowOftenItWasPicked(@ForAll("tensors") Tensor x,
                                                                     @ForAll @IntRange(max = 3) int axisDraw, @ForAll long seed) {
        int axis = axisDraw % x.rank();
        int n = x.shape().dim(axis);
        Random rng = new Random(seed);
        int[] idx = new int[rng.nextInt(6)];
        double[] count = new double[n];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = rng.nextInt(n);
            count[idx[j]]++;
        }
        Tensor picked = x.indexSelect(axis, idx);
        Tensor back = Indexing.indexAdd(picked, axis, idx, n);
        int[] countDims = new int[x.rank()];
        java.util.Arrays.fill(countDims, 1);
        countDims[axis] = n;
        assertArrayEquals(x.mul(Tensor.of(count, countDims)).toArray(), back.toArray(), 1e-12);
    }

    @Provide
    Arbitrary<int[][]> broadcastPairs() {
        return OpCases.dims(0, 3).flatMap(out -> OpCases.broadcastableTo(out).map(in -> new int[][] {in, out}));
    }

    /** sumTo is the adjoint of broadcastTo: ⟨broadcastTo(x), y⟩ = ⟨x, sumTo(y)⟩ for all x and y. */
    @Property(tries = 200)
    void sumToIsTheAdjointOfBroadcastTo(@ForAll("broadcastPairs") int[][] shapes, @ForAll long seed) {
        Random rng = new Random(seed);
        Tensor x = Tensor.randn(rng, shapes[0]);
        Tensor y = Tensor.randn(rng, shapes[1]);
        double left = x.broadcastTo(Shape.of(shapes[1])).mul(y).sum().item();
        double right = x.mul(y.sumTo(x.shape())).sum().item();
        assertEquals(left, right, 1e-12 * (1 + Math.abs(left)) * y.size());
    }

    /** Combined with where: a constant mask picks entries, so where(m, a, b) + where(m, b, a) = a + b. */
    @Property(tries = 50)
    void whereAndItsComplementTogetherHoldBothInputs(@ForAll("broadcastPairs") int[][] shapes, @ForAll long seed) {
        Random rng = new Random(seed);
        Tensor a = Tensor.randn(rng, shapes[1]);
        Tensor b = Tensor.randn(rng, shapes[0]);
        double[] bits = new double[Shape.of(shapes[0]).size()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = rng.nextBoolean() ? 1 : 0;
        }
        Tensor mask = Tensor.of(bits, shapes[0]);
        Tensor both = Tensor.where(mask, a, b).add(Tensor.where(mask, b, a));
        assertArrayEquals(a.add(b).toArray(), both.toArray(), 1e-15);
    }
}
