package io.github.chainrule.nn.io;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A mutation fuzz of npz and safetensors files, run by its own surefire execution in a JVM with a 64 MiB heap
 * (see nn/pom.xml), so that a file that makes the loader allocate past its budget fails with an
 * OutOfMemoryError, visibly, instead of passing on a large heap.
 *
 * <p>Each valid seed file (an npz as Npz.save writes it, one with deflated entries as savez_compressed writes it,
 * a safetensors file with metadata) is cut at every offset, has a bit flipped at every offset, gets thousands of
 * random overwrites (bytes, and 2- and 4-byte fields set to 0, -1, 2^31-1, 2^31), lies in its headers (shapes,
 * offsets, lengths), and the suite adds bombs (a deflate bomb, a huge safetensors header) and duplicate names.
 * The property: loading either returns tensors or throws a TensorFileException naming the file; nothing else
 * escapes, no load runs out of the 64 MiB heap, and none allocates (garbage included) more than twice the
 * budget plus a fixed allowance for buffers.
 */
class HostileFileFuzz {
    private static final int RANDOM_MUTATIONS = 2500;
    /**
     * Allocation a load may make beyond twice the budget (the budget bounds what is kept; garbage such as a
     * list's growth copies and each number's substring comes on top): read buffers, zip structures.
     */
    private static final long SLACK = 4L << 20;

    @TempDir
    Path dir;

    private final LoadOptions options = LoadOptions.defaults();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private int loads;
    private int refused;
    private long maxAllocated;

    /** Runs only in the small-heap execution (a -Dtest selection also runs the class in the default one). */
    @BeforeEach
    void onlyOnASmallHeap() {
        assumeTrue(Boolean.getBoolean("chainrule.smallHeap"), "runs in the hostile-files-small-heap execution");
        assertTrue(Runtime.getRuntime().maxMemory() <= 128L << 20,
                "run in the small-heap surefire execution, so that a bomb would run out of memory: max heap is "
                        + Runtime.getRuntime().maxMemory());
    }

    @Test
    void mutatedFilesFailOnlyWithTensorFileExceptionsWithinTheBudget() throws IOException {
        Map<String, byte[]> seeds = seeds();
        Random rng = new Random(14);
        for (Map.Entry<String, byte[]> seed : seeds.entrySet()) {
            String ext = seed.getKey().endsWith(".npz") ? ".npz" : ".safetensors";
            byte[] b = seed.getValue();
            for (int cut = 0; cut < b.length; cut++) {
                load(ext, Arrays.copyOf(b, cut), seed.getKey() + " cut at " + cut);
            }
            for (int at = 0; at < b.length; at++) {
                byte[] m = b.clone();
                m[at] ^= (byte) (1 << (at % 8));
                load(ext, m, seed.getKey() + " bit " + at % 8 + " of byte " + at + " flipped");
            }
            for (int i = 0; i < RANDOM_MUTATIONS; i++) {
                byte[] m = b.clone();
                StringBuilder what = new StringBuilder(seed.getKey());
                for (int k = 1 + rng.nextInt(3); k > 0; k--) {
                    mutate(m, rng, what);
                }
                load(ext, m, what.toString());
            }
        }
        for (Map.Entry<String, byte[]> lie : lies().entrySet()) {
            load(lie.getKey().substring(lie.getKey().lastIndexOf('.')), lie.getValue(), lie.getKey());
        }
        System.err.printf("HostileFileFuzz: %d loads, %d refused, at most %d bytes allocated by one load%n",
                loads, refused, maxAllocated);
        // The statistics of the run, for the report: how many loads, how many refused, the largest allocation.
        assertTrue(loads > 10_000, "loads: " + loads);
        assertTrue(refused > loads / 2, "refused " + refused + " of " + loads);
        assertTrue(maxAllocated <= 2 * options.maxBytes() + SLACK, "a load allocated " + maxAllocated + " bytes");
    }

