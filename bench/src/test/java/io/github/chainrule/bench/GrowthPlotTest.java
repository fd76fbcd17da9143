package io.github.chainrule.bench;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GrowthPlot reads JMH's JSON as JMH writes it and draws both curves. */
class GrowthPlotTest {

    private static String row(String benchmark, String params, double p50, String unit) {
        return "{\"benchmark\":\"io.github.chainrule.bench." + benchmark + "\",\"params\":{" + params + "},"
                + "\"primaryMetric\":{\"scoreUnit\":\"" + unit + "\",\"scorePercentiles\":{\"50.0\":" + p50 + "}}}";
    }

    @Test
    void medianIsConvertedToNanosecondsFromJmhsUnit() {
        assertEquals(1500.0, GrowthPlot.medianNanos(JsonParser.parseString(
                "{\"scoreUnit\":\"us/op\",\"scorePercentiles\":{\"50.0\":1.5}}").getAsJsonObject()));
        assertEquals(2e6, GrowthPlot.medianNanos(JsonParser.parseString(
                "{\"scoreUnit\":\"ms/op\",\"scorePercentiles\":{\"50.0\":2}}").getAsJsonObject()));
        assertThrows(IllegalArgumentException.class, () -> GrowthPlot.medianNanos(JsonParser.parseString(
                "{\"scoreUnit\":\"ops/s\",\"scorePercentiles\":{\"50.0\":2}}").getAsJsonObject()));
    }

    @Test
    void writesTheW1AndW3GrowthPictures(@TempDir Path dir) throws IOException {
        String json = "[" + String.join(",",
                row("W1ScalarGraph.chainrule", "\"nodes\":\"1000\"", 60.0, "us/op"),
                row("W1ScalarGraph.chainrule", "\"nodes\":\"10000\"", 900.0, "us/op"),
                row("W1ScalarGraph.javaValue", "\"nodes\":\"1000\"", 25.0, "us/op"),
                row("W1ScalarGraph.javaValue", "\"nodes\":\"10000\"", 260.0, "us/op"),
                row("W3MatMul.multiply", "\"impl\":\"chainrule\",\"n\":\"64\"", 0.01, "ms/op"),
                row("W3MatMul.multiply", "\"impl\":\"chainrule\",\"n\":\"128\"", 0.07, "ms/op")) + "]";
        Path results = dir.resolve("results.json");
        Files.writeString(results, json);
        GrowthPlot.main(new String[] {results.toString(), dir.toString()});
        for (String png : new String[] {"w1_growth.png", "w3_growth.png"}) {
            Path file = dir.resolve(png);
            assertTrue(Files.size(file) > 5_000, png + " should be a real picture");
            byte[] head = Files.readAllBytes(file);
            assertEquals((byte) 0x89, head[0]);
            assertEquals('P', head[1]);
        }
    }
}
