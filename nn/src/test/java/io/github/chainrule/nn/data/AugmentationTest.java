package io.github.chainrule.nn.data;

import io.github.chainrule.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AugmentationTest {
    private static final ImageShape THREE_BY_FOUR = ImageShape.grayscale(3, 4);

    /** One 3x4 grayscale image whose pixel (r, c) holds 10r + c + 1, so that 0 means "moved in from outside". */
    private static Tensor oneImage() {
        double[] x = new double[12];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 4; c++) {
                x[r * 4 + c] = 10 * r + c + 1;
            }
        }
        return Tensor.of(x, 12, 1);
    }

    @Test
    void horizontalFlipMirrorsEachRow() {
        assertArrayEquals(new double[] {4, 3, 2, 1, 14, 13, 12, 11, 24, 23, 22, 21},
                Images.flipHorizontal(oneImage(), THREE_BY_FOUR).toArray());
    }

    @Property(tries = 30)
    void flippingTwiceIsTheIdentity(@ForAll @IntRange(min = 1, max = 6) int h, @ForAll @IntRange(min = 1, max = 6) int w,
                                    @ForAll @IntRange(min = 1, max = 3) int channels, @ForAll long seed) {
        ImageShape image = new ImageShape(h, w, channels);
        Tensor x = Tensor.randn(new Random(seed), image.size(), 5);
        assertArrayEquals(x.toArray(), Images.flipHorizontal(Images.flipHorizontal(x, image), image).toArray());
    }

    @Test
    void flippingRgbImagesKeepsEachPixelsChannelsTogether() {
        ImageShape rgb = new ImageShape(1, 2, 3);
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 6, 1);   // pixel 0 = (1,2,3), pixel 1 = (4,5,6)
        assertArrayEquals(new double[] {4, 5, 6, 1, 2, 3}, Images.flipHorizontal(x, rgb).toArray());
    }

    @Test
    void shiftMovesPixelsAndFillsWithZero() {
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 1, 2, 3, 0, 11, 12, 13},
                Images.shift(oneImage(), THREE_BY_FOUR, 1, 1).toArray());
        assertArrayEquals(new double[] {12, 13, 14, 0, 22, 23, 24, 0, 0, 0, 0, 0},
                Images.shift(oneImage(), THREE_BY_FOUR, -1, -1).toArray());
    }

    @Property(tries = 30)
    void shiftingThereAndBackKeepsThePixelsThatStayedInside(@ForAll @IntRange(min = -2, max = 2) int dy,
                                                           @ForAll @IntRange(min = -3, max = 3) int dx) {
        Tensor back = Images.shift(Images.shift(oneImage(), THREE_BY_FOUR, dy, dx), THREE_BY_FOUR, -dy, -dx);
        double[] original = oneImage().toArray();
        double[] v = back.toArray();
        for (int i = 0; i < v.length; i++) {
            assertTrue(v[i] == original[i] || v[i] == 0, "pixel " + i);
        }
    }

    @Test
    void randomFlipWithProbabilityZeroOrOneIsIdentityOrFlip() {
        Tensor x = Tensor.randn(new Random(1), 12, 7);
        assertArrayEquals(x.toArray(), Augmentation.horizontalFlip(THREE_BY_FOUR, 0).apply(x, new Random(2)).toArray());
        assertArrayEquals(Images.flipHorizontal(x, THREE_BY_FOUR).toArray(),
                Augmentation.horizontalFlip(THREE_BY_FOUR, 1).apply(x, new Random(2)).toArray());
    }

    @Test
    void randomFlipFlipsAboutTheAskedFractionOfExamplesAndIsSeeded() {
        int m = 4000;
        Tensor x = Tensor.randn(new Random(1), 12, m);
        Tensor a = Augmentation.horizontalFlip(THREE_BY_FOUR, 0.5).apply(x, new Random(42));
        Tensor b = Augmentation.horizontalFlip(THREE_BY_FOUR, 0.5).apply(x, new Random(42));
        assertArrayEquals(a.toArray(), b.toArray());
        Tensor flipped = Images.flipHorizontal(x, THREE_BY_FOUR);
        int count = 0;
        for (int j = 0; j < m; j++) {
            boolean isFlipped = a.get(0, j) == flipped.get(0, j) && a.get(1, j) == flipped.get(1, j);
            boolean isSame = a.get(0, j) == x.get(0, j) && a.get(1, j) == x.get(1, j);
            assertTrue(isFlipped ^ isSame, "example " + j + " is neither the image nor its mirror");
            count += isFlipped ? 1 : 0;
        }
        // Binomial(4000, 0.5): mean 2000, standard deviation ≈ 31.6; allow 5 sigma
        assertEquals(2000, count, 160);
    }

    @Test
    void randomShiftMovesEachImageByAtMostTheMaximumInEachDirection() {
        int m = 300;
        Tensor x = Tensor.zeros(12, m).add(oneImage());
        Tensor out = Augmentation.randomShift(THREE_BY_FOUR, 1).apply(x, new Random(8));
        int[] seen = new int[9];
        for (int j = 0; j < m; j++) {
            double[] img = out.selectColumns(j).toArray();
            int match = -1;
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if (Arrays.equals(img, Images.shift(oneImage(), THREE_BY_FOUR, dy, dx).toArray())) {
                        match = (dy + 1) * 3 + dx + 1;
                    }
                }
            }
            assertTrue(match >= 0, "example " + j + " is not a shift of at most one pixel");
            seen[match]++;
        }
        for (int s : seen) {
            assertTrue(s > 0, "every one of the 9 shifts should occur in 300 draws: " + Arrays.toString(seen));
        }
    }

    @Test
    void augmentationsComposeAndLeaveTargetsAlone() {
        Dataset d = Dataset.of(oneImage(), Tensor.of(new double[] {1}, 1, 1));
        Augmentation flipThenShift = Augmentation.horizontalFlip(THREE_BY_FOUR, 1)
                .andThen((x, rng) -> Images.shift(x, THREE_BY_FOUR, 0, 1));
        Dataset out = flipThenShift.apply(d, new Random(1));
        assertArrayEquals(new double[] {0, 4, 3, 2, 0, 14, 13, 12, 0, 24, 23, 22}, out.x().toArray());
        assertArrayEquals(d.y().toArray(), out.y().toArray());
        assertFalse(Arrays.equals(d.x().toArray(), out.x().toArray()));
        assertArrayEquals(d.x().toArray(), Augmentation.none().apply(d, new Random(1)).x().toArray());
    }

    @Test
    void imagesOfTheWrongSizeAndTooLargeShiftsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Images.flipHorizontal(Tensor.zeros(10, 2), THREE_BY_FOUR));
        assertEquals("Images.flipHorizontal: X must be (12, m) for 3x4x1 images, got (10,2)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Augmentation.randomShift(THREE_BY_FOUR, 3));
        assertThrows(IllegalArgumentException.class, () -> new ImageShape(0, 4, 1));
    }
}
