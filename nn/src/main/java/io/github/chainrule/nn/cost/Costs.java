package io.github.chainrule.nn.cost;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

/**
 * The course's cost functions, each built from core graph ops so that autodiff gives dAL (or dZL) and
 * the gradient checker can check it.
 *
 * <p>Every cost follows the course's layout and definition: the output and the labels have one column per
 * example, the loss of an example sums over its rows (its output units), and the cost J averages the loss
 * over the m examples: J = (1/m) Σᵢ L(ŷ⁽ⁱ⁾, y⁽ⁱ⁾).
 *
 * <p>Where a cost takes logits Z rather than probabilities, it is written with identities that never
 * overflow, so that the loss and its gradient stay finite even at |z| = 1000.
 */
public final class Costs {
    private Costs() {
    }

    /**
     * Binary cross-entropy on probabilities, the course's
     * J = −(1/m) Σ [y log a + (1 − y) log(1 − a)].
     *
     * <p>Infinite where a probability is exactly 0 or 1 against the opposite label (a saturated sigmoid);
     * {@link #binaryCrossEntropyWithLogits} never is.
     *
     * @param AL the predicted probabilities, shape (n_y, m), values in [0, 1]
     * @param Y  the labels, same shape, values in [0, 1]
     * @return the scalar cost J
     * @throws IllegalArgumentException if the shapes differ or a probability is outside [0, 1]
     */
    public static Tensor binaryCrossEntropy(Tensor AL, Tensor Y) {
        int m = checkPair("binaryCrossEntropy", "AL", AL, Y);
        checkRange("binaryCrossEntropy", "AL", AL);
        checkRange("binaryCrossEntropy", "Y", Y);
        Tensor one = Tensor.scalar(1);
        Tensor loss = Y.mul(AL.log()).add(one.sub(Y).mul(one.sub(AL).log()));
        return loss.sum().mul(-1.0 / m);
    }

    /**
     * Binary cross-entropy on logits Z (the sigmoid is folded in), stable for logits of any size.
     *
     * <p>With a = σ(z), −[y log a + (1 − y) log(1 − a)] = y·softplus(−z) + (1 − y)·softplus(z)
     * = softplus(z) − y·z, because log σ(z) = −softplus(−z), log(1 − σ(z)) = −softplus(z) and
     * softplus(−z) = softplus(z) − z. It is computed in the first form, a weighted sum of two softplus
     * terms, because the shorter softplus(z) − y·z subtracts two numbers near z when y = 1 and z is
     * large, and loses the small loss e^−z that remains to cancellation (a gradient check at z ≈ 5
     * already sees it). Core's softplus never overflows and its derivative is σ(z), so
     * dZ = (σ(z) − y)/m, the course's dZ = A − Y, finite at z = ±1000.
     *
     * @param ZL the logits, shape (n_y, m)
     * @param Y  the labels, same shape, values in [0, 1]
     * @return the scalar cost J
     * @throws IllegalArgumentException if the shapes differ or a label is outside [0, 1]
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor ZL, Tensor Y) {
        int m = checkPair("binaryCrossEntropyWithLogits", "ZL", ZL, Y);
        checkRange("binaryCrossEntropyWithLogits", "Y", Y);
        Tensor one = Tensor.scalar(1);
        return Y.mul(ZL.neg().softplus()).add(one.sub(Y).mul(ZL.softplus())).sum().mul(1.0 / m);
    }

    /**
     * Cross-entropy on probabilities against one-hot labels: J = −(1/m) Σ_j Σ_k y_kj log a_kj.
     *
     * @param AL the predicted class probabilities, shape (C, m), each column summing to 1
     * @param Y  the one-hot labels, same shape
     * @return the scalar cost J
     * @throws IllegalArgumentException if the shapes differ or a probability is outside [0, 1]
     */
    public static Tensor categoricalCrossEntropy(Tensor AL, Tensor Y) {
        int m = checkPair("categoricalCrossEntropy", "AL", AL, Y);
        checkRange("categoricalCrossEntropy", "AL", AL);
        return Y.mul(AL.log()).sum().mul(-1.0 / m);
    }

    /**
     * Softmax cross-entropy on logits against one-hot labels, stable for logits of any size:
     * J = −(1/m) Σ Y ⊙ logSoftmax(Z) over the classes (axis 0). log-softmax is z − logSumExp(z), never
     * log of an underflowed probability, and the gradient is dZ = (softmax(Z) − Y)/m.
     *
     * @param ZL the logits, shape (C, m)
     * @param Y  the one-hot labels, same shape
     * @return the scalar cost J
     * @throws IllegalArgumentException if the shapes differ
     */
    public static Tensor softmaxCrossEntropy(Tensor ZL, Tensor Y) {
        int m = checkPair("softmaxCrossEntropy", "ZL", ZL, Y);
        return Y.mul(ZL.logSoftmax(0)).sum().mul(-1.0 / m);
    }

