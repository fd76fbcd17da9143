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

    @Test
    void w6TheCnnStepLowersTheCostAndItsGradientMatchesFiniteDifferences() {
        W6CnnStep bench = new W6CnnStep();
        bench.setUp();
        double first = bench.step();
        assertTrue(Double.isFinite(first) && first > 0, "cost " + first);

        CnnStep net = new CnnStep(8);
        // backward's gradients against central differences of the cost, on entries of each kind of weight
        io.github.chainrule.Tensor cost = net.cost();
        cost.backward();
        io.github.chainrule.Tensor[] checked = {net.c1, net.c2b, net.c2, net.w[0], net.b[2]};
        for (io.github.chainrule.Tensor p : checked) {
            double[] grad = p.grad().buffer();
            for (int i = 0; i < grad.length; i += Math.max(1, grad.length / 3)) {
                double numeric = centralDifference(net, p, i);
                assertEquals(numeric, grad[i], 1e-6 * (1 + Math.abs(numeric)), p.shape() + " element " + i);
            }
        }
        for (io.github.chainrule.Tensor p : net.parameters()) {
            p.zeroGrad();
        }
        double before = net.step();
        double after = before;
        for (int i = 0; i < 5; i++) {
            after = net.step();
        }
        assertTrue(after < before, "SGD on one batch lowers its cost: " + before + " then " + after);
    }

    private static double centralDifference(CnnStep net, io.github.chainrule.Tensor p, int i) {
        double h = 1e-5;
        double[] v = p.buffer();
        double keep = v[i];
        try (io.github.chainrule.GradMode.Scope ignored = io.github.chainrule.GradMode.noGrad()) {
            v[i] = keep + h;
            double up = net.cost().item();
            v[i] = keep - h;
            double down = net.cost().item();
            return (up - down) / (2 * h);
        } finally {
            v[i] = keep;
        }
    }

    @Test
    void w7TheAttentionBlocksLossAndGradientsMatchPlainLoops() {
        W7AttentionBlock bench = new W7AttentionBlock();
        bench.setUp();
        assertTrue(Double.isFinite(bench.iteration()));

        AttentionBlock block = new AttentionBlock(2, 6, 8, 2);
        double ours = block.iteration();
        double[] o = new double[2 * 6 * 8];
        double theirs = attentionByLoops(block, o);
        assertEquals(theirs, ours, 1e-12 * Math.abs(theirs), "loss");
        // dWo[i, j] = Σ_{b, t} o[b, t, i]·2·out[b, t, j]/numel, out = o·Wo
        int rows = 2 * 6;
        int d = 8;
        double[] wo = block.wo.buffer();
        double[] dWo = block.wo.grad().buffer();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double expected = 0;
                for (int r = 0; r < rows; r++) {
                    double out = 0;
                    for (int k = 0; k < d; k++) {
                        out += o[r * d + k] * wo[k * d + j];
                    }
                    expected += o[r * d + i] * 2 * out / (rows * d);
                }
                assertEquals(expected, dWo[i * d + j], 1e-12, "dWo[" + i + ", " + j + "]");
            }
        }
        // the gradients that pass through the softmax, against central differences of the looped loss
        for (io.github.chainrule.Tensor w : new io.github.chainrule.Tensor[] {block.wq, block.wk, block.wv}) {
            double[] grad = w.grad().buffer();
            double[] v = w.buffer();
            for (int i = 0; i < grad.length; i += 13) {
                double keep = v[i];
                v[i] = keep + 1e-5;
                double up = attentionByLoops(block, o);
                v[i] = keep - 1e-5;
                double down = attentionByLoops(block, o);
                v[i] = keep;
                double numeric = (up - down) / 2e-5;
                assertEquals(numeric, grad[i], 1e-7 * (1 + Math.abs(numeric)), "element " + i);
            }
        }
    }

    /** W7's loss by plain loops over the block's x and weights; leaves the joined heads' output o in {@code o}. */
    private static double attentionByLoops(AttentionBlock blk, double[] o) {
        int bs = blk.batch;
        int t = blk.seq;
        int d = blk.width;
        int dh = d / blk.heads;
        double[] x = blk.x.buffer();
        double[][] proj = new double[3][bs * t * d];
        double[][] ws = {blk.wq.buffer(), blk.wk.buffer(), blk.wv.buffer()};
        for (int m = 0; m < 3; m++) {
            for (int r = 0; r < bs * t; r++) {
                for (int j = 0; j < d; j++) {
                    double acc = 0;
                    for (int k = 0; k < d; k++) {
                        acc += x[r * d + k] * ws[m][k * d + j];
                    }
                    proj[m][r * d + j] = acc;
                }
            }
        }
        double[] q = proj[0];
        double[] k = proj[1];
        double[] v = proj[2];
        for (int b = 0; b < bs; b++) {
            for (int h = 0; h < blk.heads; h++) {
                for (int i = 0; i < t; i++) {
                    double[] score = new double[t];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < t; j++) {
                        double acc = 0;
                        for (int c = 0; c < dh; c++) {
                            acc += q[(b * t + i) * d + h * dh + c] * k[(b * t + j) * d + h * dh + c];
                        }
                        score[j] = acc / Math.sqrt(dh);
                        max = Math.max(max, score[j]);
                    }
                    double total = 0;
                    for (int j = 0; j < t; j++) {
                        score[j] = Math.exp(score[j] - max);
                        total += score[j];
                    }
                    for (int c = 0; c < dh; c++) {
                        double acc = 0;
                        for (int j = 0; j < t; j++) {
                            acc += score[j] / total * v[(b * t + j) * d + h * dh + c];
                        }
                        o[(b * t + i) * d + h * dh + c] = acc;
                    }
                }
            }
        }
        double[] wo = blk.wo.buffer();
        double loss = 0;
        for (int r = 0; r < bs * t; r++) {
            for (int j = 0; j < d; j++) {
                double out = 0;
                for (int c = 0; c < d; c++) {
                    out += o[r * d + c] * wo[c * d + j];
                }
                loss += out * out;
            }
        }
        return loss / (bs * t * d);
    }
}
