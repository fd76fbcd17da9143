package io.github.chainrule.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CnnExampleTest {
    @TempDir
    Path out;

    /**
     * A small run (300 images, 2 epochs, a few seconds): both networks learn on both data sets, the confusion
     * matrix counts every test image once with the right answers on its diagonal, and the pictures are drawn.
     * The full run's result (the CNN ahead on Fashion-MNIST) is in examples/README.md; it takes too long here.
     */
    @Test
    void bothNetworksLearnOnBothDataSetsAndThePicturesAreDrawn() throws IOException {
        CnnExample program = new CnnExample().size(2, 300);
        program.options().out(out).quiet(true);
        CnnExample.Result r = program.run();
        for (CnnExample.Outcome o : new CnnExample.Outcome[] {r.mnist(), r.fashion()}) {
            assertEquals(300, o.trainSize());
            assertEquals(2, o.cnnCosts().length);
            assertTrue(o.cnnCosts()[1] < o.cnnCosts()[0], o.name() + ": the CNN's cost falls " + Arrays.toString(o.cnnCosts()));
            assertTrue(o.denseCosts()[1] < o.denseCosts()[0], o.name() + ": the dense cost falls");
            assertTrue(o.cnnAccuracy() > 0.3 && o.denseAccuracy() > 0.3,
                    o.name() + ": well above guessing one of ten: " + o.cnnAccuracy() + ", " + o.denseAccuracy());
            int total = Arrays.stream(o.confusion()).flatMapToInt(Arrays::stream).sum();
            int diagonal = 0;
            for (int k = 0; k < 10; k++) {
                diagonal += o.confusion()[k][k];
            }
            assertEquals(o.testSize(), total, "every test image is counted once");
            assertEquals(o.cnnAccuracy(), (double) diagonal / total, 1e-12, "the diagonal holds the right answers");
        }
        Pictures.assertWrote(out, r.files(), "cnn_mnist_cost.png", "cnn_fashion_cost.png", "cnn_fashion_confusion.png",
                "cnn_fashion_filters.png");
    }

    @Test
    void aTrainingSizeOutsideTheDataIsRefusedNamingTheOption() {
        CnnExample program = new CnnExample().size(1, 6000);
        program.options().out(out).quiet(true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, program::run);
        assertTrue(e.getMessage().contains("--train") && e.getMessage().contains("6000"), e.getMessage());
    }
}
