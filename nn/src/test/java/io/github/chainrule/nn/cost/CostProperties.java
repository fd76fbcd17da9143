package io.github.chainrule.nn.cost;

import io.github.chainrule.Tensor;
import io.github.chainrule.gradcheck.GradCheck;
import io.github.chainrule.nn.SuiteChecks;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each cost's value against its formula, its gradient against centered differences, and its stability. */
class CostProperties {

    private static Tensor labels01(Random rng, int rows, int m) {
        double[] y = new double[rows * m];
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextBoolean() ? 1 : 0;
        }
        return Tensor.of(y, rows, m);
    }

    private static int[] classes(Random rng, int c, int m) {
        int[] labels = new int[m];
        for (int j = 0; j < m; j++) {
            labels[j] = rng.nextInt(c);
        }
        return labels;
    }

    // ---------------------------------------------------------------- gradients

    @Property(tries = 30)
    void binaryCrossEntropyGradientMatchesCenteredDifferences(@ForAll @IntRange(min = 1, max = 6) int m, @ForAll long seed) {
        Random rng = new Random(seed);
        Tensor AL = Tensor.uniform(rng, 0.05, 0.95, 1, m);
        Tensor Y = labels01(rng, 1, m);
        GradCheck.of(x -> Costs.binaryCrossEntropy(x[0], Y)).epsilon(SuiteChecks.EPSILON).check(AL).assertPassed();
    }

    /**
     * A confident right answer (z = 5, y = 1) has the small loss ln(1 + e^−5) ≈ 0.0067; written as
     * softplus(z) − y·z it would be the difference of two numbers near 5 and lose digits to cancellation.
     */
    @Example
    void binaryCrossEntropyWithLogitsKeepsTheSmallLossOfAConfidentRightAnswer() {
        Tensor Y = Tensor.ones(1, 1);
        Tensor ZL = Tensor.full(5.0, 1, 1);
        assertEquals(Math.log1p(Math.exp(-5)), Costs.binaryCrossEntropyWithLogits(ZL, Y).item(), 1e-18);
        GradCheck.of(x -> Costs.binaryCrossEntropyWithLogits(x[0], Y)).epsilon(SuiteChecks.EPSILON).check(ZL).assertPassed();
        Tensor Y0 = Tensor.zeros(1, 1);
        Tensor Zneg = Tensor.full(-5.0, 1, 1);
        assertEquals(Math.log1p(Math.exp(-5)), Costs.binaryCrossEntropyWithLogits(Zneg, Y0).item(), 1e-18);
        GradCheck.of(x -> Costs.binaryCrossEntropyWithLogits(x[0], Y0)).epsilon(SuiteChecks.EPSILON).check(Zneg).assertPassed();
    }

    @Property(tries = 30)
    void binaryCrossEntropyWithLogitsGradientMatchesCenteredDifferences(@ForAll @IntRange(min = 1, max = 3) int rows,
                                                                        @ForAll @IntRange(min = 1, max = 6) int m,
                                                                        @ForAll long seed) {
        Random rng = new Random(seed);
        Tensor Z = Tensor.randn(rng, rows, m).mul(3);
        Tensor Y = labels01(rng, rows, m);
        GradCheck.of(x -> Costs.binaryCrossEntropyWithLogits(x[0], Y)).epsilon(SuiteChecks.EPSILON).check(Z).assertPassed();
    }

    @Property(tries = 30)
    void softmaxCrossEntropyGradientMatchesCenteredDifferences(@ForAll @IntRange(min = 2, max = 5) int c,
                                                               @ForAll @IntRange(min = 1, max = 6) int m,
                                                               @ForAll long seed) {
        Random rng = new Random(seed);
        // Logits in [−2, 2]: when softmax saturates, the loss ln(1 + s) of a confident class carries a rounding
        // floor of ~1e-16 that the centered difference divides by 2ε, which exceeds 1e-7 relative to its tiny
        // gradient s. There the finite difference, not autodiff, is the inaccurate side.
        Tensor Z = Tensor.uniform(rng, -2, 2, c, m);
        int[] labels = classes(rng, c, m);
        GradCheck.of(x -> Costs.softmaxCrossEntropyWithIndices(x[0], labels)).epsilon(SuiteChecks.EPSILON).check(Z).assertPassed();
        GradCheck.of(x -> Costs.softmaxCrossEntropy(x[0], Tensor.oneHot(labels, c))).epsilon(SuiteChecks.EPSILON).check(Z).assertPassed();
    }

    @Property(tries = 30)
    void categoricalCrossEntropyGradientMatchesCenteredDifferences(@ForAll @IntRange(min = 2, max = 5) int c,
                                                                   @ForAll @IntRange(min = 1, max = 6) int m,
                                                                   @ForAll long seed) {
        Random rng = new Random(seed);
        Tensor Z = Tensor.randn(rng, c, m);
        Tensor Y = Tensor.oneHot(classes(rng, c, m), c);
        GradCheck.of(x -> Costs.categoricalCrossEntropy(x[0].softmax(0), Y)).epsilon(SuiteChecks.EPSILON).check(Z).assertPassed();
    }

    @Property(tries = 30)
    void meanSquaredErrorGradientMatchesCenteredDifferences(@ForAll @IntRange(min = 1, max = 3) int rows,
                                                            @ForAll @IntRange(min = 1, max = 6) int m,
                                                            @ForAll long seed) {
        Random rng = new Random(seed);
        Tensor AL = Tensor.randn(rng, rows, m);
        Tensor Y = Tensor.randn(rng, rows, m);
        GradCheck.of(x -> Costs.meanSquaredError(x[0], x[1])).epsilon(SuiteChecks.EPSILON).check(AL, Y).assertPassed();
    }

    @Property(tries = 30)
    void l1CostGradientMatchesCenteredDifferences(@ForAll @IntRange(min = 1, max = 3) int rows,
                                                  @ForAll @IntRange(min = 1, max = 6) int m, @ForAll long seed) {
        Random rng = new Random(seed);
        Tensor AL = Tensor.randn(rng, rows, m);
        Tensor Y = Tensor.randn(rng, rows, m);
        GradCheck.of(x -> Costs.l1(x[0], Y)).epsilon(SuiteChecks.EPSILON).check(AL).assertPassed();
    }

    // ---------------------------------------------------------------- values

    @Property(tries = 30)
    void logitsAndProbabilityFormsOfBinaryCrossEntropyAgree(@ForAll @IntRange(min = 1, max = 6) int m, @ForAll long seed) {
        Random rng = new Random(seed);
        Tensor Z = Tensor.randn(rng, 1, m).mul(3);
        Tensor Y = labels01(rng, 1, m);
        assertEquals(Costs.binaryCrossEntropy(Z.sigmoid(), Y).item(), Costs.binaryCrossEntropyWithLogits(Z, Y).item(), 1e-12);
    }

    @Property(tries = 30)
    void oneHotAndClassIndexFormsOfSoftmaxCrossEntropyAgree(@ForAll @IntRange(min = 2, max = 5) int c,
                                                            @ForAll @IntRange(min = 1, max = 6) int m, @ForAll long seed) {
        Random rng = new Random(seed);
        Tensor Z = Tensor.randn(rng, c, m).mul(3);
        int[] labels = classes(rng, c, m);
        double[] asDoubles = new double[m];
        for (int j = 0; j < m; j++) {
            asDoubles[j] = labels[j];
        }
        double oneHot = Costs.softmaxCrossEntropy(Z, Tensor.oneHot(labels, c)).item();
        assertEquals(oneHot, Costs.softmaxCrossEntropyWithIndices(Z, labels).item(), 1e-12);
        assertEquals(oneHot, Costs.softmaxCrossEntropyWithIndices(Z, Tensor.of(asDoubles, 1, m)).item(), 1e-12);
        assertEquals(oneHot, Costs.categoricalCrossEntropy(Z.softmax(0), Tensor.oneHot(labels, c)).item(), 1e-12);
    }

    @Example
    void binaryCrossEntropyIsTheCoursesFormulaAveragedOverM() {
        Tensor AL = Tensor.of(new double[] {0.8, 0.9, 0.4}, 1, 3);
        Tensor Y = Tensor.of(new double[] {1, 1, 0}, 1, 3);
        // the course's compute_cost example: J = −(1/3)(log 0.8 + log 0.9 + log 0.6) ≈ 0.2797765635793422
        double expected = -(Math.log(0.8) + Math.log(0.9) + Math.log(0.6)) / 3;
        assertEquals(expected, Costs.binaryCrossEntropy(AL, Y).item(), 1e-15);
        assertEquals(0.2797765635793422, expected, 1e-15);
    }

    @Example
    void meanSquaredErrorAndL1AverageTheLossOverTheExamples() {
        Tensor AL = Tensor.matrix(new double[][] {{1, 2}, {3, 4}});
        Tensor Y = Tensor.matrix(new double[][] {{0, 2}, {1, 6}});
        assertEquals((1 + 4 + 0 + 4) / 2.0, Costs.meanSquaredError(AL, Y).item(), 0);
        assertEquals((1 + 2 + 0 + 2) / 2.0, Costs.l1(AL, Y).item(), 0);
    }

    // ---------------------------------------------------------------- stability

    @Example
    void binaryCrossEntropyWithLogitsIsFiniteWithFiniteGradientAtPlusMinus1000() {
        Tensor Z = Tensor.of(new double[] {1000, -1000, 1000, -1000}, 1, 4).requiresGrad();
        Tensor Y = Tensor.of(new double[] {1, 0, 0, 1}, 1, 4);
        Tensor J = Costs.binaryCrossEntropyWithLogits(Z, Y);
        // right, confident predictions cost 0; wrong ones cost |z| = 1000 each: J = 2000 / 4
        assertEquals(500.0, J.item(), 1e-9);
        J.backward();
        double[] dZ = Z.grad().toArray();
        double[] expected = {0, 0, 0.25, -0.25};   // (σ(z) − y)/m
        for (int i = 0; i < 4; i++) {
            assertTrue(Double.isFinite(dZ[i]));
            assertEquals(expected[i], dZ[i], 1e-12);
        }
    }

    @Example
    void softmaxCrossEntropyIsFiniteWithFiniteGradientAtLogitsOf1000() {
        Tensor Z = Tensor.matrix(new double[][] {{1000, -1000}, {-1000, 1000}, {0, 0}}).requiresGrad();
        Tensor J = Costs.softmaxCrossEntropyWithIndices(Z, new int[] {1, 1});
        assertEquals(1000.0, J.item(), 1e-9);   // example 0 costs 2000, example 1 costs 0
        J.backward();
        for (double g : Z.grad().toArray()) {
            assertTrue(Double.isFinite(g));
        }
        assertEquals(0.5, Z.grad().get(0, 0), 1e-12);
        assertEquals(-0.5, Z.grad().get(1, 0), 1e-12);
    }

    // ---------------------------------------------------------------- errors

    @Example
    void mismatchedShapesAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Costs.binaryCrossEntropy(Tensor.full(0.5, 1, 4), Tensor.ones(1, 3)));
        assertTrue(e.getMessage().contains("binaryCrossEntropy: AL has shape (1,4) but Y has shape (1,3)"), e.getMessage());
    }

    @Example
    void probabilitiesOutsideZeroOneAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Costs.binaryCrossEntropy(Tensor.of(new double[] {0.5, 2.5}, 1, 2), Tensor.ones(1, 2)));
        assertTrue(e.getMessage().contains("found 2.5"), e.getMessage());
    }

    @Example
    void aClassIndexOutOfRangeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Costs.softmaxCrossEntropyWithIndices(Tensor.zeros(3, 2), new int[] {0, 3}));
        assertTrue(e.getMessage().contains("label 3 of example 1 is outside [0, 3)"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Costs.softmaxCrossEntropyWithIndices(Tensor.zeros(3, 2), Tensor.of(new double[] {0, 1.5}, 1, 2)));
    }
}
