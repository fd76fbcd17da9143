package io.github.chainrule.examples;

import io.github.chainrule.examples.plot.Graphviz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChainRuleExampleTest {
    @TempDir
    Path out;

    @Test
    void givesTheCoursesValueDerivativesAndNudge() throws IOException {
        ChainRuleExample program = new ChainRuleExample();
        program.options().out(out).quiet(true);
        ChainRuleExample.Result r = program.run();
        assertEquals(33.0, r.J());
        assertEquals(3.0, r.dJda());
        assertEquals(6.0, r.dJdb());
        assertEquals(9.0, r.dJdc());
        assertEquals(0.003, r.nudgedJ() - r.J(), 1e-9, "nudging a by 0.001 moves J by dJ/da * 0.001");
        assertEquals(0.006, r.nudged()[1] - r.J(), 1e-9);
        assertEquals(0.009, r.nudged()[2] - r.J(), 1e-9);

        Path dot = out.resolve("chain_rule.dot");
        assertEquals(dot, r.files().get(0));
        String text = Files.readString(dot);
        assertEquals(r.dot(), text);
        assertTrue(text.startsWith("digraph"), text);
        assertTrue(text.contains("a | shape () | data 5.0000 | grad 3.0000"), text);
        assertTrue(text.contains("u = bc | shape () | data 6.0000 | grad 3.0000"), text);
        if (Graphviz.findDot().isPresent()) {
            Pictures.assertWrote(out, r.files(), "chain_rule.dot", "chain_rule.svg", "chain_rule.png");
        } else {
            Pictures.assertWrote(out, r.files(), "chain_rule.dot");
        }
    }
}
