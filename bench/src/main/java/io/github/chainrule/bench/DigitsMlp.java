package io.github.chainrule.bench;

import io.github.chainrule.GradMode;
import io.github.chainrule.Tensor;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Arrays;
import java.util.Random;

/**
 * W4's model, an MLP 64 → 32 (ReLU) → 10 (softmax) trained with mean softmax cross-entropy and Adam
 * (lr 1e-3, β1 0.9, β2 0.999, ε 1e-8, bias-corrected) on 1,797 digits-shaped examples in batches of 64
 * (28 of 64 and one of 5 per epoch, fixed order); once with chainrule's graph (examples as columns, as the
 * course) and once by hand on EJML (examples as rows, as numpy's peer). Each run starts from the same
 * Xavier-normal initial parameters.
 */
final class DigitsMlp {
    static final int EXAMPLES = 1797;
    static final int FEATURES = 64;
    static final int HIDDEN = 32;
    static final int CLASSES = 10;
    static final int BATCH = 64;
    static final double LR = 1e-3;
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;

    // Read by the -Ppeers benchmarks too (DigitsData), so that every engine trains on the same numbers.
    final double[] x;                    // (EXAMPLES, FEATURES), row-major
    final int[] labels;
    final double[][] init;               // W1 (32, 64), b1 (32), W2 (10, 32), b2 (10), as the course's W[l] (n[l], n[l-1])
    private final Tensor[] xBatches;     // (64, bs): examples as columns
    private final Tensor[] yBatches;     // (10, bs) one-hot

