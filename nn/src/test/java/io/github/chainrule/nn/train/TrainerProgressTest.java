package io.github.chainrule.nn.train;

import io.github.chainrule.Tensor;
import io.github.chainrule.nn.Activation;
import io.github.chainrule.nn.Dense;
import io.github.chainrule.nn.Initializer;
import io.github.chainrule.nn.Sequential;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.optim.GradientDescent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Trainer's progress: a progress bar when interactive, the course's lines otherwise, never both, nothing
 * with quiet(). The interactive decision is injected with {@link Trainer#interactive(boolean)}.
 */
class TrainerProgressTest {

    @Test
    void notInteractiveItPrintsTheCoursesLinesAndNoBar() {
        String printed = run(t -> t.interactive(false).printEvery(2), 5);
        assertEquals("Cost after iteration 0: ", printed.lines().findFirst().orElseThrow().substring(0, 24), printed);
        assertEquals(3, printed.lines().count(), printed);    // iterations 0, 2, 4 and nothing else
        assertTrue(printed.contains("Cost after iteration 4: "), printed);
        assertFalse(printed.contains("Training") || printed.contains("%") || printed.contains("\r"), printed);
    }

    @Test
    void interactiveItDrawsABarToTheEndAndNoCostLines() {
        String printed = run(t -> t.interactive(true).printEvery(1), 5);
        assertTrue(printed.contains("Training"), printed);
        assertTrue(printed.contains("100%"), printed);
        assertTrue(printed.contains("5/5"), printed);
        assertTrue(printed.contains("cost "), printed);          // the latest cost beside the bar
        assertFalse(printed.contains("Cost after"), printed);
    }

    @Test
    void quietShowsNeitherBarNorLinesEvenWhenInteractive() {
        assertEquals("", run(t -> t.interactive(true).quiet(), 3));
        assertEquals("", run(t -> t.interactive(false).quiet(), 3));
    }

    @Test
    void withoutAnInjectedDecisionARedirectedOutputGetsTheLines() {
        assumeTrue(!Trainer.isInteractiveTerminal(), "the tests run on a terminal");
        String printed = run(t -> t.printEvery(1), 3);
        assertEquals(3, printed.lines().filter(l -> l.startsWith("Cost after iteration")).count(), printed);
        assertFalse(printed.contains("Training"), printed);
    }

    @Test
    void aSinkOfLinesGetsLinesEvenWhenInteractive() {
        StringBuilder got = new StringBuilder();
        Random rng = new Random(3);
        Sequential model = net(rng);
        Tensor X = Tensor.randn(rng, 2, 10);
        Tensor Y = Tensor.of(new double[] {1, 0, 1, 0, 1, 0, 1, 0, 1, 0}, 1, 10);
        new Trainer(model, Costs::binaryCrossEntropy, new GradientDescent(model.namedParameters(), 0.1))
                .epochs(2).printEvery(1).interactive(true).progressTo(l -> got.append(l).append('\n')).fit(X, Y);
        assertEquals(2, got.toString().lines().filter(l -> l.startsWith("Cost after iteration")).count(), got.toString());
    }

    @Test
    void withABarTheEarlyStoppingNotesFollowTheFinishedBar() {
        Random rng = new Random(4);
        Sequential model = net(rng);
        Tensor X = Tensor.randn(rng, 2, 20);
        Tensor Y = Tensor.randn(rng, 1, 20).gt(0);
        Tensor devX = Tensor.randn(rng, 2, 20);
        Tensor devY = Tensor.randn(rng, 1, 20).gt(0);    // unrelated labels: the dev cost soon stops improving
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        History h = new Trainer(model, Costs::binaryCrossEntropy, new Adam(model.namedParameters(), 0.1))
                .epochs(500).dev(devX, devY).earlyStopping(3).interactive(true)
                .progressTo(new PrintStream(buffer, true, StandardCharsets.UTF_8)).fit(X, Y);
        String printed = buffer.toString(StandardCharsets.UTF_8);
        assertTrue(h.isStoppedEarly(), printed);
        int bar = printed.lastIndexOf("100%");
        int note = printed.indexOf("Early stopping after epoch");
        assertTrue(bar >= 0 && note > bar, printed);
        assertTrue(printed.indexOf("Restored the parameters of epoch") > note, printed);
        assertFalse(printed.contains("Cost after"), printed);
    }

    /** Trains a small net for {@code epochs} full-batch iterations, configured by {@code setup}; returns the output. */
    private static String run(UnaryOperator<Trainer> setup, int epochs) {
        Random rng = new Random(1);
        Sequential model = net(rng);
        Tensor X = Tensor.randn(rng, 2, 10);
        Tensor Y = Tensor.of(new double[] {1, 0, 1, 0, 1, 0, 1, 0, 1, 0}, 1, 10);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        PrintStream old = System.out;
        System.setOut(out);     // the default destination, for the quiet and default-decision cases
        try {
            Trainer trainer = new Trainer(model, Costs::binaryCrossEntropy, new GradientDescent(model.namedParameters(), 0.1))
                    .epochs(epochs);
            setup.apply(trainer).fit(X, Y);
        } finally {
            System.setOut(old);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static Sequential net(Random rng) {
        return new Sequential(new Dense(2, 3, Activation.TANH, Initializer.xavier(), rng),
                new Dense(3, 1, Activation.SIGMOID, Initializer.xavier(), rng));
    }
}
