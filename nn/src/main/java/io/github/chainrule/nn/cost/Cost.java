package io.github.chainrule.nn.cost;

import io.github.chainrule.Tensor;

/**
 * A cost J(output, Y): the loss of each of the m examples (columns) averaged over m, as a scalar graph
 * node. The functions of {@link Costs} are costs: {@code Cost cost = Costs::binaryCrossEntropy;}.
 */
@FunctionalInterface
public interface Cost {
    /**
     * Returns the scalar cost of the network's {@code output} against the labels {@code Y}, both with
     * one column per example.
     *
     * @param output the model's output for the m examples
     * @param Y      the labels, one column per example
     * @return the scalar cost J, a graph node
     */
    Tensor compute(Tensor output, Tensor Y);
}
