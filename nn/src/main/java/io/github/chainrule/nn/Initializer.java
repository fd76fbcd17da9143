package io.github.chainrule.nn;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

import java.util.Random;

/**
 * How a layer's weight matrix W[l] of shape (n[l], n[l-1]) starts: the course's initializations, each
 * drawing from the {@link Random} passed in (seed it for a repeatable run; there is no global state).
 *
 * <p>Biases start at zero whatever the initializer: random weights already break the symmetry between
 * hidden units, which zeros for W do not (every unit of a layer would compute, and keep computing, the
 * same function).
 */
@FunctionalInterface
public interface Initializer {
    /**
     * Returns a fresh weight matrix of shape (n, nPrev).
     *
     * @param n     n[l], the number of units of this layer
     * @param nPrev n[l-1], the number of units (or input features) feeding it
     * @param rng   the random source
     * @return W[l], shape (n, nPrev)
     */
    Tensor weights(int n, int nPrev, Random rng);

    /**
     * All zeros: the course's counter-example, which leaves all hidden units identical.
     *
     * @return the initializer
     */
    static Initializer zeros() {
        return (n, nPrev, rng) -> scaled(n, nPrev, rng, 0.0);
    }

    /**
     * Standard normal values times 0.01: the course's np.random.randn(n, nPrev) * 0.01.
     *
     * @return the initializer
     */
    static Initializer smallRandom() {
        return normal("smallRandom", 0.01);
    }

    /**
     * Xavier: standard normal times √(1 / n[l-1]), for tanh layers.
     *
     * @return the initializer
     */
    static Initializer xavier() {
        return (n, nPrev, rng) -> scaled(n, nPrev, rng, Math.sqrt(1.0 / nPrev));
    }

    /**
     * Glorot: standard normal times √(2 / (n[l-1] + n[l])).
     *
     * @return the initializer
     */
    static Initializer glorot() {
        return (n, nPrev, rng) -> scaled(n, nPrev, rng, Math.sqrt(2.0 / (nPrev + n)));
    }

    /**
     * He: standard normal times √(2 / n[l-1]), for ReLU layers.
     *
     * @return the initializer
     */
    static Initializer he() {
        return (n, nPrev, rng) -> scaled(n, nPrev, rng, Math.sqrt(2.0 / nPrev));
    }

    /**
     * Standard normal values times {@code scale}.
     *
     * @param scale the factor on randn
     * @return the initializer
     * @throws IllegalArgumentException if the scale is negative or not finite
     */
    static Initializer normal(double scale) {
        return normal("normal", scale);
    }

    private static Initializer normal(String name, double scale) {
        if (!(scale >= 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException(name + ": scale must be finite and non-negative, got " + scale);
        }
        return (n, nPrev, rng) -> scaled(n, nPrev, rng, scale);
    }

    private static Tensor scaled(int n, int nPrev, Random rng, double scale) {
        if (n <= 0 || nPrev <= 0) {
            throw new IllegalArgumentException("initializer: layer sizes must be positive, got n[l] = " + n
                    + ", n[l-1] = " + nPrev);
        }
        if (scale == 0) {
            return Tensor.zeros(n, nPrev);   // draws nothing, so the rng's sequence is left as it was
        }
        if (rng == null) {
            throw new IllegalArgumentException("initializer: rng is null; pass a seeded java.util.Random");
        }
        double[] w = Tensor.randn(rng, n, nPrev).buffer();
        for (int i = 0; i < w.length; i++) {
            w[i] *= scale;
        }
        return Tensor.wrap(w, Shape.of(n, nPrev));
    }
}
