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
 * W6, a LeNet-5-shaped CNN training step on a batch of 64 images (1, 28, 28), float64: forward, softmax
 * cross-entropy, backward and an SGD update of every weight and bias, in ms per step
 * ({@code ../shared/peers/WORKLOADS.md}; the network is {@link CnnStep}'s).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch", "-XX:G1HeapRegionSize=4m",
    "-XX:+UseTransparentHugePages"})   // why: bench/README.md, "JVM flags"
public class W6CnnStep {
    private CnnStep net;

    /** Draws the batch and the parameters once. */
    @Setup(Level.Trial)
    public void setUp() {
        net = new CnnStep(64);
    }

    /** One training step; returns the cost before the update. */
    @Benchmark
    public double step() {
        return net.step();
    }

    /** Runs steps in a loop for a profiler: {@code java -cp benchmarks.jar io.github.chainrule.bench.W6CnnStep [steps]}. */
    public static void main(String[] args) {
        CnnStep net = new CnnStep(64);
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        long t0 = System.nanoTime();
        long cpu0 = WorkClock.cpuNanos();
        for (int i = 1; i <= steps; i++) {
            net.step();
            if (i % 200 == 0) {
                long cpu = WorkClock.cpuNanos();
                System.out.printf("W6 %d steps: %.3f ms/step wall, %.3f ms/step of CPU (this thread and the pool's workers, their spinning included)%n",
                        i, (System.nanoTime() - t0) / 1e6 / 200, (cpu - cpu0) / 1e6 / 200);
                t0 = System.nanoTime();
                cpu0 = cpu;
            }
        }
    }
}
