package io.github.chainrule.bench;

import jdk.incubator.vector.DoubleVector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the JVM's view of the machine a benchmark run is on, one {@code key: value} line each: processors,
 * the preferred vector width, the CPU model, the JVM. The side-by-side table puts it beside the figures,
 * since a figure means nothing without the machine it came from.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar io.github.chainrule.bench.MachineInfo
 * </pre>
 */
public final class MachineInfo {
    private MachineInfo() {
    }

    /**
     * Prints the lines.
     *
     * @param args ignored
     * @throws IOException if /proc/cpuinfo exists but cannot be read
     */
    public static void main(String[] args) throws IOException {
        System.out.println("processors: " + Runtime.getRuntime().availableProcessors());
        System.out.println("preferred vector: " + DoubleVector.SPECIES_PREFERRED.vectorBitSize() + " bits ("
                + DoubleVector.SPECIES_PREFERRED.length() + " doubles)");
        System.out.println("cpu: " + cpuModel());
        System.out.println("jvm: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println("max heap: " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB");
    }

    private static String cpuModel() throws IOException {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.exists(info)) {
            return System.getProperty("os.arch");
        }
        for (String line : Files.readAllLines(info)) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }
}
