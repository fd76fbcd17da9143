package io.github.chainrule.nn.io;

import java.nio.ByteBuffer;

/**
 * The element types chainrule can read from npy and safetensors files, each with its size in bytes and its
 * conversion to double. Files are written as {@link #F64} only; the others are read (and converted exactly)
 * so that files saved by other tools in float32, float16 or integer types load too.
 */
enum DType {
    F64(8, "F64"),
    F32(4, "F32"),
    F16(2, "F16"),
    BF16(2, "BF16"),
    I64(8, "I64"),
    I32(4, "I32"),
    I16(2, "I16"),
    I8(1, "I8"),
    U64(8, "U64"),
    U32(4, "U32"),
    U16(2, "U16"),
    U8(1, "U8"),
    BOOL(1, "BOOL");

    /** The largest integer below which every integer is exactly a double: 2^53. */
    private static final long EXACT = 1L << 53;

    final int size;
    final String safetensorsName;

    DType(int size, String safetensorsName) {
        this.size = size;
        this.safetensorsName = safetensorsName;
    }

    /** Returns the type of a safetensors dtype string, or null if it is not one chainrule reads. */
    static DType fromSafetensors(String name) {
        for (DType t : values()) {
            if (t.safetensorsName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Returns the type of a numpy type code such as 'f8' or 'u1' (without byte order), or null. */
    static DType fromNumpy(char kind, int bytes) {
        for (DType t : values()) {
            if (t != BF16 && t.numpyKind() == kind && t.size == bytes) {
                return t;
            }
        }
        return null;
    }

    private char numpyKind() {
        switch (this) {
            case F64: case F32: case F16: return 'f';
            case I64: case I32: case I16: case I8: return 'i';
            case U64: case U32: case U16: case U8: return 'u';
            case BOOL: return 'b';
            default: return '?';
        }
    }

    /**
     * Reads the next element from {@code in} (whose byte order is set by the caller) as a double.
     *
     * @throws ArithmeticException if a 64-bit integer is too large to be a double exactly
     */
    double read(ByteBuffer in) {
        switch (this) {
            case F64: return in.getDouble();
            case F32: return in.getFloat();
            case F16: return halfToDouble(in.getShort());
            case BF16: return Float.intBitsToFloat((in.getShort() & 0xffff) << 16);
            case I64: return exact(in.getLong(), false);
            case I32: return in.getInt();
            case I16: return in.getShort();
            case I8: return in.get();
            case U64: return exact(in.getLong(), true);
            case U32: return in.getInt() & 0xffffffffL;
            case U16: return in.getShort() & 0xffff;
            case U8: return in.get() & 0xff;
            case BOOL: return in.get() != 0 ? 1 : 0;
            default: throw new AssertionError(this);
        }
    }

    private static double exact(long v, boolean unsigned) {
        if ((unsigned && (v < 0 || v > EXACT)) || (!unsigned && (v > EXACT || v < -EXACT))) {
            throw new ArithmeticException("integer " + (unsigned ? Long.toUnsignedString(v) : Long.toString(v))
                    + " cannot be held exactly by a double (|v| > 2^53)");
        }
        return v;
    }

    /** Converts IEEE 754 half precision (1 sign, 5 exponent, 10 fraction bits) to double, exactly. */
    static double halfToDouble(short bits) {
        int sign = (bits >> 15) & 1;
        int exponent = (bits >> 10) & 0x1f;
        int fraction = bits & 0x3ff;
        double magnitude;
        if (exponent == 0) {
            magnitude = fraction * 0x1p-24;                 // subnormal: 0.fraction × 2^-14
        } else if (exponent == 0x1f) {
            magnitude = fraction == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else {
            magnitude = (1024 + fraction) * Math.scalb(1.0, exponent - 25);   // 1.fraction × 2^(e-15)
        }
        return sign == 1 ? -magnitude : magnitude;
    }
}
