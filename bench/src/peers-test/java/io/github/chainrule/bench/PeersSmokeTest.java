package io.github.chainrule.bench;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Runs each peer benchmark body of profile {@code -Ppeers} once on a small size and checks that the peer
 * computes the numbers chainrule's own benchmark computes on the same data. No timing is measured here.
 */
class PeersSmokeTest {

    @Test
    void w1DjlGivesChainrulesGradientsAndAccumulatesOverRuns() {
        ScalarChain chain = new ScalarChain(1000);
        chain.chainrule();
        try (DjlScalarChain djl = new DjlScalarChain(chain)) {
            assertEquals(1.0, djl.run(), 0.0, "d x_K / d c_(K-1) after one run");
            double ours = chain.x0.grad().item();
            assertEquals(ours, djl.gradX0(), 1e-12 * Math.abs(ours), "d x_K / d x_0");
            for (int i = 0; i < chain.steps; i += 97) {
                double w = chain.w[i].grad().item();
                assertEquals(w, djl.gradW(i), 1e-12 * Math.abs(w) + 1e-15, "d x_K / d w_" + i);
            }
            // DJL's collector does not zero gradients (WORKLOADS.md: not reset for DJL), so a second run adds.
            assertEquals(2.0, djl.run(), 0.0, "d x_K / d c_(K-1) after two runs");
        }
        W1ScalarGraphPeers bench = new W1ScalarGraphPeers();
        bench.nodes = 1000;
        bench.setUp();
        assertEquals(1.0, bench.djl(), 0.0);
        bench.tearDown();
    }

    @Test
    void w2DjlOneIterationGivesChainrulesCostAndUpdate() {
        CourseNetwork ours = new CourseNetwork(209, false);
        try (DjlCourseNetwork djl = new DjlCourseNetwork(ours)) {
            double theirCost = djl.iteration();
            double ourCost = ours.chainrule();
            assertEquals(ourCost, theirCost, 1e-12 * Math.abs(ourCost), "cost");
            assertSameParameters(ours, djl::weights, djl::biases, "djl");
            // The gradients were zeroed: a second iteration again matches chainrule's second.
            assertEquals(ours.chainrule(), djl.iteration(), 1e-11, "cost of the second iteration");
        }
    }

    @Test
    void w2SameDiffOneIterationGivesChainrulesCostAndUpdate() {
        CourseNetwork ours = new CourseNetwork(209, false);
        SameDiffCourseNetwork sameDiff = new SameDiffCourseNetwork(ours);
        double theirCost = sameDiff.cost();      // of the initial parameters: the first iteration's cost
        sameDiff.iteration();
        double ourCost = ours.chainrule();
        assertEquals(ourCost, theirCost, 1e-12 * Math.abs(ourCost), "cost");
        assertSameParameters(ours, sameDiff::weights, sameDiff::biases, "samediff");
    }

    private static void assertSameParameters(CourseNetwork ours, java.util.function.IntFunction<double[]> weights,
                                             java.util.function.IntFunction<double[]> biases, String peer) {
        for (int l = 1; l <= ours.layers; l++) {
            double[] w = ours.w[l].buffer();
            double[] theirs = weights.apply(l);
            assertEquals(w.length, theirs.length, peer + " W" + l + " size");
            for (int i = 0; i < w.length; i += 101) {
                assertEquals(w[i], theirs[i], 1e-12, peer + " W" + l + " after one update, element " + i);
            }
            double[] b = ours.b[l].buffer();
            double[] theirB = biases.apply(l);
            for (int i = 0; i < b.length; i++) {
                assertEquals(b[i], theirB[i], 1e-12, peer + " b" + l + " after one update, element " + i);
            }
        }
    }

    @Test
    void w3DjlAndNd4jComputeChainrulesProduct() {
        W3MatMul ours = new W3MatMul();
        ours.n = 64;
        ours.impl = "chainrule";
        ours.setUp();
        double[] reference = ((Tensor) ours.multiply()).buffer();
        for (String peer : new String[] {"djl", "nd4j"}) {
            W3MatMulPeers bench = new W3MatMulPeers();
            bench.n = 64;
            bench.peer = peer;
            bench.setUp();
            bench.multiply();
            bench.multiply();           // the second call frees DJL's first product
            double[] theirs = bench.lastProduct();
            assertEquals(reference.length, theirs.length, peer + " size");
            for (int i = 0; i < reference.length; i++) {
                assertEquals(reference[i], theirs[i], 1e-9 * Math.abs(reference[i]) + 1e-12, peer + " element " + i);
            }
            bench.tearDown();
        }
    }

    @Test
    void w4DjlAndDl4jTrainToChainrulesLossAfterOneEpoch() {
        double ours = new DigitsMlp().chainrule(1);
        for (String peer : new String[] {"djl", "dl4j"}) {
            W4DigitsMlpPeers bench = new W4DigitsMlpPeers();
            bench.peer = peer;
            bench.epochs = 1;
            bench.setUp();
            bench.freshModel();
            double theirs = bench.train();
            // Same data and start, so the first step's loss is the same; the Adam steps then differ slightly:
            // DJL holds lr, β and ε as floats (0.999f makes 1 − β2 1.3e-5 larger, relatively), and both peers
            // add ε to √v before the bias correction rather than after. Other data would miss by far more.
            assertEquals(ours, theirs, 1e-5 * Math.abs(ours), peer + " last batch loss after one epoch");
            bench.freshModel();
            assertEquals(theirs, bench.train(), 1e-12 * Math.abs(theirs), peer + " a fresh model trains the same again");
            bench.tearDown();
        }
    }
    @Test
    void w6DjlOneStepGivesChainrulesCostAndUpdate() {
        CnnStep ours = new CnnStep(64);
        try (DjlCnnStep djl = new DjlCnnStep(ours)) {
            double theirCost = djl.step();
            double ourCost = ours.step();
            assertEquals(ourCost, theirCost, 1e-11 * Math.abs(ourCost), "cost of the first step");
            Tensor[] params = ours.parameters();
            for (int p = 0; p < params.length; p++) {
                double[] mine = params[p].buffer();
                double[] theirs = djl.parameter(p);
                assertEquals(mine.length, theirs.length, "parameter " + p + " size");
                for (int i = 0; i < mine.length; i += 7) {
                    assertEquals(mine[i], theirs[i], 1e-11, "parameter " + p + " after one step, element " + i);
                }
            }
            // The gradients were zeroed: the second step's cost again matches chainrule's.
            assertEquals(ours.step(), djl.step(), 1e-10, "cost of the second step");
        }
    }

    @Test
    void w7DjlGivesChainrulesLossAndGradients() {
        AttentionBlock ours = new AttentionBlock(8, 128, 64, 4);
        try (DjlAttentionBlock djl = new DjlAttentionBlock(ours)) {
            for (int run = 1; run <= 2; run++) {    // the second run checks that the gradients were cleared
                double theirLoss = djl.iteration();
                double ourLoss = ours.iteration();
                assertEquals(ourLoss, theirLoss, 1e-11 * Math.abs(ourLoss), "loss, run " + run);
                Tensor[] w = {ours.wq, ours.wk, ours.wv, ours.wo};
                for (int p = 0; p < 4; p++) {
                    double[] mine = w[p].grad().buffer();
                    double[] theirs = djl.gradient(p);
                    for (int i = 0; i < mine.length; i += 5) {
                        assertEquals(mine[i], theirs[i], 1e-11 + 1e-9 * Math.abs(mine[i]),
                                "gradient of W" + "qkvo".charAt(p) + ", element " + i + ", run " + run);
                    }
                }
            }
        }
    }
}
