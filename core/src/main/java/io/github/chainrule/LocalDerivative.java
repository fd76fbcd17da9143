package io.github.chainrule;

/**
 * An elementwise op's local derivatives, ∂output/∂input, at one element's values: the form of the chain
 * rule micrograd's scalar {@code Value} uses, beside the op's array kernel.
 *
 * <p>For an elementwise op the vector-Jacobian product is, element by element, the upstream gradient
 * times a local derivative: for {@code out = a·b}, {@code da = g·b} and {@code db = g·a}. When every
 * tensor a backward pass reaches holds a single element and every op on the way has local derivatives
 * (a graph of scalars, as in micrograd), the engine runs the pass on plain doubles: each input's gradient
 * grows by {@code g · partial(i, a, b, out)}, with no gradient buffer per tensor. Otherwise it uses
 * {@link #accumulate}, which this interface inherits from {@link GradKernel}; a property in the test suite
 * checks on every registered op that both forms, and the differentiable rule, give the same gradients.
 *
 * <p>The pass on doubles serves ops of one or two inputs; an op with more is differentiated with
 * {@link #accumulate} whatever its kernel.
 */
public interface LocalDerivative extends GradKernel {
    /**
     * Returns ∂output/∂input {@code i} at one element.
     *
     * @param i   which input: 0, or 1 for the second input of a two-input op
     * @param a   the element's value in input 0
     * @param b   the element's value in input 1, or NaN for a one-input op
     * @param out the element's value in the output
     * @return the partial derivative at that element
     */
    double partial(int i, double a, double b, double out);
}
