package io.github.chainrule.teaching;

import io.github.chainrule.Tensor;

/** The course's formulas that several lectures use, written with chainrule's ops. */
final class Course {
    private Course() {
    }

    /**
     * The cross-entropy cost J = −(1/m) Σ (Y ln A + (1 − Y) ln(1 − A)) over the m columns.
     *
     * @param A the predictions, (1, m)
     * @param Y the labels, (1, m)
     * @return J, a scalar
     */
    static Tensor cost(Tensor A, Tensor Y) {
        Tensor ones = Tensor.ones(1, 1);
        Tensor L = Y.mul(A.log()).add(ones.sub(Y).mul(ones.sub(A).log())).neg();   // the loss of each example
        return L.mean();
    }

    /**
     * Sums over the examples (axis 1) keeping the column shape, numpy's {@code np.sum(dZ, axis=1, keepdims=True)}.
     *
     * @param dZ an (n, m) tensor
     * @return its row sums, (n, 1)
     */
    static Tensor sumOverExamples(Tensor dZ) {
        return dZ.sum(1, true);
    }

    /**
     * The number of examples, the columns of X.
     *
     * @param X the inputs, (n_x, m)
     * @return m
     */
    static int m(Tensor X) {
        return X.shape().dim(1);
    }
}
