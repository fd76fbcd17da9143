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
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * Loads a labelled dataset from a CSV file. Files whose name ends in {@code .gz} are gunzipped.
 *
 * <p>{@link #load(Path)} reads the layout of the project's data folder: one header line of column names, then
 * one example per line, numbers in plain decimal separated by commas, and a last column {@code label} holding
 * the class index (0, 1, ...). {@link #reader()} reads the CSVs users have: with a header or without, the label
 * in any column chosen by name or by index, and labels that are class indices or text mapped to them:
 * <pre>{@code
 * LabeledData iris = Csv.reader().labelColumn("species").textLabels().load(Path.of("iris.csv"));
 * iris.classNames();                                  // [setosa, versicolor, virginica]: class 0, 1, 2
 * LabeledData raw = Csv.reader().noHeader().labelColumn(0).load(Path.of("digits.csv"));
 * }</pre>
 *
 * <p>Rows become COLUMNS of X, the course's layout: the file's row i is example i, X[:, i].
 * Any problem (a missing or non-numeric value, a wrong number of fields, a label that is not a
 * non-negative integer) throws a {@link CsvFormatException} naming the file, line and column.
 */
public final class Csv {
    /** The name the last column must have for {@link #load(Path)}, and the label column a reader looks for by default. */
    public static final String LABEL_COLUMN = "label";

    private Csv() {
    }

    /**
     * Reads the CSV file at {@code path} (gzip-compressed if its name ends in {@code .gz}) in the data folder's
     * layout: a header, and a last column named {@code label} of class indices.
     *
     * @param path the file
     * @return the examples as columns of X, with their labels
     * @throws CsvFormatException if the contents are malformed, naming file, line and column
     * @throws IOException        if the file cannot be read
     */
    public static LabeledData load(Path path) throws IOException {
        return new Reader().load(path);
    }

    /**
     * Reads CSV text from {@code in} (not closed) in the data folder's layout, naming it {@code source} in error
     * messages.
     *
     * @param in     the CSV text
     * @param source the name to give it in messages
     * @return the examples as columns of X, with their labels
     * @throws CsvFormatException if the contents are malformed
     * @throws IOException        if reading fails
     */
    public static LabeledData read(InputStream in, String source) throws IOException {
        return new Reader().read(in, source);
    }

    /**
     * Returns a reader with the defaults of {@link #load(Path)} (a header; the last column, named
     * {@code label}, holds class indices), to change with its methods.
     *
     * @return a new reader
     */
    public static Reader reader() {
        return new Reader();
    }

    /**
     * Reads CSV files of a chosen layout. Each method changes this reader and returns it, for chaining; a reader
     * can then load any number of files.
     */
    public static final class Reader {
        private boolean header = true;
        private String labelName;        // by name; with labelIndex null too: the last column, named "label"
        private Integer labelIndex;      // by 0-based index; negative counts from the end (-1 is the last)
        private boolean textLabels;

        private Reader() {
        }

        /**
         * Says the file has no header line: the first line is an example, and features are named
         * {@code "column1"}, {@code "column2"}, ... by their 1-based column. The label column must then be chosen
         * by index (by default the last column).
         *
         * @return this reader
         */
        public Reader noHeader() {
            this.header = false;
            return this;
        }

        /**
         * Takes the labels from the column with this header name, wherever it is.
         *
         * @param name the label column's name in the header
         * @return this reader
         * @throws IllegalArgumentException if {@code name} is null or empty
         */
        public Reader labelColumn(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("Csv.Reader.labelColumn: name must not be null or empty");
            }
            this.labelName = name;
            this.labelIndex = null;
            return this;
        }

        /**
         * Takes the labels from the column at this 0-based index; a negative index counts from the end, so -1 is
         * the last column.
         *
         * @param index the label column's index
         * @return this reader
         */
        public Reader labelColumn(int index) {
            this.labelIndex = index;
            this.labelName = null;
            return this;
        }

        /**
         * Reads labels as text, such as {@code setosa} or {@code cat}, and maps them to class indices in sorted
         * order of the distinct texts (0 for the first); {@link LabeledData#classNames()} gives the mapping.
         * Without it, labels must be non-negative integers.
         *
         * @return this reader
         */
        public Reader textLabels() {
            this.textLabels = true;
            return this;
        }

        /**
         * Reads the CSV file at {@code path} (gzip-compressed if its name ends in {@code .gz}).
         *
         * @param path the file
         * @return the examples as columns of X, with their labels
         * @throws IllegalArgumentException if {@code path} is null
         * @throws CsvFormatException       if the contents are malformed, naming file, line and column
         * @throws IOException              if the file cannot be read
         */
        public LabeledData load(Path path) throws IOException {
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
         * @param in     the CSV text
         * @param source the name to give it in messages
         * @return the examples as columns of X, with their labels
         * @throws CsvFormatException if the contents are malformed
         * @throws IOException        if reading fails
         */
        public LabeledData read(InputStream in, String source) throws IOException {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
            String first = reader.readLine();
            if (first == null || stripCr(first).isEmpty()) {
                throw new CsvFormatException(source, 1, 0, null, header ? "no header line (the file is empty)"
                        : "no data (the file is empty)");
            }
            String[] firstFields = split(stripCr(first));
            int columns = firstFields.length;
            String[] names = header ? trimmed(firstFields) : generatedNames(columns);
            int labelAt = labelColumnOf(source, names);
            if (columns < 2) {
                throw new CsvFormatException(source, 1, 0, null, "needs at least one feature column besides '"
                        + names[labelAt] + "'");
            }
            int features = columns - 1;
            List<String> featureNames = new ArrayList<>(Arrays.asList(names));
            featureNames.remove(labelAt);
            List<double[]> rows = new ArrayList<>();
            List<String> labelTexts = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            int lineNo = header ? 1 : 0;    // the number of the line in hand: the header is line 1
            String line = header ? reader.readLine() : first;
            while (line != null) {
                lineNo++;
                line = stripCr(line);
                double[] row = new double[features];
                int field = 0;
                int start = 0;
                while (true) {
                    int comma = line.indexOf(',', start);
                    int end = comma < 0 ? line.length() : comma;
                    if (field >= columns) {
                        throw new CsvFormatException(source, lineNo, 0, null, "has more than the "
                                + (header ? "header's " : "first line's ") + columns + " fields");
                    }
                    String text = line.substring(start, end).trim();
                    if (field == labelAt) {
                        if (textLabels) {
                            if (text.isEmpty()) {
                                throw new CsvFormatException(source, lineNo, field + 1, names[field], "missing value");
                            }
                            labelTexts.add(text);
                        } else {
                            labels.add(label(source, lineNo, field, names[field], text, parseLabel(source, lineNo,
                                    field, names[field], text)));
                        }
                    } else {
                        row[field < labelAt ? field : field - 1] = parse(source, lineNo, field, names[field], text);
                    }
                    field++;
                    if (comma < 0) {
                        break;
                    }
                    start = comma + 1;
                }
                if (field < columns) {
                    throw new CsvFormatException(source, lineNo, field + 1, names[field], "missing value: the line has "
                            + field + " fields but the " + (header ? "header has " : "first line has ") + columns);
                }
                rows.add(row);
                line = reader.readLine();
            }
            Tensor x = toColumns(rows, features);
            if (!textLabels) {
                return new LabeledData(x, labels.stream().mapToInt(Integer::intValue).toArray(), featureNames);
            }
            List<String> classNames = new ArrayList<>(new TreeSet<>(labelTexts));
            int[] indices = new int[labelTexts.size()];
            for (int j = 0; j < indices.length; j++) {
                indices[j] = java.util.Collections.binarySearch(classNames, labelTexts.get(j));
            }
            return new LabeledData(x, indices, featureNames, classNames);
        }

        private int labelColumnOf(String source, String[] names) throws CsvFormatException {
            int columns = names.length;
            if (labelName != null) {
                if (!header) {
                    throw new CsvFormatException(source, 1, 0, null, "the label column is chosen by name ('"
                            + labelName + "') but the file has no header: choose it by index");
                }
                int at = Arrays.asList(names).indexOf(labelName);
                if (at < 0) {
                    throw new CsvFormatException(source, 1, 0, null, "no column named '" + labelName
                            + "' for the labels; the header has " + Arrays.toString(names));
                }
                return at;
            }
            if (labelIndex != null) {
                int at = labelIndex < 0 ? columns + labelIndex : labelIndex;
                if (at < 0 || at >= columns) {
                    throw new CsvFormatException(source, 1, 0, null, "label column index " + labelIndex
                            + " is outside the line's " + columns + " columns");
                }
                return at;
            }
            // The data folder's layout: the last column, named "label" when there is a header.
            if (header && !names[columns - 1].equals(LABEL_COLUMN)) {
                throw new CsvFormatException(source, 1, columns, names[columns - 1],
                        "the last column must be named '" + LABEL_COLUMN + "'");
            }
            return columns - 1;
        }
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

    private static double parseLabel(String source, int line, int field, String name, String text)
            throws CsvFormatException {
        try {
            return parse(source, line, field, name, text);
        } catch (CsvFormatException e) {
            if (text.isEmpty()) {
                throw e;
            }
            throw new CsvFormatException(source, line, field + 1, name, "not a number: '" + text
                    + "'; for labels given as text, read with Csv.reader().textLabels()");
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

    private static String[] trimmed(String[] fields) {
        String[] out = new String[fields.length];
        for (int i = 0; i < fields.length; i++) {
            out[i] = fields[i].trim();
        }
        return out;
    }

    private static String[] generatedNames(int columns) {
        String[] out = new String[columns];
        for (int i = 0; i < columns; i++) {
            out[i] = "column" + (i + 1);
        }
        return out;
    }

    private static String[] split(String line) {
        return line.split(",", -1);
    }

    private static String stripCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
