package io.github.chainrule.nn.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a training run recorded, epoch by epoch: the training cost, the dev cost (if there was a dev set),
 * the learning rate, and how the run ended.
 */
public final class History {
    private final List<Double> costs = new ArrayList<>();
    private final List<Double> devCosts = new ArrayList<>();
    private final List<Double> learningRates = new ArrayList<>();
    private int bestEpoch = -1;
    private boolean stoppedEarly;
    private int steps;

    History() {
    }

    void record(double cost, Double devCost, double learningRate) {
        costs.add(cost);
        if (devCost != null) {
            devCosts.add(devCost);
        }
        learningRates.add(learningRate);
    }

    void addSteps(int n) {
        steps += n;
    }

    void bestEpoch(int epoch) {
        bestEpoch = epoch;
    }

    void stoppedEarly() {
        stoppedEarly = true;
    }

    /**
     * Returns the training cost of each epoch: the cost J (with the regularization term) of each mini-batch,
     * averaged over the epoch weighted by batch size, as computed during the epoch's forward passes.
     *
     * @return one training cost per epoch, in order
     */
    public List<Double> costs() {
        return Collections.unmodifiableList(costs);
    }

    /**
     * Returns the dev-set cost (without regularization, dropout off) after each epoch; empty without a dev set.
     *
     * @return one dev cost per epoch, in order
     */
    public List<Double> devCosts() {
        return Collections.unmodifiableList(devCosts);
    }

    /**
     * Returns the learning rate each epoch started with.
     *
     * @return one learning rate per epoch, in order
     */
    public List<Double> learningRates() {
        return Collections.unmodifiableList(learningRates);
    }

    /**
     * Returns the number of epochs run.
     *
     * @return the epochs run
     */
    public int epochs() {
        return costs.size();
    }

    /**
     * Returns the number of optimizer steps (mini-batches) taken.
     *
     * @return the optimizer steps taken
     */
    public int steps() {
        return steps;
    }

    /**
     * Returns the epoch (from 0) with the lowest dev cost, or -1 without a dev set.
     *
     * @return the best epoch, or -1
     */
    public int bestEpoch() {
        return bestEpoch;
    }

    /**
     * Returns true if early stopping ended the run before the last epoch.
     *
     * @return true if early stopping ended the training
     */
    public boolean isStoppedEarly() {
        return stoppedEarly;
    }

    /**
     * Returns the last epoch's training cost.
     *
     * @return the last cost
     */
    public double finalCost() {
        if (costs.isEmpty()) {
            throw new IllegalStateException("History.finalCost: no epoch was run");
        }
        return costs.get(costs.size() - 1);
    }

    @Override
    public String toString() {
        return "History(epochs=" + epochs() + ", steps=" + steps + (costs.isEmpty() ? "" : ", final cost=" + finalCost())
                + (bestEpoch >= 0 ? ", best dev epoch=" + bestEpoch : "") + (stoppedEarly ? ", stopped early" : "") + ")";
    }
}
