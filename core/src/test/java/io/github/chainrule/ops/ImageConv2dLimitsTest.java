package io.github.chainrule.ops;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image-by-image conv2d builds one image's columns, (C·kH·kW, H'·W'), in a buffer: a small output can need
 * columns past the largest array, and an empty output needs none at all.
 */
class ImageConv2dLimitsTest {

    @Test
    void columnsPastTheLargestArrayAreRefusedNamingConv2d() {
        // 60,000 × 60,001 columns (3.6e9) for an output of 60,001 values: the int product would wrap negative.
        Tensor x = Tensor.zeros(1, 1, 1, 60_000);
        Tensor w = Tensor.zeros(1, 1, 1, 60_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv2d(x, w, null, ConvOptions.DEFAULT.padding(0, 30_000)));
        assertTrue(e.getMessage().startsWith("conv2d: one image's columns"), e.getMessage());
        assertTrue(e.getMessage().contains("3600060000"), e.getMessage());
    }

    @Test
    void anEmptyOutputsBackwardBuildsNoColumnsAndGivesZeroGradients() {
        // No filters: the output (2, 0, 31, 31) is empty, yet one image's columns would be 900,000 × 961 doubles
        // (6.9 GB); backward must give zeros without building them.
        Tensor x = Tensor.ones(2, 1000, 30, 30).requiresGrad();
        Tensor w = Tensor.zeros(0, 1000, 30, 30).requiresGrad();
        Tensor y = Convolution.conv2d(x, w, null, ConvOptions.DEFAULT.padding(15));
        assertEquals(0, y.size());
        y.sum().backward();
        double[] dx = x.grad().buffer();
        assertEquals(2 * 1000 * 30 * 30, dx.length);
        for (double v : dx) {
            assertEquals(0.0, v);
        }
        assertEquals(0, w.grad().size());
    }
}
