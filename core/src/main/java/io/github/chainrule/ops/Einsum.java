package io.github.chainrule.ops;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.require;

/**
 * Einstein summation, as numpy's {@code einsum} with explicit subscripts ({@code "bij,bjk->bik"}) or
 * implicit ones ({@code "ij,jk"}: the output is the indices that appear once, in alphabetical order).
 *
 * <p>It is built of other ops, so its gradient comes from theirs: a repeated index within one operand
 * ({@code "ii->"}) takes a diagonal by index_select, indices that no later step needs are summed away,
 * and each pair of operands is contracted by one (batched) matmul: the indices both share and keep are
 * the batch axes, the ones they share and drop the inner axis, the rest the rows and columns. Operands
 * are contracted left to right. Not supported, with an error naming einsum and the subscripts: ellipsis
 * ({@code ...}), an index repeated in the output, an output index no operand has.
 */
public final class Einsum {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    private Einsum() {
    }

    static {
        Families.define(DEFINITIONS, "Einsum", OpDef.builder("einsum", Signature.EINSUM).arity(-1)
                .forward("out[o] = Σ over the indices not in o of Πₖ operandₖ[its indices] (String attribute subscripts)")
                .derivative("through the ops it is built of: index_select (a diagonal, for a repeated index), sum, permute,"
                        + " reshape and matmul")
                .shapes("operands whose ranks match the subscripts → the output indices' lengths")
                .invoker((in, at) -> einsum(at.text("einsum", "subscripts"), in)));
    }

