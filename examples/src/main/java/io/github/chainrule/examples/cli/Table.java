package io.github.chainrule.examples.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds the plain-text summary table a program prints at its end, with columns padded to line up. */
public final class Table {
    private final String title;
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    /** Starts a table with a title line and the given column headers. */
    public Table(String title, String... headers) {
        if (headers.length == 0) {
            throw new IllegalArgumentException("table '" + title + "': needs at least one column");
        }
        this.title = title;
        this.headers = headers.clone();
    }

    /** Adds a row; it must have one cell per column. */
    public Table row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("table '" + title + "': row has " + cells.length
                    + " cells but the table has " + headers.length + " columns " + Arrays.toString(headers));
        }
        String[] row = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            row[i] = String.valueOf(cells[i]);
        }
        rows.add(row);
        return this;
    }

    /** Returns the number of rows added so far. */
    public int rowCount() {
        return rows.size();
    }

    /** Returns the table as text: title, header, a rule, then the rows; text left-aligned, numbers right-aligned. */
    @Override
    public String toString() {
        int[] width = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            width[c] = headers[c].length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        StringBuilder sb = new StringBuilder(title).append('\n');
        line(sb, headers, width);
        String[] rule = new String[headers.length];
        for (int c = 0; c < rule.length; c++) {
            rule[c] = "-".repeat(width[c]);
        }
        line(sb, rule, width);
        for (String[] row : rows) {
            line(sb, row, width);
        }
        return sb.toString().stripTrailing();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width) {
        for (int c = 0; c < cells.length; c++) {
            String cell = cells[c];
            String pad = " ".repeat(width[c] - cell.length());
            sb.append(c == 0 ? "" : "  ").append(isNumber(cell) ? pad + cell : cell + pad);
        }
        // No spaces after the last column.
        while (sb.length() > 0 && sb.charAt(sb.length() - 1) == ' ') {
            sb.setLength(sb.length() - 1);
        }
        sb.append('\n');
    }

    private static boolean isNumber(String cell) {
        return cell.matches("[-+]?[0-9.,]+(e[-+]?[0-9]+)?\\s*%?");
    }
}
