package io.github.chainrule.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Draws how cost grows with size from a JMH JSON result file: W1's nanoseconds per node against the number
 * of nodes, and W3's GFLOP/s against the matrix size, one line per implementation, medians (p50).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar "W1ScalarGraph|W3MatMul" -rf json -rff growth.json
 * java -cp bench/target/benchmarks.jar io.github.chainrule.bench.GrowthPlot growth.json docs/images [peers.jsonl]
 * </pre>
 * The optional third file holds the Python peers' JSON lines ({@code bench/peers/timing.py}); their W3 records
 * with an {@code n} become lines of their own on the W3 chart. {@code bench/run-growth.sh} runs all of it.
 */
public final class GrowthPlot {
    private GrowthPlot() {
    }

    /**
     * Reads the JMH JSON file {@code args[0]} (and the peers' JSON lines {@code args[2]}, if given) and writes
     * {@code w1_growth.png} and {@code w3_growth.png} into the folder {@code args[1]} (default: the current folder).
     *
     * @param args the JMH result file, the output folder and the peers' results file
     * @throws IOException when a file cannot be read or a picture written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: GrowthPlot RESULTS.json [OUTPUT_DIR [PEERS.jsonl]]");
            System.exit(2);
        }
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args.length > 1 ? args[1] : ".");
        Files.createDirectories(out);
        JsonArray rows;
        try (Reader r = Files.newBufferedReader(Path.of(args[0]))) {
            rows = JsonParser.parseReader(r).getAsJsonArray();
        }
        // series name -> (size -> metric)
        Map<String, TreeMap<Integer, Double>> w1 = new TreeMap<>();
        Map<String, TreeMap<Integer, Double>> w3 = new TreeMap<>();
        for (JsonElement e : rows) {
            JsonObject row = e.getAsJsonObject();
            String[] name = row.get("benchmark").getAsString().split("\\.");
            String bench = name[name.length - 2];
            String method = name[name.length - 1];
            JsonObject params = row.has("params") ? row.getAsJsonObject("params") : new JsonObject();
            double nanos = medianNanos(row.getAsJsonObject("primaryMetric"));
            if (bench.equals("W1ScalarGraph") && params.has("nodes")) {
                int nodes = params.get("nodes").getAsInt();
                w1.computeIfAbsent(method.equals("javaValue") ? "bare Java object graph" : "chainrule",
                        k -> new TreeMap<>()).put(nodes, nanos / nodes);
            } else if (bench.equals("W3MatMul") && params.has("n")) {
                int n = params.get("n").getAsInt();
                w3.computeIfAbsent(params.get("impl").getAsString(), k -> new TreeMap<>())
                        .put(n, 2.0 * n * (double) n * n / nanos);
            }
        }
        if (args.length > 2) {
            for (String line : Files.readAllLines(Path.of(args[2]))) {
                if (line.isBlank()) {
                    continue;
                }
                JsonObject rec = JsonParser.parseString(line).getAsJsonObject();
                if (rec.get("workload").getAsString().equals("W3") && rec.has("n")) {
                    int n = rec.get("n").getAsInt();
                    double seconds = rec.get("median").getAsDouble();
                    w3.computeIfAbsent(rec.get("peer").getAsString(), k -> new TreeMap<>())
                            .put(n, 2.0 * n * (double) n * n / seconds / 1e9);
                }
            }
        }
        List<Path> written = new ArrayList<>();
        if (!w1.isEmpty()) {
            written.add(write(chart("W1: scalar graph, build + backward (median)", "nodes in the chain",
                    "ns per node", w1, false), out.resolve("w1_growth.png")));   // within a decade: a log axis would have no labels
        }
        if (!w3.isEmpty()) {
            written.add(write(chart("W3: n×n by n×n matmul, double (median)", "n", "GFLOP/s", w3, false),
                    out.resolve("w3_growth.png")));
        }
        written.forEach(p -> System.out.println("wrote " + p));
    }

    /** Returns the median time of one operation in nanoseconds, from JMH's percentiles and unit. */
    static double medianNanos(JsonObject metric) {
        double p50 = metric.getAsJsonObject("scorePercentiles").get("50.0").getAsDouble();
        String unit = metric.get("scoreUnit").getAsString();
        switch (unit) {
            case "ns/op": return p50;
            case "us/op": return p50 * 1e3;
            case "ms/op": return p50 * 1e6;
            case "s/op": return p50 * 1e9;
            default: throw new IllegalArgumentException("GrowthPlot: unexpected JMH unit " + unit
                    + "; run the benchmarks in a time mode (SampleTime or SingleShotTime)");
        }
    }

    private static XYChart chart(String title, String xTitle, String yTitle, Map<String, TreeMap<Integer, Double>> series,
                                 boolean logY) {
        XYChart chart = new XYChartBuilder().width(800).height(480).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(logY);
        if (!logY) {
            chart.getStyler().setYAxisMin(0.0);   // a linear axis from zero, so heights compare as ratios
        }
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        series.forEach((name, points) -> {
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            points.forEach((size, value) -> {
                x.add(size.doubleValue());
                y.add(value);
            });
            chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE);
        });
        return chart;
    }

    private static Path write(XYChart chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
