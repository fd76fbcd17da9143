package io.github.chainrule.ops;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.require;

/**
 * Sorting along an axis: sort and topk. The order is found on the values (a constant index tensor), and
 * the values are then {@link Gathering#gather gathered} by it, so their gradient is gather's: scatterAdd
 * puts each g back where its value came from. The permutation is piecewise constant in x, so the derivative
 * holds wherever no two values along the axis tie; at a tie the order, and so the gradient's route, is
 * numpy's stable one (equal values keep their order, descending too).
 */
public final class Sorting {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    private Sorting() {
    }

    private static void define(OpDef.Builder b) {
        Families.define(DEFINITIONS, "Sorting", b);
    }

    static {
        define(OpDef.builder("sort", Signature.SORT).shapes("x: any shape, rank ≥ 1 → the same shape")
                .forward("the values of x sorted along axis, ascending or descending (sort also returns the indices)")
                .derivative("dx = scatterAdd(zeros(x.shape), axis, indices, g): each g goes back to where its value came from")
                .ties("stable: equal values keep their order, so the gradient follows the first-come value; NaN sorts as the largest")
                .invoker((in, at) -> sort(in[0], at.integer("sort", "axis"), at.bool("sort", "descending", false)).values()));
        define(OpDef.builder("topk", Signature.TOPK).shapes("x → x with axis cut to k")
                .forward("the k largest (or smallest) values of x along axis, in sorted order (topk also returns the indices)")
                .derivative("dx = scatterAdd(zeros(x.shape), axis, indices, g); the values not picked get 0")
                .ties("stable: of equal values the first along the axis is picked first; NaN counts as the largest")
                .invoker((in, at) -> topk(in[0], at.integer("topk", "k"), at.integer("topk", "axis"),
                        at.bool("topk", "largest", true)).values()));
    }

    /**
     * A sort's or topk's result: the values, differentiable, and where along the axis each came from, a
     * constant tensor of integral doubles of the same shape (usable with {@link Gathering#gather}).
     *
     * @param values  the sorted values, graph nodes
     * @param indices the positions along the axis the values came from, not differentiable
     */
    public record ValuesAndIndices(Tensor values, Tensor indices) {
    }

    /**
     * Returns x sorted along {@code axis}, with the positions the values came from. The sort is stable (equal
     * values keep their order, as numpy's {@code kind="stable"} and PyTorch's {@code stable=True}); NaN counts
     * as larger than every number, so it comes last ascending and first descending.
     *
     * @param x          a tensor of rank at least 1
     * @param axis       the axis to sort along, negative counting from the end
     * @param descending largest first if true
     * @return the sorted values (differentiable) and their indices (a constant)
     * @throws IllegalArgumentException if the axis is out of range
     */
    public static ValuesAndIndices sort(Tensor x, int axis, boolean descending) {
        require("sort", "x", x);
        int ax = x.shape().normalizeAxis("sort", axis);
        Tensor indices = order(x, ax, descending, x.shape().dim(ax));
        return new ValuesAndIndices(Gathering.gather(x, ax, indices), indices);
    }

    /**
     * Returns the k largest (or smallest) values along {@code axis}, in sorted order, with the positions they
     * came from, as PyTorch's {@code topk}. Of equal values the one first along the axis comes first.
     *
     * @param x       a tensor of rank at least 1
     * @param k       how many values, from 0 to the axis length
     * @param axis    the axis, negative counting from the end
     * @param largest the largest values, largest first, if true; else the smallest, smallest first
     * @return the values (differentiable) and their indices (a constant), axis cut to k
     * @throws IllegalArgumentException if the axis is out of range or k is outside [0, axis length]
     */
    public static ValuesAndIndices topk(Tensor x, int k, int axis, boolean largest) {
        require("topk", "x", x);
        int ax = x.shape().normalizeAxis("topk", axis);
        int n = x.shape().dim(ax);
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("topk: k = " + k + " is outside [0, " + n + "] for axis " + axis
                    + " of shape " + x.shape());
        }
        Tensor indices = order(x, ax, largest, k);
        return new ValuesAndIndices(Gathering.gather(x, ax, indices), indices);
    }

    private static boolean[] axesAfter(int rank, int ax) {
        boolean[] after = new boolean[rank];
        for (int a = ax + 1; a < rank; a++) {
            after[a] = true;
        }
        return after;
    }

    /**
     * Returns, for every line of x along axis ax, the positions of its first {@code keep} values in sorted
     * order, as a tensor of x's shape with that axis cut to {@code keep}.
     */
    private static Tensor order(Tensor x, int ax, boolean descending, int keep) {
        Shape shape = x.shape();
        int n = shape.dim(ax);
        int inner = Axes.count(shape, axesAfter(shape.rank(), ax));
        int outer = n == 0 || inner == 0 ? 0 : x.size() / (n * inner);
        Shape outShape = shape.withDim(ax, keep);
        double[] out = new double[outShape.size()];
        double[] v = x.buffer();
        Integer[] line = new Integer[outer == 0 || inner == 0 ? 0 : n];   // an empty tensor sorts nothing, whatever its axis length
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                for (int j = 0; j < n; j++) {
                    line[j] = j;
                }
                // Compare as numbers, so that -0.0 and 0.0 tie as in numpy; Double.compare then puts NaN last.
                Comparator<Integer> ascending = (p, q) -> {
                    double a = v[base + p * inner];
                    double b = v[base + q * inner];
                    return a < b ? -1 : a > b ? 1 : Double.compare(Double.isNaN(a) ? 1 : 0, Double.isNaN(b) ? 1 : 0);
                };
                // Arrays.sort on objects is stable; reversing the comparator keeps ties in their first order.
                Arrays.sort(line, descending ? ascending.reversed() : ascending);
                for (int j = 0; j < keep; j++) {
                    out[(o * keep + j) * inner + i] = line[j];
                }
            }
        }
        return Tensor.wrap(out, outShape);
    }
}
