package io.github.chainrule.bench;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs each benchmark body once on a small size (W5 on its full million nodes), so CI verifies that the
 * benchmarks work, and checks that chainrule and the hand-written baseline of each workload compute the
 * same numbers. No timing is measured here.
 */
class BenchmarksSmokeTest {

    @Test
    void w1ChainruleAndTheBareJavaGraphGiveTheSameGradients() {
        W1ScalarGraph bench = new W1ScalarGraph();
        bench.nodes = 1000;
        bench.setUp();
        assertEquals(1.0, bench.chainrule(), 0.0, "d x_K / d c_(K-1)");
        assertEquals(1.0, bench.javaValue(), 0.0);
        ScalarChain chain = new ScalarChain(1000);
        chain.chainrule();
        chain.java();
        assertEquals(chain.jx0.grad, chain.x0.grad().item(), 1e-12 * Math.abs(chain.jx0.grad));
        for (int i = 0; i < chain.steps; i += 97) {
            assertEquals(chain.jw[i].grad, chain.w[i].grad().item(), 1e-12 * Math.abs(chain.jw[i].grad) + 1e-15);
        }
    }

    @Test
    void theW1LoopRunsBothGraphsAndPrintsTheirFigures() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.out;
        System.setOut(new java.io.PrintStream(out, true));
        try {
            W1Loop.main(new String[] {"200", "4"});
        } finally {
            System.setOut(old);
        }
        assertTrue(out.toString().startsWith("W1, 200 nodes, ns/node: chainrule min "), out.toString());
    }

    @Test
    void w2OneIterationOfChainruleMatchesTheEjmlBaseline() {
        for (String impl : new String[] {"chainrule", "ejml", "ejml-mt"}) {
            W2CourseNetwork bench = new W2CourseNetwork();
            bench.impl = impl;
            bench.setUp();
            assertTrue(Double.isFinite(bench.iteration()), impl);
        }
        CourseNetwork net = new CourseNetwork(209, false);
        double ours = net.chainrule();
        double theirs = net.ejml();
        assertEquals(theirs, ours, 1e-12 * Math.abs(theirs), "cost");
        for (int l = 1; l <= net.layers; l++) {
            double[] w = net.w[l].buffer();
            double[] e = net.ew[l].data;
            for (int i = 0; i < w.length; i += 101) {
                assertEquals(e[i], w[i], 1e-12, "W" + l + " after one update, element " + i);
            }
            assertEquals(net.eb[l].data[0], net.b[l].buffer()[0], 1e-12, "b" + l + " after one update");
        }
    }

    @Test
    void w3EveryImplementationComputesTheSameProduct() {
        double[] reference = null;
        for (String impl : new String[] {"ejml", "ejml-mt", "chainrule", "vector", "vector-1t", "blocked", "blocked-1t", "netlib", "ojalgo"}) {
            W3MatMul bench = new W3MatMul();
            bench.n = 64;
            bench.impl = impl;
            bench.setUp();
            Object c = bench.multiply();
            double[] values = c instanceof io.github.chainrule.Tensor t ? t.buffer()
                    : c instanceof org.ojalgo.matrix.store.R064Store o ? o.toRawCopy1D()
                    : ((org.ejml.data.DMatrixRMaj) c).data.clone();
            if (reference == null) {
                reference = values;
            }
            for (int i = 0; i < values.length; i++) {
                assertEquals(reference[i], values[i], 1e-10, impl + " element " + i);
            }
        }
    }

    @Test
    void w4OneEpochOfChainruleMatchesTheEjmlBaseline() {
        DigitsMlp mlp = new DigitsMlp();
        double ours = mlp.chainrule(1);
        double theirs = mlp.ejml(1);
        assertEquals(theirs, ours, 1e-9 * Math.abs(theirs), "last batch loss after one epoch");
        W4DigitsMlp bench = new W4DigitsMlp();
        bench.epochs = 1;
        for (String impl : new String[] {"chainrule", "ejml"}) {
            bench.impl = impl;
            bench.setUp();
            assertTrue(Double.isFinite(bench.train()), impl);
        }
    }

    @Test
    void w5BackwardThroughAMillionNodesCompletesOnTheDefaultStack() {
        W5DeepChain bench = new W5DeepChain();
        bench.setUp();
        assertEquals(1.0, bench.chainrule(), 0.0);
        assertEquals(1.0, bench.javaValue(), 0.0);
        assertTrue(new ScalarChain(10_000).retainedBytesPerNode(true) > 0);
    }

    @Test
    void bothHessiansOfTheMlpLossAgreeAndAreSymmetric() {
        MlpHessian bench = new MlpHessian();
        bench.setUp();
        io.github.chainrule.Tensor forward = bench.forwardOverReverse();
        io.github.chainrule.Tensor reverse = bench.reverseOverReverse();
        assertEquals(io.github.chainrule.Shape.of(MlpHessian.PARAMETERS, MlpHessian.PARAMETERS), forward.shape());
        assertTrue(forward.allClose(reverse, 1e-12, 1e-12), "forward-over-reverse and reverse-over-reverse");
        assertTrue(forward.allClose(forward.transpose(), 1e-12, 1e-12), "a Hessian is symmetric");
    }

    @Test
    void theFmaProbeRunsItsChainsAtEachWidthAndCountsItsFlops() {
        for (int bits : new int[] {0, 256}) {
            MachinePeak probe = new MachinePeak();
            probe.vectorBits = bits;
            probe.setUp();
            double sum = probe.chains();
            // each chain is a contraction towards 1e-9 / (1 − 0.999999999) = 1 from just above 1: it stays near 1
            assertEquals(MachinePeak.CHAINS * probe.lanes(), sum, 1e-3 * MachinePeak.CHAINS * probe.lanes());
            assertEquals(2.0 * probe.lanes() * MachinePeak.CHAINS * MachinePeak.ROUNDS, MachinePeak.flopsPerCall(probe.lanes()));
        }
    }
}
