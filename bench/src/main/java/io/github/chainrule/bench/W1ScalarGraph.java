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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * W1, scalar graph overhead: build a chain of {@code nodes} scalar op nodes x(i+1) = x(i)·w(i) + c(i) and
 * run backward from its end, the leaves' gradients reset inside the timed region. ns per node =
 * time per op / nodes. {@code chainrule} uses rank-0 tensors; {@code javaValue} is the bare Java object
 * graph, the floor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 8, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch", "-XX:G1HeapRegionSize=4m",
    "-XX:+UseTransparentHugePages"})   // why: bench/README.md, "JVM flags"
public class W1ScalarGraph {
    /** The number of op nodes in the chain (half mul, half add). */
    @Param({"1000", "10000", "100000", "1000000"})
    public int nodes;

    private ScalarChain chain;

    /** Creates the leaves once, outside the timed region. */
    @Setup(Level.Trial)
    public void setUp() {
        chain = new ScalarChain(nodes);
    }

    /** chainrule: build the chain of tensor ops, backward; returns d x_K / d c_(K−1). */
    @Benchmark
    public double chainrule() {
        return chain.chainrule();
    }

    /** The bare Java object graph, same math. */
    @Benchmark
    public double javaValue() {
        return chain.java();
    }
}
