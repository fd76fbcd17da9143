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
 * W4, small MLP training: 64 → 32 → 10 softmax, Adam, batch 64, 1,797 examples, 20 epochs from a fresh
 * model; seconds per 20 epochs. {@code chainrule} builds it from core ops; {@code ejml} is the same math by
 * hand on EJML.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 25)   // a run is ~25 ms: the JIT is still at work for the first ~16 (bench/README.md)
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch", "-XX:G1HeapRegionSize=4m",
    "-XX:+UseTransparentHugePages"})   // why: bench/README.md, "JVM flags"
public class W4DigitsMlp {
    /** chainrule (core ops and autodiff) or the same math written by hand on EJML. */
    @Param({"chainrule", "ejml"})
    public String impl;

    int epochs = 20;
    private DigitsMlp mlp;

    /** Builds the data set and the initial parameters once. */
    @Setup(Level.Trial)
    public void setUp() {
        mlp = new DigitsMlp();
    }

    /** 20 epochs of training from the initial parameters; returns the last batch's loss. */
    @Benchmark
    public double train() {
        return impl.equals("chainrule") ? mlp.chainrule(epochs) : mlp.ejml(epochs);
    }
}
