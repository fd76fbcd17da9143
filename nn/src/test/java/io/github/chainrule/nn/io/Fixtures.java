package io.github.chainrule.nn.io;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The committed fixture files (made by make_fixtures.py with numpy and the safetensors reference) and helpers. */
final class Fixtures {
    static final Path DIR = Path.of("src/test/resources/io/github/chainrule/nn/io");

    private Fixtures() {
    }

    /** Returns the float64 tensors of expected_f64.txt: name → (shape, raw bits), in file order. */
    static Map<String, Tensor> expected() throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(DIR.resolve("expected_f64.txt"));
        for (String line : lines) {
            String[] parts = line.split("\\|", -1);
            int[] dims = parts[1].isEmpty() ? new int[0] : Arrays.stream(parts[1].split(",")).mapToInt(Integer::parseInt).toArray();
            String[] hex = parts[2].isEmpty() ? new String[0] : parts[2].split(" ");
            double[] v = new double[hex.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.longBitsToDouble(Long.parseUnsignedLong(hex[i], 16));
            }
            out.put(parts[0], Tensor.wrap(v, Shape.of(dims)));
        }
        return out;
    }

    /** Asserts that two tensors have the same shape and the same 64 bits in every element. */
    static void assertBitExact(String name, Tensor expected, Tensor actual) {
        assertEquals(expected.shape(), actual.shape(), name);
        assertArrayEquals(bits(expected), bits(actual), name);
    }

    static long[] bits(Tensor t) {
        return Arrays.stream(t.toArray()).mapToLong(Double::doubleToRawLongBits).toArray();
    }

    /** Returns a safetensors file's bytes: the length of {@code header}, the header, then {@code data}. */
    static byte[] safetensors(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).put(data).array();
    }
}
