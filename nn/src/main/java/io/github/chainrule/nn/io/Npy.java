package io.github.chainrule.nn.io;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes and decodes one array in numpy's .npy format: the magic string {@code \x93NUMPY}, a version, the
 * header length, a Python-dict header padded with spaces and ended by a newline so that the data starts
 * on a 64-byte boundary, then the raw elements.
 *
 * <p>Writing always produces version 1.0, {@code '<f8'} (little-endian float64), C order. Reading accepts
 * versions 1.0 to 3.0, either byte order, C or Fortran order, and the float, integer and bool types of
 * {@link DType}, converted exactly to double.
 */
final class Npy {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** Largest header accepted, far above the ~128 bytes numpy writes, so that a hostile length is refused. */
    static final int MAX_HEADER = 1 << 16;
    private static final int ALIGN = 64;
    private static final int CHUNK = 1 << 13;

    private Npy() {
    }

    /** Returns the complete header (magic, version 1.0, length, padded dict, newline) for a float64 array. */
    static byte[] header(Shape shape) {
        String dict = NpyHeader.float64(shape.dims());
        int prefix = MAGIC.length + 2 + 2;
        int padded = ((prefix + dict.length() + 1 + ALIGN - 1) / ALIGN) * ALIGN;
        int headerLength = padded - prefix;
        StringBuilder sb = new StringBuilder(dict);
        while (sb.length() < headerLength - 1) {
            sb.append(' ');
        }
        sb.append('\n');
        ByteBuffer b = ByteBuffer.allocate(padded).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerLength);
        b.put(sb.toString().getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /** Returns the number of bytes the .npy encoding of {@code t} takes. */
    static long encodedSize(Tensor t) {
        return header(t.shape()).length + 8L * t.size();
    }

    /** Writes {@code t} as a float64 .npy array to {@code out}, bit-exact (NaN payloads included). */
    static void write(Tensor t, OutputStream out) throws IOException {
        out.write(header(t.shape()));
        double[] v = t.buffer();
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < v.length; start += CHUNK) {
            chunk.clear();
            int end = Math.min(v.length, start + CHUNK);
            for (int i = start; i < end; i++) {
                chunk.putLong(Double.doubleToRawLongBits(v[i]));
            }
            out.write(chunk.array(), 0, chunk.position());
        }
    }

    /**
     * Reads one .npy array of exactly {@code length} bytes from {@code in}, checking every declared size
     * against that length before allocating.
     *
     * @throws TensorFileException naming {@code file} and {@code name} if the array is malformed, truncated
     *                             or of an unsupported type
     */
    static Tensor read(InputStream in, long length, String file, String name) throws IOException {
        return readData(in, readLayout(in, length, file, name), file, name);
    }

    /** What an npy header declares, already checked against the array's byte length. */
    record Layout(DType type, ByteOrder order, Shape shape, boolean fortranOrder) {
        /** The memory the array takes once read: its doubles, and as much again when Fortran order is reordered. */
        long memory() {
            return 8L * shape.size() * (fortranOrder && shape.rank() >= 2 ? 2 : 1);
        }
    }

