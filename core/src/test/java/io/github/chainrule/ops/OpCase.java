package io.github.chainrule.ops;

import io.github.chainrule.Tensor;

import java.util.Arrays;
import java.util.function.Function;

/**
 * One generated test case for a registered op: the op, its tensor inputs, its attributes, and which
 * inputs the gradient check differentiates (a where-mask is a constant, so it is left out).
 *
 * @param op     the registry entry under test
 * @param inputs the tensor inputs, in the op's order
 * @param attrs  the non-tensor arguments
 * @param wrt    positions of the inputs to differentiate with respect to
 */
record OpCase(OpDef op, Tensor[] inputs, Attrs attrs, int[] wrt) {

    /** Returns the op as a function of its tensor inputs, for GradCheck. */
    Function<Tensor[], Tensor> function() {
        return xs -> op.apply(attrs, xs);
    }

    /** Applies the op to the inputs. */
    Tensor apply() {
        return op.apply(attrs, inputs);
    }

    /** Returns the largest rank among the inputs: the statistic that shows rank 0 to 4 is covered. */
    int rank() {
        int r = 0;
        for (Tensor t : inputs) {
            r = Math.max(r, t.rank());
        }
        return r;
    }

    /** Returns the input shapes joined by "and", e.g. {@code (2,1) and (3,)}. */
    String shapes() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inputs.length; i++) {
            sb.append(i > 0 ? " and " : "").append(inputs[i].shape());
        }
        return inputs.length == 0 ? "no tensor" : sb.toString();
    }

    /** Prints the case so that jqwik's shrunk counterexample can be pasted into a unit test. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(op.name()).append(' ').append(attrs);
        for (int i = 0; i < inputs.length; i++) {
            sb.append("\n  input ").append(i).append(' ').append(inputs[i].shape()).append(' ')
                    .append(Arrays.toString(inputs[i].toArray()));
        }
        return sb.toString();
    }
}
