package io.github.chainrule.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RegularizationExampleTest {
    @TempDir
    Path out;

    @Test
    void l2AndDropoutNarrowTheTrainTestGap() throws IOException {
        RegularizationExample program = new RegularizationExample().iterations(1000);
        program.options().out(out).quiet(true);
        RegularizationExample.Result r = program.run();
        List<RegularizationExample.Outcome> o = List.copyOf(r.outcomes().values());
        assertEquals(3, o.size());
        RegularizationExample.Outcome none = o.get(0);
        assertTrue(none.gap() > 0.05, "the big network overfits the small noisy set: gap " + none.gap());
        assertTrue(o.get(1).gap() < none.gap(), "L2 narrows the gap: " + o.get(1).gap() + " vs " + none.gap());
        assertTrue(o.get(2).gap() < none.gap(), "dropout narrows the gap: " + o.get(2).gap() + " vs " + none.gap());
        Pictures.assertWrote(out, r.files(), "regularization_boundaries.png", "regularization_accuracy.png");
    }
}
