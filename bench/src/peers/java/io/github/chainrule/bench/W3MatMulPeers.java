package io.github.chainrule.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.chainrule.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * W3's peers (profile {@code -Ppeers}): C = A·B with A, B n × n doubles ~ N(0, 1), the same matrices as
 * {@link W3MatMul} (seed 3), GFLOP/s = 2n³ / time. {@code djl} is PyTorch's {@code NDArray.matMul} via DJL
 * (libtorch allocates C each time); {@code nd4j} is ND4J's {@code INDArray.mmuli} into a preallocated C
 * (OpenBLAS under it). Each library uses its default threads (2 on this machine).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
    "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch", "-XX:G1HeapRegionSize=4m",
    "-XX:+UseTransparentHugePages"})   // as ours: bench/README.md, "JVM flags"
public class W3MatMulPeers {
    /** The matrix size n of the n×n by n×n product; the same parameter name as W3MatMul's, so one -p sets both. */
    @Param({"1024"})
    public int n;

    /**
     * Which peer multiplies. Not called {@code impl} like W3MatMul's parameter: {@code -p impl=chainrule}
     * would then also select a peer that does not exist.
     */
    @Param({"djl", "nd4j"})
    public String peer;

    private NDManager manager;
    private NDArray da;
    private NDArray db;
    private NDArray dc;
    private INDArray na;
    private INDArray nb;
    private INDArray nc;

    /** Draws A and B as W3MatMul does and copies them into the chosen library. */
    @Setup(Level.Trial)
    public void setUp() {
        Random rng = new Random(3);
        double[] a = Tensor.randn(rng, n, n).buffer();
        double[] b = Tensor.randn(rng, n, n).buffer();
        switch (peer) {
            case "djl" -> {
                manager = NDManager.newBaseManager("PyTorch");
                da = manager.create(a, new Shape(n, n));
                db = manager.create(b, new Shape(n, n));
            }
            case "nd4j" -> {
                na = Nd4j.create(a, new long[] {n, n}, 'c');
                nb = Nd4j.create(b, new long[] {n, n}, 'c');
                nc = Nd4j.create(DataType.DOUBLE, n, n);
            }
            default -> throw new IllegalArgumentException("W3MatMulPeers: unknown peer " + peer + " (djl, nd4j)");
        }
    }

    /** One product by the chosen peer; returns C (an {@code NDArray} or an {@code INDArray}). */
    @Benchmark
    public Object multiply() {
        if (na != null) {
            return na.mmuli(nb, nc);
        }
        // DJL has no matMul into a given output. The previous product is freed here, so that native
        // memory stays flat over a long run while the latest product stays readable by the caller.
        if (dc != null) {
            dc.close();
        }
        dc = da.matMul(db);
        return dc;
    }

    /** Returns the latest product as a row-major array (for the smoke test). */
    double[] lastProduct() {
        return na != null ? nc.data().asDouble() : dc.toDoubleArray();
    }

    /** Frees the native arrays. */
    @TearDown(Level.Trial)
    public void tearDown() {
        if (manager != null) {
            manager.close();
        }
        na = nb = nc = null;
    }
}
