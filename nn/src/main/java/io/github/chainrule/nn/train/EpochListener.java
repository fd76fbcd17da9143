package io.github.chainrule.nn.train;

/** What a {@link Trainer} calls after every epoch: for logging, plotting or checkpointing as training goes. */
@FunctionalInterface
public interface EpochListener {
    /**
     * Receives one epoch's summary.
     *
     * @param summary the epoch's number, costs and learning rate
     */
    void epochEnded(EpochSummary summary);
}
