package io.github.chainrule.nn.data;

import io.github.chainrule.Tensor;

/** Shape checks shared by the normalizers. */
final class Features {
    private Features() {
    }

    /** Checks that x is (n_x, m) with m ≥ 1, for fitting. */
    static void check(String method, Tensor x) {
        if (x == null || x.rank() != 2) {
            throw new IllegalArgumentException(method + ": X must be 2-D (n_x, m), got "
                    + (x == null ? "null" : x.shape().toString()));
        }
        if (x.shape().dim(1) == 0) {
            throw new IllegalArgumentException(method + ": X " + x.shape() + " has no examples to fit on");
        }
    }

    /** Checks that x is (features, m) for any m, for applying a fitted transformation. */
    static void check(String method, Tensor x, int features) {
        if (x == null || x.rank() != 2 || x.shape().dim(0) != features) {
            throw new IllegalArgumentException(method + ": X must be (" + features + ", m) as fitted, got "
                    + (x == null ? "null" : x.shape().toString()));
        }
    }
}
