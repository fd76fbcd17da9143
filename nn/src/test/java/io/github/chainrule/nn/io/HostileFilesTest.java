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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each file and save finding of issue 14, reproduced: the hostile file or crash, and the clear outcome it must have. */
class HostileFilesTest {
    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static TensorFileException fails(Path p, LoadOptions options) {
        TensorFileException e = assertThrows(TensorFileException.class, () -> Checkpoint.load(p, options));
        assertEquals(p.toString(), e.file());
        return e;
    }

    /** An npy array's bytes: a version 1.0 header padded to 64 bytes, then the data. */
    static byte[] npy(String header, byte[] data) {
        StringBuilder h = new StringBuilder(header);
        while ((10 + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        return ByteBuffer.allocate(10 + h.length() + data.length).order(ByteOrder.LITTLE_ENDIAN).put(Npy.MAGIC)
                .put((byte) 1).put((byte) 0).putShort((short) h.length())
                .put(h.toString().getBytes(StandardCharsets.ISO_8859_1)).put(data).array();
    }

    /** A zip of the given entries, deflated. */
    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buf)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return buf.toByteArray();
    }

    @Test
    void anEndRecordThatLiesAboutItsCommentLengthIsATensorFileException() throws IOException {
        Path p = dir.resolve("m.npz");
        Npz.save(p, Map.of("w", Tensor.vector(1, 2)));
        byte[] b = Files.readAllBytes(p);
        b[b.length - 2] = 1;   // the comment length: 1, but no comment follows
        b[b.length - 1] = 0;
        Files.write(p, b);
        TensorFileException e = fails(p, LoadOptions.defaults());
        assertTrue(e.getMessage().contains("not a readable npz"), e.getMessage());
    }

    @Test
    void aDeflateBombIsRefusedByTheBudgetBeforeItsDataIsAllocated() throws IOException {
        // 24 MiB of |u1 zeros deflate to about 24 KB and would take 192 MiB as doubles.
        int n = 24 << 20;
        Path p = dir.resolve("bomb.npz");
        Files.write(p, zip(Map.of("b.npy", npy("{'descr': '|u1', 'fortran_order': False, 'shape': (" + n + ",), }",
                new byte[n]))));
        assertTrue(Files.size(p) < 100_000, "the bomb is small: " + Files.size(p));
        TensorFileException e = fails(p, LoadOptions.defaults().withMaxBytes(64L << 20));
        assertEquals("b", e.tensor());
        assertTrue(e.getMessage().contains("needs " + 8L * n + " bytes of memory, more than the load budget of "
                + (64L << 20)), e.getMessage());
    }

    @Test
    void theBudgetCountsAllEntriesOfAFileTogether() throws IOException {
        Map<String, Tensor> params = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            params.put("w" + i, Tensor.zeros(1000));   // 8000 bytes each
        }
        for (String name : new String[] {"m.npz", "m.safetensors"}) {
            Path p = dir.resolve(name);
            Checkpoint.save(p, params);
            assertEquals(4, Checkpoint.load(p, LoadOptions.defaults().withMaxBytes(32_000)).size());
            TensorFileException e = fails(p, LoadOptions.defaults().withMaxBytes(31_999));
            assertEquals("w3", e.tensor(), e.getMessage());
        }
    }

    @Test
    void aSafetensorsHeaderPastTheBudgetIsRefusedBeforeItIsRead() throws IOException {
        Path p = dir.resolve("big.safetensors");
        String header = "{\"__metadata__\":{\"x\":\"" + " ".repeat(1 << 20) + "\"}}";
        Files.write(p, Fixtures.safetensors(header, new byte[0]));
        TensorFileException e = fails(p, LoadOptions.defaults().withMaxBytes(3L << 20));
        assertTrue(e.getMessage().contains("header's text needs"), e.getMessage());
        assertEquals(0, Checkpoint.load(p, LoadOptions.defaults().withMaxBytes(8L << 20)).size());
    }

    @Test
    void aSafetensorsHeaderWhoseParsedValuesPassTheBudgetIsRefused() throws IOException {
        Path p = dir.resolve("wide.safetensors");
        // 300,000 bytes of [0,0,0,...] parse into 150,000 list elements, far more than 100 KB of budget is left for
        String zeros = ",0".repeat(150_000).substring(1);
        Files.write(p, Fixtures.safetensors("{\"w\":{\"dtype\":\"F64\",\"shape\":[" + zeros + "],\"data_offsets\":[0,0]}}",
                new byte[0]));
        TensorFileException e = fails(p, LoadOptions.defaults().withMaxBytes(1_000_000));
        assertTrue(e.getMessage().contains("bytes of memory allowed"), e.getMessage());
    }

    @Test
    void twoZipEntriesWithTheSameNameAreRefused() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("w.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        entries.put("x.npy", npy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]));
        byte[] b = zip(entries);
        // rename x.npy to w.npy in the local header and the central directory: same length, same CRCs
        byte[] from = "x.npy".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + from.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + from.length, from, 0, from.length)) {
                b[i] = 'w';
            }
        }
        Path p = dir.resolve("dup.npz");
        Files.write(p, b);
        TensorFileException e = fails(p, LoadOptions.defaults());
        assertEquals("w", e.tensor());
        assertTrue(e.getMessage().contains("two entries named w.npy"), e.getMessage());
    }

    @Test
    void aSaveKeepsTheTargetsPermissionsAndANewFileIsNotPrivate() throws IOException {
        Path p = dir.resolve("m.safetensors");
        Files.createFile(p);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r--r--"));
        SafeTensors.save(p, Map.of("w", Tensor.vector(1)));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-rw----"));
        Npz.save(p, Map.of("w", Tensor.vector(1)));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));

        Path plain = Files.createFile(dir.resolve("plain"));   // what a new file gets here (the umask)
        Path fresh = dir.resolve("fresh.npz");
        Npz.save(fresh, Map.of("w", Tensor.vector(1)));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(fresh));
    }

    @Test
    void theNextSaveRemovesTemporaryFilesThatACrashedSaveLeftBehind() throws IOException {
        Path p = dir.resolve("m.npz");
        Path stale = dir.resolve(".m.npz" + AtomicFiles.TEMP_MARK + "crashed");
        Files.write(stale, new byte[1000]);
        Path other = dir.resolve(".other.npz" + AtomicFiles.TEMP_MARK + "crashed");   // another target's: not touched
        Files.write(other, new byte[10]);
        Npz.save(p, Map.of("w", Tensor.vector(1)));
        assertEquals(List.of(".other.npz" + AtomicFiles.TEMP_MARK + "crashed", "m.npz"), files());
    }
}
