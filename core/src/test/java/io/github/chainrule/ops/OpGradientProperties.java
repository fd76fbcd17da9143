package io.github.chainrule.ops;

import io.github.chainrule.Autograd;
import io.github.chainrule.Tensor;
import io.github.chainrule.gradcheck.GradCheck;
import io.github.chainrule.gradcheck.Report;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry-driven gradient suite: every registered op's backward rule, checked against centered
 * finite differences on random shapes and values drawn for its signature ({@link OpCases}).
 *
 * <p>Backpropagation rests on one fact per op: its backward rule returns the vector-Jacobian product
 * gᵀ·∂f/∂x. A centered difference (f(x + εeᵢ) − f(x − εeᵢ)) / 2ε measures the same derivative with no
 * calculus at all, to within O(ε²) truncation and O(10⁻¹⁶/ε) round-off; with ε = 10⁻⁷ the two agree to
 * about 10⁻⁹ wherever the op is smooth. So a relative error below the course's 10⁻⁷ proves the rule, and
 * anything above 10⁻⁵ is a bug. The same holds one level up: differentiating the backward pass
 * (createGraph) must agree with differences of the gradient, which is what second-order methods,
 * gradient penalties and Hessian-vector products rely on.
 *
 * <p>jqwik's edge cases are off for these two properties: they set every element to the same value
 * (0, ±10⁻⁶, a bound), where symmetric ops such as softmax have exactly zero second derivatives and the
 * relative error becomes round-off over round-off, 0/0. Random values in the domains reach the same
 * code; shapes of rank 0 and size-1 axes are drawn often anyway.
 *
 * <p>Each op is drawn uniformly from the registry, so with about {@value #TRIES_PER_OP} tries per op
 * each property runs {@value #TRIES} cases; the statistics printed after each property show how many
 * each op got and which ranks were covered.
 */
class OpGradientProperties {
    /**
     * The ops the suite draws from: the built-ins and the two example user ops. A constant, because jqwik's
     * try counts are annotation values; {@link #theOpCountIsTheRegistrysSize} keeps it honest.
     */
    static final int OPS = 106;
    /** The mean number of cases each op gets in each property. */
    static final int TRIES_PER_OP = 50;
    /** Tries per property: enough for every op, built-ins and the example user ops, to get about TRIES_PER_OP. */
    static final int TRIES = OPS * TRIES_PER_OP;
    /** Fewer for second order, which differentiates a recorded backward pass for every nudged element. */
    static final int SECOND_ORDER_TRIES = OPS * 30;
    /** The fewest cases any op may get before a property counts its coverage as too thin. */
    static final int MIN_CASES_PER_OP = 10;

    @Provide
    Arbitrary<OpCase> differentiableCases() {
        ExampleOps.registerOnce();
        return OpCases.anyOp(OpDef::isDifferentiable);
    }

    @Provide
    Arbitrary<OpCase> secondOrderCases() {
        ExampleOps.registerOnce();
        return OpCases.anyOp(OpDef::isDifferentiable, OpCases::secondOrderConditioned);
    }

    @Provide
    Arbitrary<OpCase> nonDifferentiableCases() {
        ExampleOps.registerOnce();
        return OpCases.anyOp(op -> !op.isDifferentiable());
    }

    /**
     * The finite-difference step of this suite, 1e-6. GradCheck's default is the course's ε = 1e-7, but the
     * centered difference is most accurate in double precision near ε = u^(1/3) ≈ 6e-6 (u = 2.2e-16), where
     * its truncation error (order ε²·f''') and its round-off (order u·|f|/ε) balance. At 1e-7 the round-off
     * alone reaches 1e-7 of a small projected gradient now and then (log_softmax on two close logits), which
     * would make the suite fail on the finite difference's error rather than on autodiff's.
     */
    static final double EPSILON = 1e-6;

    /**
     * Every op's backward rule equals the centered difference of its forward pass: the vector-Jacobian
     * product gᵀ·J, projected on a random upstream gradient g, has relative error below 1e-7.
     */
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void everyOpsBackwardMatchesCenteredDifferences(@ForAll("differentiableCases") OpCase c) {
        collect(c);
        Report r = GradCheck.of(c.function()).withRespectTo(c.wrt()).epsilon(EPSILON).check(c.inputs());
        assertTrue(r.passed(), () -> c + "\n" + r);
        assertTrue(r.kinks().isEmpty(), () -> "inputs were drawn away from kinks, yet the check saw one:\n" + c + "\n" + r);
    }

    /**
     * Every op's backward rule is itself differentiable, and right: differentiating the recorded backward
     * pass (createGraph) gives the same second derivatives as centered differences of the gradient, with
     * relative error below 1e-7. (Softmax needed 1e-6 at ε = 1e-7: its gradient passes through several
     * roundings, 5 to 10 ulp, which the second-order difference divides by ε; at this suite's ε they fall
     * ten times lower.)
     */
    @Property(tries = SECOND_ORDER_TRIES, edgeCases = EdgeCasesMode.NONE)
    void everyOpsSecondDerivativeMatchesDifferencesOfItsGradient(@ForAll("secondOrderCases") OpCase c) {
        collect(c);
        Report r = GradCheck.of(c.function()).withRespectTo(c.wrt()).epsilon(EPSILON).checkSecondOrder(c.inputs());
        assertTrue(r.passed(), () -> c + "\n" + r);
    }

    /**
     * Every op's in-place backward kernel agrees with its differentiable rule: the gradients of a plain
     * backward pass (which runs an op's {@link io.github.chainrule.GradKernel} where it has one) equal
     * those of a recorded pass (createGraph, which runs the rule written with ops) to 1e-12 relative, on
     * the same random upstream gradient. An op without a kernel passes trivially: both passes run its rule.
     */
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void everyOpsInPlaceKernelAgreesWithItsDifferentiableRule(@ForAll("differentiableCases") OpCase c,
                                                              @ForAll long seed) {
        collect(c);
        assertPlainPassAgreesWithRecordedPass(c, seed);
    }

    /**
     * Every op's local derivatives agree with its differentiable rule: on inputs of one element each, where
     * a plain backward pass over an op with {@link io.github.chainrule.LocalDerivative local derivatives}
     * runs on doubles (a graph of scalars, as in micrograd), the gradients equal those of a recorded pass to
     * 1e-12 relative. An op without local derivatives passes trivially: the plain pass runs its kernel.
     */
    @Property(tries = OPS * 20, edgeCases = EdgeCasesMode.NONE)
    void everyOpsLocalDerivativesAgreeWithItsDifferentiableRuleOnScalars(@ForAll("oneElementCases") OpCase c,
                                                                         @ForAll long seed) {
        Statistics.label("op").collect(c.op().name());
        assertPlainPassAgreesWithRecordedPass(c, seed);
    }

    @Provide
    Arbitrary<OpCase> oneElementCases() {
        return differentiableCases().filter(c -> java.util.Arrays.stream(c.inputs()).allMatch(t -> t.size() == 1));
    }

    private static void assertPlainPassAgreesWithRecordedPass(OpCase c, long seed) {
        Tensor[] plain = gradients(c, seed, false);
        Tensor[] recorded = gradients(c, seed, true);
        for (int k = 0; k < plain.length; k++) {
            double[] a = plain[k].toArray();
            double[] b = recorded[k].toArray();
            double diff = 0;
            double norm = 0;
            for (int i = 0; i < a.length; i++) {
                diff += (a[i] - b[i]) * (a[i] - b[i]);
                norm += a[i] * a[i] + b[i] * b[i];
            }
            int input = c.wrt()[k];
            int at = k;
            assertTrue(Math.sqrt(diff) <= 1e-12 * Math.sqrt(norm) + 1e-300,
                    () -> c + "\ninput " + input + ": plain pass " + plain[at] + "\nrecorded " + recorded[at]);
        }
    }

    /** The gradients of the case's output, seeded with a random upstream gradient, by either kind of pass. */
    private static Tensor[] gradients(OpCase c, long seed, boolean createGraph) {
        Tensor[] inputs = c.inputs().clone();
        Tensor[] wrt = new Tensor[c.wrt().length];
        for (int k = 0; k < wrt.length; k++) {
            int i = c.wrt()[k];
            inputs[i] = inputs[i].detach().copy().requiresGrad();
            wrt[k] = inputs[i];
        }
        Tensor y = c.op().apply(c.attrs(), inputs);
        Tensor g = Tensor.randn(new java.util.Random(seed), y.shape().dims());
        return Autograd.grad(y, g, wrt, false, createGraph, true);
    }

    /**
     * An op declared not differentiable (one-hot of integer labels, the comparisons and masks, argmax) still
     * computes the right value, and its output is a constant: nothing is recorded, so no gradient can flow
     * through it, even from inputs that require one. Comparisons and masks are checked against Java's own
     * operators on the inputs broadcast to the output's shape, NaN and infinities included.
     */
    @Property(tries = 11 * 20)
    void nonDifferentiableOpsComputeTheirValueAndRecordNothing(@ForAll("nonDifferentiableCases") OpCase c) {
        Statistics.label("op").collect(c.op().name());
        Tensor[] inputs = java.util.Arrays.stream(c.inputs()).map(t -> t.copy().requiresGrad()).toArray(Tensor[]::new);
        Tensor y = c.op().apply(c.attrs(), inputs);
        assertFalse(y.isGradRequired(), () -> c.op().name() + " recorded its output");
        for (double v : y.toArray()) {
            assertTrue(Double.isFinite(v), () -> c + " gave " + y);
        }
        if (c.op().family().equals("Comparisons")) {
            assertComparisonValues(c, y);
        }
        if (c.op().signature() == Signature.ONE_HOT) {
            int[] labels = c.attrs().ints("one_hot", "labels", false);
            int classes = c.attrs().integer("one_hot", "classes");
            assertEquals(List.of(classes, labels.length), List.of(y.shape().dim(0), y.shape().dim(1)));
            for (int k = 0; k < classes; k++) {
                for (int j = 0; j < labels.length; j++) {
                    assertEquals(labels[j] == k ? 1.0 : 0.0, y.get(k, j), "Y[" + k + ", " + j + "]");
                }
            }
        }
    }

    private static void assertComparisonValues(OpCase c, Tensor y) {
        double[] a = c.inputs()[0].broadcastTo(y.shape()).toArray();
        double[] b = c.inputs().length > 1 ? c.inputs()[1].broadcastTo(y.shape()).toArray() : null;
        double[] got = y.toArray();
        for (int i = 0; i < got.length; i++) {
            boolean expected = switch (c.op().name()) {
                case "eq" -> a[i] == b[i];
                case "ne" -> a[i] != b[i];
                case "lt" -> a[i] < b[i];
                case "le" -> a[i] <= b[i];
                case "gt" -> a[i] > b[i];
                case "ge" -> a[i] >= b[i];
                case "is_nan" -> Double.isNaN(a[i]);
                case "is_finite" -> Double.isFinite(a[i]);
                default -> throw new AssertionError("no plain-Java check for " + c.op().name());
            };
            int at = i;
            assertEquals(expected ? 1.0 : 0.0, got[i], () -> c + "\nelement " + at + " of " + y);
        }
    }

    /**
     * The suite covers the whole registry: every registered op's signature has a case generator (a
     * {@link Signature#CUSTOM} op has cases supplied by its author), so no op escapes its check.
     */
    @Example
    void everyRegisteredOpHasACaseGenerator() {
        ExampleOps.registerOnce();
        List<String> missing = OpRegistry.all().stream().filter(op -> !OpCases.hasGenerator(op))
                .map(op -> op.name() + " (" + op.signature() + ")").toList();
        assertTrue(missing.isEmpty(), () -> "ops without a case generator: " + missing);
    }

    /** The try counts are sized for the registry as it is: a new op must raise {@link #OPS} with it. */
    @Example
    void theOpCountIsTheRegistrysSize() {
        assertEquals(OPS, OpRegistry.builtIns().size() + ExampleOps.COUNT,
                "OpGradientProperties.OPS must be the number of built-in ops plus the example user ops");
    }

    /** A CUSTOM op whose author supplied no cases is reported, not silently skipped. */
    @Example
    void aCustomOpWithoutSuppliedCasesHasNoGenerator() {
        OpDef orphan = OpDef.builder("test_orphan_unregistered", Signature.CUSTOM).forward("x").derivative("dx = g")
                .invoker((in, at) -> in[0]).build();
        assertFalse(OpCases.hasGenerator(orphan));
    }

    /** Every signature a built-in can declare has a generator, so a new op of a known kind needs no test code. */
    @Example
    void everySignatureButCustomHasAGenerator() {
        for (Signature s : Signature.values()) {
            if (s == Signature.CUSTOM) {
                continue;
            }
            OpDef.Builder b = OpDef.builder("test_probe_" + s, s).forward("f").derivative("df").invoker((in, at) -> in[0]);
            if (s == Signature.UNARY_WITH_PARAM || s == Signature.REDUCTION_WITH_PARAM) {
                b.param("p", 1);
            }
            assertTrue(OpCases.hasGenerator(b.build()), "no generator for " + s);
        }
    }

    private static void collect(OpCase c) {
        Statistics.label("op").collect(c.op().name());
        Statistics.label("rank").collect(c.rank());
        Statistics.label("op").coverage(cover -> differentiableOps().forEach(name ->
                cover.check(name).count((Integer n) -> n >= MIN_CASES_PER_OP)));
    }

    private static Set<String> differentiableOps() {
        return OpRegistry.all().stream().filter(OpDef::isDifferentiable).map(OpDef::name).collect(Collectors.toSet());
    }
}
