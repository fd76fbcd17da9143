package io.github.chainrule.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * W7, a multi-head self-attention block (batch 8, sequence 128, width 64, 4 heads), float64: forward,
 * the loss mean(out²) and backward to the four projection weights, in ms per iteration
 * ({@code ../shared/peers/WORKLOADS.md}; the block is {@link AttentionBlock}'s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch", "-XX:G1HeapRegionSize=4m",
    "-XX:+UseTransparentHugePages"})   // why: bench/README.md, "JVM flags"
public class W7AttentionBlock {
    private AttentionBlock block;

    /** Draws x and the weights once. */
    @Setup(Level.Trial)
    public void setUp() {
        block = new AttentionBlock(8, 128, 64, 4);
    }

    /** One iteration; returns the loss. */
    @Benchmark
    public double iteration() {
        return block.iteration();
    }

    /** Runs iterations in a loop for a profiler: {@code java -cp benchmarks.jar io.github.chainrule.bench.W7AttentionBlock [n]}. */
    public static void main(String[] args) {
        AttentionBlock block = new AttentionBlock(8, 128, 64, 4);
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long t0 = System.nanoTime();
        long cpu0 = WorkClock.cpuNanos();
        for (int i = 1; i <= n; i++) {
            block.iteration();
            if (i % 200 == 0) {
                long cpu = WorkClock.cpuNanos();
                System.out.printf("W7 %d iterations: %.3f ms/iteration wall, %.3f ms/iteration of CPU (this thread and the pool's workers, their spinning included)%n",
                        i, (System.nanoTime() - t0) / 1e6 / 200, (cpu - cpu0) / 1e6 / 200);
                t0 = System.nanoTime();
                cpu0 = cpu;
            }
        }
    }
}
