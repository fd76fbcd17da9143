package io.github.chainrule.ops;

import io.github.chainrule.Autograd;
import io.github.chainrule.ForwardMode;
import io.github.chainrule.GradMode;
import io.github.chainrule.Tensor;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry-driven forward-mode suite: every registered op's Jacobian-vector product, whether the op
 * states it ({@link io.github.chainrule.Jvp}) or forward mode derives it from the backward rule, checked on
 * the cases {@link OpCases} draws for its signature, so that ops registered later are covered with no test
 * code.
 *
 * <p>Three facts pin a jvp down. It is the directional derivative, so it equals the centered difference
 * (f(x + εv) − f(x − εv)) / 2ε to O(ε²). It is the transpose of the vjp, ⟨u, J v⟩ = ⟨Jᵀu, v⟩, which holds
 * to round-off on any u and v (a test with no ε). And pushed through a recorded gradient it gives the
 * Hessian-vector product, which must equal the one reverse mode gets by differentiating the gradient again.
 *
 * <p>Ops are drawn uniformly, about {@value #TRIES_PER_OP} cases each per property.
 */
class ForwardModeProperties {
    /** The mean number of cases each op gets in each property. */
    static final int TRIES_PER_OP = 25;
    /** Tries per property: every registered op (built-ins and the example user ops) times TRIES_PER_OP. */
    static final int TRIES = OpGradientProperties.OPS * TRIES_PER_OP;
    /** The finite-difference step: as {@link OpGradientProperties#EPSILON}, where truncation and round-off balance. */
    static final double EPSILON = 1e-6;

    @Provide
    Arbitrary<OpCase> differentiableCases() {
        ExampleOps.registerOnce();
        return OpCases.anyOp(OpDef::isDifferentiable);
    }

    /**
     * Every op's jvp equals the centered difference of its forward pass along a random direction v (of every
     * differentiated input at once): ‖Jv − fd‖ ≤ 1e-7 (‖Jv‖ + ‖fd‖) + 1e-9.
     */
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void everyOpsJvpMatchesTheCenteredDifferenceAlongARandomDirection(@ForAll("differentiableCases") OpCase c,
                                                                      @ForAll long seed) {
        Statistics.label("op").collect(c.op().name());
        Tensor[] v = directions(c, new Random(seed));
        Tensor jv = ForwardMode.jvp(c.function(), c.inputs(), v).tangent();
        double[] plus;
        double[] minus;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            plus = c.op().apply(c.attrs(), shifted(c, v, EPSILON)).toArray();
            minus = c.op().apply(c.attrs(), shifted(c, v, -EPSILON)).toArray();
        }
        double[] a = jv.toArray();
        assertEquals(plus.length, a.length, () -> c + "\njvp has shape " + jv.shape());
        double diff = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            double fd = (plus[i] - minus[i]) / (2 * EPSILON);
            diff += (a[i] - fd) * (a[i] - fd);
            na += a[i] * a[i];
            nb += fd * fd;
        }
        double err = Math.sqrt(diff);
        double scale = Math.sqrt(na) + Math.sqrt(nb);
        assertTrue(err <= 1e-7 * scale + 1e-9, () -> c + "\njvp " + jv + "\nerror " + err + " against a scale of " + scale);
    }

    /**
     * Every op's jvp is the transpose of its vjp: ⟨u, J v⟩ = ⟨Jᵀu, v⟩ on random u and v, to 1e-12 relative to
     * the Cauchy–Schwarz bound ‖u‖‖Jv‖ + ‖Jᵀu‖‖v‖ of the two sides (a relative error of the sums themselves
     * would divide round-off by a cancellation).
     */
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void everyOpsJvpIsTheTransposeOfItsVjp(@ForAll("differentiableCases") OpCase c, @ForAll long seed) {
        Statistics.label("op").collect(c.op().name());
        Random random = new Random(seed);
        Tensor[] v = directions(c, random);
        Tensor jv = ForwardMode.jvp(c.function(), c.inputs(), v).tangent();
        Tensor u = Tensor.randn(random, jv.shape().dims());
        Tensor[] inputs = c.inputs().clone();
        Tensor[] wrt = new Tensor[c.wrt().length];
        for (int k = 0; k < wrt.length; k++) {
            int i = c.wrt()[k];
            inputs[i] = inputs[i].copy().requiresGrad();
            wrt[k] = inputs[i];
        }
        Tensor y = c.op().apply(c.attrs(), inputs);
        Tensor[] jtu = y.isGradRequired() ? Autograd.grad(y, u, wrt, false, false, true) : zeros(wrt);
        double left = dot(u, jv);
        double right = 0;
        double bound = norm(u) * norm(jv);
        for (int k = 0; k < wrt.length; k++) {
            right += dot(jtu[k], v[c.wrt()[k]]);
            bound += norm(jtu[k]) * norm(v[c.wrt()[k]]);
        }
        double l = left;
        double r = right;
        double b = bound;
        assertTrue(Math.abs(l - r) <= 1e-12 * b + 1e-300, () -> c + "\n⟨u, Jv⟩ = " + l + ", ⟨Jᵀu, v⟩ = " + r + ", bound " + b);
    }

    /**
     * Forward-over-reverse Hessian-vector products equal reverse-over-reverse ones for every op, on the loss
     * L(x) = ½ Σ r·f(x)² of one differentiated input (the square makes the gradient Jᵀ(r·f) depend on x even
     * for a linear op, so the sweep runs through the op's rules), to 1e-10 relative.
     */
    @Property(tries = TRIES, edgeCases = EdgeCasesMode.NONE)
    void everyOpsForwardOverReverseHvpEqualsReverseOverReverse(@ForAll("differentiableCases") OpCase c, @ForAll long seed) {
        Statistics.label("op").collect(c.op().name());
        if (c.wrt().length == 0) {
            return;
        }
        Random random = new Random(seed);
        int which = c.wrt()[random.nextInt(c.wrt().length)];
        Tensor r;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            r = Tensor.randn(random, c.apply().shape().dims());
        }
        Function<Tensor, Tensor> loss = x -> {
            Tensor[] in = c.inputs().clone();
            in[which] = x;
            Tensor y = c.op().apply(c.attrs(), in);
            return y.mul(y).mul(r).sum().mul(0.5);
        };
        Tensor x = c.inputs()[which];
        Tensor v = Tensor.randn(random, x.shape().dims());
        Tensor reverse = Autograd.hvp(loss, x, v);
        Tensor forward = Autograd.hvpForwardOverReverse(loss, x, v);
        double err = norm(forward.sub(reverse));
        double scale = norm(forward) + norm(reverse);
        assertTrue(err <= 1e-10 * scale + 1e-12, () -> c + "\ninput " + which + "\nforward-over-reverse " + forward
                + "\nreverse-over-reverse " + reverse);
    }

    /**
     * Every registered differentiable op has a forward-mode rule: derived from its backward rule, or its own;
     * and an op whose registry entry declares a jvp formula records a {@link io.github.chainrule.Jvp} (and
     * one that declares none records none), so the derivative table's jvp column tells the truth. (A composite
     * op records the ops it is built from, whose rules are checked under their own names.)
     */
    @Example
    void everyOpHasAForwardRuleAndItsDeclaredKindIsTheRecordedOne() {
        ExampleOps.registerOnce();
        List<String> wrong = new ArrayList<>();
        int explicit = 0;
        int derived = 0;
        for (OpDef op : OpRegistry.all()) {
            if (!op.isDifferentiable()) {
                continue;
            }
            OpCase c = OpCases.forOp(op).sample();
            Tensor[] inputs = c.inputs().clone();
            for (int i : c.wrt()) {
                inputs[i] = inputs[i].copy().requiresGrad();
            }
            Tensor y = op.apply(c.attrs(), inputs);
            Tensor t = ForwardMode.jvp(c.function(), c.inputs(), directions(c, new Random(1))).tangent();
            if (!t.shape().equals(y.shape())) {
                wrong.add(op.name() + ": tangent of shape " + t.shape() + " for an output of shape " + y.shape());
            }
            // A composite (mean, softmax, transpose) records the ops it is made of, under their names: its jvp
            // is theirs, node by node, and the entry's declaration is about no single node.
            boolean composite = y.isGradRequired() && !op.name().equals(y.op());
            if (y.isGradRequired() && !composite && ForwardMode.hasExplicitRule(y) != op.hasExplicitJvp()) {
                wrong.add(op.name() + ": the registry says " + op.jvp() + ", the recorded op "
                        + (ForwardMode.hasExplicitRule(y) ? "has its own rule" : "has none"));
            }
            if (op.hasExplicitJvp()) {
                explicit++;
            } else {
                derived++;
            }
        }
        assertTrue(wrong.isEmpty(), () -> String.join("\n", wrong));
        assertTrue(explicit > 0 && derived > 0, "both kinds of rule are exercised: " + explicit + " explicit, " + derived + " derived");
    }

    /** A random tangent for each differentiated input, zero for the others (a where-mask). */
    private static Tensor[] directions(OpCase c, Random random) {
        Tensor[] v = new Tensor[c.inputs().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Tensor.zeros(c.inputs()[i].shape());
        }
        for (int i : c.wrt()) {
            v[i] = Tensor.randn(random, c.inputs()[i].shape().dims());
        }
        return v;
    }

    private static Tensor[] shifted(OpCase c, Tensor[] v, double step) {
        Tensor[] x = c.inputs().clone();
        for (int i : c.wrt()) {
            x[i] = x[i].add(v[i].mul(step));
        }
        return x;
    }

    private static Tensor[] zeros(Tensor[] like) {
        Tensor[] z = new Tensor[like.length];
        for (int k = 0; k < z.length; k++) {
            z[k] = Tensor.zeros(like[k].shape());
        }
        return z;
    }

    private static double dot(Tensor a, Tensor b) {
        double[] x = a.toArray();
        double[] y = b.toArray();
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static double norm(Tensor a) {
        return Math.sqrt(dot(a, a));
    }
}
