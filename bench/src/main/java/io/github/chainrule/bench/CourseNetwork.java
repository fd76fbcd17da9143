package io.github.chainrule.bench;

import io.github.chainrule.Tensor;
import io.github.chainrule.nn.optim.GradientDescent;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * W2's network, the course's L-layer deep net [12288, 20, 7, 5, 1] (LINEAR→RELU ×3, LINEAR→SIGMOID,
 * cross-entropy, gradient descent with learning rate 0.0075), on m = 209 examples as columns; once with
 * chainrule's graph (core ops, and the nn module's {@code GradientDescent} for the update) and once written
 * by hand on EJML, the same math with no graph ("lean": no gradient for X). Both start from the same
 * parameters, so one iteration of each gives the same cost.
 */
final class CourseNetwork {
    static final int[] LAYERS = {12288, 20, 7, 5, 1};
    static final double LEARNING_RATE = 0.0075;
    final int m;
    final int layers = LAYERS.length - 1;

    // chainrule
    final Tensor x;
    final Tensor y;
    final Tensor oneMinusY;
    final Tensor[] w = new Tensor[layers + 1];
    final Tensor[] b = new Tensor[layers + 1];
    private final GradientDescent descent;

    // EJML by hand: parameters, and every intermediate preallocated
    private final boolean concurrent;
    final DMatrixRMaj ex;
    final DMatrixRMaj ey;
    final DMatrixRMaj[] ew = new DMatrixRMaj[layers + 1];
    final DMatrixRMaj[] eb = new DMatrixRMaj[layers + 1];
    private final DMatrixRMaj[] z = new DMatrixRMaj[layers + 1];
    private final DMatrixRMaj[] a = new DMatrixRMaj[layers + 1];
    private final DMatrixRMaj[] dA = new DMatrixRMaj[layers + 1];
    private final DMatrixRMaj[] dW = new DMatrixRMaj[layers + 1];

    /** Draws X ~ U[0,1) of shape (12288, m), Y of 0/1 labels, W[l] ~ N(0,1)/sqrt(n[l−1]), b[l] = 0. */
    CourseNetwork(int m, boolean concurrent) {
        this.m = m;
        this.concurrent = concurrent;
        Random rng = new Random(1);
        x = Tensor.rand(rng, LAYERS[0], m);
        double[] labels = new double[m];
        for (int j = 0; j < m; j++) {
            labels[j] = rng.nextDouble() > 0.5 ? 1 : 0;
        }
        y = Tensor.of(labels, 1, m);
        oneMinusY = Tensor.ones(1, m).sub(y);
        ex = DMatrixRMaj.wrap(LAYERS[0], m, x.buffer());
        ey = DMatrixRMaj.wrap(1, m, y.buffer());
        a[0] = ex;
        for (int l = 1; l <= layers; l++) {
            w[l] = Tensor.randn(rng, LAYERS[l], LAYERS[l - 1]).div(Math.sqrt(LAYERS[l - 1])).requiresGrad();
            b[l] = Tensor.zeros(LAYERS[l], 1).requiresGrad();
            ew[l] = DMatrixRMaj.wrap(LAYERS[l], LAYERS[l - 1], w[l].buffer().clone());
            eb[l] = new DMatrixRMaj(LAYERS[l], 1);
            z[l] = new DMatrixRMaj(LAYERS[l], m);
            a[l] = new DMatrixRMaj(LAYERS[l], m);
            dA[l] = new DMatrixRMaj(LAYERS[l], m);
            dW[l] = new DMatrixRMaj(LAYERS[l], LAYERS[l - 1]);
        }
        Map<String, Tensor> parameters = new LinkedHashMap<>();
        for (int l = 1; l <= layers; l++) {
            parameters.put("W" + l, w[l]);
            parameters.put("b" + l, b[l]);
        }
        descent = new GradientDescent(parameters, LEARNING_RATE);
    }

