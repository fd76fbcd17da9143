package io.github.chainrule.nn.io;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void writeCreatesAndReplacesTheFileLeavingNoTemporaryFiles() throws IOException {
        Path p = dir.resolve("f.bin");
        AtomicFiles.write(p, out -> out.write("first".getBytes(StandardCharsets.US_ASCII)));
        AtomicFiles.write(p, out -> out.write("second".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("second", Files.readString(p));
        assertEquals(List.of("f.bin"), files());
    }

    @Test
    void aWriterThatFailsHalfwayLeavesTheOldFileWhole() throws IOException {
        Path p = dir.resolve("f.bin");
        AtomicFiles.write(p, out -> out.write("old contents".getBytes(StandardCharsets.US_ASCII)));
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(p, out -> {
            out.write(new byte[100_000]);
            throw new IOException("disk full (simulated)");
        }));
        assertEquals("disk full (simulated)", e.getMessage());
        assertEquals("old contents", Files.readString(p));
        assertEquals(List.of("f.bin"), files());
    }

    @Test
    void aCrashWhileSavingAModelLeavesThePreviousCheckpointLoadable() throws IOException {
        Path p = dir.resolve("model.safetensors");
        Map<String, Tensor> before = Map.of("w", Tensor.vector(1, 2, 3));
        SafeTensors.save(p, before);
        byte[] saved = Files.readAllBytes(p);
        // SafeTensors.save writes the header from entrySet() and then the data from values(); a values()
        // that dies after the first tensor's bytes are out is a crash in the middle of the save.
        Map<String, Tensor> failing = new LinkedHashMap<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public java.util.Collection<Tensor> values() {
                List<Tensor> real = List.copyOf(super.values());
                return new java.util.AbstractCollection<>() {
                    @Override
                    public Iterator<Tensor> iterator() {
                        Iterator<Tensor> it = real.iterator();
                        return new Iterator<>() {
                            int handed;

                            @Override
                            public boolean hasNext() {
                                return it.hasNext();
                            }

                            @Override
                            public Tensor next() {
                                if (++handed > 1) {
                                    throw new IllegalStateException("crash (simulated)");
                                }
                                return it.next();
                            }
                        };
                    }

                    @Override
                    public int size() {
                        return real.size();
                    }
                };
            }
        };
        failing.put("w", Tensor.vector(9, 9, 9));
        failing.put("v", Tensor.vector(8));
        assertThrows(IllegalStateException.class, () -> SafeTensors.save(p, failing));
        assertArrayEquals(saved, Files.readAllBytes(p));
        assertArrayEquals(new double[] {1, 2, 3}, SafeTensors.load(p).get("w").toArray());
        assertEquals(List.of("model.safetensors"), files());
    }
}
