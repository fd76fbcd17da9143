package io.github.chainrule.ops;

import io.github.chainrule.GradMode;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Case generators for registered ops, one per {@link Signature}: the registry says how an op is called,
 * and this class knows how to draw random, valid, well-conditioned calls of that shape.
 *
 * <p>Every generator is built from jqwik combinators ({@code flatMap}, {@link Combinators#combine}), so
 * that when a property fails jqwik shrinks the case (fewer axes, size-1 axes, smaller values) to the
 * smallest one that still fails. The cases are chosen so that finite differences are meaningful:
 * <ul>
 *   <li>shapes of rank 0 to 4 with axis lengths 1 to 3 (size-1 axes are what broadcasting stretches);</li>
 *   <li>values inside each input's {@link ValueDomain}: reals with |x| in [0.1, 3], positives in [0.5, 3],
 *       non-zeros with |x| in [0.5, 3] (away from 0, where 1/x and ln x blow up and their differences lose
 *       digits); see {@link #value} for why reals avoid 0 too;</li>
 *   <li>values more than {@link #MARGIN} from the op's declared kinks, and, for ops with ties, no two
 *       competing values within {@link #MARGIN} of each other: there the derivative jumps, and a centered
 *       difference with ε = 1e-7 straddling the jump would average two different slopes.</li>
 * </ul>
 * An op declared with {@link Signature#CUSTOM} has a calling pattern only its author knows: the author
 * supplies its inputs with {@link #supply}, as {@code ExampleOps} shows.
 */
final class OpCases {
    /** How far inputs stay from kinks and ties: far beyond ε = 1e-7, so no difference straddles a jump. */
    static final double MARGIN = 1e-3;
    /** The largest rank drawn. */
    static final int MAX_RANK = 4;
    /** The longest axis drawn; with rank 4 a tensor has at most 81 elements, which keeps checks quick. */
    static final int MAX_LENGTH = 3;

    /**
     * The values a non-differentiable op (a comparison, a mask, argmax) is drawn from: few, so that equal
     * values meet often, and the non-finite ones, where comparisons follow IEEE 754.
     */
    static final List<Double> MASK_VALUES = List.of(-1.0, 0.0, 1.0, 2.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

    /**
     * Where an elementwise op's first derivative vanishes inside the drawn range |x| ≤ 3. There the relative
     * error of a one-element gradient compares round-off with round-off (the reason reals keep 0.1 from 0,
     * see {@link #value}), so inputs keep {@link #FLAT_MARGIN} away: sin at π/2, silu and gelu at their minima.
     */
    static final Map<String, double[]> FLAT_FIRST = Map.of(
            "sin", new double[] {Math.PI / 2, -Math.PI / 2},
            "silu", new double[] {-1.278464542761074},
            "gelu", new double[] {-0.7517915246935645});
    /** Where an elementwise op's second derivative vanishes inside |x| ≤ 3, kept away from for the same reason. */
    static final Map<String, double[]> FLAT_SECOND = Map.of(
            "cos", new double[] {Math.PI / 2, -Math.PI / 2},
            "silu", new double[] {2.399357280515467, -2.399357280515467},
            "gelu", new double[] {Math.sqrt(2), -Math.sqrt(2)});
    /** How far inputs keep from the points in {@link #FLAT_FIRST} and {@link #FLAT_SECOND}. */
    static final double FLAT_MARGIN = 0.01;

    private static final Map<String, Arbitrary<Tensor[]>> SUPPLIED = new ConcurrentHashMap<>();

    private OpCases() {
    }

    /** Supplies the inputs of a {@link Signature#CUSTOM} op; its author knows how it is called. */
    static void supply(String opName, Arbitrary<Tensor[]> inputs) {
        SUPPLIED.put(opName, inputs);
    }

    /** Returns true if {@link #forOp} can draw cases for this op. */
    static boolean hasGenerator(OpDef op) {
        try {
            forOp(op);
            return true;
        } catch (IllegalStateException missing) {
            return false;
        }
    }

    /** Returns cases for every registered op that passes {@code filter}, the op drawn uniformly. */
    static Arbitrary<OpCase> anyOp(Predicate<OpDef> filter) {
        List<OpDef> ops = OpRegistry.all().stream().filter(filter).toList();
        return Arbitraries.of(ops).flatMap(OpCases::forOp);
    }

    /**
     * Returns cases for every registered op that passes {@code filter}, the op drawn uniformly, each case
     * meeting {@code condition}. The condition is applied to each op's own cases, after the op is drawn, so
     * an op whose cases often fail it (std needs four reduced elements for second order) still gets its
     * share of the tries: filtering the mixed stream instead would leave such an op with a fraction of them.
     */
    static Arbitrary<OpCase> anyOp(Predicate<OpDef> filter, Predicate<OpCase> condition) {
        List<OpDef> ops = OpRegistry.all().stream().filter(filter).toList();
        return Arbitraries.of(ops).flatMap(op -> forOp(op).filter(condition));
    }

    /**
     * Returns the case generator for {@code op}, chosen by its signature.
     *
     * @throws IllegalStateException naming the op if its signature has no generator
     */
    static Arbitrary<OpCase> forOp(OpDef op) {
        Arbitrary<OpCase> cases = switch (op.signature()) {
            case UNARY -> dims(0, MAX_LENGTH).flatMap(d -> tensor(op, 0, d)).map(x -> of(op, Attrs.NONE, x));
            case UNARY_WITH_PARAM -> unaryWithParam(op);
            case UNARY_WITH_BOUNDS -> unaryWithBounds(op);
            case BINARY -> binary(op);
            case MATMUL -> matmul(op);
            case AFFINE -> affine(op);
            case ATTENTION -> attention(op);
            case REDUCTION -> reduction(op);
            case REDUCTION_WITH_PARAM -> reductionWithParam(op);
            case ALONG_AXIS -> alongAxis(op);
            case RESHAPE -> reshape(op);
            case PERMUTE -> permute(op);
            case BROADCAST_TO -> broadcastTo(op);
            case SUM_TO -> sumTo(op);
            case SLICE -> slice(op);
            case PAD -> pad(op);
            case CONCAT -> concat(op);
            case INDEX_SELECT -> indexSelect(op);
            case INDEX_ADD -> indexAdd(op);
            case WHERE -> where(op);
            case ONE_HOT -> oneHot(op);
            case SQUEEZE -> squeeze(op);
            case UNSQUEEZE -> unsqueeze(op);
            case FLATTEN -> flatten(op);
            case STACK -> stack(op);
            case SPLIT -> split(op);
            case CHUNK -> chunk(op);
            case SWAP_AXES -> swapAxes(op);
            case TILE -> tile(op);
            case REPEAT_INTERLEAVE -> repeatInterleave(op);
            case GATHER -> gather(op, false);
            case SCATTER_ADD -> gather(op, true);
            case DIAG -> diag(op);
            case MATRIX -> Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 4))
                    .flatAs((m, n) -> tensor(op, 0, new int[] {m, n})).map(x -> of(op, Attrs.NONE, x));
            case SORT -> sort(op);
            case TOPK -> topk(op);
            case CONV2D -> conv2d(op);
            case CONV1D -> conv1d(op);
            case POOL2D -> pool2d(op);
            case IM2COL -> im2col(op);
            case COL2IM -> col2im(op);
            case VECTORS -> vectors(op);
            case EINSUM -> einsum(op);
            case SQUARE -> LinearAlgebraCases.square(op);
            case SOLVE -> LinearAlgebraCases.solve(op);
            case SPD -> LinearAlgebraCases.spd(op);
            case TRIANGULAR_SOLVE -> LinearAlgebraCases.triangularSolve(op);
            case CUSTOM -> custom(op);
            default -> throw new IllegalStateException("op '" + op.name() + "': signature " + op.signature()
                    + " has no case generator in OpCases; add one");
        };
        return cases.filter(OpCases::wellConditioned);
    }

    // ---------------------------------------------------------------- one generator per signature

    private static Arbitrary<OpCase> unaryWithParam(OpDef op) {
        Arbitrary<Double> param = Arbitraries.of(Arrays.stream(op.paramSamples()).boxed().toList());
        return Combinators.combine(dims(0, MAX_LENGTH).flatMap(d -> tensor(op, 0, d)), param)
                .as((x, p) -> of(op, Attrs.of(op.paramName(), p), x));
    }

    /**
     * Bounds drawn from the op's declared kinks and ±∞ (an open side), lower below upper, so that the
     * values, drawn away from the kinks, stay away from the bounds.
     */
    private static Arbitrary<OpCase> unaryWithBounds(OpDef op) {
        List<Double> lows = new ArrayList<>(List.of(Double.NEGATIVE_INFINITY));
        List<Double> highs = new ArrayList<>(List.of(Double.POSITIVE_INFINITY));
        for (double k : op.kinks()) {
            lows.add(k);
            highs.add(k);
        }
        return Combinators.combine(dims(0, MAX_LENGTH).flatMap(d -> tensor(op, 0, d)), Arbitraries.of(lows), Arbitraries.of(highs))
                .filter((x, lo, hi) -> lo < hi).as((x, lo, hi) -> of(op, Attrs.of("min", lo, "max", hi), x));
    }

    /** Two inputs, each broadcastable to a common shape: covers scalar-with-tensor, size-1 axes and missing axes. */
    private static Arbitrary<OpCase> binary(OpDef op) {
        return dims(0, MAX_LENGTH)
                .flatMap(out -> Combinators.combine(broadcastableTo(out), broadcastableTo(out)).as(List::of))
                .flatMap(s -> Combinators.combine(tensor(op, 0, s.get(0)), tensor(op, 1, s.get(1)))
                        .as((a, b) -> of(op, Attrs.NONE, a, b)));
    }

    /**
     * op(A)·op(B) with every transpose flag, as numpy's matmul: plain matrices, stacks whose batch axes
     * broadcast against each other (each operand's batch shape drawn to broadcast to a common one, so that
     * missing and length-1 batch axes both occur), and 1-D operands on either side or both (each a quarter
     * of the time). The stored shapes are the transposed ones where a flag is set.
     */
    private static Arbitrary<OpCase> matmul(OpDef op) {
        Arbitrary<Integer> len = Arbitraries.integers().between(1, 3);
        Arbitrary<Boolean> flag = Arbitraries.of(false, true);
        Arbitrary<Boolean> vector = Arbitraries.integers().between(0, 3).map(v -> v == 0);
        Arbitrary<int[]> batch = Arbitraries.integers().between(1, 2).list().ofMaxSize(2).map(OpCases::ints);
        Arbitrary<int[]> mkn = Combinators.combine(len, len, len).as((m, k, n) -> new int[] {m, k, n});
        Arbitrary<boolean[]> flags = Combinators.combine(flag, flag, vector, vector).as((ta, tb, va, vb) -> new boolean[] {ta, tb, va, vb});
        return Combinators.combine(mkn, flags, batch).as(List::<Object>of).flatMap(p -> {
            int[] d = (int[]) p.get(0);
            boolean[] f = (boolean[]) p.get(1);
            int[] out = (int[]) p.get(2);
            return Combinators.combine(broadcastableTo(out), broadcastableTo(out)).as((ba, bb) -> {
                int[] aDims = f[2] ? new int[] {d[1]} : withMatrix(ba, f[0] ? d[1] : d[0], f[0] ? d[0] : d[1]);
                int[] bDims = f[3] ? new int[] {d[1]} : withMatrix(bb, f[1] ? d[2] : d[1], f[1] ? d[1] : d[2]);
                return List.of(aDims, bDims);
            }).flatMap(shapes -> Combinators.combine(tensor(op, 0, shapes.get(0)), tensor(op, 1, shapes.get(1)))
                    .as((a, b) -> of(op, Attrs.of("transA", f[0], "transB", f[1]), a, b)));
        });
    }

    /** W (m, k), A (k, n) and a b of each shape that broadcasts to (m, n): a column, a row, a vector, all of it, a scalar. */
    private static Arbitrary<OpCase> affine(OpDef op) {
        Arbitrary<Integer> len = Arbitraries.integers().between(1, 3);
        return Combinators.combine(len, len, len, Arbitraries.integers().between(0, 4)).as((m, k, n, form) -> new int[] {m, k, n, form})
                .flatMap(d -> {
                    int[] bDims = switch (d[3]) {
                        case 0 -> new int[] {d[0], 1};
                        case 1 -> new int[] {1, d[2]};
                        case 2 -> new int[] {d[2]};
                        case 3 -> new int[] {d[0], d[2]};
                        default -> new int[0];
                    };
                    return Combinators.combine(tensor(op, 0, new int[] {d[0], d[1]}), tensor(op, 1, new int[] {d[1], d[2]}),
                            tensor(op, 2, bDims)).as((w, a, b) -> of(op, Attrs.NONE, w, a, b));
                });
    }

    /**
     * Queries (…, T, d), keys (…, S, d) and values (…, S, e) with 0 to 2 batch axes, lengths 1 to 3, and a
     * scale in [0.1, 0.6]: large enough that the probabilities are not all alike, small enough that the scores
     * (up to 27·scale apart with values up to 3) seldom saturate the softmax, whose third derivatives there
     * make a centered difference of the second-order check miss by more than its 1e-7 (seen at scale 1.5);
     * the second-order check also leaves out the rows that do ({@link #secondOrderConditioned}).
     */
    private static Arbitrary<OpCase> attention(OpDef op) {
        Arbitrary<Integer> len = Arbitraries.integers().between(1, 3);
        Arbitrary<int[]> batches = Arbitraries.integers().between(1, 2).list().ofMaxSize(2).map(OpCases::ints);
        return Combinators.combine(batches, Combinators.combine(len, len, len, len).as((t, s, d, e) -> new int[] {t, s, d, e}),
                Arbitraries.doubles().between(0.1, 0.6)).as((batch, l, scale) -> new Object[] {batch, l, scale})
                .flatMap(c -> {
                    int[] batch = (int[]) c[0];
                    int[] l = (int[]) c[1];
                    return Combinators.combine(tensor(op, 0, withMatrix(batch, l[0], l[2])), tensor(op, 1, withMatrix(batch, l[1], l[2])),
                            tensor(op, 2, withMatrix(batch, l[1], l[3]))).as((q, k, v) -> of(op, Attrs.of("scale", c[2]), q, k, v));
                });
    }

    private static int[] withMatrix(int[] batch, int rows, int cols) {
        int[] d = Arrays.copyOf(batch, batch.length + 2);
        d[batch.length] = rows;
        d[batch.length + 1] = cols;
        return d;
    }

    /** Two vectors of one length (dot needs it; outer is checked on them too). */
    private static Arbitrary<OpCase> vectors(OpDef op) {
        return Arbitraries.integers().between(1, 4).flatMap(n -> Combinators.combine(tensor(op, 0, new int[] {n}),
                tensor(op, 1, new int[] {n})).as((a, b) -> of(op, Attrs.NONE, a, b)));
    }

    /**
     * The subscripts einsum promises (matmul, batched matmul, trace, transpose, dot, attention scores) and a
     * few more that reach its other paths (a diagonal kept, an index summed before contracting, implicit
     * output, three operands), each index of length 1 or 2 so that a four-index operand has at most 16 values.
     */
    static final List<String> EINSUM_SUBSCRIPTS = List.of("ij,jk->ik", "bij,bjk->bik", "ii->", "ij->ji", "i,i->",
            "bhqd,bhkd->bhqk", "ii->i", "ij,j->i", "i,j->ij", "ij->", "ij,jk", "ij,jk,kd->id", "bij,jk->bk");

    private static Arbitrary<OpCase> einsum(OpDef op) {
        return Combinators.combine(Arbitraries.of(EINSUM_SUBSCRIPTS),
                Arbitraries.integers().between(1, 2).list().ofSize(26)).as(List::<Object>of).flatMap(p -> {
            String spec = (String) p.get(0);
            @SuppressWarnings("unchecked") List<Integer> lengths = (List<Integer>) p.get(1);
            String[] terms = spec.split("->")[0].split(",");
            List<Arbitrary<Tensor>> inputs = new ArrayList<>();
            for (String t : terms) {
                inputs.add(tensor(op, inputs.size(), t.chars().map(c -> lengths.get(c - 'a')).toArray()));
            }
            return Combinators.combine(inputs).as(ts -> of(op, Attrs.of("subscripts", spec), ts.toArray(new Tensor[0])));
        });
    }

    /** All axes (attribute absent) or any subset, written with positive or negative indices, keepDims either way. */
    private static Arbitrary<OpCase> reduction(OpDef op) {
        return dims(0, MAX_LENGTH).flatMap(d -> {
            int r = d.length;
            Arbitrary<Integer> subset = Arbitraries.integers().between(0, (1 << r) - 1);
            Arbitrary<Integer> negative = Arbitraries.integers().between(0, (1 << r) - 1);
            Arbitrary<Boolean> flag = Arbitraries.of(false, true);
            return Combinators.combine(tensor(op, 0, d), flag, subset, negative, flag).as((x, explicit, bits, neg, keep) -> {
                if (!explicit) {
                    return of(op, Attrs.of("keepDims", keep), x);
                }
                int[] axes = IntStream.range(0, r).filter(i -> (bits & (1 << i)) != 0)
                        .map(i -> (neg & (1 << i)) != 0 ? i - r : i).toArray();
                return of(op, Attrs.of("axes", axes, "keepDims", keep), x);
            });
        });
    }

    /**
     * A reduction case with the op's real attribute drawn from its samples. A correction (var, std) is
     * only drawn below the number of elements it divides among (see {@link #minimumCount}).
     */
    private static Arbitrary<OpCase> reductionWithParam(OpDef op) {
        Arbitrary<Double> param = Arbitraries.of(Arrays.stream(op.paramSamples()).boxed().toList());
        return Combinators.combine(reduction(op), param).as((c, p) -> {
            Attrs with = c.attrs().has("axes")
                    ? Attrs.of("axes", c.attrs().ints(op.name(), "axes", false), "keepDims", c.attrs().bool(op.name(), "keepDims", false), op.paramName(), p)
                    : Attrs.of("keepDims", c.attrs().bool(op.name(), "keepDims", false), op.paramName(), p);
            return of(op, with, c.inputs());
        }).filter(c -> !op.paramName().equals("correction") || reducedCount(c) > minimumCount(c));
    }

    /**
     * Returns the most elements an output of var or std may fold and still be undefined: the correction
     * (n − c must be positive), and for std at least 1, since one element has variance 0, where √'s
     * derivative is infinite.
     */
    private static double minimumCount(OpCase c) {
        double correction = c.attrs().real(c.op().name(), "correction");
        return c.op().name().equals("std") ? Math.max(correction, 1) : correction;
    }

    /** Returns how many elements a reduction case folds into each output element. */
    /** The largest spread, max − min, of one row of attention's scaled scores scale·q·kᵀ over the case's batch. */
    private static double largestScoreSpread(OpCase c) {
        Tensor q = c.inputs()[0];
        Tensor k = c.inputs()[1];
        int t = q.shape().dim(q.rank() - 2);
        int d = q.shape().dim(q.rank() - 1);
        int keys = k.shape().dim(k.rank() - 2);
        double scale = c.attrs().real("attention", "scale");
        double[] qs = q.toArray();
        double[] ks = k.toArray();
        int batch = t * d == 0 ? 0 : qs.length / (t * d);
        double largest = 0;
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < t; i++) {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < keys; j++) {
                    double score = 0;
                    for (int x = 0; x < d; x++) {
                        score += qs[(b * t + i) * d + x] * ks[(b * keys + j) * d + x];
                    }
                    min = Math.min(min, scale * score);
                    max = Math.max(max, scale * score);
                }
                largest = keys == 0 ? largest : Math.max(largest, max - min);
            }
        }
        return largest;
    }

    private static int reducedCount(OpCase c) {
        Shape s = c.inputs()[0].shape();
        int[] axes = c.attrs().ints(c.op().name(), "axes", true);
        return axes == null ? s.size() : Axes.count(s, Axes.mask(c.op().name(), s, axes));
    }

    private static Arbitrary<OpCase> alongAxis(OpDef op) {
        return dims(1, MAX_LENGTH).flatMap(d -> Combinators.combine(tensor(op, 0, d),
                Arbitraries.integers().between(-d.length, d.length - 1)).as((x, axis) -> of(op, Attrs.of("axis", axis), x)));
    }

    /** A target shape made from the input's lengths: shuffled, the first two merged, a 1 inserted, one length left to -1. */
    private static Arbitrary<OpCase> reshape(OpDef op) {
        return dims(0, MAX_LENGTH).flatMap(d -> {
            List<Integer> lengths = Arrays.stream(d).boxed().toList();
            Arbitrary<Boolean> flag = Arbitraries.of(false, true);
            return Combinators.combine(tensor(op, 0, d), Arbitraries.shuffle(lengths), flag, flag,
                    Arbitraries.integers().between(-1, d.length)).as((x, order, merge, insertOne, infer) -> {
                List<Integer> target = new ArrayList<>(order);
                if (merge && target.size() >= 2) {
                    target.set(0, target.get(0) * target.remove(1));
                }
                if (insertOne) {
                    target.add(0, 1);
                }
                if (infer >= 0 && infer < target.size()) {
                    target.set(infer, -1);
                }
                return of(op, Attrs.of("shape", ints(target)), x);
            });
        });
    }

    private static Arbitrary<OpCase> permute(OpDef op) {
        return dims(0, MAX_LENGTH).flatMap(d -> {
            int r = d.length;
            List<Integer> axes = IntStream.range(0, r).boxed().toList();
            return Combinators.combine(tensor(op, 0, d), Arbitraries.shuffle(axes),
                    Arbitraries.integers().between(0, (1 << r) - 1)).as((x, p, neg) -> {
                int[] perm = new int[r];
                for (int i = 0; i < r; i++) {
                    perm[i] = (neg & (1 << i)) != 0 ? p.get(i) - r : p.get(i);
                }
                return of(op, Attrs.of("axes", perm), x);
            });
        });
    }

    private static Arbitrary<OpCase> broadcastTo(OpDef op) {
        return dims(0, MAX_LENGTH).flatMap(out -> broadcastableTo(out).flatMap(in -> tensor(op, 0, in))
                .map(x -> of(op, Attrs.of("shape", out), x)));
    }

    private static Arbitrary<OpCase> sumTo(OpDef op) {
        return dims(0, MAX_LENGTH).flatMap(in -> Combinators.combine(tensor(op, 0, in), broadcastableTo(in))
                .as((x, target) -> of(op, Attrs.of("shape", target), x)));
    }

    /** Any range [start, end) of any axis, empty ranges included. */
    private static Arbitrary<OpCase> slice(OpDef op) {
        return dims(1, 4).flatMap(d -> Arbitraries.integers().between(0, d.length - 1).flatMap(axis -> {
            Arbitrary<Integer> bound = Arbitraries.integers().between(0, d[axis]);
            return Combinators.combine(tensor(op, 0, d), bound, bound).as((x, p, q) ->
                    of(op, Attrs.of("axis", axis, "start", Math.min(p, q), "end", Math.max(p, q)), x));
        }));
    }

    private static Arbitrary<OpCase> pad(OpDef op) {
        return dims(1, MAX_LENGTH).flatMap(d -> {
            Arbitrary<Integer> padding = Arbitraries.integers().between(0, 2);
            return Combinators.combine(tensor(op, 0, d), Arbitraries.integers().between(-d.length, d.length - 1), padding, padding)
                    .as((x, axis, before, after) -> of(op, Attrs.of("axis", axis, "before", before, "after", after), x));
        });
    }

    /** One to three tensors that agree on every axis but the joined one, where their lengths differ. */
    private static Arbitrary<OpCase> concat(OpDef op) {
        return dims(1, MAX_LENGTH).flatMap(d -> Combinators.combine(
                Arbitraries.integers().between(-d.length, d.length - 1),
                Arbitraries.integers().between(1, MAX_LENGTH).list().ofMinSize(1).ofMaxSize(3)).flatAs((axis, lengths) -> {
            List<Arbitrary<Tensor>> parts = new ArrayList<>();
            for (int len : lengths) {
                int[] di = d.clone();
                di[Math.floorMod(axis, d.length)] = len;
                parts.add(tensor(op, parts.size(), di));
            }
            return Combinators.combine(parts).as(ts -> of(op, Attrs.of("axis", axis), ts.toArray(new Tensor[0])));
        }));
    }

    /** Up to five indices along any axis, repeats allowed (their gradients add up). */
    private static Arbitrary<OpCase> indexSelect(OpDef op) {
        return dims(1, MAX_LENGTH).flatMap(d -> Arbitraries.integers().between(-d.length, d.length - 1).flatMap(axis -> {
            int n = d[Math.floorMod(axis, d.length)];
            return Combinators.combine(tensor(op, 0, d), Arbitraries.integers().between(0, n - 1).list().ofMaxSize(5))
                    .as((x, idx) -> of(op, Attrs.of("axis", axis, "indices", ints(idx)), x));
        }));
    }

    /** One index per entry along the axis, into a result axis of length 1 to 4. */
    private static Arbitrary<OpCase> indexAdd(OpDef op) {
        return dims(1, MAX_LENGTH).flatMap(d -> Combinators.combine(Arbitraries.integers().between(0, d.length - 1),
                Arbitraries.integers().between(1, 4)).as((axis, size) -> new int[] {axis, size})).flatMap(p -> {
            int axis = p[0];
            int size = p[1];
            return dims(axis + 1, MAX_LENGTH).flatMap(d -> Combinators.combine(tensor(op, 0, d),
                    Arbitraries.integers().between(0, size - 1).list().ofSize(d[axis]))
                    .as((x, idx) -> of(op, Attrs.of("axis", axis, "indices", ints(idx), "size", size), x)));
        });
    }

    /** A 0/1 mask and two tensors, all three broadcasting together; the mask is held constant. */
    private static Arbitrary<OpCase> where(OpDef op) {
        return dims(0, MAX_LENGTH)
                .flatMap(out -> Combinators.combine(broadcastableTo(out), broadcastableTo(out), broadcastableTo(out)).as(List::of))
                .flatMap(s -> Combinators.combine(mask(s.get(0)), tensor(op, 1, s.get(1)), tensor(op, 2, s.get(2)))
                        .as((m, a, b) -> new OpCase(op, new Tensor[] {m, a, b}, Attrs.NONE, new int[] {1, 2})));
    }

    private static Arbitrary<OpCase> oneHot(OpDef op) {
        return Arbitraries.integers().between(1, 4).flatMap(classes -> Arbitraries.integers().between(0, classes - 1)
                .list().ofMaxSize(5).map(labels -> new OpCase(op, new Tensor[0],
                        Attrs.of("labels", ints(labels), "classes", classes), new int[0])));
    }

    // ---------------------------------------------------------------- shaping and indexing (issue 12)

    /** Shapes with length-1 axes drawn often; no axis (squeeze them all) or one of the length-1 axes, either sign. */
    private static Arbitrary<OpCase> squeeze(OpDef op) {
        return Arbitraries.integers().between(1, 2).list().ofMaxSize(MAX_RANK).map(OpCases::ints).flatMap(d -> {
            int[] ones = IntStream.range(0, d.length).filter(i -> d[i] == 1).toArray();
            return Combinators.combine(tensor(op, 0, d), Arbitraries.integers().between(-1, ones.length - 1), Arbitraries.of(false, true))
                    .as((x, pick, negative) -> pick < 0 ? of(op, Attrs.NONE, x)
                            : of(op, Attrs.of("axis", negative ? ones[pick] - d.length : ones[pick]), x));
        });
    }

    /** Any position of the new axis, from −(r + 1) to r. */
    private static Arbitrary<OpCase> unsqueeze(OpDef op) {
        return dims(0, MAX_LENGTH).flatMap(d -> Combinators.combine(tensor(op, 0, d),
                Arbitraries.integers().between(-d.length - 1, d.length)).as((x, axis) -> of(op, Attrs.of("axis", axis), x)));
    }

    /** Any range start ≤ end of axes, the end written negative half the time; a scalar flattens (0, −1). */
    private static Arbitrary<OpCase> flatten(OpDef op) {
        return dims(0, MAX_LENGTH).flatMap(d -> {
            int r = Math.max(1, d.length);
            Arbitrary<Integer> axis = Arbitraries.integers().between(0, r - 1);
            return Combinators.combine(tensor(op, 0, d), axis, axis, Arbitraries.of(false, true)).as((x, p, q, negative) ->
                    of(op, Attrs.of("start", Math.min(p, q), "end", negative ? Math.max(p, q) - r : Math.max(p, q)), x));
        });
    }

    /** One to three tensors of one shape, the new axis anywhere. */
    private static Arbitrary<OpCase> stack(OpDef op) {
        return dims(0, MAX_LENGTH).flatMap(d -> Combinators.combine(Arbitraries.integers().between(-d.length - 1, d.length),
                Arbitraries.integers().between(1, 3)).flatAs((axis, count) -> {
            List<Arbitrary<Tensor>> parts = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                parts.add(tensor(op, i, d));
            }
            return Combinators.combine(parts).as(ts -> of(op, Attrs.of("axis", axis), ts.toArray(new Tensor[0])));
        }));
    }

    /** The axis cut at up to two random points (empty pieces included), any piece returned. */
    private static Arbitrary<OpCase> split(OpDef op) {
        return dims(1, MAX_LENGTH).flatMap(d -> Arbitraries.integers().between(-d.length, d.length - 1).flatMap(axis -> {
            int n = d[Math.floorMod(axis, d.length)];
            Arbitrary<Integer> cut = Arbitraries.integers().between(0, n);
            return Combinators.combine(tensor(op, 0, d), cut, cut, Arbitraries.integers().between(0, 2)).as((x, p, q, piece) -> {
                int lo = Math.min(p, q);
                int hi = Math.max(p, q);
                return of(op, Attrs.of("axis", axis, "sizes", new int[] {lo, hi - lo, n - hi}, "piece", piece), x);
            });
        }));
    }

    /** One to four chunks along any axis, any of the pieces chunk gives. */
    private static Arbitrary<OpCase> chunk(OpDef op) {
        return dims(1, MAX_LENGTH).flatMap(d -> Combinators.combine(Arbitraries.integers().between(-d.length, d.length - 1),
                Arbitraries.integers().between(1, 4)).flatAs((axis, chunks) -> {
            int n = d[Math.floorMod(axis, d.length)];
            int size = (n + chunks - 1) / chunks;
            int count = (n + size - 1) / size;
            return Combinators.combine(tensor(op, 0, d), Arbitraries.integers().between(0, count - 1))
                    .as((x, piece) -> of(op, Attrs.of("chunks", chunks, "axis", axis, "piece", piece), x));
        }));
    }

    /** Any two axes, equal ones included, either sign. */
    private static Arbitrary<OpCase> swapAxes(OpDef op) {
        return dims(1, MAX_LENGTH).flatMap(d -> {
            Arbitrary<Integer> axis = Arbitraries.integers().between(-d.length, d.length - 1);
            return Combinators.combine(tensor(op, 0, d), axis, axis).as((x, a, b) -> of(op, Attrs.of("axis0", a, "axis1", b), x));
        });
    }

    /** Reps of 0 to 2 copies, as many as the rank or one more or fewer (the shorter one is padded with 1s). */
    private static Arbitrary<OpCase> tile(OpDef op) {
        return dims(0, MAX_LENGTH).flatMap(d -> Combinators.combine(tensor(op, 0, d),
                Arbitraries.integers().between(0, 2).list().ofMinSize(Math.max(0, d.length - 1)).ofMaxSize(d.length + 1))
                .as((x, reps) -> of(op, Attrs.of("reps", ints(reps)), x)));
    }

    private static Arbitrary<OpCase> repeatInterleave(OpDef op) {
        return dims(1, MAX_LENGTH).flatMap(d -> Combinators.combine(tensor(op, 0, d), Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(-d.length, d.length - 1)).as((x, repeats, axis) ->
                of(op, Attrs.of("repeats", repeats, "axis", axis), x)));
    }

    /**
     * x, a random index tensor of x's rank (up to four indices along the axis, repeats allowed; no longer than
     * x on the other axes) and, for scatter_add, a src of index's shape. The index is a constant, left out of wrt.
     */
    private static Arbitrary<OpCase> gather(OpDef op, boolean scatter) {
        return dims(1, MAX_LENGTH).flatMap(d -> Arbitraries.integers().between(-d.length, d.length - 1).flatMap(axis -> {
            int ax = Math.floorMod(axis, d.length);
            List<Arbitrary<Integer>> lengths = new ArrayList<>();
            for (int a = 0; a < d.length; a++) {
                lengths.add(Arbitraries.integers().between(a == ax ? 0 : 1, a == ax ? 4 : d[a]));
            }
            return Combinators.combine(lengths).as(OpCases::ints).flatMap(id -> {
                Arbitrary<Tensor> index = Arbitraries.integers().between(0, d[ax] - 1).list().ofSize(Shape.of(id).size())
                        .map(v -> Tensor.of(v.stream().mapToDouble(Integer::doubleValue).toArray(), id));
                if (!scatter) {
                    return Combinators.combine(tensor(op, 0, d), index).as((x, i) ->
                            new OpCase(op, new Tensor[] {x, i}, Attrs.of("axis", axis), new int[] {0}));
                }
                return Combinators.combine(tensor(op, 0, d), index, tensor(op, 2, id)).as((x, i, src) ->
                        new OpCase(op, new Tensor[] {x, i, src}, Attrs.of("axis", axis), new int[] {0, 2}));
            });
        }));
    }

    /** A vector (to a diagonal matrix) or a matrix (to its diagonal), diagonal −2 to 2. */
    private static Arbitrary<OpCase> diag(OpDef op) {
        Arbitrary<Integer> len = Arbitraries.integers().between(1, 4);
        return Combinators.combine(len.list().ofMinSize(1).ofMaxSize(2), Arbitraries.integers().between(-2, 2))
                .flatAs((d, offset) -> tensor(op, 0, ints(d)).map(x -> of(op, Attrs.of("offset", offset), x)));
    }

    private static Arbitrary<OpCase> sort(OpDef op) {
        return dims(1, MAX_LENGTH).flatMap(d -> Combinators.combine(tensor(op, 0, d),
                Arbitraries.integers().between(-d.length, d.length - 1), Arbitraries.of(false, true))
                .as((x, axis, descending) -> of(op, Attrs.of("axis", axis, "descending", descending), x)));
    }

    /** Any k from 0 to the axis length, largest or smallest. */
    private static Arbitrary<OpCase> topk(OpDef op) {
        return dims(1, MAX_LENGTH).flatMap(d -> Arbitraries.integers().between(-d.length, d.length - 1).flatMap(axis ->
                Combinators.combine(tensor(op, 0, d), Arbitraries.integers().between(0, d[Math.floorMod(axis, d.length)]),
                        Arbitraries.of(false, true)).as((x, k, largest) -> of(op, Attrs.of("axis", axis, "k", k, "largest", largest), x))));
    }

    // ---------------------------------------------------------------- convolution and pooling

    /**
     * Images (N 1–2, C, H and W 1–5), filters (F, C/groups, kH, kW) with kernel lengths 1–3, strides 1–2,
     * paddings 0–1, dilations 1–2 per axis, groups 1 or one dividing C and F (both at most 3), and a bias
     * or none; geometries whose dilated kernel outgrows the padded input are left out.
     */
    private static Arbitrary<OpCase> conv2d(OpDef op) {
        return Arbitraries.of(1, 1, 2, 3).flatMap(groups -> Combinators.combine(List.of(
                between(1, 2), between(1, 3 / groups), between(1, 3 / groups), between(1, 5), between(1, 5),
                between(1, 3), between(1, 3), between(1, 2), between(1, 2), between(0, 1), between(0, 1),
                between(1, 2), between(1, 2), between(0, 1))).as(p -> p)
                .filter(p -> outLength(p.get(3), p.get(5), p.get(7), p.get(9), p.get(11)) > 0
                        && outLength(p.get(4), p.get(6), p.get(8), p.get(10), p.get(12)) > 0)
                .flatMap(p -> {
                    int c = groups * p.get(1);
                    int f = groups * p.get(2);
                    Attrs attrs = Attrs.of("stride", new int[] {p.get(7), p.get(8)}, "padding", new int[] {p.get(9), p.get(10)},
                            "dilation", new int[] {p.get(11), p.get(12)}, "groups", groups);
                    Arbitrary<Tensor> x = tensor(op, 0, new int[] {p.get(0), c, p.get(3), p.get(4)});
                    Arbitrary<Tensor> w = tensor(op, 1, new int[] {f, p.get(1), p.get(5), p.get(6)});
                    if (p.get(13) == 0) {
                        return Combinators.combine(x, w).as((a, b) -> of(op, attrs, a, b));
                    }
                    return Combinators.combine(x, w, tensor(op, 2, new int[] {f})).as((a, b, bias) -> of(op, attrs, a, b, bias));
                }));
    }

    /** Sequences (N 1–2, C, L 1–5), filters (F, C/groups, k 1–3), stride 1–2, padding 0–1, dilation 1–2, bias or none. */
    private static Arbitrary<OpCase> conv1d(OpDef op) {
        return Arbitraries.of(1, 1, 2, 3).flatMap(groups -> Combinators.combine(List.of(
                between(1, 2), between(1, 3 / groups), between(1, 3 / groups), between(1, 5), between(1, 3),
                between(1, 2), between(0, 1), between(1, 2), between(0, 1))).as(p -> p)
                .filter(p -> outLength(p.get(3), p.get(4), p.get(5), p.get(6), p.get(7)) > 0)
                .flatMap(p -> {
                    int c = groups * p.get(1);
                    int f = groups * p.get(2);
                    Attrs attrs = Attrs.of("stride", p.get(5), "padding", p.get(6), "dilation", p.get(7), "groups", groups);
                    Arbitrary<Tensor> x = tensor(op, 0, new int[] {p.get(0), c, p.get(3)});
                    Arbitrary<Tensor> w = tensor(op, 1, new int[] {f, p.get(1), p.get(4)});
                    if (p.get(8) == 0) {
                        return Combinators.combine(x, w).as((a, b) -> of(op, attrs, a, b));
                    }
                    return Combinators.combine(x, w, tensor(op, 2, new int[] {f})).as((a, b, bias) -> of(op, attrs, a, b, bias));
                }));
    }

    /** Images (N 1–2, C 1–3, H and W 1–5), windows 1–3 by 1–3, strides 1–2, padding up to half the window. */
    private static Arbitrary<OpCase> pool2d(OpDef op) {
        return Combinators.combine(List.of(between(1, 2), between(1, 3), between(1, 5), between(1, 5), between(1, 3),
                        between(1, 3), between(1, 2), between(1, 2), between(0, 1), between(0, 1))).as(p -> p)
                .filter(p -> 2 * p.get(8) <= p.get(4) && 2 * p.get(9) <= p.get(5)
                        && outLength(p.get(2), p.get(4), p.get(6), p.get(8), 1) > 0 && outLength(p.get(3), p.get(5), p.get(7), p.get(9), 1) > 0)
                .flatMap(p -> tensor(op, 0, new int[] {p.get(0), p.get(1), p.get(2), p.get(3)}).map(x -> of(op,
                        Attrs.of("kernel", new int[] {p.get(4), p.get(5)}, "stride", new int[] {p.get(6), p.get(7)},
                                "padding", new int[] {p.get(8), p.get(9)}), x)));
    }

    /** Images and windows as conv2d draws them: im2col's attributes, and col2im's with the image shape. */
    private static Arbitrary<List<Integer>> window() {
        return Combinators.combine(List.of(between(1, 2), between(1, 3), between(1, 5), between(1, 5), between(1, 3),
                        between(1, 3), between(1, 2), between(1, 2), between(0, 1), between(0, 1), between(1, 2), between(1, 2))).as(p -> p)
                .filter(p -> outLength(p.get(2), p.get(4), p.get(6), p.get(8), p.get(10)) > 0
                        && outLength(p.get(3), p.get(5), p.get(7), p.get(9), p.get(11)) > 0);
    }

    private static Attrs windowAttrs(List<Integer> p) {
        return Attrs.of("kernel", new int[] {p.get(4), p.get(5)}, "stride", new int[] {p.get(6), p.get(7)},
                "padding", new int[] {p.get(8), p.get(9)}, "dilation", new int[] {p.get(10), p.get(11)},
                "shape", new int[] {p.get(0), p.get(1), p.get(2), p.get(3)});
    }

    private static Arbitrary<OpCase> im2col(OpDef op) {
        return window().flatMap(p -> tensor(op, 0, new int[] {p.get(0), p.get(1), p.get(2), p.get(3)})
                .map(x -> of(op, windowAttrs(p), x)));
    }

    private static Arbitrary<OpCase> col2im(OpDef op) {
        return window().flatMap(p -> {
            int rows = p.get(1) * p.get(4) * p.get(5);
            int columns = p.get(0) * outLength(p.get(2), p.get(4), p.get(6), p.get(8), p.get(10))
                    * outLength(p.get(3), p.get(5), p.get(7), p.get(9), p.get(11));
            return tensor(op, 0, new int[] {rows, columns}).map(cols -> of(op, windowAttrs(p), cols));
        });
    }

    /** The number of window positions along an axis of length n, or 0 if the dilated kernel outgrows the padded axis. */
    static int outLength(int n, int k, int s, int p, int d) {
        int span = d * (k - 1) + 1;
        return n + 2 * p < span ? 0 : (n + 2 * p - span) / s + 1;
    }

    private static Arbitrary<Integer> between(int low, int high) {
        return Arbitraries.integers().between(low, high);
    }

    private static Arbitrary<OpCase> custom(OpDef op) {
        Arbitrary<Tensor[]> inputs = SUPPLIED.get(op.name());
        if (inputs == null) {
            throw new IllegalStateException("op '" + op.name() + "' has Signature.CUSTOM, and its author has not supplied"
                    + " test cases with OpCases.supply(\"" + op.name() + "\", ...)");
        }
        return inputs.map(xs -> of(op, Attrs.NONE, xs));
    }

    // ---------------------------------------------------------------- shapes and values

    /** Returns axis lengths for a rank between {@code minRank} and 4, each length 1 to {@code maxLength}. */
    static Arbitrary<int[]> dims(int minRank, int maxLength) {
        return Arbitraries.integers().between(1, maxLength).list().ofMinSize(minRank).ofMaxSize(MAX_RANK).map(OpCases::ints);
    }

    /**
     * Returns shapes that broadcast to {@code out}: some leading axes dropped, some of the rest set to 1.
     * Two such shapes drawn independently cover every broadcasting pairing (equal, scalar with tensor,
     * size-1 axis against a full one, missing leading axes on either side).
     */
    static Arbitrary<int[]> broadcastableTo(int[] out) {
        return Combinators.combine(Arbitraries.integers().between(0, out.length),
                Arbitraries.of(false, true).list().ofSize(out.length)).as((drop, full) -> {
            int[] d = new int[out.length - drop];
            for (int i = 0; i < d.length; i++) {
                d[i] = full.get(drop + i) ? out[drop + i] : 1;
            }
            return d;
        });
    }

    /**
     * Returns one value drawn uniformly from a domain: reals with |x| in [0.1, 3], positives in [0.5, 3],
     * non-zeros with |x| in [0.5, 3].
     *
     * <p>Why not reals near 0: there tanh and the sigmoid have an inflection point (second derivative 0)
     * and x³ a flat spot (first derivative 0). The relative error of a vanishing derivative compares
     * round-off with round-off and fails at any tolerance, although the gradient is right; at |x| ≥ 0.1
     * the derivatives are large enough for a centered difference to resolve them to 1e-7. Why uniform:
     * jqwik's default distribution favours values near the shrinking target 0, exactly those.
     */
    static Arbitrary<Double> value(ValueDomain domain) {
        return value(domain, 3);
    }

    /** Returns one value drawn uniformly from a domain, with magnitude at most {@code high}. */
    static Arbitrary<Double> value(ValueDomain domain, double high) {
        Arbitrary<Double> sign = Arbitraries.of(1.0, -1.0);
        return switch (domain) {
            case REAL -> Combinators.combine(magnitude(0.1, high), sign).as((m, s) -> m * s);
            case POSITIVE -> magnitude(0.5, high);
            case NONZERO -> Combinators.combine(magnitude(0.5, high), sign).as((m, s) -> m * s);
            case ABOVE_MINUS_ONE -> Arbitraries.doubles().between(-0.5, high).ofScale(6).withDistribution(RandomDistribution.uniform());
            default -> throw new IllegalStateException("no value generator for domain " + domain);
        };
    }

    private static Arbitrary<Double> magnitude(double low, double high) {
        return Arbitraries.doubles().between(low, high).ofScale(6).withDistribution(RandomDistribution.uniform());
    }

    /**
     * Returns a tensor for input {@code i} of op: values from the input's domain, away from the op's kinks;
     * for an op with ties (max over axes), distinct values at least 6/81 apart, drawn as a shuffled grid.
     */
    static Arbitrary<Tensor> tensor(OpDef op, int i, int[] dims) {
        int n = Shape.of(dims).size();
        if (!op.isDifferentiable()) {
            return Arbitraries.of(MASK_VALUES).list().ofSize(n)
                    .map(vs -> Tensor.of(vs.stream().mapToDouble(Double::doubleValue).toArray(), dims));
        }
        if (op.hasTies() && op.signature() != Signature.BINARY) {
            List<Integer> slots = IntStream.range(0, n).boxed().toList();
            return Combinators.combine(Arbitraries.shuffle(slots),
                            Arbitraries.doubles().between(0, 0.5).ofScale(6).withDistribution(RandomDistribution.uniform()))
                    .as((perm, shift) -> {
                        double[] v = new double[n];
                        for (int k = 0; k < n; k++) {
                            v[k] = -3 + 6 * (perm.get(k) + 0.25 + shift) / n;
                        }
                        return Tensor.of(v, dims);
                    });
        }
        double[] kinks = op.kinks();
        return value(drawnDomain(op, i), largestMagnitude(op)).filter(v -> awayFrom(v, kinks)).list().ofSize(n)
                .map(vs -> Tensor.of(vs.stream().mapToDouble(Double::doubleValue).toArray(), dims));
    }

    /**
     * Returns the domain input i is drawn from: the op's own, narrowed where the relative error itself is
     * ill-conditioned. For a^b with b near 0 both partial derivatives, b·a^(b−1) and a^b·ln a (a near 1),
     * are near 0 while a^b is near 1, so the round-off of a centered difference, about 10⁻¹⁶·a^b / ε,
     * swamps them. With |b| ≥ 0.5, |∂f/∂a| / |f| = |b| / a ≥ 1/6 and the check sees the derivative, not the
     * noise. (The gradient at small b is still right; the 1e-7 test just cannot resolve it.)
     */
    static ValueDomain drawnDomain(OpDef op, int i) {
        if (op.name().equals("pow") && i == 1) {
            return ValueDomain.NONZERO;
        }
        return op.inputDomain(i);
    }

    /**
     * Returns the largest input magnitude drawn for op: 3, or 1 for the softmax family. Softmax saturates:
     * with a gap Δ between two logits, p(1 − p) ≈ e^(−Δ), so its derivatives shrink while the round-off
     * of its values, about 10⁻¹⁶ / ε = 10⁻⁹ in a centered difference, does not; at Δ ≈ 4 a length-2 softmax
     * checks at 1.7e-7 (first order) and 5.5e-7 (second order) although its gradient is right. Logits in
     * [−1, 1] keep Δ ≤ 2 and every probability at most 0.88. logSumExp's second derivative is softmax's
     * first, so it is drawn the same way.
     *
     * <p>erf saturates too: its derivative 2/√π·e^(−x²) is 1.4e-4 at |x| = 3 while erf x is near 1, and the
     * same round-off reached 1.06e-7 of it at x = 2.896 (a one-element case, seen once in this suite). At
     * |x| ≤ 2.5 the derivative is at least 2e-3 and the round-off below 3e-8 of it.
     */
    static double largestMagnitude(OpDef op) {
        return switch (op.name()) {
            case "softmax", "log_softmax", "logsumexp" -> 1;
            case "erf" -> 2.5;
            default -> 3;
        };
    }

    private static Arbitrary<Tensor> mask(int[] dims) {
        return Arbitraries.of(0.0, 1.0).list().ofSize(Shape.of(dims).size())
                .map(vs -> Tensor.of(vs.stream().mapToDouble(Double::doubleValue).toArray(), dims));
    }

    // ---------------------------------------------------------------- conditioning

    /**
     * Returns true if the case's differentiated inputs lie in their domains, away from the op's kinks and,
     * for ops with ties, no two competing values are within {@link #MARGIN}. Author-supplied cases are
     * held to the same rule.
     */
    static boolean wellConditioned(OpCase c) {
        OpDef op = c.op();
        if (!op.isDifferentiable()) {
            return true;   // no gradient is checked, and non-finite values are the point
        }
        if (!awayFromFlatPoints(c, FLAT_FIRST)) {
            return false;
        }
        if (op.name().equals("norm") && c.attrs().real("norm", "p") == Double.POSITIVE_INFINITY && !absValuesApart(c.inputs()[0])) {
            return false;   // max |x| has ties where two |x| meet
        }
        for (int i : c.wrt()) {
            for (double v : c.inputs()[i].toArray()) {
                if (!op.inputDomain(i).contains(v) || !awayFrom(v, op.kinks())) {
                    return false;
                }
            }
        }
        if (!op.hasTies()) {
            return true;
        }
        if (op.signature() == Signature.BINARY) {
            try (GradMode.Scope ignored = GradMode.noGrad()) {
                Tensor gap = c.inputs()[0].sub(c.inputs()[1]).abs();
                return gap.size() == 0 || gap.min().item() > MARGIN;
            }
        }
        for (int i : c.wrt()) {
            double[] v = c.inputs()[i].toArray();
            Arrays.sort(v);
            for (int k = 1; k < v.length; k++) {
                if (v[k] - v[k - 1] <= MARGIN) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Returns true if the case is also well-conditioned for a second-order check. Softmax along an axis of
     * length 2 is the sigmoid of the gap between the two logits, σ(x₀ − x₁), and like the sigmoid at 0 its
     * second derivative vanishes where the gap does: there the relative error of the second derivative
     * compares round-off with round-off (1.4e-6 at a gap of 0.025, though the rule is right). So the two
     * logits are kept at least 0.1 apart, as reals are kept 0.1 from the sigmoid's inflection point.
     *
     * <p>For the same reason std folds at least four elements into each output (three can leave a nearly
     * vanishing H·r, see below) and the 2-norm at least two: the std of two elements is |x₀ − x₁|/2 (or /√2) and the 2-norm of one is |x|, piecewise linear,
     * so their second derivatives are 0 and the relative error compares round-off with round-off. So is
     * prod over one element and cumprod along an axis of length 1, the identity.
     */
    static boolean secondOrderConditioned(OpCase c) {
        if (c.op().name().equals("det")) {
            // det of a 1×1 matrix is its one entry, linear: its second derivative vanishes identically, and the
            // rule g·det(A)·A⁻ᵀ = g·a·(1/a) leaves a round-off of 1e-16 that a relative error cannot resolve.
            Tensor a = c.inputs()[0];
            return a.shape().dim(a.rank() - 1) > 1;
        }
        if (!awayFromFlatPoints(c, FLAT_SECOND)) {
            return false;
        }
        if (c.op().name().equals("cumprod")) {
            Tensor x = c.inputs()[0];
            return x.shape().dim(c.attrs().integer("cumprod", "axis")) >= 2;
        }
        if (c.op().name().equals("std")) {
            // At three elements the projected second derivative can itself nearly vanish: [0.44, 1.36, −2.91]
            // gave H·r ≈ 1.8e-4, where the difference's round-off alone made the relative error 1.007e-7.
            return reducedCount(c) >= 4;
        }
        if (c.op().name().equals("prod")) {
            return reducedCount(c) >= 2;
        }
        if (c.op().name().equals("attention")) {
            // A row of scores far apart saturates the softmax, whose second derivatives, of order p(1 − p), then
            // fall so low that the difference's round-off alone passes 1e-7 relative: q = [0.82, −1.75, −2.62]
            // against three keys at scale 0.5 gave scores 3.12, −4.76, −2.88, P ≈ [0.997, 0.0004, 0.0025], and
            // 1.02e-7. Each row's scaled scores stay within 4 of each other (P's largest entry below 0.99 for
            // two keys).
            return largestScoreSpread(c) <= 4;
        }
        if (c.op().name().equals("norm") && c.attrs().real("norm", "p") == 2) {
            return reducedCount(c) >= 2;
        }
        if (!c.op().name().equals("softmax")) {
            return true;
        }
        Tensor x = c.inputs()[0];
        int axis = x.shape().normalizeAxis("softmax", c.attrs().integer("softmax", "axis"));
        if (x.shape().dim(axis) != 2) {
            return true;
        }
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            Tensor gap = x.slice(axis, 0, 1).sub(x.slice(axis, 1, 2)).abs();
            return gap.size() == 0 || gap.min().item() >= 0.1;
        }
    }

    /** Returns true if no input element of the case lies within {@link #FLAT_MARGIN} of the op's listed points. */
    private static boolean awayFromFlatPoints(OpCase c, Map<String, double[]> points) {
        double[] flat = points.get(c.op().name());
        if (flat == null) {
            return true;
        }
        for (Tensor t : c.inputs()) {
            for (double v : t.toArray()) {
                for (double p : flat) {
                    if (Math.abs(v - p) < FLAT_MARGIN) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Returns true if no two elements of x have magnitudes within {@link #MARGIN}: max |x| then has no tie. */
    private static boolean absValuesApart(Tensor x) {
        double[] v = x.toArray();
        for (int k = 0; k < v.length; k++) {
            v[k] = Math.abs(v[k]);
        }
        Arrays.sort(v);
        for (int k = 1; k < v.length; k++) {
            if (v[k] - v[k - 1] <= MARGIN) {
                return false;
            }
        }
        return true;
    }

    private static boolean awayFrom(double v, double[] kinks) {
        for (double k : kinks) {
            if (Math.abs(v - k) <= MARGIN) {
                return false;
            }
        }
        return true;
    }

    private static OpCase of(OpDef op, Attrs attrs, Tensor... inputs) {
        return new OpCase(op, inputs, attrs, IntStream.range(0, inputs.length).toArray());
    }

    static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
