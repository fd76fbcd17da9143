package io.github.chainrule.nn.train;

/** How often a learning-rate schedule advances: once per epoch, or once per optimizer step (mini-batch). */
public enum DecayEvery {
    /** t counts epochs: the course's α₀ / (1 + decayRate·epoch_num). */
    EPOCH,
    /** t counts optimizer steps (mini-batches), the course's k/√t·α₀ with t the iteration. */
    STEP
}
