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
 * W4's peers (profile {@code -Ppeers}): the 64 → 32 → 10 softmax MLP, Adam, batch 64, 1,797 examples, 20
 * epochs from a fresh model, on W4DigitsMlp's data and initial parameters; seconds per 20 epochs.
 * {@code djl} is PyTorch via DJL ({@code GradientCollector} + {@code Optimizer.adam()}); {@code dl4j} is
 * a DL4J {@code MultiLayerNetwork} fitted batch by batch. The fresh model is made before each timed run
 * and outside it, as WORKLOADS.md asks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 25)   // as W4DigitsMlp
@Measurement(iterations = 15)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
    "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch", "-XX:G1HeapRegionSize=4m",
    "-XX:+UseTransparentHugePages"})   // as ours: bench/README.md, "JVM flags"
public class W4DigitsMlpPeers {
    /** Which peer trains: PyTorch via DJL or DL4J (named apart from W4DigitsMlp's {@code impl}). */
    @Param({"djl", "dl4j"})
    public String peer;

    int epochs = 20;
    private DjlDigitsMlp djl;
    private Dl4jDigitsMlp dl4j;

    /** Builds the data set (and DL4J's configuration) once. */
    @Setup(Level.Trial)
    public void setUp() {
        DigitsData data = new DigitsData();
        switch (peer) {
            case "djl" -> djl = new DjlDigitsMlp(data);
            case "dl4j" -> dl4j = new Dl4jDigitsMlp(data);
            default -> throw new IllegalArgumentException("W4DigitsMlpPeers: unknown peer " + peer + " (djl, dl4j)");
        }
    }

    /** Makes a fresh model with the initial parameters before each timed run. */
    @Setup(Level.Invocation)
    public void freshModel() {
        if (djl != null) {
            djl.reset();
        } else {
            dl4j.reset();
        }
    }

    /** 20 epochs of training; returns the last batch's loss. */
    @Benchmark
    public double train() {
        return djl != null ? djl.train(epochs) : dl4j.train(epochs);
    }

    /** Frees DJL's native arrays (DL4J's are freed by the garbage collector). */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (djl != null) {
            djl.close();
        }
    }
}
