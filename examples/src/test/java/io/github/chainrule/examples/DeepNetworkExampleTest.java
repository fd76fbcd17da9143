package io.github.chainrule.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeepNetworkExampleTest {
    @TempDir
    Path out;

    @Test
    void trainsBothModelsOnTheBinaryFashionTaskAndDrawsTheirCosts() throws IOException {
        DeepNetworkExample program = new DeepNetworkExample().iterations(120);
        program.options().out(out).quiet(true);
        DeepNetworkExample.Result r = program.run();
        assertEquals(List.of("T-shirt/top", "Shirt"), r.names());
        assertArrayEquals(new int[] {388, 102, 102}, r.sizes());
        assertEquals(Math.log(2), r.logisticCosts()[0], 1e-12);
        assertTrue(r.deepCosts()[119] < r.deepCosts()[0], "the L-layer model's cost falls");
        for (double acc : new double[] {r.logistic()[0], r.logistic()[1], r.deep()[0], r.deep()[1]}) {
            assertTrue(acc > 0.75, "better than guessing on a balanced pair: " + acc);
        }
        Pictures.assertWrote(out, r.files(), "deep_network_cost.png");
    }

    @Test
    void theEasyPairIsEasy() {
        DeepNetworkExample program = new DeepNetworkExample().classes(7, 9).iterations(60);
        program.options().out(out).quiet(true);
        DeepNetworkExample.Result r = program.run();
        assertEquals(List.of("Sneaker", "Ankle boot"), r.names());
        assertTrue(r.logistic()[1] > 0.85, "Sneaker vs Ankle boot, dev: " + r.logistic()[1]);
    }
}
