package io.github.chainrule.nn.io;

/**
 * Limits for loading a parameter file (npz or safetensors): how much memory the file may make the loader
 * allocate, so that a hostile or corrupt file fails with a {@link TensorFileException} instead of exhausting
 * the heap.
 *
 * <p>The budget, {@link #maxBytes()}, bounds separately (each must fit) the memory for the tensors the file
 * holds, counted over all its entries (8 bytes per element, as tensors hold doubles; twice that for an npy
 * array in Fortran order, which is reordered after reading) before any of them is allocated, and the memory
 * for parsing a safetensors header (see {@link SafeTensors}). The default, {@link #defaults()}, is a quarter
 * of the JVM's maximum heap ({@code Runtime.maxMemory() / 4}, read when {@code defaults()} is called).
 *
 * <pre>{@code
 * Map<String, Tensor> params = Npz.load(path, LoadOptions.defaults().withMaxBytes(2L << 30));   // up to 2 GiB
 * }</pre>
 */
public final class LoadOptions {
    private final long maxBytes;

    private LoadOptions(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Returns the default options: a budget of a quarter of the JVM's maximum heap.
     *
     * @return the default options
     */
    public static LoadOptions defaults() {
        return new LoadOptions(Math.max(1, Runtime.getRuntime().maxMemory() / 4));
    }

    /**
     * Returns these options with a budget of {@code maxBytes} bytes.
     *
     * @param maxBytes the most memory, in bytes, that loading a file may allocate; must be positive
     * @return options with that budget
     * @throws IllegalArgumentException if {@code maxBytes} is not positive
     */
    public LoadOptions withMaxBytes(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("LoadOptions.withMaxBytes: the budget must be positive, got " + maxBytes);
        }
        return new LoadOptions(maxBytes);
    }

    /**
     * Returns the budget: the most memory, in bytes, that loading one file may allocate.
     *
     * @return the budget in bytes
     */
    public long maxBytes() {
        return maxBytes;
    }

    /** Refuses {@code bytes} of memory for {@code what} if they pass the budget. */
    void charge(String file, String tensor, long bytes, String what) throws TensorFileException {
        if (bytes < 0 || bytes > maxBytes) {
            throw new TensorFileException(file, tensor, what + " needs " + (bytes < 0 ? "more than 2^63" : bytes)
                    + " bytes of memory, more than the load budget of " + maxBytes
                    + " bytes (LoadOptions.withMaxBytes raises it)");
        }
    }

    static LoadOptions require(String op, LoadOptions options) {
        if (options == null) {
            throw new IllegalArgumentException(op + ": options are null (use LoadOptions.defaults())");
        }
        return options;
    }

    @Override
    public String toString() {
        return "LoadOptions[maxBytes=" + maxBytes + "]";
    }
}
