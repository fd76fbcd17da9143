package io.github.chainrule.nn;

import io.github.chainrule.Tensor;

import java.util.Random;

/**
 * Inverted dropout: in training, keeps each unit with probability keepProb and divides the kept
 * activations by keepProb, so that the expected value of each activation is unchanged and evaluation
 * needs no rescaling; in evaluation mode it is the identity.
 *
 * <p>The course's recipe: D = (rand(shape of A) &lt; keepProb), A = A ⊙ D / keepProb. D is a constant of
 * the graph, so autodiff gives dA_prev = dA ⊙ D / keepProb, the course's backward step. The mask comes
 * from the {@link Random} passed in (seed it for repeatable training); a fresh mask is drawn on every
 * forward pass.
 */
public final class Dropout extends Layer {
    private final double keepProb;
    private final Random rng;

    /**
     * Creates a dropout layer.
     *
     * @param keepProb the probability of keeping a unit, in (0, 1]; 1 keeps every unit
     * @param rng      the random source of the masks
     * @throws IllegalArgumentException if keepProb is outside (0, 1] or rng is null
     */
    public Dropout(double keepProb, Random rng) {
        if (!(keepProb > 0 && keepProb <= 1)) {
            throw new IllegalArgumentException("Dropout: keepProb must be in (0, 1], got " + keepProb);
        }
        if (rng == null) {
            throw new IllegalArgumentException("Dropout: rng is null; pass a seeded java.util.Random");
        }
        this.keepProb = keepProb;
        this.rng = rng;
    }

    /**
     * Returns the probability of keeping a unit.
     *
     * @return keepProb, in (0, 1]
     */
    public double keepProb() {
        return keepProb;
    }

    /** In training mode returns A ⊙ D / keepProb for a fresh random mask D; in evaluation mode returns A. */
    @Override
    public Tensor forward(Tensor A) {
        if (A == null) {
            throw new IllegalArgumentException("Dropout: input A is null");
        }
        if (!isTraining() || keepProb == 1) {
            return A;
        }
        return apply(A, mask(A, keepProb, rng), keepProb);
    }

    /** Returns true: the forward pass is random in training mode. */
    @Override
    public boolean isStochastic() {
        return true;
    }

    /**
     * Returns a mask of A's shape holding 1 where rng's uniform draw is below keepProb and 0 elsewhere.
     *
     * @param A        the activations the mask is for
     * @param keepProb the probability of keeping a unit
     * @param rng      the source of randomness
     * @return D, of A's shape, 1 where a unit is kept and 0 where it is dropped
     */
    public static Tensor mask(Tensor A, double keepProb, Random rng) {
        double[] d = Tensor.rand(rng, A.shape().dims()).buffer();
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] < keepProb ? 1.0 : 0.0;
        }
        return Tensor.wrap(d, A.shape());
    }

    /**
     * Returns A ⊙ D / keepProb: inverted dropout with a given mask D (a constant of 0s and 1s).
     *
     * @param A        the activations
     * @param D        the mask, of A's shape
     * @param keepProb the probability of keeping a unit
     * @return A ⊙ D / keepProb
     * @throws IllegalArgumentException if the mask's shape differs from A's
     */
    public static Tensor apply(Tensor A, Tensor D, double keepProb) {
        if (!A.shape().equals(D.shape())) {
            throw new IllegalArgumentException("Dropout: mask D of shape " + D.shape() + " does not match A of shape " + A.shape());
        }
        return A.mul(D).div(keepProb);
    }

    @Override
    public String toString() {
        return "Dropout(keepProb=" + keepProb + ")";
    }
}
