package io.github.chainrule.nn.train;

/**
 * One epoch of training, as a {@link Trainer} reports it to an {@link EpochListener}.
 *
 * @param epoch        the epoch's number, from 0
 * @param cost         the training cost, averaged over the epoch's examples (regularization included)
 * @param devCost      the dev set's cost after the epoch, or null without a dev set
 * @param learningRate the learning rate of the epoch's first step
 * @param steps        the optimizer steps the epoch took (its mini-batches)
 */
public record EpochSummary(int epoch, double cost, Double devCost, double learningRate, int steps) {
}
