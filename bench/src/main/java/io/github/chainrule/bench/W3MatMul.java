package io.github.chainrule.bench;

import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.BlockedMatMulKernel;
import io.github.chainrule.kernel.Kernels;
import io.github.chainrule.kernel.MatMulKernel;
import dev.ludovic.netlib.blas.JavaBLAS;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.CommonOps_MT_DDRM;
import org.ojalgo.matrix.store.R064Store;
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

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * W3, dense matmul: C = A·B with A, B, C square n × n doubles, A and B ~ N(0, 1), C preallocated where
 * the API allows. GFLOP/s = 2n³ / time.
 *
 * <p>{@code impl} picks the candidate: {@code chainrule} is {@code Tensor.matmul} with the default kernel
 * (it allocates its result, as every op does); {@code vector}, {@code blocked} and their {@code -1t}
 * single-thread forms are chainrule's kernels called directly; {@code ejml} and {@code ejml-mt} are
 * EJML's {@code CommonOps_DDRM.mult} and {@code CommonOps_MT_DDRM.mult}, the Java baseline;
 * {@code netlib} is dev.ludovic.netlib's pure-Java BLAS {@code dgemm} (its Vector-API implementation when
 * the module is present; single-threaded) and {@code ojalgo} is ojAlgo's {@code R064Store.fillByMultiplying}
 * (column-major, multi-threaded).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector",
    "-Xms3g", "-Xmx3g", "-XX:+AlwaysPreTouch", "-XX:G1HeapRegionSize=4m",
    "-XX:+UseTransparentHugePages"})   // why: bench/README.md, "JVM flags"
public class W3MatMul {
    /** The matrix size n of the n×n by n×n product. */
    @Param({"64", "128", "256", "512", "1024", "2048"})
    public int n;

    /** Which implementation multiplies: chainrule's Tensor.matmul, one of our kernels, or a peer library. */
    @Param({"chainrule", "vector", "vector-1t", "blocked", "blocked-1t", "ejml", "ejml-mt", "netlib", "ojalgo"})
    public String impl;

    private DMatrixRMaj a;
    private DMatrixRMaj b;
    private DMatrixRMaj c;
    private Tensor ta;
    private Tensor tb;
    private MatMulKernel kernel;
    private JavaBLAS blas;
    private R064Store oa;
    private R064Store ob;
    private R064Store oc;

    /** Draws A and B and picks the implementation. */
    @Setup(Level.Trial)
    public void setUp() {
        Random rng = new Random(3);
        ta = Tensor.randn(rng, n, n);
        tb = Tensor.randn(rng, n, n);
        a = DMatrixRMaj.wrap(n, n, ta.buffer());
        b = DMatrixRMaj.wrap(n, n, tb.buffer());
        c = new DMatrixRMaj(n, n);
        blas = JavaBLAS.getInstance();
        // ojAlgo is column-major: wrapping row-major data reads its transpose, so Bᵀ·Aᵀ = (A·B)ᵀ is A·B row-major.
        oa = R064Store.wrap(ta.buffer(), n);
        ob = R064Store.wrap(tb.buffer(), n);
        oc = R064Store.FACTORY.make(n, n);
        kernel = switch (impl) {
            case "vector" -> Candidates.vector(BlockedMatMulKernel.availableCores());
            case "vector-1t" -> Candidates.vector(1);
            case "blocked" -> new BlockedMatMulKernel();
            case "blocked-1t" -> new BlockedMatMulKernel(1);
            case "chainrule", "ejml", "ejml-mt", "netlib", "ojalgo" -> Kernels.matMul();
            default -> throw new IllegalArgumentException("W3MatMul: unknown impl " + impl);
        };
    }

    /** One product by the chosen implementation; returns C so that the JIT cannot drop it. */
    @Benchmark
    public Object multiply() {
        switch (impl) {
            case "chainrule":
                return ta.matmul(tb);
            case "ejml":
                CommonOps_DDRM.mult(a, b, c);
                return c;
            case "ejml-mt":
                CommonOps_MT_DDRM.mult(a, b, c);
                return c;
            case "netlib":
                // Column-major dgemm: row-major C = A·B is column-major Cᵀ = Bᵀ·Aᵀ.
                blas.dgemm("N", "N", n, n, n, 1.0, b.data, n, a.data, n, 0.0, c.data, n);
                return c;
            case "ojalgo":
                oc.fillByMultiplying(ob, oa);
                return oc;
            default:
                kernel.multiply(a.data, n, n, false, b.data, n, n, false, c.data);
                return c;
        }
    }
}
