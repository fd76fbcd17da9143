package io.github.chainrule.bench;

import io.github.chainrule.Autograd;
import io.github.chainrule.Tensor;
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

import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The full Hessian of a small MLP's loss with respect to all its parameters, by forward-over-reverse
 * (one gradient graph, then one forward-mode sweep per parameter: {@link Autograd#hessianForwardOverReverse})
 * against reverse-over-reverse (one reverse pass over the recorded gradient per parameter:
 * {@link Autograd#hessian}). The network is the course's, in its notation: X (8, 16), a tanh layer of 20 units
 * and a sigmoid output with the cross-entropy cost, θ = (W[1], b[1], W[2], b[2]) flattened, 201 parameters,
 * so each call computes a (201, 201) Hessian.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MlpHessian {
    /** Input features n[0]. */
    static final int NX = 8;
    /** Hidden units n[1]. */
    static final int HIDDEN = 20;
    /** Examples m. */
    static final int M = 16;
    /** Parameters: W[1] (20, 8), b[1] (20, 1), W[2] (1, 20), b[2] (1, 1). */
    public static final int PARAMETERS = HIDDEN * NX + HIDDEN + HIDDEN + 1;

    Tensor theta;
    Function<Tensor, Tensor> loss;

    /** Draws the data, labels and parameters once. */
    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(6);
        Tensor x = Tensor.randn(random, NX, M);
        double[] labels = new double[M];
        for (int j = 0; j < M; j++) {
            labels[j] = random.nextBoolean() ? 1 : 0;
        }
        Tensor y = Tensor.of(labels, 1, M);
        Tensor oneMinusY = y.neg().add(1.0);
        theta = Tensor.randn(random, PARAMETERS).mul(0.5);
        loss = t -> {
            int w1End = HIDDEN * NX;
            int b1End = w1End + HIDDEN;
            int w2End = b1End + HIDDEN;
            Tensor w1 = t.slice(0, 0, w1End).reshape(HIDDEN, NX);
            Tensor b1 = t.slice(0, w1End, b1End).reshape(HIDDEN, 1);
            Tensor w2 = t.slice(0, b1End, w2End).reshape(1, HIDDEN);
            Tensor b2 = t.slice(0, w2End, PARAMETERS).reshape(1, 1);
            Tensor a1 = w1.matmul(x).add(b1).tanh();
            Tensor a2 = w2.matmul(a1).add(b2).sigmoid();
            // J = −(1/m) Σ [y log a + (1 − y) log(1 − a)]
            return y.mul(a2.log()).add(oneMinusY.mul(a2.neg().add(1.0).log())).sum().mul(-1.0 / M);
        };
    }

    /** The Hessian by forward-over-reverse; returns it (JMH consumes it, so the work is not discarded). */
    @Benchmark
    public Tensor forwardOverReverse() {
        return Autograd.hessianForwardOverReverse(loss, theta);
    }

    /** The Hessian by reverse-over-reverse, differentiating the recorded backward pass once per parameter. */
    @Benchmark
    public Tensor reverseOverReverse() {
        return Autograd.hessian(loss, theta);
    }
}
