package io.github.chainrule;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The course's hand-derived gradients, checked against autodiff on random data.
 *
 * <p>The course derives each network's backward pass by hand with the chain rule; autodiff derives it
 * mechanically from the forward pass. They must agree to round-off. The hand formulas are evaluated here
 * in plain Java loops ({@link Plain}), independently of chainrule's ops, and a fixed example is compared
 * with numbers computed by numpy. Notation as in the course: examples are columns, X is (n_x, m).
 */
class CourseDerivationsProperties {
    private static final double TOL = 1e-12;

    /**
     * Logistic regression on one example: with z = wᵀx + b, a = σ(z) and the cross-entropy loss
     * L = −(y ln a + (1 − y) ln(1 − a)), the chain rule collapses to dz = a − y, and then dw = x·dz, db = dz.
     */
    @Property(tries = 25)
    void logisticRegressionOnOneExampleHasDzEqualToAMinusYAndDwEqualToXTimesDz(
            @ForAll @IntRange(min = 1, max = 6) int nx, @ForAll long seed) {
        Random rng = new Random(seed);
        Tensor x = Tensor.randn(rng, nx, 1);
        double y = rng.nextBoolean() ? 1 : 0;
        Tensor w = Tensor.randn(rng, nx, 1).requiresGrad();
        Tensor b = Tensor.scalar(rng.nextGaussian()).requiresGrad();
        Tensor z = w.matmulTransA(x).add(b).retainGrad();               // (1, 1)
        Tensor a = z.sigmoid();
        Tensor loss = crossEntropy(a, Tensor.scalar(y)).sum();
        loss.backward();

        double zv = Plain.dot(w.toArray(), x.toArray()) + b.item();
        double av = 1 / (1 + Math.exp(-zv));
        double dz = av - y;                                               // the course's dz = a − y
        assertEquals(dz, z.grad().item(), TOL);
        assertArrayEquals(Plain.scale(x.toArray(), dz), w.grad().toArray(), TOL);   // dw = x·dz
        assertEquals(dz, b.grad().item(), TOL);                                      // db = dz
    }

    /**
     * Vectorized logistic regression over m examples: with cost J = (1/m) Σ L, dZ = A − Y,
     * dw = (1/m) X·dZᵀ and db = (1/m) Σ dZ.
     */
    @Property(tries = 25)
    void vectorizedLogisticRegressionHasDwEqualToOneOverMTimesXdZTransposed(
            @ForAll @IntRange(min = 1, max = 5) int nx, @ForAll @IntRange(min = 1, max = 8) int m, @ForAll long seed) {
        Random rng = new Random(seed);
        double[][] X = Plain.randn(rng, nx, m);
        double[][] Y = Plain.labels(rng, 1, m);
        Tensor w = Tensor.randn(rng, nx, 1).requiresGrad();
        Tensor b = Tensor.scalar(rng.nextGaussian()).requiresGrad();
        Tensor A = w.matmulTransA(Tensor.matrix(X)).add(b).sigmoid();   // (1, m)
        Tensor J = crossEntropy(A, Tensor.matrix(Y)).mean();
        J.backward();

        double[][] Z = Plain.add(Plain.matmul(Plain.transpose(Plain.column(w.toArray())), X), b.item());
        double[][] dZ = Plain.sub(Plain.sigmoid(Z), Y);
        double[][] dw = Plain.scale(Plain.matmul(X, Plain.transpose(dZ)), 1.0 / m);
        double db = Plain.sum(dZ) / m;
        assertArrayEquals(Plain.flat(dw), w.grad().toArray(), TOL);
        assertEquals(db, b.grad().item(), TOL);
    }

