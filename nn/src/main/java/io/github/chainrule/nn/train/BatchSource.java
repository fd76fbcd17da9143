package io.github.chainrule.nn.train;

/**
 * Where a training loop gets its mini-batches: the batches of one epoch, in the order to train on them.
 *
 * <p>The plug between datasets and the loop. {@link MiniBatches} is the simple implementation over two
 * in-memory matrices; a data set that shuffles, augments or streams supplies its own.
 */
@FunctionalInterface
public interface BatchSource {
    /**
     * Returns the mini-batches of epoch {@code epoch} (counted from 0). Implementations that shuffle draw
     * the order from their own seeded random source, so the same seed gives the same batches.
     *
     * @param epoch the epoch, from 0
     * @return the epoch's mini-batches, in order
     */
    Iterable<Batch> epoch(int epoch);
}
