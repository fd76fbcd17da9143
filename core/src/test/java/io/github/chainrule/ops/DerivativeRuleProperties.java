package io.github.chainrule.ops;

import io.github.chainrule.Tensor;
import io.github.chainrule.teaching.Lecture;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The derivative text of DERIVATIVES.md checked against the rule the engine runs: each op's machine-readable
 * rule ({@link OpDef#rule()}) is evaluated element by element on random samples and must equal the
 * gradient the op's backward pass actually sends to each input.
 *
 * <p>The rule is optional per op; every elementwise op of the session that introduced it has one, and
 * {@link #everyElementwiseOpHasACheckedRule} keeps it so. Run alone (or with {@code -Dchainrule.teach=true})
 * it prints which registered ops have a checked rule and which do not.
 */
class DerivativeRuleProperties {
    /** The elementwise ops that must keep a rule: the one- and two-input ops a student meets first. */
    static final List<String> ELEMENTWISE = List.of("add", "sub", "mul", "div", "pow", "pow_scalar", "maximum",
            "minimum", "neg", "exp", "log", "sqrt", "square", "abs", "tanh", "sigmoid", "relu", "leaky_relu",
            "softplus", "where");
    private static final int SAMPLES = 8;
    private static final Lecture LECTURE = Lecture.of(DerivativeRuleProperties.class);

    @Test
    void everyElementwiseOpHasACheckedRule() {
        List<String> with = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (OpDef op : OpRegistry.builtIns()) {
            (op.rule() != null ? with : without).add(op.name());
        }
        LECTURE.title("Derivative rules checked against the backward pass");
        LECTURE.say("%d of %d ops have a checked rule: %s", with.size(), with.size() + without.size(), with);
        LECTURE.say("without one (the rule is optional): %s", without);
        for (String name : ELEMENTWISE) {
            assertNotNull(OpRegistry.get(name).rule(), name + " lost its machine-readable rule");
        }
    }

    @TestFactory
    Stream<DynamicTest> eachDocumentedRuleEqualsTheGradientTheBackwardPassSends() {
        return OpRegistry.builtIns().stream().filter(op -> op.rule() != null)
                .map(op -> DynamicTest.dynamicTest(op.name() + ": " + op.rule(), () -> check(op)));
    }

    @Test
    void aRuleThatDisagreesWithTheBackwardPassIsCaught() {
        // The check must be able to fail: exp's rule with the output replaced by its input is wrong.
        OpDef exp = OpRegistry.get("exp");
        AssertionError e = assertThrows(AssertionError.class, () -> check(exp, "dx = g*x"));
        assertTrue(e.getMessage().contains("exp"), e.getMessage());
    }

    @Test
    void aMalformedRuleIsRefusedWithItsPosition() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RuleFormula.parse("dx = g*[x >= 0"));
        assertTrue(e.getMessage().contains("position 14") && e.getMessage().contains("']'"), e.getMessage());
    }

    private static void check(OpDef op) {
        check(op, op.rule());
    }

    private static void check(OpDef op, String rule) {
        Map<String, RuleFormula.Expr> grads = RuleFormula.parse(rule);
        List<String> names = inputNames(op);
        for (String n : names) {
            if (!n.equals("mask")) {
                assertTrue(grads.containsKey("d" + n), op.name() + ": the rule gives no d" + n + ": " + rule);
            }
        }
        double[] params = op.signature() == Signature.UNARY_WITH_PARAM ? op.paramSamples() : new double[] {Double.NaN};
        Random rng = new Random(op.name().hashCode());
        for (double p : params) {
            Attrs attrs = Double.isNaN(p) ? Attrs.NONE : Attrs.of(op.paramName(), p);
            for (int s = 0; s < SAMPLES; s++) {
                Tensor[] in = new Tensor[names.size()];
                for (int i = 0; i < in.length; i++) {
                    in[i] = names.get(i).equals("mask") ? mask(rng) : sample(op, i, rng).requiresGrad();
                }
                Tensor y = op.apply(attrs, in);
                Tensor g = Tensor.randn(rng, 2, 3);
                y.backward(g);
                for (int e = 0; e < 6; e++) {
                    Map<String, Double> env = new HashMap<>();
                    env.put("g", g.toArray()[e]);
                    env.put("y", y.toArray()[e]);
                    if (!Double.isNaN(p)) {
                        env.put(op.paramName(), p);
                    }
                    for (int i = 0; i < in.length; i++) {
                        env.put(names.get(i), in[i].toArray()[e]);
                    }
                    for (int i = 0; i < in.length; i++) {
                        if (names.get(i).equals("mask")) {
                            continue;
                        }
                        double expected = grads.get("d" + names.get(i)).applyAsDouble(env);
                        double actual = in[i].grad().toArray()[e];
                        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)),
                                op.name() + ": rule '" + rule + "' gives d" + names.get(i) + " = " + expected
                                        + " but the backward pass sends " + actual + " at " + env);
                    }
                }
            }
        }
    }

    private static List<String> inputNames(OpDef op) {
        return switch (op.signature()) {
            case UNARY, UNARY_WITH_PARAM -> List.of("x");
            case BINARY -> List.of("a", "b");
            case WHERE -> List.of("mask", "a", "b");
            default -> throw new IllegalStateException(op.name() + ": rules are checked on elementwise signatures only, not "
                    + op.signature());
        };
    }

    /** A (2, 3) input inside the op's domain and at least OpCases.MARGIN from its kinks. */
    private static Tensor sample(OpDef op, int input, Random rng) {
        double[] v = new double[6];
        for (int i = 0; i < v.length; i++) {
            do {
                v[i] = switch (op.inputDomain(input)) {
                    case REAL -> 2 * rng.nextGaussian();
                    case POSITIVE -> 0.2 + 2 * rng.nextDouble();
                    case NONZERO -> (rng.nextBoolean() ? 1 : -1) * (0.2 + 2 * rng.nextDouble());
                    case ABOVE_MINUS_ONE -> -0.8 + 2 * rng.nextDouble();
                };
            } while (nearKink(op, v[i]));
        }
        return Tensor.of(v, 2, 3);
    }

    private static boolean nearKink(OpDef op, double v) {
        for (double k : op.kinks()) {
            if (Math.abs(v - k) < OpCases.MARGIN) {
                return true;
            }
        }
        return false;
    }

    private static Tensor mask(Random rng) {
        double[] v = new double[6];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextBoolean() ? 1 : 0;
        }
        return Tensor.of(v, 2, 3);
    }
}
