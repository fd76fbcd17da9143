package io.github.chainrule.nn.data;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Loads a labelled dataset from a CSV file in the layout of the project's data folder: one header line of
 * column names, then one example per line, numbers in plain decimal separated by commas, and a last column
 * {@code label} holding the class index (0, 1, ...). Files whose name ends in {@code .gz} are gunzipped.
 *
 * <p>Rows become COLUMNS of X, the course's layout: the file's row i is example i, X[:, i].
 * Any problem (a missing or non-numeric value, a wrong number of fields, a label that is not a
 * non-negative integer) throws a {@link CsvFormatException} naming the file, line and column.
 */
public final class Csv {
    /** The name the last column must have. */
    public static final String LABEL_COLUMN = "label";

    private Csv() {
    }

    /**
     * Reads the CSV file at {@code path} (gzip-compressed if its name ends in {@code .gz}).
     *
     * @throws CsvFormatException if the contents are malformed, naming file, line and column
     * @throws IOException        if the file cannot be read
     */
    public static LabeledData load(Path path) throws IOException {
        if (path == null) {
            throw new IllegalArgumentException("Csv.load: path must not be null");
        }
        try (InputStream raw = Files.newInputStream(path);
             InputStream in = path.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw) {
            return read(in, path.toString());
        }
    }

    /**
     * Reads CSV text from {@code in} (not closed), naming it {@code source} in error messages.
     *
     * @throws CsvFormatException if the contents are malformed
     * @throws IOException        if reading fails
     */
    public static LabeledData read(InputStream in, String source) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII), 1 << 16);
        String header = reader.readLine();
        if (header == null || stripCr(header).isEmpty()) {
            throw new CsvFormatException(source, 1, 0, null, "no header line (the file is empty)");
        }
        String[] names = split(stripCr(header));
        int columns = names.length;
        if (!names[columns - 1].trim().equals(LABEL_COLUMN)) {
            throw new CsvFormatException(source, 1, columns, names[columns - 1],
                    "the last column must be named '" + LABEL_COLUMN + "'");
        }
        if (columns < 2) {
            throw new CsvFormatException(source, 1, 0, null, "needs at least one feature column before '"
                    + LABEL_COLUMN + "'");
        }
        int features = columns - 1;
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int lineNo = 1;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            line = stripCr(line);
            double[] row = new double[features];
            int field = 0;
            int start = 0;
            while (true) {
                int comma = line.indexOf(',', start);
                int end = comma < 0 ? line.length() : comma;
                if (field >= columns) {
                    throw new CsvFormatException(source, lineNo, 0, null, "has more than the header's "
                            + columns + " fields");
                }
                String text = line.substring(start, end).trim();
                double value = parse(source, lineNo, field, names[field], text);
                if (field < features) {
                    row[field] = value;
                } else {
                    labels.add(label(source, lineNo, field, names[field], text, value));
                }
                field++;
                if (comma < 0) {
                    break;
                }
                start = comma + 1;
            }
            if (field < columns) {
                throw new CsvFormatException(source, lineNo, field + 1, names[field], "missing value: the line has "
                        + field + " fields but the header has " + columns);
            }
            rows.add(row);
        }
        return new LabeledData(toColumns(rows, features), labels.stream().mapToInt(Integer::intValue).toArray(),
                Arrays.asList(Arrays.copyOf(names, features)));
    }

    private static double parse(String source, int line, int field, String name, String text) throws CsvFormatException {
        if (text.isEmpty()) {
            throw new CsvFormatException(source, line, field + 1, name, "missing value");
        }
        try {
            double v = Double.parseDouble(text);
            // parseDouble also takes "NaN", "Infinity" and "1d"; a data file should hold plain finite numbers.
            if (!Double.isFinite(v) || !Character.isDigit(text.charAt(text.length() - 1))) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new CsvFormatException(source, line, field + 1, name, "not a number: '" + text + "'");
        }
    }

    private static int label(String source, int line, int field, String name, String text, double value)
            throws CsvFormatException {
        if (value < 0 || value != Math.rint(value) || value > Integer.MAX_VALUE) {
            throw new CsvFormatException(source, line, field + 1, name,
                    "a label must be a non-negative integer class index, got '" + text + "'");
        }
        return (int) value;
    }

    private static Tensor toColumns(List<double[]> rows, int features) {
        int m = rows.size();
        double[] x = new double[features * m];
        for (int j = 0; j < m; j++) {
            double[] row = rows.get(j);
            for (int i = 0; i < features; i++) {
                x[i * m + j] = row[i];
            }
        }
        return Tensor.wrap(x, Shape.of(features, m));
    }

    private static String[] split(String header) {
        return header.split(",", -1);
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
