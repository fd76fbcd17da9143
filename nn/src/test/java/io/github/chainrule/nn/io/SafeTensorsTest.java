package io.github.chainrule.nn.io;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.Random;

import static io.github.chainrule.nn.io.Fixtures.assertBitExact;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeTensorsTest {
    @TempDir
    Path dir;

    static Map<String, Tensor> sample() {
        Random rng = new Random(4);
        Map<String, Tensor> m = new LinkedHashMap<>();
        m.put("layer2.W", Tensor.randn(rng, 1, 3));
        m.put("layer1.W", Tensor.randn(rng, 3, 4).mul(0.01));
        m.put("layer1.b", Tensor.zeros(3, 1));
        m.put("adam.t", Tensor.scalar(7));
        m.put("empty", Tensor.zeros(0, 3));
        m.put("specials", Tensor.vector(Double.NaN, Double.longBitsToDouble(0x7ff8000000000123L), -0.0,
                Double.POSITIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE));
        m.put("cube", Tensor.randn(rng, 2, 3, 4));
        return m;
    }

    @Test
    void savedTensorsLoadBackBitExactInOrderWithMetadata() throws IOException {
        Path p = dir.resolve("m.safetensors");
        Map<String, Tensor> params = sample();
        SafeTensors.save(p, params, Map.of("epoch", "12", "note", "quote \" and \u00e9"));
        Map<String, Tensor> back = SafeTensors.load(p);
        assertEquals(List.copyOf(params.keySet()), List.copyOf(back.keySet()));
        params.forEach((k, v) -> assertBitExact(k, v, back.get(k)));
        assertEquals(Map.of("epoch", "12", "note", "quote \" and \u00e9"), SafeTensors.metadata(p));
    }

    @Test
    void theFileFollowsTheLayoutWithDataAlignedToEightBytes() throws IOException {
        Path p = dir.resolve("one.safetensors");
        SafeTensors.save(p, Map.of("w", Tensor.vector(1.5, -2)));
        byte[] b = Files.readAllBytes(p);
        long n = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, (8 + n) % 8);
        String header = new String(b, 8, (int) n, StandardCharsets.UTF_8).strip();
        assertEquals("{\"w\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}", header);
        ByteBuffer data = ByteBuffer.wrap(b, 8 + (int) n, 16).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1.5, data.getDouble());
        assertEquals(-2.0, data.getDouble());
    }

    @Test
    void aFileWrittenByTheReferenceImplementationLoadsBitExact() throws IOException {
        Path p = Fixtures.DIR.resolve("reference.safetensors");
        Map<String, Tensor> loaded = SafeTensors.load(p);
        Map<String, Tensor> expected = Fixtures.expected();
        assertEquals(expected.keySet(), loaded.keySet());
        expected.forEach((k, v) -> assertBitExact(k, v, loaded.get(k)));
        assertEquals(Map.of("format", "np", "epoch", "12"), SafeTensors.metadata(p));
    }

    @Test
    void otherDtypesFromTheReferenceImplementationAreConvertedExactly() throws IOException {
        Map<String, Tensor> t = SafeTensors.load(Fixtures.DIR.resolve("reference_dtypes.safetensors"));
        assertArrayEquals(new double[] {1.5, -2.25, (float) 3.0e-5, 65504}, t.get("f4").toArray());
        assertEquals("(2,2)", t.get("f4").shape().toString());
        assertArrayEquals(new double[] {1, -0.5, 65504, 0x1p-24 * 1}, t.get("f2").toArray());
        assertArrayEquals(new double[] {-3, 0, 0x1p53}, t.get("i8").toArray());
        assertArrayEquals(new double[] {-7, 8}, t.get("i4").toArray());
        assertArrayEquals(new double[] {0, 128, 255}, t.get("u1").toArray());
        assertArrayEquals(new double[] {1, 0, 1}, t.get("b1").toArray());
    }

    @Test
    void halfPrecisionDecodesSubnormalsInfinityAndNan() {
        assertEquals(0x1p-24, DType.halfToDouble((short) 0x0001));
        assertEquals(-2.0, DType.halfToDouble((short) 0xc000));
        assertEquals(Double.POSITIVE_INFINITY, DType.halfToDouble((short) 0x7c00));
        assertTrue(Double.isNaN(DType.halfToDouble((short) 0x7e00)));
        assertEquals(-0.0, DType.halfToDouble((short) 0x8000));
        assertEquals(1 / DType.halfToDouble((short) 0x8000), Double.NEGATIVE_INFINITY);
    }

    private Path file(byte[] bytes) throws IOException {
        Path p = dir.resolve("bad.safetensors");
        Files.write(p, bytes);
        return p;
    }

    private String failure(byte[] bytes) throws IOException {
        Path p = file(bytes);
        TensorFileException e = assertThrows(TensorFileException.class, () -> SafeTensors.load(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        return e.getMessage().substring(p.toString().length());
    }

    @Test
    void aHugeDeclaredHeaderLengthIsRefusedBeforeAllocating() throws IOException {
        byte[] b = Fixtures.safetensors("{}", new byte[0]);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, Long.MAX_VALUE - 3);
        assertEquals(": header length 9223372036854775804 does not fit: the file has 2 bytes after the length"
                + " (and headers are limited to 100000000 bytes)", failure(b));
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1);
        assertTrue(failure(b).contains("header length 18446744073709551615 does not fit"));
    }

    @Test
    void aHugeDeclaredShapeIsRefusedBeforeAllocating() throws IOException {
        String h = "{\"w\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647],\"data_offsets\":[0,8]}}";
        assertEquals(", tensor 'w': shape [2147483647, 2147483647] has more than 2^31-1 elements",
                failure(Fixtures.safetensors(h, new byte[8])));
        String big = "{\"w\":{\"dtype\":\"F64\",\"shape\":[100000000],\"data_offsets\":[0,800000000]}}";
        assertEquals(", tensor 'w': truncated: the header needs 800000000 data bytes but the file holds 8",
                failure(Fixtures.safetensors(big, new byte[8])));
    }

    @Test
    void aTruncatedFileNamesTheTensorThatRunsPastTheEnd() throws IOException {
        Path p = dir.resolve("ok.safetensors");
        SafeTensors.save(p, Map.of("a", Tensor.zeros(2), "b", Tensor.zeros(3)));
        byte[] whole = Files.readAllBytes(p);
        String msg = failure(Arrays.copyOf(whole, whole.length - 1));
        assertTrue(msg.contains("truncated") && msg.contains("needs 40 data bytes but the file holds 39"), msg);
        assertTrue(failure(Arrays.copyOf(whole, 5)).contains("truncated: 5 bytes"));
        assertTrue(failure(Arrays.copyOf(whole, 20)).contains("header length"));
    }

    @Test
    void offsetsThatDisagreeWithTheShapeOrOverlapOrLeaveGapsAreRejected() throws IOException {
        assertEquals(", tensor 'w': shape (3,) of F64 needs 24 bytes but data_offsets [0, 16] span 16",
                failure(Fixtures.safetensors("{\"w\":{\"dtype\":\"F64\",\"shape\":[3],\"data_offsets\":[0,16]}}", new byte[16])));
        String overlap = "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}";
        assertTrue(failure(Fixtures.safetensors(overlap, new byte[16])).contains("tensor 'b': data_offsets [8, 16] overlap"));
        String gap = "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}";
        assertTrue(failure(Fixtures.safetensors(gap, new byte[16])).contains("leave a gap"));
        String extra = "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}";
        assertTrue(failure(Fixtures.safetensors(extra, new byte[24])).contains("the tensors account for only 8"));
    }

    @Test
    void malformedHeadersAreRejectedWithTheReason() throws IOException {
        assertTrue(failure(Fixtures.safetensors("{\"a\":{\"dtype\":\"F64\"", new byte[0])).contains("header is not valid JSON"));
        assertTrue(failure(Fixtures.safetensors("[1,2]  ", new byte[0])).contains("does not start with '{'"));
        String dup = "{\"a\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[8,16]}}";
        assertTrue(failure(Fixtures.safetensors(dup, new byte[16])).contains("key \"a\" appears twice"));
        assertEquals(", tensor 'a': dtype 'F8_E4M3' is not supported; chainrule reads F64, F32, F16, BF16, I64, I32,"
                + " I16, I8, U64, U32, U16, U8 and BOOL", failure(Fixtures.safetensors(
                "{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", new byte[1])));
        assertTrue(failure(Fixtures.safetensors("{\"a\":{\"dtype\":\"F64\",\"shape\":[-1],\"data_offsets\":[0,8]}}",
                new byte[8])).contains("'shape' must hold non-negative integers"));
        assertTrue(failure(Fixtures.safetensors("{\"__metadata__\":{\"k\":1}}", new byte[0])).contains("not a string"));
        byte[] notUtf8 = Fixtures.safetensors("{\"a\"}", new byte[0]);
        notUtf8[10] = (byte) 0xff;
        assertTrue(failure(notUtf8).contains("not valid UTF-8"));
    }

    @Test
    void anIntegerTooLargeForADoubleIsRejectedNamingTheElement() throws IOException {
        byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong((1L << 53) + 1).array();
        assertEquals(", tensor 'n': element 0: integer 9007199254740993 cannot be held exactly by a double (|v| > 2^53)",
                failure(Fixtures.safetensors("{\"n\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", data)));
    }

    @Test
    void reservedAndEmptyNamesAreRejectedOnSave() {
        Path p = dir.resolve("x.safetensors");
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(p, Map.of("__metadata__", Tensor.zeros(1))));
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(p, Map.of("", Tensor.zeros(1))));
    }
}
