package io.github.chainrule.ops;

import io.github.chainrule.GradMode;
import io.github.chainrule.Tensor;

import java.util.ArrayList;
import java.util.List;

import static io.github.chainrule.ops.Elementwise.require;

/**
 * Softmax and log-softmax along an axis, composed from logSumExp: softmax(x) = e^(x − logsumexp(x)).
 *
 * <p>Because logSumExp shifts by the maximum, neither overflows at logits of ±1000, and their gradients
 * come from the composition (no hand-written backward).
 */
public final class Softmax {
    static final List<OpDef> DEFINITIONS = new ArrayList<>();

    private Softmax() {
    }

    static {
        Families.define(DEFINITIONS, "Softmax", OpDef.builder("softmax", Signature.ALONG_AXIS)
                .forward("e^x / Σ e^x along axis (composite: exp(x − logsumexp(x)))")
                .derivative("dx = s·(g − Σ g·s), s = softmax(x), via the composition")
                .invoker((in, at) -> softmax(in[0], at.integer("softmax", "axis"))));
        Families.define(DEFINITIONS, "Softmax", OpDef.builder("log_softmax", Signature.ALONG_AXIS)
                .forward("x − logsumexp(x) along axis (composite: (x − m) − ln Σ e^(x − m), m = max x held constant)")
                .derivative("dx = g − softmax(x)·Σ g, via the composition")
                .invoker((in, at) -> logSoftmax(in[0], at.integer("log_softmax", "axis"))));
    }

    /** Returns softmax along {@code axis}: entries along it are positive and sum to 1. */
    public static Tensor softmax(Tensor x, int axis) {
        return logSoftmax("softmax", x, axis).exp();
    }

    /**
     * Returns log-softmax along {@code axis}: x − logSumExp(x), computed as (x − m) − ln Σ e^(x − m) with
     * m the maximum along the axis.
     *
     * <p>The shift keeps the exponentials from overflowing, and it also avoids cancellation: for the
     * largest logit x − m is exactly 0, so its log-probability −ln(1 + Σ others) keeps all its digits
     * even when it is tiny, where x − logSumExp(x) would subtract two numbers near x. The value does
     * not depend on m, so m is held constant (no gradient flows through it) and the gradient is exact.
     */
    public static Tensor logSoftmax(Tensor x, int axis) {
        return logSoftmax("log_softmax", x, axis);
    }

    /** log-softmax for the op {@code op} (softmax or log_softmax), which its error messages name. */
    private static Tensor logSoftmax(String op, Tensor x, int axis) {
        require(op, "x", x);
        int ax = x.shape().normalizeAxis(op, axis);
        if (x.size() == 0) {
            // An empty axis has no maximum, and an empty result needs none: no shift is computed, however long the
            // other axes are (numpy and PyTorch return the empty result too). x − x keeps it in the graph.
            return x.sub(x);
        }
        Tensor shift = maxShift(x, ax);
        Tensor shifted = x.sub(shift);
        return shifted.sub(shifted.exp().sum(ax, true).log());
    }

    private static Tensor maxShift(Tensor x, int ax) {
        // An infinite maximum (all −∞, or a +∞) gets no shift: exp and log then give −∞, NaN or 0 as math does.
        return GradMode.noGrad(() -> Elementwise.map(x.max(ax, true), v -> Double.isInfinite(v) ? 0 : v));
    }
}