    DigitsMlp() {
        Random rng = new Random(4);
        x = new double[EXAMPLES * FEATURES];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.floor(rng.nextDouble() * 17) / 16.0;
        }
        labels = new int[EXAMPLES];
        for (int i = 0; i < EXAMPLES; i++) {
            labels[i] = rng.nextInt(CLASSES);
        }
        Random r = new Random(42);
        init = new double[][] {
            gaussian(r, HIDDEN * FEATURES, Math.sqrt(2.0 / (FEATURES + HIDDEN))), new double[HIDDEN],
            gaussian(r, CLASSES * HIDDEN, Math.sqrt(2.0 / (HIDDEN + CLASSES))), new double[CLASSES]};
        int batches = (EXAMPLES + BATCH - 1) / BATCH;
        xBatches = new Tensor[batches];
        yBatches = new Tensor[batches];
        for (int k = 0; k < batches; k++) {
            int start = k * BATCH;
            int bs = Math.min(BATCH, EXAMPLES - start);
            double[] xb = new double[FEATURES * bs];
            for (int j = 0; j < bs; j++) {
                for (int f = 0; f < FEATURES; f++) {
                    xb[f * bs + j] = x[(start + j) * FEATURES + f];
                }
            }
            xBatches[k] = Tensor.of(xb, FEATURES, bs);
            yBatches[k] = Tensor.oneHot(Arrays.copyOfRange(labels, start, start + bs), CLASSES);
        }
    }

    private static double[] gaussian(Random r, int n, double std) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian() * std;
        }
        return v;
    }

    /** Trains a fresh model for {@code epochs} epochs with chainrule; returns the last batch's loss. */
    double chainrule(int epochs) {
        Tensor[] p = {
            Tensor.of(init[0], HIDDEN, FEATURES).requiresGrad(), Tensor.of(init[1], HIDDEN, 1).requiresGrad(),
            Tensor.of(init[2], CLASSES, HIDDEN).requiresGrad(), Tensor.of(init[3], CLASSES, 1).requiresGrad()};
        Adam adam = new Adam(p.length, i -> p[i].size());
        double loss = Double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int k = 0; k < xBatches.length; k++) {
                Tensor xb = xBatches[k];
                int bs = xb.shape().dim(1);
                Tensor a1 = p[0].affine(xb, p[1]).relu();   // W·A + b in one op
                Tensor z2 = p[2].affine(a1, p[3]);
                Tensor cost = yBatches[k].mul(z2.logSoftmax(0)).sum().mul(-1.0 / bs);
                cost.backward();
                loss = cost.item();
                adam.nextStep();
                GradMode.Scope noGrad = GradMode.noGrad();
                try (noGrad) {
                    for (int i = 0; i < p.length; i++) {
                        adam.update(i, p[i].buffer(), p[i].grad().buffer());
                        p[i].zeroGrad();
                    }
                }
            }
        }
        return loss;
    }

    /** Trains a fresh model for {@code epochs} epochs by hand on EJML; returns the last batch's loss. */
    double ejml(int epochs) {
        // Examples as rows: Z1 = X·W1ᵀ + b1 with W1 stored (32, 64), as numpy's x @ W1 with W1 (64, 32).
        DMatrixRMaj w1 = DMatrixRMaj.wrap(HIDDEN, FEATURES, init[0].clone());
        double[] b1 = init[1].clone();
        DMatrixRMaj w2 = DMatrixRMaj.wrap(CLASSES, HIDDEN, init[2].clone());
        double[] b2 = init[3].clone();
        double[][] params = {w1.data, b1, w2.data, b2};
        Adam adam = new Adam(4, i -> params[i].length);
        DMatrixRMaj xb = new DMatrixRMaj(BATCH, FEATURES);
        DMatrixRMaj a1 = new DMatrixRMaj(BATCH, HIDDEN);
        DMatrixRMaj s = new DMatrixRMaj(BATCH, CLASSES);
        DMatrixRMaj da1 = new DMatrixRMaj(BATCH, HIDDEN);
        DMatrixRMaj gw1 = new DMatrixRMaj(HIDDEN, FEATURES);
        DMatrixRMaj gw2 = new DMatrixRMaj(CLASSES, HIDDEN);
        double[] gb1 = new double[HIDDEN];
        double[] gb2 = new double[CLASSES];
        double[][] grads = {gw1.data, gb1, gw2.data, gb2};
        double loss = Double.NaN;
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int start = 0; start < EXAMPLES; start += BATCH) {
                int bs = Math.min(BATCH, EXAMPLES - start);
                xb.reshape(bs, FEATURES);
                a1.reshape(bs, HIDDEN);
                s.reshape(bs, CLASSES);
                da1.reshape(bs, HIDDEN);
                System.arraycopy(x, start * FEATURES, xb.data, 0, bs * FEATURES);
                CommonOps_DDRM.multTransB(xb, w1, a1);
                for (int i = 0; i < bs; i++) {
                    for (int h = 0; h < HIDDEN; h++) {
                        int at = i * HIDDEN + h;
                        a1.data[at] = Math.max(0, a1.data[at] + b1[h]);
                    }
                }
                CommonOps_DDRM.multTransB(a1, w2, s);
                loss = 0;
                for (int i = 0; i < bs; i++) {
                    int row = i * CLASSES;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < CLASSES; c++) {
                        s.data[row + c] += b2[c];
                        max = Math.max(max, s.data[row + c]);
                    }
                    double sum = 0;
                    for (int c = 0; c < CLASSES; c++) {
                        s.data[row + c] = Math.exp(s.data[row + c] - max);
                        sum += s.data[row + c];
                    }
                    int label = labels[start + i];
                    for (int c = 0; c < CLASSES; c++) {
                        s.data[row + c] /= sum;
                    }
                    loss -= Math.log(s.data[row + label]);
                    // dZ2 = (S − Y) / bs, in place
                    for (int c = 0; c < CLASSES; c++) {
                        s.data[row + c] = (s.data[row + c] - (c == label ? 1 : 0)) / bs;
                    }
                }
                loss /= bs;
                CommonOps_DDRM.multTransA(s, a1, gw2);         // dW2 = dZ2ᵀ·A1, stored (10, 32)
                Arrays.fill(gb2, 0);
                for (int i = 0; i < bs; i++) {
                    for (int c = 0; c < CLASSES; c++) {
                        gb2[c] += s.data[i * CLASSES + c];
                    }
                }
                CommonOps_DDRM.mult(s, w2, da1);                 // dA1 = dZ2·W2
                for (int j = 0; j < da1.data.length && j < bs * HIDDEN; j++) {
                    if (a1.data[j] <= 0) {
                        da1.data[j] = 0;                         // dZ1 = dA1·[Z1 > 0]
                    }
                }
                CommonOps_DDRM.multTransA(da1, xb, gw1);         // dW1 = dZ1ᵀ·X, stored (32, 64)
                Arrays.fill(gb1, 0);
                for (int i = 0; i < bs; i++) {
                    for (int h = 0; h < HIDDEN; h++) {
                        gb1[h] += da1.data[i * HIDDEN + h];
                    }
                }
                adam.nextStep();
                for (int i = 0; i < 4; i++) {
                    adam.update(i, params[i], grads[i]);
                }
            }
        }
        return loss;
    }

    /** Adam on raw arrays: the optimizer both W4 implementations share (the nn module's is not used). */
    static final class Adam {
        private final double[][] m;
        private final double[][] v;
        private int t;
        private double stepSize;        // lr / (1 − β1ᵗ): m̂'s bias correction folded into the learning rate
        private double invCorrection2;  // 1 / (1 − β2ᵗ)

        Adam(int count, java.util.function.IntUnaryOperator size) {
            m = new double[count][];
            v = new double[count][];
            for (int i = 0; i < count; i++) {
                m[i] = new double[size.applyAsInt(i)];
                v[i] = new double[size.applyAsInt(i)];
            }
        }

        void nextStep() {
            t++;
            stepSize = LR / (1 - Math.pow(BETA1, t));
            invCorrection2 = 1 / (1 - Math.pow(BETA2, t));
        }

        /** θ −= lr·m̂ / (√v̂ + ε), with m and v the running first and second moments of the gradient. */
        void update(int i, double[] theta, double[] g) {
            double[] mi = m[i];
            double[] vi = v[i];
            for (int j = 0; j < theta.length; j++) {
                mi[j] = BETA1 * mi[j] + (1 - BETA1) * g[j];
                vi[j] = BETA2 * vi[j] + (1 - BETA2) * g[j] * g[j];
                // the same formula with the per-step constants taken out of the loop: one division an element, not three
                theta[j] -= stepSize * mi[j] / (Math.sqrt(vi[j] * invCorrection2) + EPS);
            }
        }
    }
}
