package io.github.chainrule.nn.data;

import java.util.Arrays;
import java.util.Random;

/**
 * A dataset split into train, dev and test sets, as the course's "Train / Dev / Test sets" lesson sets
 * them up: shuffle once, then take disjoint slices so that the three sets come from the same distribution.
 *
 * @param train the examples to fit parameters (and normalization statistics) on
 * @param dev   the hold-out ("development") examples to choose hyperparameters and stop early on
 * @param test  the examples for an unbiased final estimate; may be empty (m = 0)
 */
public record Split(Dataset train, Dataset dev, Dataset test) {

    /**
     * Shuffles {@code data} with {@code rng} and splits it into train, dev and test sets holding
     * round(m·trainFraction), round(m·devFraction) and the remaining examples.
     *
     * @param data          the examples
     * @param trainFraction the share for training
     * @param devFraction   the share for the dev set
     * @param rng           the source of the shuffle
     * @return the split
     * @throws IllegalArgumentException if a fraction is negative, not finite, or they add up to more than 1
     */
    public static Split shuffled(Dataset data, double trainFraction, double devFraction, Random rng) {
        if (!(trainFraction >= 0) || !(devFraction >= 0) || !(trainFraction + devFraction <= 1 + 1e-12)) {
            throw new IllegalArgumentException("Split.shuffled: fractions must be non-negative and add up to at"
                    + " most 1, got train " + trainFraction + " and dev " + devFraction);
        }
        if (rng == null) {
            throw new IllegalArgumentException("Split.shuffled: rng must not be null (seed it for repeatable runs)");
        }
        int m = data.m();
        int nTrain = (int) Math.round(m * trainFraction);
        int nDev = Math.min(m - nTrain, (int) Math.round(m * devFraction));
        int[] order = MiniBatches.permutation(m, rng);
        return new Split(
                data.subset(Arrays.copyOfRange(order, 0, nTrain)),
                data.subset(Arrays.copyOfRange(order, nTrain, nTrain + nDev)),
                data.subset(Arrays.copyOfRange(order, nTrain + nDev, m)));
    }

    /**
     * Shuffles {@code data} with {@code rng} and splits it into a train set of round(m·trainFraction)
     * examples and a test set of the rest; the dev set is empty.
     *
     * @param data          the examples
     * @param trainFraction the share for training
     * @param rng           the source of the shuffle
     * @return the split
     * @throws IllegalArgumentException if the fraction is outside [0, 1]
     */
    public static Split trainTest(Dataset data, double trainFraction, Random rng) {
        if (!(trainFraction >= 0 && trainFraction <= 1)) {
            throw new IllegalArgumentException("Split.trainTest: train fraction must be in [0, 1], got " + trainFraction);
        }
        return shuffled(data, trainFraction, 0, rng);
    }

    /**
     * Returns this split with {@code normalizer} fitted on the train set's X and applied to all three
     * sets' X: statistics never come from dev or test data.
     *
     * @param fitter fits the normalizer on the training set
     * @return the split with every set normalized by the training set's statistics
     */
    public Split normalized(Normalizer.Fitter fitter) {
        Normalizer n = fitter.fit(train.x());
        return new Split(n.apply(train), n.apply(dev), n.apply(test));
    }
}
