package io.github.chainrule.bench;

import io.github.chainrule.Tensor;

import java.util.Random;

/**
 * The scalar chain of W1 and W5, x(i+1) = x(i)·w(i) + c(i) with w ~ U(0.99, 1.01), c ~ U(−1, 1), built
 * and differentiated by chainrule and by the plain-Java baseline: {@code nodes} op nodes over
 * {@code nodes + 1} leaves.
 */
final class ScalarChain {
    final int steps;
    final Tensor x0;
    final Tensor[] w;
    final Tensor[] c;
    final JavaValue jx0;
    final JavaValue[] jw;
    final JavaValue[] jc;

    /** Creates the leaves of a chain of {@code nodes} op nodes (half mul, half add), fixed seed. */
    ScalarChain(int nodes) {
        steps = nodes / 2;
        Random rng = new Random(1);
        x0 = Tensor.scalar(0.5).requiresGrad();
        jx0 = JavaValue.leaf(0.5);
        w = new Tensor[steps];
        c = new Tensor[steps];
        jw = new JavaValue[steps];
        jc = new JavaValue[steps];
        for (int i = 0; i < steps; i++) {
            double wi = 0.99 + 0.02 * rng.nextDouble();
            double ci = -1 + 2 * rng.nextDouble();
            w[i] = Tensor.scalar(wi).requiresGrad();
            c[i] = Tensor.scalar(ci).requiresGrad();
            jw[i] = JavaValue.leaf(wi);
            jc[i] = JavaValue.leaf(ci);
        }
    }

    /** Builds the chain with chainrule ops and returns x_K, a graph of 2K nodes. */
    Tensor buildChainrule() {
        Tensor x = x0;
        for (int i = 0; i < steps; i++) {
            x = x.mul(w[i]).add(c[i]);
        }
        return x;
    }

    /** Resets the leaves' gradients, builds the chain and runs backward; returns d x_K / d c_(K−1) (1). */
    double chainrule() {
        x0.zeroGrad();
        for (int i = 0; i < steps; i++) {
            w[i].zeroGrad();
            c[i].zeroGrad();
        }
        buildChainrule().backward();
        return c[steps - 1].grad().item();
    }

    /** Builds the chain of plain-Java values and returns x_K. */
    JavaValue buildJava() {
        JavaValue x = jx0;
        for (int i = 0; i < steps; i++) {
            x = x.mul(jw[i]).add(jc[i]);
        }
        return x;
    }

    /** The same with the plain-Java value graph. */
    double java() {
        jx0.grad = 0;
        for (int i = 0; i < steps; i++) {
            jw[i].grad = 0;
            jc[i].grad = 0;
        }
        buildJava().backward();
        return jc[steps - 1].grad;
    }

    /**
     * Returns the heap retained per op node by a built, not yet differentiated chain of this size: used
     * heap after building minus before, over the node count, after full collections.
     */
    double retainedBytesPerNode(boolean chainrule) {
        long before = usedHeap();
        Object graph = chainrule ? buildChainrule() : buildJava();
        long after = usedHeap();
        double perNode = (after - before) / (2.0 * steps);
        if (graph instanceof Tensor t) {
            t.backward();     // also shows the backward pass completes on this thread's default stack
        } else {
            ((JavaValue) graph).backward();
        }
        return perNode;
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
