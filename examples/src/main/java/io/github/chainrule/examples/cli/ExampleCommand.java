package io.github.chainrule.examples.cli;

import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * Base of every example program: a picocli subcommand that is also usable from code.
 *
 * <p>From the command line picocli fills the {@link ExampleOptions} and calls {@link #call()}; from code (and
 * tests) set {@link #options()} and the program's own setters, then call {@link #run()} and check the
 * result record it returns.
 *
 * @param <R> the record of numbers and files the program produces
 */
public abstract class ExampleCommand<R> implements Callable<Integer> {
    @Mixin
    private ExampleOptions options = new ExampleOptions();

    /** Returns the common options (output folder, quietness, seed); change them before {@link #run()}. */
    public ExampleOptions options() {
        return options;
    }

    /**
     * Tells whether the program draws random numbers, so that {@code --seed} means something to it; the
     * launcher does not offer {@code --seed} to a program that says no.
     *
     * @return true (the default) if the program uses the seed
     */
    public boolean usesSeed() {
        return true;
    }

    /** Runs the program: trains, prints progress and the summary table, writes its files, returns the result. */
    public abstract R run();

    /** Runs the program for picocli and returns the exit code 0. */
    @Override
    public Integer call() {
        run();
        return 0;
    }

    /** Returns a console that prints with this program's quietness. */
    protected Console console() {
        return Console.of(options);
    }
}