    @Test
    void bombsAreRefusedWithinTheBudgetOnASmallHeap() throws IOException {
        // 24 MiB of |u1 deflate to 24 KB and would be 192 MiB of doubles: the bomb. The files are written
        // a chunk at a time: the test's own heap is as small as the loader's.
        Path bomb = dir.resolve("bomb.npz");
        writeZipOfZeros(bomb, Map.of("b", 24 << 20));
        assertTrue(Files.size(bomb) < 100_000, "the bomb is small: " + Files.size(bomb));
        assertEquals("b", refused(bomb, "deflate bomb").tensor());
        // Four entries of 1.5 MiB of |u1 (12 MiB as doubles) each, each within the 16 MiB budget alone: only
        // their sum passes it.
        Map<String, Integer> many = new LinkedHashMap<>();
        for (int i = 0; i < 4; i++) {
            many.put("w" + i, 3 << 19);
        }
        Path four = dir.resolve("four.npz");
        writeZipOfZeros(four, many);
        assertEquals("w1", refused(four, "four 12 MiB arrays").tensor());
        // A 20 MB safetensors header: 80 MB to decode the old way, past the whole heap.
        Path big = dir.resolve("big.safetensors");
        byte[] open = "{\"__metadata__\":{\"x\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] close = "\"}}".getBytes(StandardCharsets.US_ASCII);
        int spaces = 20_000_000;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(big))) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(open.length + spaces + close.length).array());
            out.write(open);
            byte[] chunk = new byte[1 << 16];
            Arrays.fill(chunk, (byte) ' ');
            for (int left = spaces; left > 0; left -= chunk.length) {
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
            out.write(close);
        }
        assertTrue(refused(big, "20 MB header").getMessage().contains("header's text needs"));
    }

    /** Writes a zip whose deflated entries NAME.npy are |u1 arrays of the given lengths of zeros. */
    private static void writeZipOfZeros(Path p, Map<String, Integer> lengths) throws IOException {
        byte[] chunk = new byte[1 << 16];
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(p)))) {
            for (Map.Entry<String, Integer> e : lengths.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(HostileFilesTest.npy("{'descr': '|u1', 'fortran_order': False, 'shape': (" + e.getValue()
                        + ",), }", new byte[0]));
                for (int left = e.getValue(); left > 0; left -= chunk.length) {
                    zip.write(chunk, 0, Math.min(left, chunk.length));
                }
                zip.closeEntry();
            }
        }
    }

    private TensorFileException refused(Path p, String what) throws IOException {
        try {
            Checkpoint.load(p, options);
        } catch (TensorFileException e) {
            return e;
        }
        throw new AssertionError(what + " loaded");
    }

    private void load(String ext, byte[] bytes, String what) throws IOException {
        // a new name each time: ZipFile caches an open archive by file and modification time
        Path p = dir.resolve("f" + loads + ext);
        Files.write(p, bytes);
        long before = threads.getCurrentThreadAllocatedBytes();
        loads++;
        try {
            Checkpoint.load(p, options);
        } catch (TensorFileException e) {
            refused++;
            if (!p.toString().equals(e.file()) || e.getMessage() == null) {
                fail(what + ": the exception does not name the file: " + e.getMessage(), e);
            }
        } catch (Throwable e) {
            fail(what + " threw " + e, e);
        }
        maxAllocated = Math.max(maxAllocated, threads.getCurrentThreadAllocatedBytes() - before);
        Files.delete(p);
    }

    /** Overwrites one byte, or a 2- or 4-byte little-endian field with an extreme value, at a random offset. */
    private static void mutate(byte[] m, Random rng, StringBuilder what) {
        int at = rng.nextInt(m.length);
        int kind = rng.nextInt(3);
        if (kind == 0 || at + 4 > m.length) {
            m[at] = (byte) rng.nextInt(256);
            what.append(", byte ").append(at).append(" = ").append(m[at]);
            return;
        }
        int[] extremes = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 0xffff, 1 << 30};
        int v = extremes[rng.nextInt(extremes.length)];
        ByteBuffer buf = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
        if (kind == 1) {
            buf.putShort(at, (short) v);
        } else {
            buf.putInt(at, v);
        }
        what.append(", ").append(kind == 1 ? "short" : "int").append(" at ").append(at).append(" = ").append(v);
    }

    private static Map<String, byte[]> seeds() throws IOException {
        Random rng = new Random(1);
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("layer1.W", Tensor.randn(rng, 3, 4));
        params.put("layer1.b", Tensor.zeros(3, 1));
        params.put("step", Tensor.scalar(7));
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        Npz.write(params, stored);
        seeds.put("stored.npz", stored.toByteArray());
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            ByteArrayOutputStream npy = new ByteArrayOutputStream();
            Npy.write(e.getValue(), npy);
            arrays.put(e.getKey() + ".npy", npy.toByteArray());
        }
        seeds.put("deflated.npz", zip(arrays, true));
        Path tmp = Files.createTempFile("seed", ".safetensors");
        try {
            SafeTensors.save(tmp, params, Map.of("epoch", "12"));
            seeds.put("seed.safetensors", Files.readAllBytes(tmp));
        } finally {
            Files.deleteIfExists(tmp);
        }
        return seeds;
    }

    /** Files whose headers lie: shapes, offsets and lengths that do not fit the bytes that follow. */
    private static Map<String, byte[]> lies() throws IOException {
        Map<String, byte[]> lies = new LinkedHashMap<>();
        String[] shapes = {"(2147483647,)", "(2147483647, 2147483647)", "(100000000,)", "(-1,)", "(65536, 65536)",
            "(0, 2147483647)", "(3, 0, 5)", "()", "(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)"};
        for (String shape : shapes) {
            for (boolean deflate : new boolean[] {false, true}) {
                byte[] npy = HostileFilesTest.npy("{'descr': '<f8', 'fortran_order': True, 'shape': " + shape + ", }",
                        new byte[64]);
                lies.put("npy shape " + shape + (deflate ? " deflated" : "") + ".npz", zip(Map.of("w.npy", npy), deflate));
            }
            String st = shape.replace('(', '[').replace(')', ']').replace(" ", "").replace(",]", "]");
            for (String offsets : new String[] {"[0,64]", "[0,0]", "[64,0]", "[0,9223372036854775807]"}) {
                lies.put("safetensors shape " + st + " offsets " + offsets + ".safetensors", Fixtures.safetensors(
                        "{\"w\":{\"dtype\":\"F64\",\"shape\":" + st + ",\"data_offsets\":" + offsets + "}}", new byte[64]));
            }
        }
        byte[] valid = Fixtures.safetensors("{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", new byte[8]);
        for (long n : new long[] {0, 1, 2, 7, -1, Long.MIN_VALUE, 1L << 62, 100_000_000, 100_000_001, valid.length - 8,
            valid.length - 16, valid.length}) {
            byte[] m = valid.clone();
            ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putLong(0, n);
            lies.put("safetensors header length " + n + ".safetensors", m);
        }
        List<String> hostileJson = new ArrayList<>(List.of("[" + "[".repeat(10_000), "{\"w\":" + "{\"a\":".repeat(100),
            "{\"w\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},\"w\":{}}", "{\"\\ud800\":1}", "{}"));
        hostileJson.add("{\"w\":{\"dtype\":\"F64\",\"shape\":[" + ",0".repeat(200_000).substring(1) + "],\"data_offsets\":[0,8]}}");
        for (String json : hostileJson) {
            lies.put("safetensors json " + json.substring(0, Math.min(40, json.length())) + ".safetensors",
                    Fixtures.safetensors(json, new byte[8]));
        }
        return lies;
    }

    static byte[] zip(Map<String, byte[]> entries, boolean deflate) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(buf)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (!deflate) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return buf.toByteArray();
    }
}
