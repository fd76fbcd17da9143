package io.github.chainrule.nn.data;

import io.github.chainrule.Tensor;

/**
 * Deterministic transformations of images stored as the columns of X (n_x, m) in an {@link ImageShape}
 * layout; {@link Augmentation} applies them at random.
 */
public final class Images {
    private Images() {
    }

    /**
     * Returns X with every image mirrored left to right: pixel (r, c) moves to (r, width−1−c).
     *
     * @param x     the images, one per column
     * @param image the layout of each column's pixels
     * @return the flipped images
     */
    public static Tensor flipHorizontal(Tensor x, ImageShape image) {
        check("Images.flipHorizontal", x, image);
        boolean[] all = new boolean[x.shape().dim(1)];
        java.util.Arrays.fill(all, true);
        return flip(x, image, all);
    }

    /**
     * Returns X with every image moved down by {@code dy} and right by {@code dx} pixels (negative values
     * move up and left); pixels moved in from outside are 0, the background of MNIST-like data.
     *
     * @param x     the images, one per column
     * @param image the layout of each column's pixels
     * @param dy    the shift down, in pixels (negative: up)
     * @param dx    the shift right, in pixels (negative: left)
     * @return the shifted images
     */
    public static Tensor shift(Tensor x, ImageShape image, int dy, int dx) {
        check("Images.shift", x, image);
        int m = x.shape().dim(1);
        int[] dys = new int[m];
        int[] dxs = new int[m];
        java.util.Arrays.fill(dys, dy);
        java.util.Arrays.fill(dxs, dx);
        return shift(x, image, dys, dxs);
    }

    /** Returns X with the images in the columns where {@code which[j]} is true mirrored left to right. */
    static Tensor flip(Tensor x, ImageShape image, boolean[] which) {
        int m = x.shape().dim(1);
        double[] v = x.buffer();
        double[] out = v.clone();
        int w = image.width();
        for (int j = 0; j < m; j++) {
            if (!which[j]) {
                continue;
            }
            for (int r = 0; r < image.height(); r++) {
                for (int c = 0; c < w; c++) {
                    for (int k = 0; k < image.channels(); k++) {
                        out[image.index(r, w - 1 - c, k) * m + j] = v[image.index(r, c, k) * m + j];
                    }
                }
            }
        }
        return Tensor.wrap(out, x.shape());
    }

    /** Returns X with image j moved by (dys[j], dxs[j]), zero-filled. */
    static Tensor shift(Tensor x, ImageShape image, int[] dys, int[] dxs) {
        int m = x.shape().dim(1);
        double[] v = x.buffer();
        double[] out = new double[v.length];
        for (int j = 0; j < m; j++) {
            for (int r = 0; r < image.height(); r++) {
                int sr = r - dys[j];
                if (sr < 0 || sr >= image.height()) {
                    continue;
                }
                for (int c = 0; c < image.width(); c++) {
                    int sc = c - dxs[j];
                    if (sc < 0 || sc >= image.width()) {
                        continue;
                    }
                    for (int k = 0; k < image.channels(); k++) {
                        out[image.index(r, c, k) * m + j] = v[image.index(sr, sc, k) * m + j];
                    }
                }
            }
        }
        return Tensor.wrap(out, x.shape());
    }

    static void check(String method, Tensor x, ImageShape image) {
        if (x == null || image == null) {
            throw new IllegalArgumentException(method + ": X and the image shape must not be null");
        }
        if (x.rank() != 2 || x.shape().dim(0) != image.size()) {
            throw new IllegalArgumentException(method + ": X must be (" + image.size() + ", m) for "
                    + image.height() + "x" + image.width() + "x" + image.channels() + " images, got " + x.shape());
        }
    }
}
