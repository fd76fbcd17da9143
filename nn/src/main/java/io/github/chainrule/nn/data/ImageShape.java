package io.github.chainrule.nn.data;

/**
 * The layout of the images stored as columns of X: each column is one image of {@code height} rows and
 * {@code width} columns of pixels with {@code channels} values each, flattened row-major with the
 * channel varying fastest, as numpy flattens an (height, width, channels) array: pixel (r, c), channel k
 * is row {@code (r·width + c)·channels + k} of X. Grayscale images (MNIST) have one channel.
 *
 * @param height   pixel rows per image
 * @param width    pixel columns per image
 * @param channels values per pixel (1 for grayscale, 3 for RGB)
 */
public record ImageShape(int height, int width, int channels) {

    /**
     * Checks that the sizes are positive.
     *
     * @param height   the rows of pixels
     * @param width    the columns of pixels
     * @param channels the values per pixel
     * @throws IllegalArgumentException if one is not
     */
    public ImageShape {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("ImageShape: height, width and channels must be positive, got "
                    + height + "x" + width + "x" + channels);
        }
    }

    /**
     * Returns the shape of grayscale images of the given size.
     *
     * @param height the rows of pixels
     * @param width  the columns of pixels
     * @return the shape, one channel
     */
    public static ImageShape grayscale(int height, int width) {
        return new ImageShape(height, width, 1);
    }

    /**
     * Returns the number of values per image, height·width·channels: the n_x of X.
     *
     * @return height · width · channels
     */
    public int size() {
        return height * width * channels;
    }

    /**
     * Returns the row of X holding pixel (r, c), channel k.
     *
     * @param r the row
     * @param c the column
     * @param k the channel
     * @return the position in the flattened column
     */
    public int index(int r, int c, int k) {
        return (r * width + c) * channels + k;
    }
}
