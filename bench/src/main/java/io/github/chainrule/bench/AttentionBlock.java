package io.github.chainrule.bench;

import io.github.chainrule.Tensor;

import java.util.Random;

/**
 * W7's multi-head self-attention block from core ops: x (B, T, D) with no gradient, Wq, Wk, Wv, Wo (D, D)
 * trainable; q, k, v = x·W split into H heads (B, H, T, D/H); A = softmax(q·kᵀ/√(D/H)) over the last
 * axis; o = A·v with the heads joined back to (B, T, D) (A and o by the one op {@code attention}); out = o·Wo;
 * loss = mean(out²).
 */
final class AttentionBlock {
    final int batch;
    final int seq;
    final int width;
    final int heads;
    final Tensor x;
    final Tensor wq;
    final Tensor wk;
    final Tensor wv;
    final Tensor wo;

    /** Draws x ~ N(0, 1) and the four W ~ N(0, 1/D) with a fixed seed. */
    AttentionBlock(int batch, int seq, int width, int heads) {
        this.batch = batch;
        this.seq = seq;
        this.width = width;
        this.heads = heads;
        Random rng = new Random(7);
        x = Tensor.randn(rng, batch, seq, width);
        wq = weight(rng);
        wk = weight(rng);
        wv = weight(rng);
        wo = weight(rng);
    }

    private Tensor weight(Random rng) {
        return Tensor.randn(rng, width, width).div(Math.sqrt(width)).requiresGrad();
    }

    /** Returns the loss as a graph node (the forward pass). */
    Tensor loss() {
        Tensor q = split(x.matmul(wq));
        Tensor k = split(x.matmul(wk));
        Tensor v = split(x.matmul(wv));
        // softmax(q·kᵀ/√dh)·v in one op: q.matmul(k.mT()).mul(1 / √dh).softmax(-1).matmul(v), without the
        // (B, H, T, T) scores, scaled scores and their gradients as tensors of their own
        Tensor o = q.attention(k, v).permute(0, 2, 1, 3).reshape(batch, seq, width);
        Tensor out = o.matmul(wo);
        return out.square().mean();
    }

    /** (B, T, D) → (B, H, T, D/H). */
    private Tensor split(Tensor t) {
        return t.reshape(batch, seq, heads, width / heads).permute(0, 2, 1, 3);
    }

    /** One iteration: forward, loss, backward (the gradients of the four W, cleared first); returns the loss. */
    double iteration() {
        for (Tensor w : new Tensor[] {wq, wk, wv, wo}) {
            w.zeroGrad();
        }
        Tensor loss = loss();
        loss.backward();
        return loss.item();
    }
}
