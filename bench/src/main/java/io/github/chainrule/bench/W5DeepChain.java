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
 * W5, a chain of 1,000,000 scalar nodes: backward completes on the benchmark thread's default stack
 * (no recursion anywhere). Time per op / 1,000,000 = ns per node; {@link #main} measures the retained
 * heap per node.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch", "-XX:G1HeapRegionSize=4m",
    "-XX:+UseTransparentHugePages"})   // why: bench/README.md, "JVM flags"
public class W5DeepChain {
    /** The workload's size. */
    public static final int NODES = 1_000_000;

    int nodes = NODES;
    private ScalarChain chain;

    /** Creates the 1,000,001 leaves once. */
    @Setup(Level.Trial)
    public void setUp() {
        chain = new ScalarChain(nodes);
    }

    /** chainrule: build the 1,000,000-node chain and run backward; returns d x_K / d c_(K−1) (1). */
    @Benchmark
    public double chainrule() {
        return chain.chainrule();
    }

    /** The bare Java object graph, same math. */
    @Benchmark
    public double javaValue() {
        return chain.java();
    }

    /**
     * Prints the heap retained per node of a built 1,000,000-node chain (before backward), for chainrule and
     * the bare Java graph: {@code java -cp bench/target/benchmarks.jar io.github.chainrule.bench.W5DeepChain}.
     */
    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : NODES;
        ScalarChain chain = new ScalarChain(n);
        chain.chainrule();   // warm up, and check backward completes on the main thread's stack
        System.out.printf("W5 retained heap per node, %,d nodes: chainrule %.1f bytes, bare Java %.1f bytes%n",
                n, chain.retainedBytesPerNode(true), chain.retainedBytesPerNode(false));
    }
}
