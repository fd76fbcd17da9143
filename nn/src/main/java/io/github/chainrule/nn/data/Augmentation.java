package io.github.chainrule.nn.data;

import io.github.chainrule.Tensor;

import java.util.Random;

/**
 * A random, label-preserving change to the training images of one mini-batch: the course's data
 * augmentation ("other regularization methods": flip an image horizontally, shift or distort it a little),
 * which gives more training data for free and makes the network less sensitive to such changes.
 *
 * <p>Apply it to training mini-batches only, never to dev or test data: evaluation must see the images
 * as they are. A new random choice is drawn for every example each time, from the {@link Random} passed
 * in, so a seeded run is repeatable. {@link MiniBatches#random(Dataset, int, Random, Augmentation)}
 * applies one per batch.
 */
@FunctionalInterface
public interface Augmentation {

    /**
     * Returns a changed copy of the inputs X (n_x, m) of one mini-batch; X itself is not modified.
     *
     * @param x   the examples, one per column
     * @param rng the source of randomness
     * @return the augmented examples, of x's shape
     */
    Tensor apply(Tensor x, Random rng);

    /**
     * Returns the mini-batch with its inputs changed and its targets unchanged.
     *
     * @param batch the mini-batch
     * @param rng   the source of randomness
     * @return the batch with augmented inputs and the same labels
     */
    default Dataset apply(Dataset batch, Random rng) {
        return batch.withX(apply(batch.x(), rng));
    }

    /**
     * Returns the augmentation that applies this one, then {@code next}.
     *
     * @param next the augmentation applied after this one
     * @return the composition
     */
    default Augmentation andThen(Augmentation next) {
        return (x, rng) -> next.apply(apply(x, rng), rng);
    }

    /**
     * Returns the augmentation that leaves every batch as it is.
     *
     * @return the augmentation that changes nothing
     */
    static Augmentation none() {
        return (x, rng) -> x;
    }

    /**
     * Returns the augmentation that mirrors each image left to right with probability {@code probability}
     * (0.5 is usual), independently per example.
     *
     * <p>Use it only where a mirror image has the same label: clothes (Fashion-MNIST) and cats, yes;
     * digits and letters, no (a mirrored 2 is not a 2).
     *
     * @param image       the layout of each column's pixels
     * @param probability the chance that an image is flipped
     * @return the augmentation
     * @throws IllegalArgumentException if the probability is outside [0, 1]
     */
    static Augmentation horizontalFlip(ImageShape image, double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("Augmentation.horizontalFlip: probability must be in [0, 1], got "
                    + probability);
        }
        return (x, rng) -> {
            Images.check("Augmentation.horizontalFlip", x, image);
            boolean[] which = new boolean[x.shape().dim(1)];
            for (int j = 0; j < which.length; j++) {
                which[j] = rng.nextDouble() < probability;
            }
            return Images.flip(x, image, which);
        };
    }

    /**
     * Returns the augmentation that moves each image by a random whole number of pixels, drawn uniformly
     * from [−maxShift, maxShift] down and, independently, right; vacated pixels become 0.
     *
     * @param image    the layout of each column's pixels
     * @param maxShift the largest shift in pixels, each way
     * @return the augmentation
     * @throws IllegalArgumentException if maxShift is negative or not smaller than the image
     */
    static Augmentation randomShift(ImageShape image, int maxShift) {
        if (maxShift < 0 || maxShift >= Math.min(image.height(), image.width())) {
            throw new IllegalArgumentException("Augmentation.randomShift: max shift must be in [0, "
                    + Math.min(image.height(), image.width()) + ") for " + image.height() + "x" + image.width()
                    + " images, got " + maxShift);
        }
        return (x, rng) -> {
            Images.check("Augmentation.randomShift", x, image);
            int m = x.shape().dim(1);
            int[] dys = new int[m];
            int[] dxs = new int[m];
            for (int j = 0; j < m; j++) {
                dys[j] = rng.nextInt(2 * maxShift + 1) - maxShift;
                dxs[j] = rng.nextInt(2 * maxShift + 1) - maxShift;
            }
            return Images.shift(x, image, dys, dxs);
        };
    }
}
