package io.github.chainrule.examples.plot;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Draws the examples' plots with XChart and writes them as PNG: cost curves, decision boundaries of 2-D
 * classifiers, bar charts and confusion matrices. Runs headless (no display needed).
 */
public final class Charts {
    /** Width of every chart, in pixels. */
    public static final int WIDTH = 800;
    /** Height of every chart, in pixels. */
    public static final int HEIGHT = 480;

    /** Red and blue as in the course's pictures: class 0 red, class 1 blue. */
    private static final Color RED = new Color(0xD7, 0x30, 0x27);
    private static final Color BLUE = new Color(0x31, 0x5F, 0xB4);
    private static final Color LIGHT_RED = new Color(0xF6, 0xC4, 0xB8);
    private static final Color LIGHT_BLUE = new Color(0xC3, 0xD5, 0xEE);

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * One curve of a line chart.
     *
     * @param name the legend text
     * @param x    the x values
     * @param y    the y values, as many as x
     */
    public record Series(String name, double[] x, double[] y) {
        /** Checks that the curve has as many x as y values and at least one point. */
        public Series {
            if (x.length != y.length || x.length == 0) {
                throw new IllegalArgumentException("chart series '" + name + "': " + x.length + " x values and "
                        + y.length + " y values (need the same number, at least one)");
            }
        }

        /**
         * A curve of a value recorded at every iteration (or epoch) 0, 1, ..., n − 1, drawn through the values
         * at every s-th iteration for a round step s (1, 2, 5, 10, 20, 50, ...) that leaves at most 25
         * points: the course's "cost every 100 iterations" plot. XChart puts its x ticks on data points, so
         * round sample positions give round tick labels.
         */
        public static Series sampled(String name, double[] y) {
            if (y.length == 0) {
                throw new IllegalArgumentException("chart series '" + name + "': no values");
            }
            long step = 1;
            for (long decade = 1; (y.length - 1) / step > 25; decade *= 10) {
                for (long m : new long[] {1, 2, 5}) {
                    step = m * decade;
                    if ((y.length - 1) / step <= 25) {
                        break;
                    }
                }
            }
            int k = (int) ((y.length - 1) / step) + 1;
            // The last value too, when it is off the grid: the curve then covers the whole run, as the log does.
            boolean last = (k - 1) * step != y.length - 1;
            double[] xs = new double[last ? k + 1 : k];
            double[] ys = new double[xs.length];
            for (int i = 0; i < k; i++) {
                xs[i] = i * step;
                ys[i] = y[(int) (i * step)];
            }
            if (last) {
                xs[k] = y.length - 1;
                ys[k] = y[y.length - 1];
            }
            return new Series(name, xs, ys);
        }

