package io.github.chainrule.nn.io;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Map<String, Tensor> model(long seed) {
        Random rng = new Random(seed);
        Map<String, Tensor> p = new LinkedHashMap<>();
        p.put("layer1.W", Tensor.randn(rng, 4, 3).requiresGrad());
        p.put("layer1.b", Tensor.zeros(4, 1).requiresGrad());
        p.put("layer2.W", Tensor.randn(rng, 1, 4).requiresGrad());
        p.put("layer2.b", Tensor.zeros(1, 1).requiresGrad());
        return p;
    }

    @Test
    void restoreCopiesSavedValuesIntoTheModelsOwnTensorsInBothFormats() throws IOException {
        for (String name : new String[] {"m.npz", "m.safetensors"}) {
            Path p = dir.resolve(name);
            Map<String, Tensor> trained = model(1);
            Checkpoint.save(p, trained);
            Map<String, Tensor> fresh = model(2);
            Tensor w1 = fresh.get("layer1.W");
            Checkpoint.restore(p, fresh);
            assertSame(w1, fresh.get("layer1.W"));   // in place: an optimizer holding W[1] sees the new values
            trained.forEach((k, v) -> Fixtures.assertBitExact(name + " " + k, v, fresh.get(k)));
        }
    }

    @Test
    void optimizerStateTravelsUnderAPrefix() throws IOException {
        Map<String, Tensor> all = new LinkedHashMap<>(model(1));
        Map<String, Tensor> adam = new LinkedHashMap<>();
        adam.put("v.layer1.W", Tensor.full(0.5, 4, 3));
        adam.put("t", Tensor.scalar(12));
        all.putAll(Checkpoint.prefixed("adam.", adam));
        Path p = dir.resolve("run.safetensors");
        Checkpoint.save(p, all);
        Map<String, Tensor> loaded = Checkpoint.load(p);
        Map<String, Tensor> state = Checkpoint.withPrefix("adam.", loaded);
        assertEquals(List.of("v.layer1.W", "t"), List.copyOf(state.keySet()));
        assertEquals(12, state.get("t").item());
    }

    @Test
    void aWrongShapeNamesFileTensorExpectedAndFoundAndChangesNothing() throws IOException {
        Path p = dir.resolve("m.npz");
        Map<String, Tensor> saved = model(1);
        saved.put("layer2.W", Tensor.zeros(4, 1));
        Checkpoint.save(p, saved);
        Map<String, Tensor> target = model(2);
        double[] before = target.get("layer1.W").toArray();
        TensorFileException e = assertThrows(TensorFileException.class, () -> Checkpoint.restore(p, target));
        assertEquals(p + ", tensor 'layer2.W': wrong shape: the model expects (1,4), the file holds (4,1)", e.getMessage());
        assertArrayEquals(before, target.get("layer1.W").toArray());
    }

    @Test
    void missingAndUnexpectedTensorsAreNamed() throws IOException {
        Path p = dir.resolve("m.safetensors");
        Map<String, Tensor> saved = model(1);
        saved.remove("layer2.b");
        Checkpoint.save(p, saved);
        TensorFileException e = assertThrows(TensorFileException.class, () -> Checkpoint.restore(p, model(2)));
        assertTrue(e.getMessage().startsWith(p + ", tensor 'layer2.b': missing: the model expects shape (1,1)"),
                e.getMessage());
        Map<String, Tensor> smaller = model(2);
        smaller.remove("layer2.W");
        smaller.remove("layer2.b");
        TensorFileException extra = assertThrows(TensorFileException.class, () -> Checkpoint.restore(p, smaller));
        assertEquals(p + ", tensor 'layer2.W': unexpected: the file holds tensors the model does not have: [layer2.W]",
                extra.getMessage());
    }

    @Test
    void anUnknownExtensionIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.save(dir.resolve("m.pt"), model(1)));
        assertEquals("Checkpoint: cannot tell the format of 'm.pt'; name it *.npz or *.safetensors", e.getMessage());
    }
}
