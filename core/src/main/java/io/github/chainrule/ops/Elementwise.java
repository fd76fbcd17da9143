package io.github.chainrule.ops;

import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.Strided;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Forward kernels for elementwise ops, and the argument checks every op shares. They compute values only:
 * recording into the graph is the calling op's job ({@link io.github.chainrule.Graph#record}).
 */
public final class Elementwise {
    private Elementwise() {
    }

    /** Returns {@code f(x)} applied to every element, as a new constant tensor of x's shape. */
    public static Tensor map(Tensor x, DoubleUnaryOperator f) {
        double[] in = x.buffer();
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = f.applyAsDouble(in[i]);
        }
        return Tensor.wrap(out, x.shape());
    }

    /**
     * Returns {@code f(a, b)} elementwise over the broadcast shape of a and b, as a new constant tensor.
     *
     * @throws IllegalArgumentException naming {@code op} and both shapes if they do not broadcast
     */
    public static Tensor zip(String op, Tensor a, Tensor b, DoubleBinaryOperator f) {
        Shape out = Shape.broadcast(op, a.shape(), b.shape());
        double[] o = new double[out.size()];
        Strided.zip(a.buffer(), a.shape(), b.buffer(), b.shape(), out, o, f);
        return Tensor.wrap(o, out);
    }

    /**
     * Returns the tensor unchanged, or throws an exception naming the op and argument if it is null.
     *
     * @throws IllegalArgumentException if {@code t} is null
     */
    public static Tensor require(String op, String argument, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(op + ": " + argument + " is null");
        }
        return t;
    }

    /**
     * Returns the gradient {@code g} summed back to the shape of input {@code x} (undoing broadcasting), or
     * null if x needs no gradient: the last step of every broadcasting op's backward rule.
     */
    public static Tensor unbroadcast(Tensor g, Tensor x) {
        return x.isGradRequired() ? g.sumTo(x.shape()) : null;
    }
}
