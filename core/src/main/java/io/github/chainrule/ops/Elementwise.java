package io.github.chainrule.ops;

import io.github.chainrule.GradKernel;
import io.github.chainrule.LocalDerivative;
import io.github.chainrule.Shape;
import io.github.chainrule.Tensor;
import io.github.chainrule.kernel.Strided;
import io.github.chainrule.kernel.FreshArrays;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Forward kernels for elementwise ops, the loops their in-place backward kernels share
 * ({@link GradKernel}), and the argument checks every op shares. They compute values only: recording
 * into the graph is the calling op's job ({@link io.github.chainrule.Graph#record}).
 */
public final class Elementwise {
    private Elementwise() {
    }

    /**
     * Returns {@code f(x)} applied to every element, as a new constant tensor of x's shape.
     *
     * @param x the tensor whose values to map (its graph is not followed)
     * @param f the function applied to each element
     * @return a new constant tensor of x's shape
     */
    public static Tensor map(Tensor x, DoubleUnaryOperator f) {
        if (x.size() == 1) {   // a scalar, as in a graph of scalars: no array at all
            return Tensor.single(f.applyAsDouble(x.item()), x.shape());
        }
        double[] in = x.buffer();
        double[] out = FreshArrays.zeros(in.length);
        for (int i = 0; i < in.length; i++) {
            out[i] = f.applyAsDouble(in[i]);
        }
        return Tensor.wrap(out, x.shape());
    }

    /**
     * Returns {@code f(a, b)} elementwise over the broadcast shape of a and b, as a new constant tensor.
     *
     * @param op the name of the calling op, for the error message
     * @param a  the first operand
     * @param b  the second operand, broadcast against {@code a}
     * @param f  the function applied to each broadcast pair of elements
     * @return a new constant tensor of the broadcast shape
     * @throws IllegalArgumentException naming {@code op} and both shapes if they do not broadcast
     */
    public static Tensor zip(String op, Tensor a, Tensor b, DoubleBinaryOperator f) {
        if (a.shape() == b.shape() && a.size() == 1) {   // two scalars, as in a graph of scalars: no array at all
            return Tensor.single(f.applyAsDouble(a.item(), b.item()), a.shape());
        }
        Shape out = Shape.broadcast(op, a.shape(), b.shape());
        double[] o = FreshArrays.zeros(out.size());
        Strided.zip(a.buffer(), a.shape(), b.buffer(), b.shape(), out, o, f);
        return Tensor.wrap(o, out);
    }

    /**
     * Returns the tensor unchanged, or throws an exception naming the op and argument if it is null.
     *
     * @param op       the name of the calling op, for the error message
     * @param argument the argument's name in that op, for the error message
     * @param t        the tensor to check
     * @return {@code t}
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
     *
     * @param g the gradient with respect to the op's output, of the output's (broadcast) shape
     * @param x the input the gradient is for
     * @return {@code g} summed to x's shape, or null if x does not require a gradient
     */
    public static Tensor unbroadcast(Tensor g, Tensor x) {
        return x.isGradRequired() ? g.sumTo(x.shape()) : null;
    }

    // ---------------------------------------------------------------- in-place backward loops

    /**
     * Adds {@code scale·g} (g of the output's shape) into {@code grad} (of input x's shape), summed over
     * the axes x was broadcast along; does nothing if {@code grad} is null. The in-place form of
     * {@code unbroadcast(g.mul(scale), x)}.
     *
     * @param grad   the input's gradient buffer to add into, of x's shape; null if x needs no gradient
     * @param x      the input the gradient is for
     * @param g      the gradient with respect to the op's output, row-major in the output's shape
     * @param scale  the constant factor, e.g. −1 for the second operand of a subtraction
     * @param output the op's output, whose shape {@code g} has
     */
    public static void addGrad(double[] grad, Tensor x, double[] g, double scale, Tensor output) {
        if (grad == null) {
            return;
        }
        if (scale == 1.0) {
            Strided.sumInto(g, output.shape(), grad, x.shape());
        } else if (x.shape().equals(output.shape())) {
            for (int i = 0; i < grad.length; i++) {
                grad[i] += scale * g[i];
            }
        } else {
            double[] scaled = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                scaled[i] = scale * g[i];
            }
            Strided.sumInto(scaled, output.shape(), grad, x.shape());
        }
    }

    /**
     * Adds {@code scale·g·other} (other read broadcast to the output's shape) into {@code grad}, summed back
     * to input x's shape; does nothing if {@code grad} is null. The in-place form of
     * {@code unbroadcast(g.mul(other).mul(scale), x)}, the gradient of a product.
     *
     * @param grad   the input's gradient buffer to add into, of x's shape; null if x needs no gradient
     * @param x      the input the gradient is for
     * @param g      the gradient with respect to the op's output, row-major in the output's shape
     * @param other  the other factor of the product, broadcast to the output's shape
     * @param scale  the constant factor
     * @param output the op's output, whose shape {@code g} has
     */
    public static void addProduct(double[] grad, Tensor x, double[] g, Tensor other, double scale, Tensor output) {
        if (grad == null) {
            return;
        }
        double[] o = other.buffer();
        if (x.shape().equals(output.shape()) && other.shape().equals(output.shape())) {
            for (int i = 0; i < grad.length; i++) {
                grad[i] += scale * g[i] * o[i];
            }
            return;
        }
        if (o.length == 1 && x.shape().equals(output.shape())) {
            // Times a scalar (attention's scores · 1/√d): one loop, no product array and no lambda per element.
            double k = o[0];
            for (int i = 0; i < grad.length; i++) {
                grad[i] += scale * g[i] * k;
            }
            return;
        }
        double[] product = new double[g.length];
        Strided.zip(g, output.shape(), o, other.shape(), output.shape(), product, (gi, oi) -> scale * gi * oi);
        Strided.sumInto(product, output.shape(), grad, x.shape());
    }

    /**
     * Returns the in-place backward kernel of a one-input elementwise op y = f(x) whose derivative is
     * {@code dydx(x, y)}: dx[i] += g[i]·f'(x[i]), and the same one element at a time for a graph of
     * scalars. The derivative may use the output, as σ' = σ(1 − σ) does.
     *
     * @param dydx the derivative f' as a function of the element's input x and output y
     * @return the kernel, recorded beside the op's differentiable rule
     */
    public static LocalDerivative local(DoubleBinaryOperator dydx) {
        return new LocalDerivative() {
            @Override
            public void accumulate(double[] g, Tensor[] inputs, Tensor output, double[][] grads) {
                double[] dx = grads[0];
                double[] x = inputs[0].buffer();
                double[] y = output.buffer();
                for (int i = 0; i < dx.length; i++) {
                    dx[i] += g[i] * dydx.applyAsDouble(x[i], y[i]);
                }
            }

            @Override
            public double partial(int i, double x, double unused, double y) {
                return dydx.applyAsDouble(x, y);
            }
        };
    }
}