    /** One iteration with chainrule: forward, cost, backward, update; returns the cost. */
    double chainrule() {
        Tensor act = x;
        for (int l = 1; l <= layers; l++) {
            Tensor zl = w[l].affine(act, b[l]);   // W·A + b
            act = l < layers ? zl.relu() : zl.sigmoid();
        }
        // J = −(1/m) Σ (Y log A + (1 − Y) log(1 − A))
        Tensor cost = y.mul(act.log()).add(oneMinusY.mul(act.neg().add(1.0).log())).sum().mul(-1.0 / m);
        cost.backward();
        descent.step();       // W := W − α·dW in place, no temporary of W's size
        descent.zeroGrad();
        return cost.item();
    }

    /** One iteration by hand on EJML, as the course's numpy code without dA0; returns the cost. */
    double ejml() {
        for (int l = 1; l <= layers; l++) {
            mult(ew[l], a[l - 1], z[l]);
            double[] zd = z[l].data;
            double[] ad = a[l].data;
            for (int i = 0; i < LAYERS[l]; i++) {
                double bi = eb[l].data[i];
                for (int j = i * m; j < (i + 1) * m; j++) {
                    zd[j] += bi;
                    ad[j] = l < layers ? Math.max(0, zd[j]) : 1 / (1 + Math.exp(-zd[j]));
                }
            }
        }
        double[] al = a[layers].data;
        double[] yd = ey.data;
        double cost = 0;
        for (int j = 0; j < m; j++) {
            cost += yd[j] * Math.log(al[j]) + (1 - yd[j]) * Math.log(1 - al[j]);
        }
        cost = -cost / m;
        // dAL = −(Y/AL − (1−Y)/(1−AL)); dZ = dA·s(1−s) for the sigmoid, dA·[Z > 0] for relu (in place in dA).
        double[] dal = dA[layers].data;
        for (int j = 0; j < m; j++) {
            dal[j] = -(yd[j] / al[j] - (1 - yd[j]) / (1 - al[j])) * al[j] * (1 - al[j]);
        }
        for (int l = layers; l >= 1; l--) {
            DMatrixRMaj dz = dA[l];
            if (l < layers) {
                double[] dzd = dz.data;
                double[] zd = z[l].data;
                for (int j = 0; j < dzd.length; j++) {
                    if (zd[j] <= 0) {
                        dzd[j] = 0;
                    }
                }
            }
            multTransB(dz, a[l - 1], dW[l]);                 // dW = (1/m) dZ·A_prevᵀ
            if (l > 1) {
                multTransA(ew[l], dz, dA[l - 1]);            // dA_prev = Wᵀ·dZ (not for X)
            }
            int cols = LAYERS[l - 1];
            for (int i = 0; i < LAYERS[l]; i++) {
                double db = 0;
                for (int j = i * m; j < (i + 1) * m; j++) {
                    db += dz.data[j];
                }
                eb[l].data[i] -= LEARNING_RATE * db / m;
                for (int j = i * cols; j < (i + 1) * cols; j++) {
                    ew[l].data[j] -= LEARNING_RATE * dW[l].data[j] / m;
                }
            }
        }
        return cost;
    }

    private void mult(DMatrixRMaj p, DMatrixRMaj q, DMatrixRMaj out) {
        if (concurrent) {
            CommonOps_MT_DDRM.mult(p, q, out);
        } else {
            CommonOps_DDRM.mult(p, q, out);
        }
    }

    private void multTransA(DMatrixRMaj p, DMatrixRMaj q, DMatrixRMaj out) {
        if (concurrent) {
            CommonOps_MT_DDRM.multTransA(p, q, out);
        } else {
            CommonOps_DDRM.multTransA(p, q, out);
        }
    }

    private void multTransB(DMatrixRMaj p, DMatrixRMaj q, DMatrixRMaj out) {
        if (concurrent) {
            CommonOps_MT_DDRM.multTransB(p, q, out);
        } else {
            CommonOps_DDRM.multTransB(p, q, out);
        }
    }
}
