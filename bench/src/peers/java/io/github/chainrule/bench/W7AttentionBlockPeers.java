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
 * W7's peer (profile {@code -Ppeers}): one iteration of the attention block (batch 8, sequence 128, width 64, 4 heads)
 * in ms, on the x and W of {@link W7AttentionBlock}. {@code djl} is PyTorch via DJL (batched matmul and softmax
 * on libtorch, {@code GradientCollector}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
    "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch", "-XX:G1HeapRegionSize=4m",
    "-XX:+UseTransparentHugePages"})   // as ours: bench/README.md, "JVM flags"
public class W7AttentionBlockPeers {
    /** Which peer trains (named apart from our benchmarks' {@code impl}). */
    @Param({"djl"})
    public String peer;

    private DjlAttentionBlock djl;

    /** Copies W7AttentionBlock's x and W into the peer. */
    @Setup(Level.Trial)
    public void setUp() {
        if (!peer.equals("djl")) {
            throw new IllegalArgumentException("W7AttentionBlockPeers: unknown peer " + peer + " (djl)");
        }
        djl = new DjlAttentionBlock(new AttentionBlock(8, 128, 64, 4));
    }

    /** One iteration; returns the loss. */
    @Benchmark
    public double iteration() {
        return djl.iteration();
    }

    /** Frees DJL's native arrays. */
    @TearDown(Level.Trial)
    public void tearDown() {
        djl.close();
    }
}
