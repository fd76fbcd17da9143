package io.github.chainrule;

/**
 * One vertex of the autodiff graph: the op that made a tensor, its inputs and its backward rule.
 *
 * <p>Every tensor that requires a gradient has a node. A leaf (a parameter the user created) has a node
 * with no inputs and no backward rule: reaching it is where gradients are accumulated. The engine keeps
 * its per-pass bookkeeping here too ({@code mark}, {@code dependents}, {@code slot}), as int fields
 * rather than hash maps, which is what keeps a backward pass over a million scalar nodes cheap.
 */
public final class Node {
    final String op;
    final Tensor output;
    Tensor[] inputs;
    Backward backward;
    GradKernel kernel;
    boolean released;
    boolean retainGrad;

    // Engine bookkeeping for the pass in progress.
    int mark;
    int dependents;
    int slot;   // this node's index in the pass's arrays of pending gradients
    int captureSlot = -1;

    Node(String op, Tensor output, Tensor[] inputs, Backward backward, GradKernel kernel) {
        this.op = op;
        this.output = output;
        this.inputs = inputs;
        this.backward = backward;
        this.kernel = kernel;
    }

    /** Returns the name of the op that made this node's tensor ({@code "leaf"} for a leaf). */
    public String op() {
        return op;
    }

    /** Returns true if this node is a leaf: a tensor the user created, not the output of an op. */
    public boolean isLeaf() {
        return backward == null && !released;
    }

    /**
     * Returns the tensors this op read, or an empty array for a leaf.
     *
     * @throws IllegalStateException if a backward pass already freed this part of the graph
     */
    public Tensor[] inputs() {
        if (released) {
            throw new IllegalStateException(op + ": the graph behind this node was freed by an earlier backward()");
        }
        return inputs.clone();
    }

    static final Tensor[] NO_INPUTS = new Tensor[0];

    static Node leaf(Tensor t) {
        return new Node("leaf", t, NO_INPUTS, null, null);
    }
}
