package io.github.chainrule.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * W1's peer (profile {@code -Ppeers}): the scalar chain of {@link W1ScalarGraph} built and differentiated
 * by PyTorch via DJL, 0-d FLOAT64 NDArrays and a {@code GradientCollector}; ns per node = time per op /
 * nodes. Only 100,000 nodes by default: at ~20 µs per node, 10⁶ nodes take 20 s per op
 * ({@code -p nodes=...} sets this and W1ScalarGraph's size together).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
    "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch", "-XX:G1HeapRegionSize=4m",
    "-XX:+UseTransparentHugePages"})   // as ours: bench/README.md, "JVM flags"
public class W1ScalarGraphPeers {
    /** The number of op nodes in the chain (half mul, half add). */
    @Param({"100000"})
    public int nodes;

    private DjlScalarChain chain;

    /** Creates the leaves once, outside the timed region, with the values W1ScalarGraph uses. */
    @Setup(Level.Trial)
    public void setUp() {
        chain = new DjlScalarChain(new ScalarChain(nodes));
    }

    /** PyTorch via DJL: build the chain, backward; returns d x_K / d c_(K−1) (the number of runs so far). */
    @Benchmark
    public double djl() {
        return chain.run();
    }

    /** Frees the leaves' native arrays. */
    @TearDown(Level.Trial)
    public void tearDown() {
        chain.close();
    }
}