        /** A curve of values recorded every {@code every} iterations, starting at iteration 0. */
        public static Series every(String name, int every, double[] y) {
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (double) i * every;
            }
            return new Series(name, x, y);
        }
    }

    /** Returns row {@code i} of a (n, m) matrix as an array: coordinate i of each of the m points. */
    public static double[] row(io.github.chainrule.Tensor X, int i) {
        if (X.rank() != 2 || i < 0 || i >= X.shape().dim(0)) {
            throw new IllegalArgumentException("Charts.row: no row " + i + " in a tensor of shape " + X.shape());
        }
        int m = X.shape().dim(1);
        double[] out = new double[m];
        System.arraycopy(X.buffer(), i * m, out, 0, m);
        return out;
    }

    /** Classifies a batch of 2-D points (x1[i], x2[i]) into class indices. */
    @FunctionalInterface
    public interface PlaneClassifier {
        /** Returns the class of each point (x1[i], x2[i]). */
        int[] classify(double[] x1, double[] x2);
    }

    /** Draws curves on one line chart (optionally with a logarithmic y axis) and writes it as PNG. */
    public static Path lines(Path file, String title, String xLabel, String yLabel, List<Series> curves, boolean logY) {
        return save(lineChart(title, xLabel, yLabel, curves, logY), file);
    }

    /** Draws curves on one line chart (optionally with a logarithmic y axis), for {@link #grid} or a file. */
    public static XYChart lineChart(String title, String xLabel, String yLabel, List<Series> curves, boolean logY) {
        XYChart chart = new XYChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xLabel);
        chart.setYAxisTitle(yLabel);
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(7);
        chart.getStyler().setYAxisLogarithmic(logY);
        // Whole-number x values (iterations, epochs), without thousands separators: XChart spaces the ticks
        // evenly (not at round numbers), and short labels keep them from running into each other.
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        for (int i = 0; i < curves.size(); i++) {
            Series s = curves.get(i);
            if (logY && Arrays.stream(s.y()).anyMatch(v -> !(v > 0))) {
                throw new IllegalArgumentException("chart '" + title + "': series '" + s.name()
                        + "' has a value <= 0, which a logarithmic axis cannot show");
            }
            XYSeries series = chart.addSeries(s.name(), s.x(), s.y());
            // Curves that lie on top of each other (gradient descent under momentum) stay told apart: each has
            // its own line style, and, where the points are few enough to see, its own marker.
            series.setLineStyle(LINE_STYLES[i % LINE_STYLES.length]);
            series.setMarker(s.x().length <= 60 ? MARKERS[i % MARKERS.length] : SeriesMarkers.NONE);
        }
        return chart;
    }

    /** Draws the cost curves of one or more training runs ("cost" against "iteration") and writes them as PNG. */
    public static Path costCurves(Path file, String title, String xLabel, List<Series> curves) {
        return lines(file, title, xLabel, "cost", curves, false);
    }

    /**
     * Draws a 2-D binary classifier's decision regions (light red for class 0, light blue for class 1) with the
     * data points on top (red and blue) and writes it as PNG.
     *
     * @param x1     first coordinate of each data point
     * @param x2     second coordinate of each data point
     * @param labels class (0 or 1) of each data point
     */
    public static Path decisionBoundary(Path file, String title, PlaneClassifier classifier,
                                        double[] x1, double[] x2, int[] labels) {
        return save(decisionBoundaryChart(title, classifier, x1, x2, labels, WIDTH, HEIGHT), file);
    }

    /**
     * Returns the chart {@link #decisionBoundary} draws, of the given size in pixels, to save alone or in a
     * {@link #grid}.
     */
    public static XYChart decisionBoundaryChart(String title, PlaneClassifier classifier,
                                                double[] x1, double[] x2, int[] labels, int width, int height) {
        if (x1.length != x2.length || x1.length != labels.length) {
            throw new IllegalArgumentException("decisionBoundary '" + title + "': " + x1.length + " x1, " + x2.length
                    + " x2 and " + labels.length + " labels (need as many of each)");
        }
        double min1 = Arrays.stream(x1).min().orElse(-1) - 1;
        double max1 = Arrays.stream(x1).max().orElse(1) + 1;
        double min2 = Arrays.stream(x2).min().orElse(-1) - 1;
        double max2 = Arrays.stream(x2).max().orElse(1) + 1;
        int cells = 110;
        double[] g1 = new double[cells * cells];
        double[] g2 = new double[cells * cells];
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < cells; j++) {
                g1[i * cells + j] = min1 + (max1 - min1) * (j + 0.5) / cells;
                g2[i * cells + j] = min2 + (max2 - min2) * (i + 0.5) / cells;
            }
        }
        int[] regions = classifier.classify(g1, g2);

        XYChart chart = new XYChart(width, height);
        chart.setTitle(title);
        chart.setXAxisTitle("x1");
        chart.setYAxisTitle("x2");
        style(chart.getStyler());
        boolean small = width < WIDTH;
        chart.getStyler().setLegendVisible(!small);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisMin(min1).setXAxisMax(max1).setYAxisMin(min2).setYAxisMax(max2);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setPlotContentSize(1.0);   // the regions reach the plot's border
        // Cells a little larger than their spacing, so that the regions are filled without gaps.
        double cellPixels = 1.25 * Math.max(width, height) / cells;
        addClass(chart, "region y = 0", g1, g2, regions, 0, new Cell(cellPixels), LIGHT_RED);
        addClass(chart, "region y = 1", g1, g2, regions, 1, new Cell(cellPixels), LIGHT_BLUE);
        addClass(chart, "y = 0", x1, x2, labels, 0, new Dot(small ? 5 : 7), RED);
        addClass(chart, "y = 1", x1, x2, labels, 1, new Dot(small ? 5 : 7), BLUE);
        return chart;
    }

    /** Writes several charts of the same size as one PNG, {@code columns} charts per row, every row full. */
    public static Path grid(Path file, List<? extends Chart<?, ?>> charts, int columns) {
        if (charts.isEmpty() || columns <= 0 || charts.size() % columns != 0) {
            throw new IllegalArgumentException("grid: needs a positive number of charts that fills rows of " + columns
                    + " columns, got " + charts.size() + " charts");
        }
        int rows = (charts.size() + columns - 1) / columns;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                BitmapEncoder.saveBitmap(charts, rows, columns, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("grid: cannot write " + file.toAbsolutePath(), e);
        }
        return file;
    }

    private static void addClass(XYChart chart, String name, double[] x1, double[] x2, int[] labels, int label,
                                 Marker marker, Color color) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                xs.add(x1[i]);
                ys.add(x2[i]);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(marker);
        s.setMarkerColor(color);
    }

    /**
     * Draws bars: one group per category, one bar per series in each group, and writes it as PNG.
     *
     * @param categories the group names along the x axis
     * @param names      the series names (legend)
     * @param values     values[s][c]: series s, category c
     */
    public static Path bars(Path file, String title, String xLabel, String yLabel, List<String> categories,
                            List<String> names, double[][] values, double yMin, double yMax) {
        if (names.size() != values.length) {
            throw new IllegalArgumentException("bars '" + title + "': " + names.size() + " names but " + values.length + " series");
        }
        CategoryChart chart = new CategoryChart(WIDTH, HEIGHT);
        chart.setTitle(title);
        chart.setXAxisTitle(xLabel);
        chart.setYAxisTitle(yLabel);
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(yMin).setYAxisMax(yMax);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setYAxisDecimalPattern("0.###");
        for (int s = 0; s < values.length; s++) {
            if (values[s].length != categories.size()) {
                throw new IllegalArgumentException("bars '" + title + "': series '" + names.get(s) + "' has "
                        + values[s].length + " values for " + categories.size() + " categories");
            }
            List<Double> ys = new ArrayList<>();
            for (double v : values[s]) {
                ys.add(v);
            }
            CategorySeries series = chart.addSeries(names.get(s), categories, ys);
            series.setFillColor(PALETTE[s % PALETTE.length]);
        }
        return save(chart, file);
    }

    /**
     * Draws a confusion matrix as a heat map with the counts written in the cells (true class down, predicted
     * class across) and writes it as PNG.
     *
     * @param counts counts[t][p]: examples of true class t predicted as p
     */
    public static Path confusionMatrix(Path file, String title, int[][] counts, List<String> classNames) {
        int k = counts.length;
        if (classNames.size() != k) {
            throw new IllegalArgumentException("confusionMatrix '" + title + "': " + k + " classes but "
                    + classNames.size() + " names");
        }
        // The builder, not the (width, height) constructor: only the builder sets up the heat map's styler fully.
        HeatMapChart chart = new HeatMapChartBuilder().width(WIDTH).height(WIDTH - 60).build();
        chart.setTitle(title);
        chart.setXAxisTitle("predicted class");
        chart.setYAxisTitle("true class");
        style(chart.getStyler());
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x9E, 0xCA, 0xE1), new Color(0x21, 0x71, 0xB5)});
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setPlotGridLinesVisible(false);
        // Room for every class's tick label (XChart leaves out labels it thinks too close).
        chart.getStyler().setXAxisTickMarkSpacingHint(20);
        chart.getStyler().setYAxisTickMarkSpacingHint(20);
        int max = 1;
        List<Number[]> heat = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            if (counts[t].length != k) {
                throw new IllegalArgumentException("confusionMatrix '" + title + "': row " + t + " has "
                        + counts[t].length + " counts, expected " + k);
            }
            for (int p = 0; p < k; p++) {
                // The y axis grows upwards; put true class 0 at the top, as confusion matrices are read.
                heat.add(new Number[] {p, k - 1 - t, counts[t][p]});
                max = Math.max(max, counts[t][p]);
            }
        }
        List<String> reversed = new ArrayList<>(classNames);
        java.util.Collections.reverse(reversed);
        chart.getStyler().setMin(0).setMax(max);
        chart.addSeries("counts", classNames, reversed, heat);
        return save(chart, file);
    }

    private static final Color[] PALETTE = {
        new Color(0x4C, 0x72, 0xB0), new Color(0xDD, 0x84, 0x52), new Color(0x55, 0xA8, 0x68),
        new Color(0xC4, 0x4E, 0x52), new Color(0x81, 0x72, 0xB3), new Color(0x93, 0x78, 0x60),
    };

    private static final java.awt.BasicStroke[] LINE_STYLES = {
        org.knowm.xchart.style.lines.SeriesLines.SOLID, org.knowm.xchart.style.lines.SeriesLines.DASH_DASH,
        org.knowm.xchart.style.lines.SeriesLines.DOT_DOT, org.knowm.xchart.style.lines.SeriesLines.DASH_DOT,
    };
    private static final org.knowm.xchart.style.markers.Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.DIAMOND, SeriesMarkers.SQUARE, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS,
    };

    private static void style(org.knowm.xchart.style.AxesChartStyler styler) {
        // "0.05", not XChart's default ".05"; whole numbers stay whole ("1", not "1.0").
        styler.setYAxisDecimalPattern("0.####");
        styler.setXAxisDecimalPattern("0.####");
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(true);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setAntiAlias(true);
        styler.setSeriesColors(PALETTE);
    }

    private static Path save(Chart<?, ?> chart, Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("chart '" + chart.getTitle() + "': cannot write " + file.toAbsolutePath(), e);
        }
        return file;
    }

    /** A filled square of a fixed size in pixels, to tile decision regions. */
    private static final class Cell extends Marker {
        private final double size;

        Cell(double size) {
            this.size = size;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            g.fill(new Rectangle2D.Double(x - size / 2, y - size / 2, size, size));
        }
    }

    /** A filled circle with a dark rim, drawn at a fixed size so that it stands out over the regions. */
    private static final class Dot extends Marker {
        private final double size;

        Dot(double size) {
            this.size = size;
        }

        @Override
        public void paint(Graphics2D g, double x, double y, int markerSize) {
            Ellipse2D circle = new Ellipse2D.Double(x - size / 2, y - size / 2, size, size);
            g.fill(circle);
            Color fill = g.getColor();
            g.setColor(fill.darker().darker());
            g.setStroke(new BasicStroke(0.8f));
            g.draw(circle);
            g.setColor(fill);
        }
    }
}