    /**
     * Returns the Einstein sum of the operands described by {@code subscripts}, e.g. {@code "ij,jk->ik"}
     * (matmul), {@code "bhqd,bhkd->bhqk"} (attention scores), {@code "ii->"} (trace), {@code "ij->ji"}.
     *
     * @param subscripts one group of letters per operand, comma-separated, and optionally {@code ->} and
     *                   the output's letters
     * @param operands   the tensors, one per group, each of rank equal to its group's length
     * @return the sum, with one axis per output letter
     * @throws IllegalArgumentException naming einsum and the subscripts if they are malformed or not
     *                                  supported (ellipsis, a repeated output index), do not match the
     *                                  operands' ranks, or give one index two lengths
     */
    public static Tensor einsum(String subscripts, Tensor... operands) {
        if (subscripts == null) {
            throw new IllegalArgumentException("einsum: subscripts are null");
        }
        if (operands == null || operands.length == 0) {
            throw new IllegalArgumentException("einsum: subscripts '" + subscripts + "' need at least one operand");
        }
        for (int i = 0; i < operands.length; i++) {
            require("einsum", "operand " + i, operands[i]);
        }
        String spec = subscripts.replace(" ", "");
        if (spec.contains(".")) {
            throw bad(subscripts, "ellipsis (...) is not supported; name every axis with a letter");
        }
        String[] sides = spec.split("->", -1);
        if (sides.length > 2) {
            throw bad(subscripts, "'->' appears more than once");
        }
        String[] terms = sides[0].split(",", -1);
        if (terms.length != operands.length) {
            throw bad(subscripts, terms.length + " operand subscripts for " + operands.length + " operands");
        }
        int[] lengths = new int[128];
        Arrays.fill(lengths, -1);
        int[] count = new int[128];
        List<int[]> labels = new ArrayList<>();
        for (int k = 0; k < terms.length; k++) {
            String t = terms[k];
            if (t.length() != operands[k].rank()) {
                throw bad(subscripts, "operand " + k + " has shape " + operands[k].shape() + ", of rank "
                        + operands[k].rank() + ", but its subscripts '" + t + "' name " + t.length() + " axes");
            }
            int[] l = new int[t.length()];
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (!Character.isLetter(c) || c >= 128) {
                    throw bad(subscripts, "'" + c + "' is not an index letter (a-z, A-Z)");
                }
                int len = operands[k].shape().dim(i);
                if (lengths[c] >= 0 && lengths[c] != len) {
                    throw bad(subscripts, "index " + c + " has length " + lengths[c] + " and, in operand " + k + " of shape "
                            + operands[k].shape() + ", length " + len);
                }
                lengths[c] = len;
                count[c]++;
                l[i] = c;
            }
            labels.add(l);
        }
        int[] out;
        if (sides.length == 2) {
            out = new int[sides[1].length()];
            for (int i = 0; i < out.length; i++) {
                char c = sides[1].charAt(i);
                if (!Character.isLetter(c) || c >= 128) {
                    throw bad(subscripts, "'" + c + "' in the output is not an index letter (a-z, A-Z)");
                }
                if (sides[1].indexOf(c) != i) {
                    throw bad(subscripts, "index " + c + " is repeated in the output");
                }
                if (lengths[c] < 0) {
                    throw bad(subscripts, "output index " + c + " is not an index of any operand");
                }
                out[i] = c;
            }
        } else {   // implicit: the indices that appear once, alphabetically, as numpy does
            out = java.util.stream.IntStream.range(0, 128).filter(c -> count[c] == 1).sorted().toArray();
        }
        return new Plan(lengths, out).run(operands, labels);
    }

    private static IllegalArgumentException bad(String subscripts, String why) {
        return new IllegalArgumentException("einsum: subscripts '" + subscripts + "': " + why);
    }

    /** The steps of one einsum, with the length of each index letter. */
    private static final class Plan {
        private final List<Integer> lengths = new ArrayList<>();
        private final int[] out;

        Plan(int[] letterLengths, int[] out) {
            for (int len : letterLengths) {
                lengths.add(len);
            }
            this.out = out;
        }

        Tensor run(Tensor[] operands, List<int[]> labels) {
            List<Tensor> xs = new ArrayList<>();
            List<int[]> ls = new ArrayList<>();
            for (int k = 0; k < operands.length; k++) {
                int[][] l = {labels.get(k).clone()};
                xs.add(diagonals(operands[k], l));
                ls.add(l[0]);
            }
            Tensor acc = xs.get(0);
            int[] accLabels = ls.get(0);
            for (int k = 1; k < xs.size(); k++) {
                int[] keep = needed(ls, k + 1);
                Tensor[] a = {acc};
                accLabels = contract(a, accLabels, xs.get(k), ls.get(k), keep);
                acc = a[0];
            }
            // What is left is one operand: sum the indices the output lacks, then order the rest as the output.
            int[] summed = positionsNotIn(accLabels, out);
            if (summed.length > 0) {
                acc = Reductions.sum(acc, summed, false);
                accLabels = without(accLabels, summed);
            }
            int[] perm = new int[out.length];
            for (int i = 0; i < out.length; i++) {
                perm[i] = indexOf(accLabels, out[i]);
            }
            return acc.permute(perm);
        }

        /**
         * Takes the diagonal of an operand with a repeated index (x_ii → d_i): the two axes move to the end,
         * merge into one of n² entries, and index_select keeps entries 0, n + 1, 2(n + 1), ... Only the
         * diagonal is read, so a NaN off it stays out, as in numpy. Rewrites {@code l[0]} to the new labels.
         */
        private Tensor diagonals(Tensor x, int[][] l) {
            for (boolean found = true; found; ) {
                found = false;
                int[] ls = l[0];
                for (int p = 0; p < ls.length && !found; p++) {
                    for (int q = p + 1; q < ls.length && !found; q++) {
                        if (ls[q] == ls[p]) {
                            found = true;
                            int pp = p;
                            int qq = q;
                            int[] others = java.util.stream.IntStream.range(0, ls.length).filter(i -> i != pp && i != qq).toArray();
                            int n = lengths.get(ls[p]);
                            x = x.permute(concat(others, new int[] {p, q}));
                            int[] d = Arrays.copyOf(dims(Arrays.stream(others).map(i -> ls[i]).toArray()), others.length + 1);
                            d[others.length] = n * n;
                            int[] diagonal = java.util.stream.IntStream.range(0, n).map(i -> i * (n + 1)).toArray();
                            x = Indexing.indexSelect(x.reshape(d), others.length, diagonal);
                            int[] next = Arrays.copyOf(Arrays.stream(others).map(i -> ls[i]).toArray(), others.length + 1);
                            next[others.length] = ls[p];
                            l[0] = next;
                        }
                    }
                }
            }
            return x;
        }

        /** The labels needed after operand {@code from - 1} is contracted: the output's and those of operands from on. */
        private int[] needed(List<int[]> ls, int from) {
            List<Integer> keep = new ArrayList<>();
            for (int c : out) {
                keep.add(c);
            }
            for (int k = from; k < ls.size(); k++) {
                for (int c : ls.get(k)) {
                    keep.add(c);
                }
            }
            return keep.stream().mapToInt(Integer::intValue).toArray();
        }

        /**
         * Contracts {@code a[0]} (labels la) with b (labels lb) into a[0], keeping the labels in keep;
         * returns the result's labels: batch (shared, kept), then a's own, then b's own.
         */
        private int[] contract(Tensor[] a, int[] la, Tensor b, int[] lb, int[] keep) {
            // An index only one side has and no later step needs is summed away first.
            int[] dropA = positionsWhere(la, c -> !contains(lb, c) && !contains(keep, c));
            Tensor x = dropA.length > 0 ? Reductions.sum(a[0], dropA, false) : a[0];
            int[] ka = without(la, dropA);
            int[] dropB = positionsWhere(lb, c -> !contains(ka, c) && !contains(keep, c));
            Tensor y = dropB.length > 0 ? Reductions.sum(b, dropB, false) : b;
            int[] kb = without(lb, dropB);
            int[] batch = Arrays.stream(ka).filter(c -> contains(kb, c) && contains(keep, c)).toArray();
            int[] inner = Arrays.stream(ka).filter(c -> contains(kb, c) && !contains(keep, c)).toArray();
            int[] ownA = Arrays.stream(ka).filter(c -> !contains(kb, c)).toArray();
            int[] ownB = Arrays.stream(kb).filter(c -> !contains(ka, c)).toArray();
            // x → (batch…, rows, inner), y → (batch…, inner, columns), one matmul. An operand already laid out
            // the other way round, as k in "bhqd,bhkd->bhqk", is read transposed instead of copied.
            boolean ta = !isIdentity(positions(ka, concat(batch, ownA, inner))) && isIdentity(positions(ka, concat(batch, inner, ownA)));
            boolean tb = !isIdentity(positions(kb, concat(batch, inner, ownB))) && isIdentity(positions(kb, concat(batch, ownB, inner)));
            x = ta ? x.reshape(grouped(batch, inner, ownA))
                    : x.permute(positions(ka, concat(batch, ownA, inner))).reshape(grouped(batch, ownA, inner));
            y = tb ? y.reshape(grouped(batch, ownB, inner))
                    : y.permute(positions(kb, concat(batch, inner, ownB))).reshape(grouped(batch, inner, ownB));
            Tensor product = LinearAlgebra.matmul(x, y, ta, tb);
            int[] labelsOut = concat(batch, ownA, ownB);
            a[0] = product.reshape(dims(labelsOut));
            return labelsOut;
        }

        private int[] dims(int[] ls) {
            return Arrays.stream(ls).map(lengths::get).toArray();
        }

        /** The batch lengths, then the product of the row labels' lengths, then that of the column labels'. */
        private int[] grouped(int[] batch, int[] rows, int[] cols) {
            int[] d = Arrays.copyOf(dims(batch), batch.length + 2);
            d[batch.length] = Math.toIntExact(Arrays.stream(dims(rows)).asLongStream().reduce(1, (p, q) -> p * q));
            d[batch.length + 1] = Math.toIntExact(Arrays.stream(dims(cols)).asLongStream().reduce(1, (p, q) -> p * q));
            return d;
        }
    }

    private static int[] concat(int[]... parts) {
        return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
    }

    private static boolean isIdentity(int[] permutation) {
        for (int i = 0; i < permutation.length; i++) {
            if (permutation[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(int[] ls, int c) {
        return indexOf(ls, c) >= 0;
    }

    private static int indexOf(int[] ls, int c) {
        for (int i = 0; i < ls.length; i++) {
            if (ls[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int[] positions(int[] ls, int[] order) {
        return Arrays.stream(order).map(c -> indexOf(ls, c)).toArray();
    }

    private static int[] positionsWhere(int[] ls, java.util.function.IntPredicate p) {
        return java.util.stream.IntStream.range(0, ls.length).filter(i -> p.test(ls[i])).toArray();
    }

    private static int[] positionsNotIn(int[] ls, int[] keep) {
        return positionsWhere(ls, c -> !contains(keep, c));
    }

    private static int[] without(int[] ls, int[] positions) {
        return java.util.stream.IntStream.range(0, ls.length).filter(i -> indexOf(positions, i) < 0).map(i -> ls[i]).toArray();
    }
}
