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
 * W2's peers (profile {@code -Ppeers}): one iteration of the course's [12288, 20, 7, 5, 1] network on
 * m = 209 examples, in ms, on the data and initial parameters of {@link W2CourseNetwork}. {@code djl} is
 * PyTorch via DJL (NDArray ops, {@code GradientCollector}, gradient descent by hand); {@code samediff} is
 * ND4J SameDiff's {@code fit} with SGD 0.0075. Both skip dA0 (X needs no gradient), as chainrule does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
    "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch", "-XX:G1HeapRegionSize=4m",
    "-XX:+UseTransparentHugePages"})   // as ours: bench/README.md, "JVM flags"
public class W2CourseNetworkPeers {
    /** Which peer trains: PyTorch via DJL or ND4J SameDiff (named apart from W2CourseNetwork's {@code impl}). */
    @Param({"djl", "samediff"})
    public String peer;

    private DjlCourseNetwork djl;
    private SameDiffCourseNetwork sameDiff;

    /** Draws the data and parameters once (as W2CourseNetwork does) and copies them into the peer. */
    @Setup(Level.Trial)
    public void setUp() {
        CourseNetwork net = new CourseNetwork(209, false);
        switch (peer) {
            case "djl" -> djl = new DjlCourseNetwork(net);
            case "samediff" -> sameDiff = new SameDiffCourseNetwork(net);
            default -> throw new IllegalArgumentException("W2CourseNetworkPeers: unknown peer " + peer + " (djl, samediff)");
        }
    }

    /** One training iteration; returns the cost (DJL) or fit's History (SameDiff, which does not compute the cost). */
    @Benchmark
    public Object iteration() {
        return djl != null ? djl.iteration() : sameDiff.iteration();
    }

    /** Frees DJL's native arrays (SameDiff's are freed by the garbage collector). */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (djl != null) {
            djl.close();
        }
    }
}
