package io.github.chainrule.examples.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Holds the options every example program takes: where to write its files, how talkative to be, and
 * the seed of its random numbers (so that two runs print the same numbers).
 */
public final class ExampleOptions {
    @Option(names = "--out", paramLabel = "DIR",
            description = "Folder for the pictures and other files the program writes (default: ${DEFAULT-VALUE}).")
    private Path out = Path.of("out");

    @Option(names = "--quiet", description = "Print only the summary table and the files written, no training progress.")
    private boolean quiet;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the random numbers (default: ${DEFAULT-VALUE}); the same seed prints the same numbers.")
    private long seed = 1;

    /** Returns the folder the program writes its files to. */
    public Path out() {
        return out;
    }

    /** Sets the folder the program writes its files to, and returns these options. */
    public ExampleOptions out(Path folder) {
        if (folder == null) {
            throw new IllegalArgumentException("--out: the folder is null");
        }
        this.out = folder;
        return this;
    }

    /** Returns whether training progress is suppressed. */
    public boolean quiet() {
        return quiet;
    }

    /** Sets whether training progress is suppressed, and returns these options. */
    public ExampleOptions quiet(boolean quiet) {
        this.quiet = quiet;
        return this;
    }

    /** Returns the seed of the program's random numbers. */
    public long seed() {
        return seed;
    }

    /** Sets the seed of the program's random numbers, and returns these options. */
    public ExampleOptions seed(long seed) {
        this.seed = seed;
        return this;
    }
}
