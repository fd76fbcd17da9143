package io.github.chainrule.nn.data;

import java.io.IOException;

/**
 * Thrown when a CSV file does not hold what {@link Csv} expects; the message and the accessors name the
 * file, the 1-based line (the header is line 1) and, where one is at fault, the 1-based column and its name.
 */
public final class CsvFormatException extends IOException {
    /** The serialization version of this exception class. */
    private static final long serialVersionUID = 1L;

    /** The file's path as given to the loader. */
    private final String file;
    /** The 1-based line at fault. */
    private final int line;
    /** The 1-based column at fault, or 0. */
    private final int column;

    CsvFormatException(String file, int line, int column, String columnName, String problem) {
        super(file + ", line " + line + (column > 0 ? ", column " + column + " (" + columnName + ")" : "") + ": " + problem);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /**
     * Returns the file's path as given to the loader.
     *
     * @return the file
     */
    public String file() {
        return file;
    }

    /**
     * Returns the 1-based line at fault (the header is line 1).
     *
     * @return the line
     */
    public int line() {
        return line;
    }

    /**
     * Returns the 1-based column at fault, or 0 when the whole line is (e.g. a wrong field count).
     *
     * @return the column, or 0
     */
    public int column() {
        return column;
    }
}
