package io.github.chainrule.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * The machine's memory bandwidth from one thread, on arrays far larger than the caches ({@value #BYTES}
 * bytes each): {@code read} sums one array (GB/s = BYTES / time), {@code copy} copies one into another with
 * {@code System.arraycopy} (GB/s = 2·BYTES / time, a read and a write). The limit of the workloads that
 * stream their data (W2 reads X, 20 MB, twice an iteration).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar MemoryBandwidth
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch", "-XX:G1HeapRegionSize=4m",
    "-XX:+UseTransparentHugePages"})   // why: bench/README.md, "JVM flags"
public class MemoryBandwidth {
    /** The size of each array: 400 MB, about twelve times a 32 MB L3. */
    public static final long BYTES = 400L * 1000 * 1000;
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private double[] source;
    private double[] target;

    /** Fills the arrays, touching every page before timing. */
    @Setup
    public void setUp() {
        source = new double[(int) (BYTES / Double.BYTES)];
        target = new double[source.length];
        Arrays.fill(source, 1.0);
        Arrays.fill(target, 2.0);
    }

    /**
     * Sums the source array with four vector accumulators.
     *
     * @return the sum
     */
    @Benchmark
    public double read() {
        DoubleVector s0 = DoubleVector.zero(SPECIES);
        DoubleVector s1 = s0;
        DoubleVector s2 = s0;
        DoubleVector s3 = s0;
        int step = SPECIES.length();
        int i = 0;
        for (; i + 4 * step <= source.length; i += 4 * step) {
            s0 = s0.add(DoubleVector.fromArray(SPECIES, source, i));
            s1 = s1.add(DoubleVector.fromArray(SPECIES, source, i + step));
            s2 = s2.add(DoubleVector.fromArray(SPECIES, source, i + 2 * step));
            s3 = s3.add(DoubleVector.fromArray(SPECIES, source, i + 3 * step));
        }
        double tail = 0;
        for (; i < source.length; i++) {
            tail += source[i];
        }
        return s0.add(s1).add(s2).add(s3).reduceLanes(VectorOperators.ADD) + tail;
    }

    /**
     * Copies the source array into the target.
     *
     * @return one copied value
     */
    @Benchmark
    public double copy() {
        System.arraycopy(source, 0, target, 0, source.length);
        return target[target.length / 2];
    }
}
