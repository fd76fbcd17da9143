package io.github.chainrule.nn.io;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.github.chainrule.nn.io.Fixtures.assertBitExact;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpzTest {
    @TempDir
    Path dir;

    @Test
    void savedTensorsLoadBackBitExactInOrder() throws IOException {
        Path p = dir.resolve("m.npz");
        Map<String, Tensor> params = SafeTensorsTest.sample();
        Npz.save(p, params);
        Map<String, Tensor> back = Npz.load(p);
        assertEquals(List.copyOf(params.keySet()), List.copyOf(back.keySet()));
        params.forEach((k, v) -> assertBitExact(k, v, back.get(k)));
    }

    @Test
    void eachEntryIsAVersionOneNpyWithTheHeaderNumpyWrites() throws IOException {
        byte[] header = Npy.header(Tensor.zeros(3, 4).shape());
        assertEquals(128, header.length);   // numpy pads magic + header to a multiple of 64
        String text = new String(header, 10, header.length - 10, StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }", text.strip());
        assertTrue(text.endsWith(" \n"));
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (5,), }",
                new String(Npy.header(Tensor.zeros(5).shape()), 10, 118, StandardCharsets.US_ASCII).strip());
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
                new String(Npy.header(Tensor.scalar(1).shape()), 10, 118, StandardCharsets.US_ASCII).strip());
    }

    @Test
    void savingTheSameTensorsTwiceGivesTheSameBytes() throws IOException {
        Npz.save(dir.resolve("a.npz"), SafeTensorsTest.sample());
        Npz.save(dir.resolve("b.npz"), SafeTensorsTest.sample());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.npz")), Files.readAllBytes(dir.resolve("b.npz")));
    }

    @Test
    void filesWrittenByNumpySavezAndSavezCompressedLoadBitExact() throws IOException {
        Map<String, Tensor> expected = Fixtures.expected();
        for (String name : new String[] {"numpy_savez.npz", "numpy_savez_compressed.npz"}) {
            Map<String, Tensor> loaded = Npz.load(Fixtures.DIR.resolve(name));
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(loaded.keySet()), name);
            expected.forEach((k, v) -> assertBitExact(name + " " + k, v, loaded.get(k)));
        }
    }

    @Test
    void otherNumpyDtypesByteOrdersAndFortranOrderAreConvertedExactly() throws IOException {
        Map<String, Tensor> t = Npz.load(Fixtures.DIR.resolve("numpy_dtypes.npz"));
        assertArrayEquals(new double[] {1.5, -2.25, (float) 3.0e-5, 65504}, t.get("f4").toArray());
        assertArrayEquals(new double[] {1, -0.5, 65504, 0x1p-24}, t.get("f2").toArray());
        assertArrayEquals(new double[] {-3, 0, 0x1p53}, t.get("i8").toArray());
        assertArrayEquals(new double[] {-7, 8}, t.get("i4").toArray());
        assertArrayEquals(new double[] {0, 128, 255}, t.get("u1").toArray());
        assertArrayEquals(new double[] {1, 0, 1}, t.get("b1").toArray());
        assertArrayEquals(new double[] {1.25, -8}, t.get("big_endian").toArray());
        // np.asfortranarray(arange(6).reshape(2, 3)) is stored column by column; it must come back row-major
        assertEquals("(2,3)", t.get("fortran").shape().toString());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, t.get("fortran").toArray());
    }

    @Test
    void unsupportedDtypesAreRejectedNamingTheTensorAndTheType() {
        Path p = Fixtures.DIR.resolve("numpy_complex.npz");
        TensorFileException e = assertThrows(TensorFileException.class, () -> Npz.load(p));
        assertEquals(p + ", tensor 'z': npy dtype '<c16' is not supported; chainrule reads float (f2, f4, f8),"
                + " signed and unsigned integer (i1..i8, u1..u8) and bool (b1) arrays", e.getMessage());
        assertEquals("z", e.tensor());
        Path q = Fixtures.DIR.resolve("numpy_too_large_int.npz");
        assertTrue(assertThrows(TensorFileException.class, () -> Npz.load(q)).getMessage()
                .contains("tensor 'big': element 0: integer 9007199254740993 cannot be held exactly"));
    }

    /** Returns an npz holding one STORED entry with exactly these bytes. */
    private Path npz(String entry, byte[] bytes) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buf)) {
            ZipEntry e = new ZipEntry(entry);
            e.setMethod(ZipEntry.STORED);
            e.setSize(bytes.length);
            e.setCompressedSize(bytes.length);
            CRC32 crc = new CRC32();
            crc.update(bytes);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(bytes);
            zip.closeEntry();
        }
        Path p = dir.resolve("bad.npz");
        Files.write(p, buf.toByteArray());
        return p;
    }

    private static byte[] npy(String dict, byte[] data) {
        byte[] h = (dict + "\n").getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(Npy.MAGIC).put((byte) 1).put((byte) 0).putShort((short) h.length).put(h).put(data).array();
    }

    private String failure(Path p) {
        TensorFileException e = assertThrows(TensorFileException.class, () -> Npz.load(p));
        assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
        return e.getMessage().substring(p.toString().length());
    }

    @Test
    void aHugeDeclaredShapeIsRefusedBeforeAllocating() throws IOException {
        Path p = npz("w.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (100000000,), }", new byte[16]));
        assertEquals(", tensor 'w': shape (100000000,) of <f8 needs 800000000 data bytes but the array holds 16 (truncated)",
                failure(p));
        Path q = npz("w.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2147483647, 2147483647), }", new byte[0]));
        assertTrue(failure(q).contains("more than 2^31-1 elements"));
    }

    @Test
    void aHugeDeclaredHeaderLengthIsRefused() throws IOException {
        byte[] b = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 0xffff);
        assertEquals(", tensor 'w': npy header length 65535 is larger than the " + (b.length - 10)
                + " bytes that follow it", failure(npz("w.npy", b)));
        byte[] v2 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).put(Npy.MAGIC).put((byte) 2).put((byte) 0)
                .putInt(Integer.MAX_VALUE).array();
        assertTrue(failure(npz("w.npy", v2)).contains("npy header length 2147483647 is larger than the 4 bytes"));
    }

    @Test
    void aDeflatedEntryClaimingMoreThanDeflateCanProduceIsRefused() throws IOException {
        Path p = dir.resolve("c.npz");
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buf)) {
            zip.putNextEntry(new ZipEntry("w.npy"));
            Npy.write(Tensor.zeros(4), zip);
            zip.closeEntry();
        }
        byte[] b = buf.toByteArray();
        // patch the central directory's uncompressed size (offset 24 of the 0x02014b50 record) to 2 GB
        int cd = indexOf(b, new byte[] {0x50, 0x4b, 0x01, 0x02});
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(cd + 24, Integer.MAX_VALUE);
        Files.write(p, b);
        assertTrue(failure(p).contains("tensor 'w': the zip entry claims 2147483647 bytes from"), failure(p));
    }

    private static int indexOf(byte[] b, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= b.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (b[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }

    @Test
    void truncatedAndCorruptArchivesAreRejectedNamingTheFile() throws IOException {
        Path p = dir.resolve("ok.npz");
        Npz.save(p, SafeTensorsTest.sample());
        byte[] whole = Files.readAllBytes(p);
        Path cut = dir.resolve("cut.npz");
        Files.write(cut, Arrays.copyOf(whole, whole.length / 2));
        TensorFileException e = assertThrows(TensorFileException.class, () -> Npz.load(cut));
        assertTrue(e.getMessage().startsWith(cut + ": not a readable npz (zip) archive"), e.getMessage());
        Path text = dir.resolve("text.npz");
        Files.writeString(text, "hello");
        assertTrue(assertThrows(TensorFileException.class, () -> Npz.load(text)).getMessage()
                .startsWith(text + ": not a readable npz (zip) archive"));
    }

    @Test
    void aCorruptEntryFailsItsChecksumAndNamesTheTensor() throws IOException {
        Path p = dir.resolve("m.npz");
        Npz.save(p, Map.of("w", Tensor.vector(1, 2, 3)));
        byte[] b = Files.readAllBytes(p);
        int at = indexOf(b, new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f});   // the bits of 1.0
        b[at + 3] ^= 0x10;
        Files.write(p, b);
        String msg = failure(p);
        assertTrue(msg.startsWith(", tensor 'w': corrupt zip entry"), msg);
    }

    @Test
    void aBadMagicOrHeaderIsRejectedNamingTheTensor() throws IOException {
        byte[] b = npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        b[1] = 'X';
        assertEquals(", tensor 'w': not an npy array: it does not start with \\x93NUMPY", failure(npz("w.npy", b)));
        assertTrue(failure(npz("w.npy", npy("{'descr': '<f8', 'shape': (1,), }", new byte[8])))
                .contains("bad npy header: header lacks 'fortran_order'"));
        assertTrue(failure(npz("w.npy", npy("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }",
                new byte[8]))).contains("structured arrays"));
        assertTrue(failure(npz("w.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[12])))
                .contains("needs 8 data bytes but the array holds 12"));
        assertEquals(", tensor 'notes.txt': npz entry is not an .npy array", failure(npz("notes.txt", new byte[3])));
        assertTrue(failure(npz("w.npy", new byte[4])).contains("truncated: ends inside the npy preamble"));
    }
}
