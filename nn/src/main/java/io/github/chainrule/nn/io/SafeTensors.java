package io.github.chainrule.nn.io;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves and loads named tensors in the safetensors format that PyTorch, JAX and numpy read through the
 * {@code safetensors} package.
 *
 * <p>The layout: 8 bytes holding N, the header length, as an unsigned little-endian integer; N bytes of
 * UTF-8 JSON mapping each tensor name to {@code {"dtype":"F64","shape":[...],"data_offsets":[begin,end]}}
 * (offsets into the data that follows) plus an optional {@code "__metadata__"} object of string values;
 * then the tensors' raw little-endian bytes, back to back, C order.
 *
 * <pre>{@code
 * SafeTensors.save(Path.of("model.safetensors"), params, Map.of("epoch", "12"));
 * Map<String, Tensor> back = SafeTensors.load(Path.of("model.safetensors"));
 * }</pre>
 *
 * <p>Tensors are written as F64 and come back bit-exact; loading also converts the other numeric dtypes of
 * {@link DType}. The header length, each tensor's shape and offsets are checked against the file's real
 * size before anything is allocated, and, as in the reference implementation, the tensors must exactly
 * tile the data without gaps or overlaps.
 *
 * <p>Memory is bounded by a {@link LoadOptions} budget ({@link LoadOptions#defaults()}: a quarter of the max
 * heap). A header of N bytes is refused before it is read if 3N (its bytes, and its text at two bytes a char
 * at worst) passes the budget, and parsing it stops once the parsed JSON values, estimated per map, list,
 * string and number, would take the rest; the tensors, added up over all entries, must fit the budget too.
 */
public final class SafeTensors {
    /** The reference implementation's limit on the header size (100 MB). */
    static final long MAX_HEADER = 100_000_000L;
    /** Bytes of memory a header byte takes before parsing: itself, and its decoded text (two bytes a char at worst). */
    private static final long HEADER_TEXT_COST = 3;
    private static final String METADATA = "__metadata__";

    private SafeTensors() {
    }

    /**
     * Writes the tensors to {@code path} in the map's order, with no metadata, atomically.
     *
     * @throws IOException if writing fails; an existing file is then left as it was
     */
    public static void save(Path path, Map<String, Tensor> tensors) throws IOException {
        save(path, tensors, Map.of());
    }

    /**
     * Writes the tensors and the string {@code metadata} (stored under {@code "__metadata__"}) to
     * {@code path}, replacing any file there atomically ({@link AtomicFiles}).
     *
     * @throws IllegalArgumentException if a name is empty or "__metadata__", or a tensor or metadata value is null
     * @throws IOException              if writing fails; an existing file is then left as it was
     */
    public static void save(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Names.check("SafeTensors.save", tensors);
        if (tensors.containsKey(METADATA)) {
            throw new IllegalArgumentException("SafeTensors.save: '" + METADATA + "' is reserved, not a tensor name");
        }
        if (metadata == null || metadata.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getValue() == null)) {
            throw new IllegalArgumentException("SafeTensors.save: metadata keys and values must not be null");
        }
        byte[] header = header(tensors, metadata);
        AtomicFiles.write(path, out -> {
            ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            out.write(length.array());
            out.write(header);
            for (Tensor t : tensors.values()) {
                writeData(t, out);
            }
        });
    }

    /** Returns the JSON header, padded with spaces so that the data starts on an 8-byte boundary. */
    private static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            json.append(Json.quote(METADATA)).append(":{");
            String sep = "";
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                json.append(sep).append(Json.quote(e.getKey())).append(':').append(Json.quote(e.getValue()));
                sep = ",";
            }
            json.append('}');
        }
        long offset = 0;
        String sep = metadata.isEmpty() ? "" : ",";
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            long end = offset + 8L * t.size();
            json.append(sep).append(Json.quote(e.getKey())).append(":{\"dtype\":\"F64\",\"shape\":[");
            int[] dims = t.shape().dims();
            for (int i = 0; i < dims.length; i++) {
                json.append(i > 0 ? "," : "").append(dims[i]);
            }
            json.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
            sep = ",";
        }
        json.append('}');
        byte[] text = json.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 7) / 8 * 8;
        byte[] out = new byte[padded];
        System.arraycopy(text, 0, out, 0, text.length);
        java.util.Arrays.fill(out, text.length, padded, (byte) ' ');
        return out;
    }

    private static void writeData(Tensor t, OutputStream out) throws IOException {
        double[] v = t.buffer();
        ByteBuffer chunk = ByteBuffer.allocate(8 << 13).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < v.length; start += 1 << 13) {
            chunk.clear();
            int end = Math.min(v.length, start + (1 << 13));
            for (int i = start; i < end; i++) {
                chunk.putLong(Double.doubleToRawLongBits(v[i]));
            }
            out.write(chunk.array(), 0, chunk.position());
        }
    }

    /**
     * Reads every tensor of the safetensors file at {@code path}, in header order.
     *
     * @throws TensorFileException if the file is truncated or corrupt, its header is malformed or hostile,
     *                             or a tensor's dtype is not supported
     * @throws IOException         if the file cannot be read
     */
    public static Map<String, Tensor> load(Path path) throws IOException {
        return load(path, LoadOptions.defaults());
    }

    /**
     * Reads every tensor of the safetensors file at {@code path}, in header order, within the budget
     * {@code options.maxBytes()}: the header is parsed within the budget (see the class comment), and the
     * tensors' memory, added up over all entries, is checked against it before any tensor is allocated.
     *
     * @param path    the file to read
     * @param options the load budget
     * @return the tensors by name
     * @throws TensorFileException if the file is truncated or corrupt, its header is malformed or hostile, a
     *                             tensor's dtype is not supported, or the header or the tensors need more
     *                             memory than the budget
     * @throws IOException         if the file cannot be read
     */
    public static Map<String, Tensor> load(Path path, LoadOptions options) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("SafeTensors.load: path is null");
        }
        LoadOptions.require("SafeTensors.load", options);
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            Header h = readHeader(ch, path.toString(), options);
            long memory = 0;
            for (Entry e : h.entries) {
                memory += 8L * e.shape.size();
                options.charge(path.toString(), e.name, memory, "the tensors up to and including this one");
            }
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Entry e : h.entries) {
                tensors.put(e.name, readTensor(ch, h.dataStart, e, path.toString()));
            }
            return tensors;
        }
    }

    /**
     * Reads the {@code "__metadata__"} strings of the safetensors file at {@code path} (empty if it has none).
     *
     * @throws TensorFileException if the header is malformed
     * @throws IOException         if the file cannot be read
     */
    public static Map<String, String> metadata(Path path) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("SafeTensors.metadata: path is null");
        }
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return readHeader(ch, path.toString(), LoadOptions.defaults()).metadata;
        }
    }

    /** One tensor's header entry. */
    private record Entry(String name, DType type, Shape shape, long begin, long end) {
    }

    /** The parsed, validated header. */
    private record Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {
    }

    private static Header readHeader(FileChannel ch, String file, LoadOptions options) throws IOException {
        long fileSize = ch.size();
        if (fileSize < 8) {
            throw new TensorFileException(file, null, "truncated: " + fileSize
                    + " bytes, too short for the 8-byte header length");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lengthBytes, 0, file, null);
        long n = lengthBytes.getLong(0);
        if (n < 2 || n > MAX_HEADER || n > fileSize - 8) {
            throw new TensorFileException(file, null, "header length " + Long.toUnsignedString(n)
                    + " does not fit: the file has " + (fileSize - 8) + " bytes after the length"
                    + " (and headers are limited to " + MAX_HEADER + " bytes)");
        }
        // The bytes, and the text decoded from them at two bytes a char at worst, before any parsing.
        options.charge(file, null, HEADER_TEXT_COST * n, "the " + n + "-byte header's text");
        ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
        readFully(ch, headerBytes, 8, file, null);
        checkUtf8(headerBytes.flip(), file);
        String text = new String(headerBytes.array(), 0, (int) n, StandardCharsets.UTF_8);
        headerBytes = null;   // only the text is needed from here on
        if (!text.startsWith("{")) {
            throw new TensorFileException(file, null, "header does not start with '{': not a safetensors file");
        }
        Object json;
        try {
            json = Json.parse(text, options.maxBytes() - HEADER_TEXT_COST * n);
        } catch (IllegalArgumentException e) {
            throw new TensorFileException(file, null, "header is not valid JSON: " + e.getMessage(), e);
        }
        if (!(json instanceof Map)) {
            throw new TensorFileException(file, null, "header is not a JSON object");
        }
        long dataStart = 8 + n;
        long dataSize = fileSize - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<?, ?> kv : ((Map<?, ?>) json).entrySet()) {
            String name = (String) kv.getKey();
            if (name.equals(METADATA)) {
                metadata = metadata(kv.getValue(), file);
            } else {
                entries.add(entry(name, kv.getValue(), file));
            }
        }
        checkTiling(entries, dataSize, file);
        return new Header(entries, Collections.unmodifiableMap(metadata), dataStart);
    }

    /** Checks that the header is UTF-8 a small buffer at a time, without decoding it all into a second copy. */
    private static void checkUtf8(ByteBuffer bytes, String file) throws TensorFileException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer scratch = CharBuffer.allocate(4096);
        CoderResult result;
        do {
            result = decoder.decode(bytes, scratch.clear(), true);
            if (result.isError()) {
                throw new TensorFileException(file, null, "header is not valid UTF-8 at byte " + (8 + bytes.position()));
            }
        } while (result.isOverflow());
        while (decoder.flush(scratch.clear()).isOverflow()) {
            scratch.clear();
        }
    }

    private static Map<String, String> metadata(Object value, String file) throws TensorFileException {
        if (!(value instanceof Map)) {
            throw new TensorFileException(file, null, "'" + METADATA + "' is not a JSON object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            if (!(e.getValue() instanceof String)) {
                throw new TensorFileException(file, null, "'" + METADATA + "' value of '" + e.getKey()
                        + "' is not a string");
            }
            out.put((String) e.getKey(), (String) e.getValue());
        }
        return out;
    }

    private static Entry entry(String name, Object value, String file) throws TensorFileException {
        if (!(value instanceof Map)) {
            throw new TensorFileException(file, name, "header entry is not a JSON object");
        }
        Map<?, ?> m = (Map<?, ?>) value;
        for (Object key : m.keySet()) {
            if (!key.equals("dtype") && !key.equals("shape") && !key.equals("data_offsets")) {
                throw new TensorFileException(file, name, "unknown header field '" + key + "'");
            }
        }
        if (!(m.get("dtype") instanceof String)) {
            throw new TensorFileException(file, name, "header entry lacks a string 'dtype'");
        }
        String dtype = (String) m.get("dtype");
        DType type = DType.fromSafetensors(dtype);
        if (type == null) {
            throw new TensorFileException(file, name, "dtype '" + dtype + "' is not supported; chainrule reads"
                    + " F64, F32, F16, BF16, I64, I32, I16, I8, U64, U32, U16, U8 and BOOL");
        }
        long[] dims = longs(m.get("shape"), "shape", file, name);
        long[] offsets = longs(m.get("data_offsets"), "data_offsets", file, name);
        if (offsets.length != 2 || offsets[0] > offsets[1]) {
            throw new TensorFileException(file, name, "data_offsets must be [begin, end] with begin <= end, got "
                    + java.util.Arrays.toString(offsets));
        }
        long count = 1;
        int[] intDims = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > Integer.MAX_VALUE) {
                throw new TensorFileException(file, name, "axis length " + dims[i] + " is larger than 2^31-1");
            }
            intDims[i] = (int) dims[i];
            count *= dims[i];
            if (count > Integer.MAX_VALUE) {
                throw new TensorFileException(file, name, "shape " + java.util.Arrays.toString(dims)
                        + " has more than 2^31-1 elements");
            }
        }
        Shape shape;
        try {
            shape = Shape.of("safetensors", intDims);   // also refuses the few sizes just under 2^31 no array can hold
        } catch (IllegalArgumentException e) {
            throw new TensorFileException(file, name, e.getMessage(), e);
        }
        long bytes = count * type.size;
        if (offsets[1] - offsets[0] != bytes) {
            throw new TensorFileException(file, name, "shape " + shape + " of " + dtype + " needs " + bytes
                    + " bytes but data_offsets " + java.util.Arrays.toString(offsets) + " span "
                    + (offsets[1] - offsets[0]));
        }
        return new Entry(name, type, shape, offsets[0], offsets[1]);
    }

    private static long[] longs(Object value, String field, String file, String name) throws TensorFileException {
        if (!(value instanceof List)) {
            throw new TensorFileException(file, name, "header entry lacks a '" + field + "' list");
        }
        List<?> list = (List<?>) value;
        long[] out = new long[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long) || (Long) list.get(i) < 0) {
                throw new TensorFileException(file, name, "'" + field + "' must hold non-negative integers, got "
                        + list);
            }
            out[i] = (Long) list.get(i);
        }
        return out;
    }

    /** Checks that the tensors cover the data exactly, back to back, as the reference implementation requires. */
    private static void checkTiling(List<Entry> entries, long dataSize, String file) throws TensorFileException {
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : byOffset) {
            if (e.begin != expected) {
                throw new TensorFileException(file, e.name, "data_offsets [" + e.begin + ", " + e.end + "] "
                        + (e.begin < expected ? "overlap the previous tensor" : "leave a gap") + ": expected the"
                        + " tensor to start at byte " + expected);
            }
            expected = e.end;
        }
        if (expected != dataSize) {
            throw new TensorFileException(file, byOffset.isEmpty() ? null : byOffset.get(byOffset.size() - 1).name,
                    expected > dataSize
                            ? "truncated: the header needs " + expected + " data bytes but the file holds " + dataSize
                            : "the file holds " + dataSize + " data bytes but the tensors account for only " + expected);
        }
    }

    private static Tensor readTensor(FileChannel ch, long dataStart, Entry e, String file) throws IOException {
        int count = e.shape.size();
        double[] values = new double[count];
        int chunkElems = 1 << 13;
        ByteBuffer chunk = ByteBuffer.allocate(chunkElems * e.type.size).order(ByteOrder.LITTLE_ENDIAN);
        long position = dataStart + e.begin;
        for (int start = 0; start < count; start += chunkElems) {
            int n = Math.min(chunkElems, count - start);
            chunk.clear().limit(n * e.type.size);
            readFully(ch, chunk, position, file, e.name);
            position += (long) n * e.type.size;
            chunk.flip();
            for (int i = 0; i < n; i++) {
                try {
                    values[start + i] = e.type.read(chunk);
                } catch (ArithmeticException ex) {
                    throw new TensorFileException(file, e.name, "element " + (start + i) + ": " + ex.getMessage(), ex);
                }
            }
        }
        return Tensor.wrap(values, e.shape);
    }

    private static void readFully(FileChannel ch, ByteBuffer into, long position, String file, String name)
            throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int got = ch.read(into, at);
            if (got < 0) {
                throw new TensorFileException(file, name, "truncated: the file ends at byte " + at);
            }
            at += got;
        }
    }
}
