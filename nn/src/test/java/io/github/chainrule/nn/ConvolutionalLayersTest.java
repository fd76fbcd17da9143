package io.github.chainrule.nn;

import io.github.chainrule.Tensor;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.gradcheck.ModelGradCheck;
import io.github.chainrule.ops.ConvOptions;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Conv2d, Conv1d and the pooling layers: what they compute, how they are initialized, and the gradient check. */
class ConvolutionalLayersTest {
    @Test
    void conv2dIsTheCoreOpWithItsOwnFiltersAndBias() {
        Random rng = new Random(1);
        Conv2d conv = new Conv2d(2, 3, 3, 3, ConvOptions.DEFAULT.padding(1).stride(2), Initializer.he(), rng);
        assertArrayEquals(new int[] {3, 2, 3, 3}, conv.W().shape().dims());
        assertArrayEquals(new int[] {3}, conv.b().shape().dims());
        Tensor x = Tensor.randn(rng, 2, 2, 5, 5);
        Tensor y = conv.forward(x);
        assertArrayEquals(new int[] {2, 3, 3, 3}, y.shape().dims());
        assertTrue(y.allClose(x.conv2d(conv.W(), conv.b(), conv.options()), 0, 0));
    }

    @Test
    void heInitializationScalesTheFiltersByTheirFanIn() {
        Conv2d conv = new Conv2d(4, 64, 3, Initializer.he(), new Random(2));
        double[] w = conv.W().toArray();
        double sq = 0;
        for (double v : w) {
            sq += v * v;
        }
        double fanIn = 4 * 3 * 3;
        assertEquals(2 / fanIn, sq / w.length, 0.15 * 2 / fanIn, "variance 2 / (C·kH·kW) over 2,304 draws");
    }

    @Test
    void aSmallConvolutionalNetworkPassesTheWholeModelGradientCheck() {
        Random rng = new Random(3);
        Sequential model = new Sequential(
                new Conv2d(1, 2, 3, 3, ConvOptions.DEFAULT.padding(1), Initializer.he(), rng),
                new ActivationLayer(Activation.TANH),
                new MaxPool2d(2),
                new Conv2d(2, 2, 2, Initializer.he(), rng),
                new AvgPool2d(1),
                new Flatten(),
                new Dense(2, 1, Activation.SIGMOID, Initializer.xavier(), rng));
        for (Tensor p : model.parameters()) {
            double[] v = p.detach().buffer();
            for (int i = 0; i < v.length; i++) {
                v[i] += 0.2 * rng.nextGaussian();
            }
        }
        Tensor X = Tensor.randn(rng, 3, 1, 4, 4);
        Tensor Y = Tensor.of(new double[] {1, 0, 1}, 1, 3);
        ModelGradCheck.of(model).check(() -> Costs.binaryCrossEntropy(model.forward(X), Y)).assertPassed();
    }

    @Test
    void conv1dFiltersSequencesAndPassesTheGradientCheck() {
        Random rng = new Random(4);
        Conv1d conv = new Conv1d(2, 3, 2, ConvOptions.DEFAULT.dilation(2), Initializer.xavier(), rng);
        Tensor x = Tensor.randn(rng, 2, 2, 6);
        assertArrayEquals(new int[] {2, 3, 4}, conv.forward(x).shape().dims());
        Sequential model = new Sequential(conv, new Flatten(), new Dense(12, 1, Activation.SIGMOID, Initializer.xavier(), rng));
        Tensor Y = Tensor.of(new double[] {0, 1}, 1, 2);
        ModelGradCheck.of(model).check(() -> Costs.binaryCrossEntropy(model.forward(x), Y)).assertPassed();
    }

    @Test
    void badInputNamesTheLayer() {
        Conv2d conv = new Conv2d(3, 4, 3, Initializer.he(), new Random(5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(1, 2, 5, 5)));
        assertEquals("Conv2d(3 -> 4, 3x3): input has shape (1,2,5,5) but needs (N, 3, H, W), batch first", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(3, 4, 3, 3, ConvOptions.DEFAULT.groups(2), Initializer.he(), new Random(5)));
        assertTrue(e.getMessage().contains("groups = 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2d(0));
    }
}
