package io.github.chainrule.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientCheckingExampleTest {
    @TempDir
    Path out;

    @Test
    void theCheckerPassesRightBackwardPassesAndNamesThePlantedBug() {
        GradientCheckingExample program = new GradientCheckingExample();
        program.options().out(out).quiet(true);
        GradientCheckingExample.Result r = program.run();
        assertTrue(r.builtIn().passed() && r.builtIn().relativeError() < 1e-7, r.builtIn().toString());
        assertTrue(r.customRight().passed() && r.customRight().relativeError() < 1e-7, r.customRight().toString());
        assertFalse(r.customBuggy().passed());
        assertTrue(r.customBuggy().relativeError() > 1e-2, r.customBuggy().toString());
        assertEquals(List.of("custom.W"), r.customBuggy().failingParameters());
        assertTrue(r.files().isEmpty());
    }
}
