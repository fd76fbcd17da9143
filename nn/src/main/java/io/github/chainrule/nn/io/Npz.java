package io.github.chainrule.nn.io;

import io.github.chainrule.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Saves and loads named tensors as numpy's .npz: a zip archive holding one {@code NAME.npy} file per
 * tensor, exactly what {@code numpy.savez} writes and {@code numpy.load} reads.
 *
 * <pre>{@code
 * Npz.save(Path.of("model.npz"), params);          // numpy: np.load("model.npz")["layer1.W"]
 * Map<String, Tensor> back = Npz.load(Path.of("model.npz"));
 * }</pre>
 *
 * <p>Arrays are written as float64, C order, stored uncompressed (as savez does), so values come back
 * bit-exact. Loading also reads {@code savez_compressed} archives and converts other numeric dtypes (see
 * {@link Npy}). Every declared size is checked against the file before memory is allocated.
 */
public final class Npz {
    private static final String SUFFIX = ".npy";
    /** Deflate cannot expand data by more than about 1032:1; a larger declared ratio is a lie or a bomb. */
    private static final long MAX_DEFLATE_RATIO = 1032;
    /** A fixed entry time (1980-01-01) so that the same tensors always give the same bytes. */
    private static final long ENTRY_TIME = 315532800000L + 43200000L;

    private Npz() {
    }

    /**
     * Writes the tensors to {@code path} as an .npz archive, in the map's order, replacing any file
     * there atomically ({@link AtomicFiles}).
     *
     * @throws IllegalArgumentException if a name is empty or a tensor is null
     * @throws IOException              if writing fails; an existing file is then left as it was
     */
    public static void save(Path path, Map<String, Tensor> tensors) throws IOException {
        Names.check("Npz.save", tensors);
        AtomicFiles.write(path, out -> write(tensors, out));
    }

