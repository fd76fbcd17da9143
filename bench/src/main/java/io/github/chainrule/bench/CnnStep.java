package io.github.chainrule.bench;

import io.github.chainrule.Tensor;
import io.github.chainrule.nn.optim.GradientDescent;
import io.github.chainrule.ops.ConvOptions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * W6's network, LeNet-5 shaped, on a batch of 64 images (N, 1, 28, 28) built from core ops: conv 5×5×6
 * (padding 2) → relu → max-pool 2 → conv 5×5×16 → relu → max-pool 2 → flatten (400) → dense 120 → relu →
 * dense 84 → relu → dense 10 → softmax cross-entropy averaged over the batch → SGD with learning rate 0.01
 * (the nn module's {@code GradientDescent}).
 * The dense head keeps the course's (features, m) layout: a flatten and a transpose join the two, so
 * W·A + b with b of shape (n, 1). He init (randn·√(2/fan_in)), biases 0, a fixed seed.
 */
final class CnnStep {
    static final double LEARNING_RATE = 0.01;
    static final int CLASSES = 10;
    private static final ConvOptions PAD2 = ConvOptions.DEFAULT.padding(2);
    /** The names of {@link #parameters()}, in its order. */
    private static final String[] PARAMETER_NAMES =
        {"conv1", "conv1.b", "conv2", "conv2.b", "W1", "b1", "W2", "b2", "W3", "b3"};

    final int batch;
    final Tensor x;
    final int[] labels;
    final Tensor oneHot;
    final Tensor c1;
    final Tensor c1b;
    final Tensor c2;
    final Tensor c2b;
    /** The dense layers' weights (n[l], n[l−1]) and biases (n[l], 1), l = 0, 1, 2. */
    final Tensor[] w = new Tensor[3];
    final Tensor[] b = new Tensor[3];
    private final GradientDescent sgd;

    /** Draws the images ~ U[0, 1), labels uniform over 10 classes and the He-initialised parameters. */
    CnnStep(int batch) {
        this.batch = batch;
        Random rng = new Random(6);
        x = Tensor.rand(rng, batch, 1, 28, 28);
        labels = new int[batch];
        for (int i = 0; i < batch; i++) {
            labels[i] = rng.nextInt(CLASSES);
        }
        oneHot = Tensor.oneHot(labels, CLASSES);   // (10, m), the dense head's layout
        c1 = he(rng, 25, 6, 1, 5, 5);
        c1b = Tensor.zeros(6).requiresGrad();
        c2 = he(rng, 150, 16, 6, 5, 5);
        c2b = Tensor.zeros(16).requiresGrad();
        int[] sizes = {400, 120, 84, CLASSES};
        for (int l = 0; l < 3; l++) {
            w[l] = he(rng, sizes[l], sizes[l + 1], sizes[l]);
            b[l] = Tensor.zeros(sizes[l + 1], 1).requiresGrad();
        }
        Map<String, Tensor> named = new LinkedHashMap<>();
        Tensor[] all = parameters();
        for (int i = 0; i < all.length; i++) {
            named.put(PARAMETER_NAMES[i], all[i]);
        }
        sgd = new GradientDescent(named, LEARNING_RATE);
    }

    private static Tensor he(Random rng, int fanIn, int... dims) {
        return Tensor.randn(rng, dims).mul(Math.sqrt(2.0 / fanIn)).requiresGrad();
    }

    /** Returns every trainable parameter, the convolutions' first. */
    Tensor[] parameters() {
        return new Tensor[] {c1, c1b, c2, c2b, w[0], b[0], w[1], b[1], w[2], b[2]};
    }

    /** Returns the cost of the current parameters on the batch, as a graph node (forward only). */
    Tensor cost() {
        Tensor h = x.conv2d(c1, c1b, PAD2).relu().maxPool2d(2);          // (N, 6, 14, 14)
        h = h.conv2d(c2, c2b, ConvOptions.DEFAULT).relu().maxPool2d(2);  // (N, 16, 5, 5)
        Tensor a = h.reshape(batch, 400).transpose();                     // (400, N)
        for (int l = 0; l < 3; l++) {
            Tensor z = w[l].affine(a, b[l]);   // W·A + b
            a = l < 2 ? z.relu() : z;
        }
        // softmax cross-entropy over the classes (axis 0 here), averaged over the batch
        return a.logSoftmax(0).mul(oneHot).sum().mul(-1.0 / batch);
    }

    /** One SGD step: forward, cost, backward, update; returns the cost before the update. */
    double step() {
        Tensor cost = cost();
        cost.backward();
        sgd.step();       // each parameter −= α·gradient in place
        sgd.zeroGrad();
        return cost.item();
    }
}
