package io.github.chainrule;

import io.github.chainrule.gradcheck.GradCheck;
import io.github.chainrule.ops.Attrs;
import io.github.chainrule.ops.OpRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input gets an exception that names the op and what is wrong, with the shapes or values at fault.
 * Each test pins the facts a user needs in the message.
 */
class BadInputTest {

    @Test
    void matmulOfShapesThatDoNotLineUpNamesBothShapesAndTheInnerLengths() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(4, 3).matmul(Tensor.zeros(4, 209)),
                "matmul: shapes (4,3) and (4,209) do not line up: 3 != 4");
        // numpy's semantics (issue 12): a 1-D operand is a vector, so (3)·(3,1) is legal; a 0-D one is not.
        assertMessage(IllegalArgumentException.class, () -> Tensor.scalar(3).matmul(Tensor.zeros(3, 1)),
                "matmul", "rank 1 or more", "()", "(3,1)");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(3).matmul(Tensor.zeros(4, 1)),
                "matmul: shapes (3,) and (4,1) do not line up: 3 != 4");
    }

    @Test
    void elementwiseOpsOnShapesThatDoNotBroadcastNameTheOpAndBothShapes() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).sub(Tensor.zeros(3, 2)), "sub:", "(2,3)", "(3,2)");
        assertMessage(IllegalArgumentException.class, () -> Tensor.where(Tensor.ones(2), Tensor.zeros(3), Tensor.zeros(1)),
                "where:", "(2,)", "(3,)");
        assertMessage(IllegalArgumentException.class, () -> Tensor.concat(0, Tensor.zeros(2, 3), Tensor.zeros(2, 4)),
                "concat:", "(2,3)", "(2,4)");
    }

    @Test
    void anAxisOutOfRangeIsNamedWithTheShapeAndRank() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).sum(2, false),
                "sum: axis 2 is out of range for shape (2,3) of rank 2");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).softmax(-3), "softmax: axis -3", "(2,3)");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).logSoftmax(2), "log_softmax: axis 2", "(2,3)");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).slice(5, 0, 1), "slice: axis 5", "(2,3)");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).permute(0, 0), "permute", "twice");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).slice(1, 2, 4), "slice", "[2, 4)", "length 3");
    }

    @Test
    void itemOnATensorOfMoreThanOneElementSaysHowManyItHas() {
        assertMessage(IllegalStateException.class, () -> Tensor.zeros(2, 2).item(),
                "item: tensor of shape (2,2) has 4 elements; item() needs exactly one");
    }

    @Test
    void backwardFromANonScalarWithoutAGradientAsksForOne() {
        Tensor y = Tensor.ones(3).requiresGrad().mul(2);
        assertMessage(IllegalStateException.class, y::backward, "backward: output has shape (3,)", "backward(gradient)");
        assertMessage(IllegalStateException.class, () -> Tensor.scalar(1).backward(), "backward", "does not require a gradient");
    }

    @Test
    void reshapeToADifferentSizeNamesBothSizes() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).reshape(4),
                "reshape: cannot reshape (2,3) of size 6 to [4] of size 4");
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).reshape(-1, 4), "reshape", "-1 cannot be inferred");
    }

    @Test
    void logOfANegativeNumberInAnomalyModeNamesTheOpValueAndDomain() {
        try (Anomaly.Scope ignored = Anomaly.enable()) {
            assertMessage(Anomaly.AnomalyException.class, () -> Tensor.vector(1, -3).log(),
                    "log: forward value is NaN at flat index 1", "x > 0", "the input there was -3.0");
        }
    }

    @Test
    void gradCheckRefusesNaNDataAndSaysWhere() {
        assertMessage(IllegalArgumentException.class,
                () -> GradCheck.of(xs -> xs[0].sum()).check(Tensor.vector(1, Double.NaN)),
                "gradcheck: input 0 of shape (2,) holds NaN at flat index 1");
        assertMessage(IllegalArgumentException.class,
                () -> GradCheck.of(xs -> xs[0].log().sum()).check(Tensor.vector(-1)),
                "gradcheck", "the function's value", "NaN");
    }

    @Test
    void opsCalledByNameReportMissingOrMistypedAttributesAndUnknownNames() {
        assertMessage(IllegalArgumentException.class, () -> OpRegistry.call("softmax", Attrs.NONE, Tensor.zeros(2)),
                "softmax: attribute 'axis' should be Integer, got nothing");
        assertMessage(IllegalArgumentException.class, () -> OpRegistry.call("sum", Attrs.of("axes", 0), Tensor.zeros(2)),
                "sum: attribute 'axes' should be int[], got Integer 0");
        assertMessage(IllegalArgumentException.class, () -> OpRegistry.call("add", Attrs.NONE, Tensor.zeros(2)),
                "add: takes 2 tensor inputs, got 1");
        assertMessage(IllegalArgumentException.class, () -> OpRegistry.call("no_such_op", Attrs.NONE), "no op named 'no_such_op'");
    }

    @Test
    void indicesAndLabelsOutOfRangeAreNamedWithTheirPosition() {
        assertMessage(IllegalArgumentException.class, () -> Tensor.zeros(2, 3).selectColumns(0, 3),
                "index_select: index 3 (position 1) is out of range for axis 1 of length 3");
        assertMessage(IllegalArgumentException.class, () -> Tensor.oneHot(new int[] {0, 4}, 3),
                "one_hot: label 4 at position 1 is outside [0, 3)");
    }

    @Test
    void inPlaceUpdatesOfParametersNeedANoGradScope() {
        Tensor w = Tensor.zeros(2).requiresGrad();
        assertMessage(IllegalStateException.class, () -> w.subInPlace(Tensor.ones(2)), "subInPlace", "GradMode.noGrad()");
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            assertMessage(IllegalArgumentException.class, () -> w.subInPlace(Tensor.ones(3)), "subInPlace: shapes (2,) and (3,) differ");
        }
    }

    private static void assertMessage(Class<? extends RuntimeException> type, Executable call, String... parts) {
        RuntimeException e = assertThrows(type, call);
        for (String part : parts) {
            assertTrue(e.getMessage() != null && e.getMessage().contains(part),
                    () -> "message lacks \"" + part + "\": " + e.getMessage());
        }
    }
}
