package io.github.chainrule.ops;

import io.github.chainrule.Tensor;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * NaN in, NaN out, for every registered op: a case drawn from {@link OpCases} for the op's signature gets a NaN
 * in one element of one differentiated input, and the output must hold a NaN where numpy would, as the op's
 * {@link NanRule} declares: somewhere in a non-empty output for {@link NanRule#PROPAGATES}. An op that declares {@link NanRule#SELECTS} or {@link NanRule#IGNORES} must still
 * return (with a reason on record); nothing is asserted about its values.
 */
class NanPropagationProperties {
    /** About 20 cases per registered op (41 ops on this branch, the example user ops included). */
    static final int TRIES = OpGradientProperties.OPS * 20;

    @Provide
    Arbitrary<Object[]> casesWithAPosition() {
        ExampleOps.registerOnce();
        return Combinators.combine(OpCases.anyOp(op -> true), Arbitraries.longs()).as((c, seed) -> new Object[] {c, seed});
    }

    /** A NaN in a differentiated input reaches the output wherever the op's NaN rule says it does. */
    @Property(tries = TRIES)
    void aNaNInADifferentiatedInputReachesTheOutputAsTheOpsNanRuleDeclares(@ForAll("casesWithAPosition") Object[] drawn) {
        OpCase c = (OpCase) drawn[0];
        Random rng = new Random((Long) drawn[1]);
        Statistics.label("op").collect(c.op().name());
        if (c.wrt().length == 0) {
            return;   // no differentiated input (one_hot): nothing to put a NaN in
        }
        int which = c.wrt()[rng.nextInt(c.wrt().length)];
        Tensor x = c.inputs()[which];
        if (x.size() == 0) {
            return;
        }
        double[] values = x.toArray();
        int at = rng.nextInt(values.length);
        values[at] = Double.NaN;
        Tensor[] inputs = c.inputs().clone();
        inputs[which] = Tensor.of(values, x.shape().dims());
        Tensor out = c.op().apply(c.attrs(), inputs);
        if (c.op().nanRule() != NanRule.PROPAGATES || out.size() == 0) {
            return;
        }
        double[] y = out.toArray();
        boolean any = false;
        for (double v : y) {
            any |= Double.isNaN(v);
        }
        assertTrue(any, () -> c.op().name() + ": NaN at " + at + " of input " + which + " " + x.shape()
                + " left no NaN in the output " + out.shape() + "; if the op legitimately drops it, declare"
                + " .nan(NanRule.SELECTS or IGNORES, reason) in its registry entry; case " + c);
    }
}