    /** Writes the archive to {@code out}: entries STORED with their CRC computed first, as zip requires. */
    static void write(Map<String, Tensor> tensors, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            CRC32 crc = new CRC32();
            Npy.write(t, new CheckedOutputStream(OutputStream.nullOutputStream(), crc));
            ZipEntry entry = new ZipEntry(e.getKey() + SUFFIX);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(Npy.encodedSize(t));
            entry.setCompressedSize(Npy.encodedSize(t));
            entry.setCrc(crc.getValue());
            entry.setTime(ENTRY_TIME);
            zip.putNextEntry(entry);
            Npy.write(t, zip);
            zip.closeEntry();
        }
        zip.finish();
    }

    /**
     * Reads every array of the .npz archive at {@code path}, in archive order, keyed by name without
     * {@code .npy}, within the default budget ({@link LoadOptions#defaults()}).
     *
     * @param path the archive to read
     * @return the arrays by name
     * @throws TensorFileException if the file is not a valid npz archive, an array is malformed, truncated,
     *                             too large for its entry, of an unsupported type, or named twice, or the
     *                             arrays need more memory than the budget
     * @throws IOException         if the file cannot be read
     */
    public static Map<String, Tensor> load(Path path) throws IOException {
        return load(path, LoadOptions.defaults());
    }

    /**
     * Reads every array of the .npz archive at {@code path}, in archive order, keyed by name without
     * {@code .npy}, allocating no more than {@code options.maxBytes()} for them.
     *
     * <p>Two passes: the first reads only each entry's npy header (at most 64 KiB each) and adds up the memory
     * the arrays will take, refusing the file before anything large is allocated if the sum passes the budget,
     * whatever the zip's compression makes of the file's size; the second reads the data. The zip's central
     * directory, which the JDK reads whole, is bounded by the file's size.
     *
     * @param path    the archive to read
     * @param options the load budget
     * @return the arrays by name
     * @throws TensorFileException if the file is not a valid npz archive, an array is malformed, truncated,
     *                             too large for its entry, of an unsupported type, or named twice, or the
     *                             arrays need more memory than the budget
     * @throws IOException         if the file cannot be read
     */
    public static Map<String, Tensor> load(Path path, LoadOptions options) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("Npz.load: path is null");
        }
        LoadOptions.require("Npz.load", options);
        String file = path.toString();
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(file, null, "no such npz file");
        }
        long fileSize = Files.size(path);
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (IOException e) {   // ZipException, and the EOFException of an end record that lies about its comment
            throw new TensorFileException(file, null, "not a readable npz (zip) archive: " + e, e);
        }
        try (zip) {
            List<ZipEntry> arrays = arrays(zip, file, fileSize);
            long memory = 0;
            for (ZipEntry entry : arrays) {
                String name = arrayName(entry);
                try (InputStream in = zip.getInputStream(entry)) {
                    memory += Npy.readLayout(in, entry.getSize(), file, name).memory();
                } catch (IOException e) {
                    throw wrap(e, file, name);
                }
                options.charge(file, name, memory, "the arrays up to and including this one");
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (ZipEntry entry : arrays) {
                String name = arrayName(entry);
                // ZipFile checks the CRC of deflated entries only; checking it here catches corrupt stored ones too.
                try (CheckedInputStream in = new CheckedInputStream(zip.getInputStream(entry), new CRC32())) {
                    Tensor t = Npy.read(in, entry.getSize(), file, name);
                    if (in.read() != -1) {
                        throw new TensorFileException(file, name, "the zip entry holds more bytes than it declares");
                    }
                    if (entry.getCrc() != -1 && in.getChecksum().getValue() != entry.getCrc()) {
                        throw new TensorFileException(file, name, String.format("corrupt zip entry: CRC-32 is %08x,"
                                + " the archive says %08x", in.getChecksum().getValue(), entry.getCrc()));
                    }
                    tensors.put(name, t);
                } catch (IOException e) {
                    throw wrap(e, file, name);
                }
            }
            return tensors;
        } catch (IllegalStateException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new TensorFileException(file, null, "corrupt npz archive: " + e, e);
        }
    }

    /** Returns the archive's array entries after checking each one's name and declared sizes. */
    private static List<ZipEntry> arrays(ZipFile zip, String file, long fileSize) throws TensorFileException {
        List<ZipEntry> arrays = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (entry.isDirectory()) {
                continue;
            }
            if (!entry.getName().endsWith(SUFFIX)) {
                throw new TensorFileException(file, entry.getName(), "npz entry is not an .npy array");
            }
            String name = arrayName(entry);
            if (!names.add(entry.getName())) {
                // ZipFile would hand out only one of them: refused, as SafeTensors refuses a repeated key.
                throw new TensorFileException(file, name, "the archive holds two entries named " + entry.getName());
            }
            checkedSize(entry, fileSize, file, name);
            arrays.add(entry);
        }
        return arrays;
    }

    private static String arrayName(ZipEntry entry) {
        return entry.getName().substring(0, entry.getName().length() - SUFFIX.length());
    }

    /** Every failure reading an entry as a TensorFileException naming the file and the array. */
    private static TensorFileException wrap(IOException e, String file, String name) {
        if (e instanceof TensorFileException t) {
            return t;
        }
        String what = e instanceof ZipException ? "corrupt zip entry: " : e instanceof java.io.EOFException
                ? "truncated zip entry: " : "cannot read the zip entry: ";
        return new TensorFileException(file, name, what + e, e);
    }

    /** Returns the entry's declared size after checking it against the bytes the file really has. */
    private static long checkedSize(ZipEntry entry, long fileSize, String file, String name) throws TensorFileException {
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        if (size < 0 || compressed < 0) {
            throw new TensorFileException(file, name, "the zip entry does not declare its size");
        }
        if (compressed > fileSize) {
            throw new TensorFileException(file, name, "the zip entry claims " + compressed
                    + " compressed bytes but the file has only " + fileSize);
        }
        if (entry.getMethod() == ZipEntry.STORED && size != compressed) {
            throw new TensorFileException(file, name, "stored zip entry declares " + size + " bytes but holds "
                    + compressed);
        }
        if (entry.getMethod() != ZipEntry.STORED && size > Math.max(1, compressed) * MAX_DEFLATE_RATIO) {
            throw new TensorFileException(file, name, "the zip entry claims " + size + " bytes from " + compressed
                    + " compressed ones, more than deflate can produce");
        }
        return size;
    }
}
