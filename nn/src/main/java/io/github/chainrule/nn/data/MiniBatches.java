package io.github.chainrule.nn.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Cuts a dataset into mini-batches, as the course's {@code random_mini_batches} does.
 *
 * <p>Step 1 shuffles the columns of X and Y with the same permutation (so each x keeps its y); step 2
 * partitions the shuffled set into ⌊m / batchSize⌋ full batches and, when m is not a multiple of the
 * batch size, one last batch of the m mod batchSize examples left over. Every example appears in exactly
 * one batch per epoch.
 */
public final class MiniBatches {
    private MiniBatches() {
    }

    /**
     * Returns the dataset shuffled by {@code rng} and cut into batches of {@code batchSize} (the last one
     * smaller when m is not a multiple of it).
     *
     * @param data      the examples
     * @param batchSize the examples per mini-batch
     * @param rng       the source of the shuffle
     * @return the mini-batches
     * @throws IllegalArgumentException if the batch size is not positive or rng is null
     */
    public static List<Dataset> random(Dataset data, int batchSize, Random rng) {
        if (rng == null) {
            throw new IllegalArgumentException("MiniBatches.random: rng must not be null (seed it for repeatable runs)");
        }
        return cut(data, batchSize, permutation(data.m(), rng));
    }

    /**
     * Returns the shuffled mini-batches of {@link #random(Dataset, int, Random)}, each with its inputs
     * changed by {@code augmentation}: a fresh random change per example per epoch, drawn from the same
     * {@code rng}. For training batches only.
     *
     * @param data         the examples
     * @param batchSize    the examples per mini-batch
     * @param rng          the source of the shuffle and of the augmentation
     * @param augmentation applied to each mini-batch
     * @return the mini-batches
     * @throws IllegalArgumentException if the batch size is not positive or rng or augmentation is null
     */
    public static List<Dataset> random(Dataset data, int batchSize, Random rng, Augmentation augmentation) {
        if (augmentation == null) {
            throw new IllegalArgumentException("MiniBatches.random: augmentation must not be null (use Augmentation.none())");
        }
        List<Dataset> batches = random(data, batchSize, rng);
        batches.replaceAll(b -> augmentation.apply(b, rng));
        return batches;
    }

    /**
     * Returns the dataset cut into batches of {@code batchSize} in its own order, without shuffling (for
     * evaluation, where order does not matter and repeatability does).
     *
     * @param data      the examples
     * @param batchSize the examples per mini-batch
     * @return the mini-batches, in order
     * @throws IllegalArgumentException if the batch size is not positive
     */
    public static List<Dataset> sequential(Dataset data, int batchSize) {
        int[] order = new int[data.m()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return cut(data, batchSize, order);
    }

    /**
     * Returns a uniformly random permutation of 0..m-1 drawn by {@code rng} (Fisher–Yates), numpy's
     * {@code np.random.permutation(m)}.
     *
     * @param m   the number of examples
     * @param rng the source of the shuffle
     * @return a permutation of 0..m-1
     */
    public static int[] permutation(int m, Random rng) {
        int[] p = new int[m];
        for (int i = 0; i < m; i++) {
            p[i] = i;
        }
        for (int i = m - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Returns the number of mini-batches an epoch over m examples has: ⌈m / batchSize⌉.
     *
     * @param m         the number of examples
     * @param batchSize the examples per mini-batch
     * @return the number of mini-batches, the last possibly smaller
     */
    public static int count(int m, int batchSize) {
        checkBatchSize("MiniBatches.count", batchSize);
        return (m + batchSize - 1) / batchSize;
    }

    private static List<Dataset> cut(Dataset data, int batchSize, int[] order) {
        checkBatchSize("MiniBatches", batchSize);
        int m = order.length;
        List<Dataset> batches = new ArrayList<>(count(m, batchSize));
        for (int start = 0; start < m; start += batchSize) {
            int end = Math.min(start + batchSize, m);
            int[] idx = new int[end - start];
            System.arraycopy(order, start, idx, 0, idx.length);
            batches.add(data.subset(idx));
        }
        return batches;
    }

    private static void checkBatchSize(String method, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException(method + ": batch size must be positive, got " + batchSize);
        }
    }
}