    /**
     * The one-hidden-layer network (tanh, then sigmoid): dZ2 = A2 − Y, dW2 = (1/m) dZ2·A1ᵀ,
     * db2 = (1/m) Σ dZ2, dZ1 = W2ᵀdZ2 * g'(Z1) with g'(Z1) = 1 − A1² for tanh, dW1 = (1/m) dZ1·Xᵀ,
     * db1 = (1/m) Σ dZ1 (sums over the examples, axis 1, keeping the column shape of b).
     */
    @Property(tries = 25)
    void twoLayerNetworksBackpropagationMatchesTheCoursesSixEquations(
            @ForAll @IntRange(min = 1, max = 4) int nx, @ForAll @IntRange(min = 1, max = 5) int nh,
            @ForAll @IntRange(min = 1, max = 6) int m, @ForAll long seed) {
        Random rng = new Random(seed);
        double[][] X = Plain.randn(rng, nx, m);
        double[][] Y = Plain.labels(rng, 1, m);
        Tensor[] p = {Tensor.randn(rng, nh, nx), Tensor.randn(rng, nh, 1), Tensor.randn(rng, 1, nh), Tensor.randn(rng, 1, 1)};
        Tensor[] grads = twoLayerGradients(X, Y, p);
        double[][][] expected = Plain.twoLayerGradients(X, Y, Plain.matrix(p[0]), Plain.matrix(p[1]),
                Plain.matrix(p[2]), Plain.matrix(p[3]));
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(Plain.flat(expected[i]), grads[i].toArray(), TOL, "parameter " + i);
        }
    }

    /** A fixed two-layer example whose cost and gradients numpy computed from the course's formulas. */
    @Example
    void twoLayerGradientsOnAFixedExampleMatchNumpy() {
        double[][] X = {{0.5, -1.0, 1.5, 2.0}, {1.0, 0.25, -0.5, -2.0}};
        double[][] Y = {{1, 0, 1, 0}};
        Tensor[] p = {Tensor.matrix(new double[][] {{0.1, -0.2}, {0.3, 0.4}, {-0.5, 0.6}}),
            Tensor.matrix(new double[][] {{0.01}, {-0.02}, {0.03}}),
            Tensor.matrix(new double[][] {{0.7, -0.8, 0.9}}), Tensor.matrix(new double[][] {{0.05}})};
        Tensor[] g = twoLayerGradients(X, Y, p);
        assertArrayEquals(new double[] {-0.21289674478716886, -0.11502191382647263, 0.18786796381956464,
            0.1517495274208822, -0.22818861414023614, -0.058759551501044595}, g[0].toArray(), TOL);
        assertArrayEquals(new double[] {-0.031556156132665096, -0.00287309882819968, -0.061837063831398656}, g[1].toArray(), TOL);
        assertArrayEquals(new double[] {0.012515472509914284, -0.1601144731116927, 0.070607762838969}, g[2].toArray(), TOL);
        assertArrayEquals(new double[] {-0.02305620687634738}, g[3].toArray(), TOL);
        assertEquals(0.8644988791173753, g[4].item(), TOL);
    }

    /** Runs the network forward and backward with autodiff; returns dW1, db1, dW2, db2 and the cost J. */
    private static Tensor[] twoLayerGradients(double[][] X, double[][] Y, Tensor[] params) {
        Tensor W1 = params[0].copy().requiresGrad();
        Tensor b1 = params[1].copy().requiresGrad();
        Tensor W2 = params[2].copy().requiresGrad();
        Tensor b2 = params[3].copy().requiresGrad();
        Tensor A1 = W1.matmul(Tensor.matrix(X)).add(b1).tanh();
        Tensor A2 = W2.matmul(A1).add(b2).sigmoid();
        Tensor J = crossEntropy(A2, Tensor.matrix(Y)).mean();
        J.backward();
        return new Tensor[] {W1.grad(), b1.grad(), W2.grad(), b2.grad(), J};
    }

    /** The course's loss L(a, y) = −(y ln a + (1 − y) ln(1 − a)), elementwise. */
    private static Tensor crossEntropy(Tensor a, Tensor y) {
        return y.mul(a.log()).add(y.neg().add(1).mul(a.neg().add(1).log())).neg();
    }

    /** The course's formulas on plain arrays, with no chainrule op involved. */
    static final class Plain {
        private Plain() {
        }

        static double[][][] twoLayerGradients(double[][] X, double[][] Y, double[][] W1, double[][] b1, double[][] W2, double[][] b2) {
            int m = X[0].length;
            double[][] A1 = tanh(addColumn(matmul(W1, X), b1));
            double[][] A2 = sigmoid(addColumn(matmul(W2, A1), b2));
            double[][] dZ2 = sub(A2, Y);                                         // dZ2 = A2 − Y
            double[][] dW2 = scale(matmul(dZ2, transpose(A1)), 1.0 / m);         // dW2 = (1/m) dZ2·A1ᵀ
            double[][] db2 = scale(rowSums(dZ2), 1.0 / m);                       // db2 = (1/m) Σ dZ2
            double[][] gPrime = new double[A1.length][m];
            for (int i = 0; i < A1.length; i++) {
                for (int j = 0; j < m; j++) {
                    gPrime[i][j] = 1 - A1[i][j] * A1[i][j];                      // tanh' = 1 − a²
                }
            }
            double[][] dZ1 = times(matmul(transpose(W2), dZ2), gPrime);          // dZ1 = W2ᵀdZ2 * g'(Z1)
            double[][] dW1 = scale(matmul(dZ1, transpose(X)), 1.0 / m);          // dW1 = (1/m) dZ1·Xᵀ
            double[][] db1 = scale(rowSums(dZ1), 1.0 / m);                       // db1 = (1/m) Σ dZ1
            return new double[][][] {dW1, db1, dW2, db2};
        }

        static double[][] randn(Random rng, int rows, int cols) {
            double[][] r = new double[rows][cols];
            for (double[] row : r) {
                for (int j = 0; j < cols; j++) {
                    row[j] = rng.nextGaussian();
                }
            }
            return r;
        }

        static double[][] labels(Random rng, int rows, int cols) {
            double[][] r = new double[rows][cols];
            for (double[] row : r) {
                for (int j = 0; j < cols; j++) {
                    row[j] = rng.nextBoolean() ? 1 : 0;
                }
            }
            return r;
        }

        static double[][] matrix(Tensor t) {
            int rows = t.shape().dim(0);
            int cols = t.shape().dim(1);
            double[][] r = new double[rows][cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    r[i][j] = t.get(i, j);
                }
            }
            return r;
        }

        static double[][] column(double[] v) {
            double[][] r = new double[v.length][1];
            for (int i = 0; i < v.length; i++) {
                r[i][0] = v[i];
            }
            return r;
        }

        static double[][] matmul(double[][] a, double[][] b) {
            double[][] c = new double[a.length][b[0].length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < b[0].length; j++) {
                    for (int k = 0; k < b.length; k++) {
                        c[i][j] += a[i][k] * b[k][j];
                    }
                }
            }
            return c;
        }

        static double[][] transpose(double[][] a) {
            double[][] t = new double[a[0].length][a.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[0].length; j++) {
                    t[j][i] = a[i][j];
                }
            }
            return t;
        }

        static double[][] addColumn(double[][] a, double[][] col) {
            double[][] r = new double[a.length][a[0].length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[0].length; j++) {
                    r[i][j] = a[i][j] + col[i][0];
                }
            }
            return r;
        }

        static double[][] add(double[][] a, double s) {
            return map(a, v -> v + s);
        }

        static double[][] sub(double[][] a, double[][] b) {
            double[][] r = new double[a.length][a[0].length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[0].length; j++) {
                    r[i][j] = a[i][j] - b[i][j];
                }
            }
            return r;
        }

        static double[][] times(double[][] a, double[][] b) {
            double[][] r = new double[a.length][a[0].length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[0].length; j++) {
                    r[i][j] = a[i][j] * b[i][j];
                }
            }
            return r;
        }

        static double[][] scale(double[][] a, double s) {
            return map(a, v -> v * s);
        }

        static double[] scale(double[] a, double s) {
            double[] r = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                r[i] = a[i] * s;
            }
            return r;
        }

        static double[][] sigmoid(double[][] a) {
            return map(a, v -> 1 / (1 + Math.exp(-v)));
        }

        static double[][] tanh(double[][] a) {
            return map(a, Math::tanh);
        }

        static double[][] rowSums(double[][] a) {
            double[][] r = new double[a.length][1];
            for (int i = 0; i < a.length; i++) {
                for (double v : a[i]) {
                    r[i][0] += v;
                }
            }
            return r;
        }

        static double sum(double[][] a) {
            double s = 0;
            for (double[] row : a) {
                for (double v : row) {
                    s += v;
                }
            }
            return s;
        }

        static double dot(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i] * b[i];
            }
            return s;
        }

        static double[] flat(double[][] a) {
            double[] r = new double[a.length * a[0].length];
            for (int i = 0; i < a.length; i++) {
                System.arraycopy(a[i], 0, r, i * a[0].length, a[0].length);
            }
            return r;
        }

        private static double[][] map(double[][] a, java.util.function.DoubleUnaryOperator f) {
            double[][] r = new double[a.length][a[0].length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < a[0].length; j++) {
                    r[i][j] = f.applyAsDouble(a[i][j]);
                }
            }
            return r;
        }
    }
}
