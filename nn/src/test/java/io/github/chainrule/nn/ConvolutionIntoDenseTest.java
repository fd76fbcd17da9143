package io.github.chainrule.nn;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.ops.ConvOptions;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Images are (N, C, H, W), batch first, while Dense takes the course's (features, m): a convolution's
 * feature maps meet a Dense layer after a reshape to (N, C·H·W) and a transpose. The README includes the
 * lines between the markers verbatim.
 */
class ConvolutionIntoDenseTest {

    @Test
    void featureMapsReshapedAndTransposedFeedADenseLayerAndGradientsReachTheFilters() {
        Random rng = new Random(1);
        Tensor Y = Tensor.of(new double[] {1, 0, 1, 0}, 1, 4);
        // README:conv-dense:start
        Tensor images = Tensor.randn(rng, 4, 1, 8, 8);                      // (N, C, H, W): batch first
        Tensor W1 = Tensor.randn(rng, 6, 1, 3, 3).mul(0.3).requiresGrad();  // 6 filters of 3×3
        Tensor b1 = Tensor.zeros(6).requiresGrad();
        Tensor maps = images.conv2d(W1, b1, ConvOptions.DEFAULT.padding(1))  // (4, 6, 8, 8)
                .relu().maxPool2d(2);                                        // (4, 6, 4, 4)
        Tensor A = maps.reshape(4, 6 * 4 * 4).transpose();                   // (96, 4): features × m, as Dense takes it
        Dense head = new Dense(96, 1, Activation.IDENTITY, Initializer.xavier(), rng);
        Tensor J = Costs.binaryCrossEntropyWithLogits(head.forward(A), Y);
        J.backward();                                                        // dW1 flows back through pool and conv
        // README:conv-dense:end
        assertEquals(Shape.of(96, 4), A.shape());
        assertEquals(maps.get(2, 5, 3, 1), A.get(5 * 16 + 3 * 4 + 1, 2));
        assertEquals(W1.shape(), W1.grad().shape());
        assertTrue(W1.grad().abs().sum().item() > 0, "the filters received a gradient");
        assertEquals(Shape.of(6), b1.grad().shape());
    }
}
