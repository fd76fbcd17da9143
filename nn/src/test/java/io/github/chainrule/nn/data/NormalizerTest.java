package io.github.chainrule.nn.data;

import io.github.chainrule.Tensor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NormalizerTest {

    @Property(tries = 30)
    void standardizingMakesEveryTrainFeatureMeanZeroAndStdOne(@ForAll @IntRange(min = 1, max = 6) int n,
                                                             @ForAll @IntRange(min = 2, max = 80) int m,
                                                             @ForAll long seed) {
        Random rng = new Random(seed);
        // features of very different scales, as the breast-cancer data's
        Tensor x = Tensor.randn(rng, n, m).mul(Tensor.uniform(rng, 0.001, 2500, n, 1)).add(Tensor.randn(rng, n, 1).mul(100));
        Tensor z = Standardizer.fit(x).apply(x);
        Standardizer again = Standardizer.fit(z);
        for (int i = 0; i < n; i++) {
            assertEquals(0, again.mean().get(i, 0), 1e-9);
            assertEquals(1, again.std().get(i, 0), 1e-9);
        }
    }

    @Test
    void standardizerStatisticsAreThePopulationMeanAndStd() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 10, 10, 10, 10}, 2, 4);
        Standardizer s = Standardizer.fit(x);
        assertArrayEquals(new double[] {2.5, 10}, s.mean().toArray());
        assertArrayEquals(new double[] {Math.sqrt(1.25), 0}, s.std().toArray(), 1e-15);
        // the constant feature is centred, not divided by zero
        assertArrayEquals(new double[] {0, 0, 0, 0}, s.apply(x).slice(0, 1, 2).toArray());
    }

    @Test
    void devDataIsTransformedWithTheTrainStatistics() {
        Tensor train = Tensor.of(new double[] {0, 2, 4, 6}, 1, 4);   // mean 3, std sqrt(5)
        Tensor dev = Tensor.of(new double[] {3, 3 + Math.sqrt(5)}, 1, 2);
        assertArrayEquals(new double[] {0, 1}, Standardizer.fit(train).apply(dev).toArray(), 1e-15);
    }

    @Test
    void applyingToTheWrongNumberOfFeaturesIsRejected() {
        Standardizer s = Standardizer.fit(Tensor.zeros(3, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.apply(Tensor.zeros(4, 5)));
        assertEquals("Standardizer.apply: X must be (3, m) as fitted, got (4,5)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Standardizer.fit(Tensor.zeros(3, 0)));
    }

    @Test
    void minMaxScalingMapsTheTrainSetOntoZeroToOne() {
        Random rng = new Random(3);
        Tensor x = Tensor.randn(rng, 4, 50).mul(30);
        MinMaxScaler s = MinMaxScaler.fit(x);
        Tensor z = s.apply(x);
        MinMaxScaler again = MinMaxScaler.fit(z);
        assertArrayEquals(new double[] {0, 0, 0, 0}, again.min().toArray(), 1e-15);
        assertArrayEquals(new double[] {1, 1, 1, 1}, again.max().toArray(), 1e-12);
        assertTrue(s.max().get(0, 0) > s.min().get(0, 0));
    }

    @Test
    void dividingBy255ScalesPixelsAndNeedsNoFitting() {
        Dataset d = Dataset.of(Tensor.of(new double[] {0, 51, 255, 127.5}, 2, 2), Tensor.zeros(1, 2));
        assertArrayEquals(new double[] {0, 0.2, 1, 0.5}, Normalizer.dividingBy(255).apply(d).x().toArray(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Normalizer.dividingBy(0));
    }
}
