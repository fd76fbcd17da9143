package io.github.chainrule.ops;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ops.Split gives each part a fixed range whichever thread runs it, so results do not depend on scheduling,
 * and its parts run on the kernels' pool: a product inside a part runs inline.
 */
class SplitTest {

    @Test
    void thePartsAreFixedContiguousRangesCoveringTheItemsOnce() {
        for (int items = 0; items <= 40; items++) {
            for (int parts = 1; parts <= 5; parts++) {
                AtomicIntegerArray seen = new AtomicIntegerArray(Math.max(1, items));
                int[][] ranges = new int[parts][];
                int n = items;
                Split.eachPart("test", n, parts, (t, from, to) -> {
                    ranges[t] = new int[] {from, to};
                    for (int i = from; i < to; i++) {
                        seen.incrementAndGet(i);
                    }
                });
                for (int t = 0; t < parts; t++) {
                    assertArrayEquals(new int[] {Split.first(n, t, parts), Split.first(n, t + 1, parts)}, ranges[t]);
                }
                assertEquals(0, ranges[0][0]);
                assertEquals(n, ranges[parts - 1][1]);
                for (int i = 0; i < n; i++) {
                    assertEquals(1, seen.get(i), "item " + i + " of " + n + " in " + parts + " parts");
                }
            }
        }
    }

    /**
     * A convolution's forward and backward, split image by image (their products inside the parts, run inline),
     * give bit-for-bit the same value and gradients on every run, however the parts were scheduled.
     */
    @Test
    void aSplitConvolutionIsTheSameOnEveryRun() {
        Random r = new Random(17);
        Tensor x0 = Tensor.randn(r, 6, 3, 20, 20);
        Tensor w0 = Tensor.randn(r, 8, 3, 5, 5);
        Tensor b0 = Tensor.randn(r, 8);
        Tensor weights = Tensor.randn(r, 6, 8, 18, 18);
        double[][] first = null;
        for (int run = 0; run < 12; run++) {
            Tensor x = x0.detach().requiresGrad();
            Tensor w = w0.detach().requiresGrad();
            Tensor b = b0.detach().requiresGrad();
            Tensor y = Convolution.conv2d(x, w, b, ConvOptions.DEFAULT.padding(1));
            y.mul(weights).sum().backward();
            double[][] now = {y.toArray(), x.grad().toArray(), w.grad().toArray(), b.grad().toArray()};
            if (first == null) {
                first = now;
            } else {
                for (int i = 0; i < now.length; i++) {
                    assertArrayEquals(first[i], now[i], 0.0, "result " + i + " of run " + run);
                }
            }
        }
        assertTrue(first[0].length == 6 * 8 * 18 * 18);
    }
}
