package io.github.chainrule.ops;

import io.github.chainrule.Tensor;
import io.github.chainrule.gradcheck.GradCheck;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a researcher writes with the ops beyond the course: a focal loss, a masked mean and a small attention
 * block, each as the README shows it (the regions between the README markers are copied there verbatim and
 * checked by the examples' ReadmeSnippetsTest), each checked here against a second way of computing it and
 * by the gradient checker.
 */
class CustomLossesAndLayersTest {
    // README:focal:start
    /** Binary focal loss (Lin et al. 2017): cross-entropy with easy examples down-weighted by (1 − p_t)^γ. */
    static Tensor focalLoss(Tensor logits, Tensor Y, double alpha, double gamma) {
        Tensor p = logits.sigmoid().clamp(1e-12, 1 - 1e-12);          // keep log away from 0
        Tensor positive = Y.mul(alpha).mul(p.rsub(1).pow(gamma)).mul(p.log());
        Tensor negative = Y.rsub(1).mul(1 - alpha).mul(p.pow(gamma)).mul(p.rsub(1).log());
        return positive.add(negative).mean().neg();
    }
    // README:focal:end

    // README:masked:start
    /** The mean of a per-example loss over the examples whose label is not −1 ("ignore"). */
    static Tensor maskedMean(Tensor losses, Tensor labels) {
        Tensor mask = labels.ne(-1);                                  // 1.0 where the label counts, a constant
        return losses.mul(mask).sum().div(mask.sum().clampMin(1));
    }
    // README:masked:end

    // README:attention:start
    /** Multi-head self-attention on x (B, T, d) with heads of width d / h: softmax(q·kᵀ / √dₕ)·v, projected. */
    static Tensor attention(Tensor x, Tensor Wq, Tensor Wk, Tensor Wv, Tensor Wo, int h) {
        int b = x.shape().dim(0);
        int t = x.shape().dim(1);
        int d = x.shape().dim(2);
        Tensor q = x.matmul(Wq).reshape(b, t, h, d / h).transpose(1, 2);    // (B, h, T, dₕ)
        Tensor k = x.matmul(Wk).reshape(b, t, h, d / h).transpose(1, 2);
        Tensor v = x.matmul(Wv).reshape(b, t, h, d / h).transpose(1, 2);
        // softmax(q·kᵀ/√dₕ)·v in one op: q.matmul(k.mT()).div(Math.sqrt(d / h)).softmax(-1).matmul(v),
        // without the (B, h, T, T) scores as tensors of their own
        Tensor heads = q.attention(k, v).transpose(1, 2).reshape(b, t, d);   // heads joined again
        return heads.matmul(Wo);
    }
    // README:attention:end

    @Test
    void theFocalLossWithGammaZeroIsTheWeightedCrossEntropyAndItsGradientChecks() {
        Random rng = new Random(1);
        Tensor Z = Tensor.randn(rng, 1, 6);
        Tensor Y = Tensor.of(new double[] {1, 0, 1, 1, 0, 0}, 1, 6);
        Tensor p = Z.sigmoid();
        Tensor bce = Y.mul(p.log()).add(Y.rsub(1).mul(p.rsub(1).log())).mean().neg();
        assertEquals(bce.item() * 0.5, focalLoss(Z, Y, 0.5, 0).item(), 1e-12, "α = ½, γ = 0: half the cross-entropy");
        assertTrue(focalLoss(Z, Y, 0.25, 2).item() < focalLoss(Z, Y, 0.25, 0).item(), "γ > 0 down-weights easy examples");
        GradCheck.of(xs -> focalLoss(xs[0], Y, 0.25, 2)).withRespectTo(0).check(Z).assertPassed();
    }

    @Test
    void theMaskedMeanAveragesOnlyTheCountedExamplesAndTheirGradientsAlone() {
        Tensor losses = Tensor.vector(1, 2, 3, 4).requiresGrad();
        Tensor labels = Tensor.vector(0, -1, 2, -1);
        Tensor mean = maskedMean(losses, labels);
        assertEquals(2.0, mean.item(), 0, "(1 + 3) / 2");
        mean.backward();
        assertEquals(Tensor.vector(0.5, 0, 0.5, 0).toString(), losses.grad().toString(), "ignored examples get no gradient");
        assertEquals(0.0, maskedMean(Tensor.vector(5, 6), Tensor.vector(-1, -1)).item(), 0, "nothing counted: 0, not NaN");
    }

    @Test
    void theAttentionBlockIsTheEinsumFormulaAndItsGradientsCheck() {
        Random rng = new Random(2);
        int b = 2;
        int t = 3;
        int d = 4;
        int h = 2;
        Tensor x = Tensor.randn(rng, b, t, d);
        Tensor[] W = new Tensor[4];
        for (int i = 0; i < 4; i++) {
            W[i] = Tensor.randn(rng, d, d).div(2);
        }
        Tensor out = attention(x, W[0], W[1], W[2], W[3], h);
        // the same block through einsum, head by head written out
        Tensor q = Tensor.einsum("btd,de->bte", x, W[0]).reshape(b, t, h, d / h);
        Tensor k = Tensor.einsum("btd,de->bte", x, W[1]).reshape(b, t, h, d / h);
        Tensor v = Tensor.einsum("btd,de->bte", x, W[2]).reshape(b, t, h, d / h);
        Tensor scores = Tensor.einsum("bqhe,bkhe->bhqk", q, k).div(Math.sqrt(d / h)).softmax(3);
        Tensor heads = Tensor.einsum("bhqk,bkhe->bqhe", scores, v).reshape(b, t, d);
        assertTrue(out.allClose(Tensor.einsum("btd,de->bte", heads, W[3]), 1e-12, 1e-12), out + "\n" + heads);
        GradCheck.of(ws -> attention(x, ws[0], ws[1], ws[2], ws[3], h).square().mean())
                .check(W[0], W[1], W[2], W[3]).assertPassed();
    }
}
