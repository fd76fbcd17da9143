package io.github.chainrule.nn.io;

import java.io.IOException;

/**
 * Thrown when a parameter file (npz or safetensors) is truncated, corrupt, of an unsupported kind, or does
 * not fit the model it is loaded into; the message names the file, the tensor when one is at fault, and
 * what was expected against what was found.
 */
public final class TensorFileException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The path of the file at fault, as given. */
    private final String file;
    /** The tensor at fault, or null when the problem is with the file as a whole. */
    private final String tensor;

    TensorFileException(String file, String tensor, String problem) {
        this(file, tensor, problem, null);
    }

    TensorFileException(String file, String tensor, String problem, Throwable cause) {
        super(file + (tensor != null ? ", tensor '" + tensor + "'" : "") + ": " + problem, cause);
        this.file = file;
        this.tensor = tensor;
    }

    /**
     * Returns the file's path as given.
     *
     * @return the path of the file at fault
     */
    public String file() {
        return file;
    }

    /**
     * Returns the name of the tensor at fault, or null when the problem is with the file as a whole.
     *
     * @return the tensor's name, or null
     */
    public String tensor() {
        return tensor;
    }
}
