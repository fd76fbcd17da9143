package io.github.chainrule.examples;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LauncherTest {
    private static final List<String> PROGRAMS = List.of("deep-network", "chain-rule", "logistic-regression", "planar",
            "softmax", "cnn", "batch-norm", "initialization", "regularization", "optimization", "gradient-checking");

    @Test
    void everyProgramIsASubcommandWithHelp() {
        CommandLine cli = new CommandLine(new Main());
        assertEquals(PROGRAMS, List.copyOf(cli.getSubcommands().keySet()).subList(0, PROGRAMS.size()));
        for (String program : PROGRAMS) {
            String help = captured(() -> assertEquals(0, Main.execute(program, "--help")));
            assertTrue(help.contains("Usage: chainrule-examples " + program), help);
            assertTrue(help.contains("--out=DIR") && help.contains("--quiet"), help);
            // --seed is offered exactly to the programs that draw random numbers: all but chain-rule.
            assertEquals(!program.equals("chain-rule"), help.contains("--seed=N"), help);
        }
    }

    @Test
    void anUnknownProgramNameIsNamedWithTheListOfProgramsNotTheDefaultProgramsUsage() {
        PrintStream err = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute("deep-netwrok");
        } finally {
            System.setErr(err);
        }
        String message = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(2, code);
        assertEquals("unknown program 'deep-netwrok'; programs: " + String.join(", ", PROGRAMS), message.strip());
    }

    @Test
    void helpDescriptionsAreWrappedByPicocliAloneSoNoLineIsCutShort() {
        String help = captured(() -> assertEquals(0, Main.execute("deep-network", "--help")));
        // Hand-broken descriptions left lines like "binary" alone, picocli wrapping each piece again.
        assertTrue(help.contains("on a\nbinary Fashion-MNIST task") || help.contains("on a binary Fashion-MNIST task")
                || help.contains("on a binary\nFashion-MNIST task"), help);
        for (String line : help.split("\n")) {
            assertTrue(line.isBlank() || line.strip().length() > 8 || line.strip().startsWith("-")
                    || line.strip().startsWith("["), () -> "a cut-short line '" + line + "' in\n" + help);
        }
    }

    @Test
    void noArgumentsOrOnlyOptionsRunTheDeepNetworkProgram() {
        CommandLine cli = new CommandLine(new Main());
        assertEquals("deep-network", Main.DEFAULT_PROGRAM);
        assertArrayEquals(new String[] {"deep-network"}, Main.withDefaultProgram(cli, new String[0]));
        assertArrayEquals(new String[] {"deep-network", "--quiet"}, Main.withDefaultProgram(cli, new String[] {"--quiet"}));
        assertArrayEquals(new String[] {"planar", "--quiet"}, Main.withDefaultProgram(cli, new String[] {"planar", "--quiet"}));
        assertArrayEquals(new String[] {"--help"}, Main.withDefaultProgram(cli, new String[] {"--help"}));
    }

    @Test
    void anUnknownOptionIsAUsageErrorNotACrash() {
        PrintStream err = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertNotEquals(0, Main.execute("chain-rule", "--no-such-option"));
        } finally {
            System.setErr(err);
        }
        assertTrue(buffer.toString(StandardCharsets.UTF_8).contains("Unknown option: '--no-such-option'"), buffer.toString());
    }

    private static String captured(Runnable r) {
        PrintStream out = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setOut(out);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
