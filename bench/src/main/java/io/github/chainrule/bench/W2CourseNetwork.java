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
 * W2, the course's 4-layer network [12288, 20, 7, 5, 1] on m = 209 examples: one iteration of forward,
 * cost, backward and gradient-descent update, in ms. {@code chainrule} builds it from core ops (the nn
 * module's layers are not used); {@code ejml} and {@code ejml-mt} are the same math by hand on EJML's
 * single-threaded and concurrent ops, skipping dA0 as chainrule does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch", "-XX:G1HeapRegionSize=4m",
    "-XX:+UseTransparentHugePages"})   // why: bench/README.md, "JVM flags"
public class W2CourseNetwork {
    /** chainrule (core ops and autodiff) or the same math by hand on EJML, single- or multi-threaded. */
    @Param({"chainrule", "ejml", "ejml-mt"})
    public String impl;

    private CourseNetwork net;

    /** Draws the data and parameters once. */
    @Setup(Level.Trial)
    public void setUp() {
        net = new CourseNetwork(209, impl.equals("ejml-mt"));
    }

    /** One training iteration; returns the cost. */
    @Benchmark
    public double iteration() {
        return impl.equals("chainrule") ? net.chainrule() : net.ejml();
    }
}
