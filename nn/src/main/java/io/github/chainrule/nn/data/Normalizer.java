package io.github.chainrule.nn.data;

import io.github.chainrule.Tensor;

/**
 * A fitted per-feature transformation of inputs X (n_x, m): each row (feature) is shifted and scaled by
 * constants learned from the training set and then applied, unchanged, to dev and test inputs.
 *
 * <p>The course's lesson: use the same μ and σ for all sets, computed on the training set only.
 */
public interface Normalizer {

    /**
     * Returns the normalized copy of {@code x} (n_x, m'); m' may differ from the training set's m.
     *
     * @param x the inputs, shape (n_x, m)
     * @return the normalized inputs
     * @throws IllegalArgumentException if x is not 2-D with the fitted number of features
     */
    Tensor apply(Tensor x);

    /**
     * Returns the dataset with its inputs normalized and its targets unchanged.
     *
     * @param data the examples
     * @return the examples with normalized inputs
     */
    default Dataset apply(Dataset data) {
        return data.withX(apply(data.x()));
    }

    /** Fits a normalizer to training inputs X (n_x, m). */
    @FunctionalInterface
    interface Fitter {
        /**
         * Returns the normalizer fitted to the training inputs {@code x} of shape (n_x, m).
         *
         * @param x the training inputs, shape (n_x, m)
         * @return the fitted normalizer
         */
        Normalizer fit(Tensor x);
    }

    /**
     * Returns the fixed normalizer x / divisor that needs no fitting, e.g. {@code dividingBy(255)} for
     * 8-bit pixels (the course's "divide every row by 255" for images).
     *
     * @param divisor the number to divide by, e.g. 255 for pixels
     * @return the normalizer
     * @throws IllegalArgumentException if the divisor is zero or not finite
     */
    static Normalizer dividingBy(double divisor) {
        if (divisor == 0 || !Double.isFinite(divisor)) {
            throw new IllegalArgumentException("Normalizer.dividingBy: divisor must be finite and non-zero, got " + divisor);
        }
        return x -> {
            if (x.rank() != 2) {
                throw new IllegalArgumentException("Normalizer.dividingBy: X must be 2-D (n_x, m), got " + x.shape());
            }
            return x.div(divisor);
        };
    }
}
