package io.github.chainrule;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An op's {@link Origin}, shared by every tensor it records, and the labels kept beside the tensors: what
 * a user writing an op of their own relies on.
 */
class OriginTest {
    // y = 2x, with its rule and kernel: an op whose rule holds no state, so one origin serves every output.
    private static final Origin DOUBLE = Origin.of("double",
            (g, in, out) -> new Tensor[] {g.mul(2.0)},
            (g, in, out, grads) -> {
                for (int i = 0; i < g.length; i++) {
                    grads[0][i] += 2 * g[i];
                }
            });

    private static Tensor doubled(Tensor x) {
        return Graph.record(DOUBLE, x.detach().mul(2.0), x);
    }

    @Test
    void aSharedOriginRecordsEveryOutputAndSurvivesTheirBackwardPasses() {
        for (int pass = 0; pass < 3; pass++) {             // each pass frees its graph, not the shared rule
            Tensor x = Tensor.vector(1, -2).requiresGrad();
            Tensor y = doubled(doubled(x));
            assertEquals("double", y.op());
            y.sum().backward();
            assertTrue(x.grad().allClose(Tensor.vector(4, 4)));
            IllegalStateException e = assertThrows(IllegalStateException.class, y::inputs);
            assertTrue(e.getMessage().startsWith("double:"), e.getMessage());
        }
    }

    @Test
    void aSharedOriginIsNotRecordedWithoutAnInputThatRequiresAGradient() {
        Tensor y = doubled(Tensor.vector(1, 2));
        assertNull(y.op());
        assertTrue(y.isLeaf());
    }

    @Test
    void anOriginNeedsANameAndARule() {
        IllegalArgumentException noRule = assertThrows(IllegalArgumentException.class, () -> Origin.of("halve", null, null));
        assertEquals("halve: the backward rule is null", noRule.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Origin.of(null, (g, in, out) -> new Tensor[] {g}, null));
    }

    @Test
    void recordNamesTheArgumentThatIsMissing() {
        Tensor x = Tensor.scalar(1).requiresGrad();
        Tensor y = Tensor.scalar(2);
        assertEquals("record: the origin is null",
                assertThrows(IllegalArgumentException.class, () -> Graph.record((Origin) null, y, x)).getMessage());
        assertEquals("double: the output tensor to record is null",
                assertThrows(IllegalArgumentException.class, () -> Graph.record(DOUBLE, null, x)).getMessage());
        assertEquals("double: input 1 is null",
                assertThrows(IllegalArgumentException.class, () -> Graph.record(DOUBLE, y, x, null)).getMessage());
        assertEquals("sum3: input 2 is null", assertThrows(IllegalArgumentException.class,
                () -> Graph.record("sum3", y, (g, in, out) -> new Tensor[] {g, g, g}, null, x, x, null)).getMessage());
    }

    @Test
    void aLabelBelongsToItsTensorAndCanBeRemoved() {
        Tensor a = Tensor.scalar(1).named("a");
        Tensor b = Tensor.scalar(1);
        assertEquals("a", a.label());
        assertNull(b.label());
        assertNull(a.detach().copy().label());
        a.named(null);
        assertNull(a.label());
    }

    @Test
    void aGradientErrorNamesTheTensorsLabel() {
        Tensor w = Tensor.scalar(1).requiresGrad().named("W1");
        IllegalStateException e = assertThrows(IllegalStateException.class, w::grad);
        assertTrue(e.getMessage().contains("'W1'"), e.getMessage());
    }
}