    /**
     * Reads an npy array's preamble and header (at most {@link #MAX_HEADER} bytes) from {@code in}, leaving the
     * stream at the first data byte, and checks the declared shape against the array's {@code length}.
     *
     * @throws TensorFileException naming {@code file} and {@code name} if the header is malformed, truncated,
     *                             of an unsupported type, or declares more data than the array holds
     */
    static Layout readLayout(InputStream in, long length, String file, String name) throws IOException {
        byte[] start = readFully(in, 10, file, name, "the npy preamble");
        for (int i = 0; i < MAGIC.length; i++) {
            if (start[i] != MAGIC[i]) {
                throw new TensorFileException(file, name, "not an npy array: it does not start with \\x93NUMPY");
            }
        }
        int major = start[6];
        ByteBuffer lengthBytes;
        int prefix;
        if (major == 1) {
            lengthBytes = ByteBuffer.wrap(start, 8, 2).order(ByteOrder.LITTLE_ENDIAN);
            prefix = 10;
        } else if (major == 2 || major == 3) {
            byte[] more = readFully(in, 2, file, name, "the npy header length");
            lengthBytes = ByteBuffer.wrap(new byte[] {start[8], start[9], more[0], more[1]}).order(ByteOrder.LITTLE_ENDIAN);
            prefix = 12;
        } else {
            throw new TensorFileException(file, name, "npy format version " + major + "." + start[7]
                    + " is not supported (1.0 to 3.0 are)");
        }
        long headerLength = major == 1 ? lengthBytes.getShort() & 0xffff : lengthBytes.getInt() & 0xffffffffL;
        if (headerLength > MAX_HEADER || prefix + headerLength > length) {
            throw new TensorFileException(file, name, "npy header length " + headerLength
                    + " is larger than the " + Math.max(0, length - prefix) + " bytes that follow it"
                    + (headerLength > MAX_HEADER ? " or the " + MAX_HEADER + "-byte limit" : ""));
        }
        String text = new String(readFully(in, (int) headerLength, file, name, "the npy header"),
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        NpyHeader header;
        try {
            header = NpyHeader.parse(text);
        } catch (IllegalArgumentException e) {
            throw new TensorFileException(file, name, "bad npy header: " + e.getMessage(), e);
        }
        DType type = type(header.descr(), file, name);
        ByteOrder order = header.descr().charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        Shape shape;
        try {
            shape = Shape.of("npy", header.shape());
        } catch (IllegalArgumentException e) {
            throw new TensorFileException(file, name, e.getMessage(), e);
        }
        long dataBytes = (long) shape.size() * type.size;
        long available = length - prefix - headerLength;
        if (dataBytes != available) {
            throw new TensorFileException(file, name, "shape " + shape + " of " + header.descr() + " needs "
                    + dataBytes + " data bytes but the array holds " + available
                    + (available < dataBytes ? " (truncated)" : ""));
        }
        return new Layout(type, order, shape, header.fortranOrder());
    }

    /** Reads the data of an array whose header {@link #readLayout} has read. */
    static Tensor readData(InputStream in, Layout layout, String file, String name) throws IOException {
        Shape shape = layout.shape();
        double[] values = readValues(in, shape.size(), layout.type(), layout.order(), file, name);
        if (!layout.fortranOrder() || shape.rank() < 2) {
            return Tensor.wrap(values, shape);
        }
        // Fortran order lists the first axis fastest: that is C order of the reversed shape, transposed back.
        int rank = shape.rank();
        int[] reversed = new int[rank];
        int[] axes = new int[rank];
        for (int i = 0; i < rank; i++) {
            reversed[i] = shape.dim(rank - 1 - i);
            axes[i] = rank - 1 - i;
        }
        return Tensor.wrap(values, Shape.of(reversed)).permute(axes);
    }

    private static DType type(String descr, String file, String name) throws TensorFileException {
        DType type = null;
        if (descr.length() >= 3 && "<>|=".indexOf(descr.charAt(0)) >= 0) {
            try {
                type = DType.fromNumpy(descr.charAt(1), Integer.parseInt(descr.substring(2)));
            } catch (NumberFormatException e) {
                type = null;
            }
        }
        if (type == null) {
            throw new TensorFileException(file, name, "npy dtype '" + descr + "' is not supported; chainrule reads"
                    + " float (f2, f4, f8), signed and unsigned integer (i1..i8, u1..u8) and bool (b1) arrays");
        }
        return type;
    }

    private static double[] readValues(InputStream in, int count, DType type, ByteOrder order, String file, String name)
            throws IOException {
        double[] values = new double[count];
        byte[] chunk = new byte[CHUNK * type.size];
        for (int start = 0; start < count; start += CHUNK) {
            int n = Math.min(CHUNK, count - start);
            int got = in.readNBytes(chunk, 0, n * type.size);
            if (got < n * type.size) {
                throw new TensorFileException(file, name, "truncated: the data ends after "
                        + ((long) start * type.size + got) + " of " + (long) count * type.size + " bytes");
            }
            ByteBuffer b = ByteBuffer.wrap(chunk, 0, n * type.size).order(order);
            for (int i = 0; i < n; i++) {
                try {
                    values[start + i] = type.read(b);
                } catch (ArithmeticException e) {
                    throw new TensorFileException(file, name, "element " + (start + i) + ": " + e.getMessage(), e);
                }
            }
        }
        return values;
    }

    private static byte[] readFully(InputStream in, int n, String file, String name, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new TensorFileException(file, name, "truncated: ends inside " + what, new EOFException());
        }
        return b;
    }
}
