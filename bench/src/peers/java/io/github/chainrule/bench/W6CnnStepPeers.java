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
 * W6's peer (profile {@code -Ppeers}): one LeNet-5 SGD step on a batch of 64, in ms, on the images and initial
 * parameters of {@link W6CnnStep}. {@code djl} is PyTorch via DJL (libtorch's conv and pooling kernels,
 * {@code GradientCollector}, SGD by hand).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
    "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch", "-XX:G1HeapRegionSize=4m",
    "-XX:+UseTransparentHugePages"})   // as ours: bench/README.md, "JVM flags"
public class W6CnnStepPeers {
    /** Which peer trains (named apart from our benchmarks' {@code impl}). */
    @Param({"djl"})
    public String peer;

    private DjlCnnStep djl;

    /** Copies W6CnnStep's batch and parameters into the peer. */
    @Setup(Level.Trial)
    public void setUp() {
        if (!peer.equals("djl")) {
            throw new IllegalArgumentException("W6CnnStepPeers: unknown peer " + peer + " (djl)");
        }
        djl = new DjlCnnStep(new CnnStep(64));
    }

    /** One step; returns the cost before the update. */
    @Benchmark
    public double step() {
        return djl.step();
    }

    /** Frees DJL's native arrays. */
    @TearDown(Level.Trial)
    public void tearDown() {
        djl.close();
    }
}
