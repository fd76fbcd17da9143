package io.github.chainrule.bench;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The machine's double-precision FMA peak, measured from Java: the limit every GFLOP/s figure is compared
 * with ("x % of this machine's peak").
 *
 * <p>Each call runs {@value #ROUNDS} rounds of {@value #CHAINS} independent FMA chains, acc = m·a + acc on
 * whole vectors held in registers: with an FMA latency of about 4 cycles and two FMA units, 8 chains keep a
 * core busy, and 12 leave room. The chain runs through the addend, as a matmul's accumulators do: through the
 * multiplicand (acc = acc·m + a) the same 12 chains measured 41.6 against 49.9 GFLOP/s on an AMD Zen 3 core,
 * alternating in one JVM, and the probe read below what numpy's dgemm reached. So a call does
 * 2 · lanes · CHAINS · ROUNDS floating-point operations, and GFLOP/s = that / time. {@code vectorBits} picks the
 * species: the JVM's preferred width (512 bits on AVX-512) and 256 bits, because a core that executes 512-bit
 * FMAs as two 256-bit halves (AMD Zen 4) gives the same peak with either, and knowing which is true is what
 * picks a matmul register tile. {@code oneCore} runs on one thread, {@code allCores} on one thread per available
 * processor (its time is per thread: multiply its rate by the thread count).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar MachinePeak
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MachinePeak {
    /** Independent FMA chains per round: more than latency × units, so the units never wait. */
    public static final int CHAINS = 12;
    /** Rounds per benchmark call: about 10 ms of work on a 3.5 GHz core. */
    public static final int ROUNDS = 1_000_000;

    /** The vector width in bits: 0 for the JVM's preferred species, else 128, 256 or 512. */
    @Param({"0", "256"})
    public int vectorBits;

    // The Vector API compiles to vector instructions only where the species is a constant when C2 compiles
    // the loop (a species in a field or a parameter measured 2 GFLOP/s, boxed vectors): two static finals.
    private static final VectorSpecies<Double> PREFERRED = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> BITS_256 = DoubleVector.SPECIES_256;

    private VectorSpecies<Double> species;
    private double[] seed;

    /** Picks the species and the values the chains start from. */
    @Setup
    public void setUp() {
        if (vectorBits != 0 && vectorBits != 256) {
            throw new IllegalArgumentException("MachinePeak: vectorBits must be 0 (the preferred width) or 256, got " + vectorBits);
        }
        species = vectorBits == 0 ? PREFERRED : BITS_256;
        seed = new double[species.length() * 3];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = 1.0 + 1e-9 * i;
        }
    }

    /**
     * Returns the floating-point operations one benchmark call performs at this species' width.
     *
     * @param lanes doubles per vector
     * @return 2 · lanes · CHAINS · ROUNDS
     */
    public static double flopsPerCall(int lanes) {
        return 2.0 * lanes * CHAINS * ROUNDS;
    }

    /**
     * Runs the chains on one thread.
     *
     * @return the chains' sum, so the JIT cannot drop them
     */
    @Benchmark
    @Threads(1)
    public double oneCore() {
        return chains();
    }

    /**
     * Runs the chains on every available processor at once.
     *
     * @return the chains' sum
     */
    @Benchmark
    @Threads(Threads.MAX)
    public double allCores() {
        return chains();
    }

    /**
     * Runs {@value #CHAINS} independent FMA chains for {@value #ROUNDS} rounds; each round adds a product just
     * below 1e-12, so values stay near 1, far from overflow and subnormals.
     *
     * @return the sum of every chain's last value
     */
    double chains() {
        return vectorBits == 0 ? chainsPreferred(seed) : chains256(seed);
    }

    private static double chainsPreferred(double[] seed) {
        DoubleVector m = DoubleVector.broadcast(PREFERRED, 0.999_999_999);
        DoubleVector a = DoubleVector.broadcast(PREFERRED, 1e-12);
        DoubleVector x = DoubleVector.fromArray(PREFERRED, seed, 0);
        DoubleVector c0 = x;
        DoubleVector c1 = x.add(a);
        DoubleVector c2 = c1.add(a);
        DoubleVector c3 = c2.add(a);
        DoubleVector c4 = c3.add(a);
        DoubleVector c5 = c4.add(a);
        DoubleVector c6 = c5.add(a);
        DoubleVector c7 = c6.add(a);
        DoubleVector c8 = c7.add(a);
        DoubleVector c9 = c8.add(a);
        DoubleVector c10 = c9.add(a);
        DoubleVector c11 = c10.add(a);
        for (int r = 0; r < ROUNDS; r++) {
            c0 = m.fma(a, c0);
            c1 = m.fma(a, c1);
            c2 = m.fma(a, c2);
            c3 = m.fma(a, c3);
            c4 = m.fma(a, c4);
            c5 = m.fma(a, c5);
            c6 = m.fma(a, c6);
            c7 = m.fma(a, c7);
            c8 = m.fma(a, c8);
            c9 = m.fma(a, c9);
            c10 = m.fma(a, c10);
            c11 = m.fma(a, c11);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).reduceLanes(VectorOperators.ADD);
    }

    // The same loop at 256 bits: written out again because only a constant species compiles to vector code.
    private static double chains256(double[] seed) {
        DoubleVector m = DoubleVector.broadcast(BITS_256, 0.999_999_999);
        DoubleVector a = DoubleVector.broadcast(BITS_256, 1e-12);
        DoubleVector x = DoubleVector.fromArray(BITS_256, seed, 0);
        DoubleVector c0 = x;
        DoubleVector c1 = x.add(a);
        DoubleVector c2 = c1.add(a);
        DoubleVector c3 = c2.add(a);
        DoubleVector c4 = c3.add(a);
        DoubleVector c5 = c4.add(a);
        DoubleVector c6 = c5.add(a);
        DoubleVector c7 = c6.add(a);
        DoubleVector c8 = c7.add(a);
        DoubleVector c9 = c8.add(a);
        DoubleVector c10 = c9.add(a);
        DoubleVector c11 = c10.add(a);
        for (int r = 0; r < ROUNDS; r++) {
            c0 = m.fma(a, c0);
            c1 = m.fma(a, c1);
            c2 = m.fma(a, c2);
            c3 = m.fma(a, c3);
            c4 = m.fma(a, c4);
            c5 = m.fma(a, c5);
            c6 = m.fma(a, c6);
            c7 = m.fma(a, c7);
            c8 = m.fma(a, c8);
            c9 = m.fma(a, c9);
            c10 = m.fma(a, c10);
            c11 = m.fma(a, c11);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11).reduceLanes(VectorOperators.ADD);
    }

    /**
     * Returns the lanes of this benchmark's species, for turning its time into GFLOP/s.
     *
     * @return doubles per vector
     */
    int lanes() {
        return species.length();
    }
}