    /**
     * Softmax cross-entropy on logits against class indices: labels[j] is the class of example j. The same cost
     * as {@link #softmaxCrossEntropy(Tensor, Tensor)} on {@code Tensor.oneHot(labels, C)}: one name,
     * {@code softmaxCrossEntropyWithIndices}, for the class-index idea, whether the indices come as an array
     * or as a label row.
     *
     * @param ZL     the logits, shape (C, m)
     * @param labels m class indices in [0, C)
     * @return the scalar cost J
     * @throws IllegalArgumentException if there are not m labels or one is outside [0, C)
     */
    public static Tensor softmaxCrossEntropyWithIndices(Tensor ZL, int[] labels) {
        if (ZL == null || labels == null) {
            throw new IllegalArgumentException("softmaxCrossEntropyWithIndices: ZL and labels must not be null");
        }
        requireMatrix("softmaxCrossEntropyWithIndices", "ZL", ZL);
        int m = ZL.shape().dim(1);
        if (labels.length != m) {
            throw new IllegalArgumentException("softmaxCrossEntropyWithIndices: " + labels.length + " labels for ZL of shape "
                    + ZL.shape() + " with " + m + " examples");
        }
        int classes = ZL.shape().dim(0);
        for (int j = 0; j < m; j++) {
            if (labels[j] < 0 || labels[j] >= classes) {
                throw new IllegalArgumentException("softmaxCrossEntropyWithIndices: label " + labels[j] + " of example " + j
                        + " is outside [0, " + classes + ") for ZL of shape " + ZL.shape());
            }
        }
        return softmaxCrossEntropy(ZL, Tensor.oneHot(labels, classes));
    }

    /**
     * Softmax cross-entropy on logits against class indices held in a (1, m) tensor of whole numbers,
     * so that it fits {@link Cost} and a training loop's label matrix Y.
     *
     * @param ZL     the logits, shape (C, m)
     * @param labels the class indices, shape (1, m), each a whole number in [0, C)
     * @return the scalar cost J
     * @throws IllegalArgumentException if labels is not (1, m) or holds a value that is not a class index
     */
    public static Tensor softmaxCrossEntropyWithIndices(Tensor ZL, Tensor labels) {
        if (ZL == null || labels == null) {
            throw new IllegalArgumentException("softmaxCrossEntropyWithIndices: ZL and labels must not be null");
        }
        requireMatrix("softmaxCrossEntropyWithIndices", "ZL", ZL);
        if (!labels.shape().equals(Shape.of(1, ZL.shape().dim(1)))) {
            throw new IllegalArgumentException("softmaxCrossEntropyWithIndices: labels have shape " + labels.shape()
                    + " but ZL " + ZL.shape() + " needs (1," + ZL.shape().dim(1) + ")");
        }
        return softmaxCrossEntropyWithIndices(ZL, classIndices("softmaxCrossEntropyWithIndices", labels));
    }

    /**
     * Mean squared error: J = (1/m) Σᵢ ‖ŷ⁽ⁱ⁾ − y⁽ⁱ⁾‖², the squared error summed over an example's outputs and
     * averaged over the m examples (for one output unit, the mean of the squared errors).
     *
     * @param AL the predictions, shape (outputs, m)
     * @param Y  the targets, same shape
     * @return the scalar cost J
     * @throws IllegalArgumentException if the shapes differ
     */
    public static Tensor meanSquaredError(Tensor AL, Tensor Y) {
        int m = checkPair("meanSquaredError", "AL", AL, Y);
        return AL.sub(Y).square().sum().mul(1.0 / m);
    }

    /**
     * Mean absolute error (L1 loss): J = (1/m) Σᵢ ‖ŷ⁽ⁱ⁾ − y⁽ⁱ⁾‖₁; its derivative at ŷ = y is taken as 0.
     *
     * @param AL the predictions, shape (outputs, m)
     * @param Y  the targets, same shape
     * @return the scalar cost J
     * @throws IllegalArgumentException if the shapes differ
     */
    public static Tensor l1(Tensor AL, Tensor Y) {
        int m = checkPair("l1", "AL", AL, Y);
        return AL.sub(Y).abs().sum().mul(1.0 / m);
    }

    /**
     * Reads a (1, m) tensor of whole numbers as class indices.
     *
     * @param op     the caller's name, for the message
     * @param labels the class indices as whole numbers
     * @return the indices as ints
     * @throws IllegalArgumentException naming the example if a value is negative or not a whole number
     */
    public static int[] classIndices(String op, Tensor labels) {
        double[] v = labels.buffer();
        int[] out = new int[v.length];
        for (int j = 0; j < v.length; j++) {
            if (v[j] < 0 || v[j] != Math.rint(v[j]) || v[j] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(op + ": label " + v[j] + " of example " + j + " is not a class index");
            }
            out[j] = (int) v[j];
        }
        return out;
    }

    private static int checkPair(String op, String name, Tensor out, Tensor Y) {
        if (out == null || Y == null) {
            throw new IllegalArgumentException(op + ": " + name + " and Y must not be null");
        }
        requireMatrix(op, name, out);
        if (!out.shape().equals(Y.shape())) {
            throw new IllegalArgumentException(op + ": " + name + " has shape " + out.shape() + " but Y has shape "
                    + Y.shape() + "; they must match, one column per example");
        }
        int m = out.shape().dim(1);
        if (m == 0) {
            throw new IllegalArgumentException(op + ": no examples (m = 0) in " + name + " of shape " + out.shape());
        }
        return m;
    }

    private static void requireMatrix(String op, String name, Tensor t) {
        if (t.rank() != 2) {
            throw new IllegalArgumentException(op + ": " + name + " must be a matrix (units, m) with one column per"
                    + " example, got shape " + t.shape());
        }
    }

    private static void checkRange(String op, String name, Tensor t) {
        double[] v = t.buffer();
        for (int i = 0; i < v.length; i++) {
            if (!(v[i] >= 0 && v[i] <= 1)) {
                throw new IllegalArgumentException(op + ": " + name + " must hold values in [0, 1], found " + v[i]
                        + " at flat index " + i + " of shape " + t.shape()
                        + (name.equals("Y") ? "" : " (pass logits to the WithLogits form)"));
            }
        }
    }
}
