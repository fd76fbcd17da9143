package io.github.chainrule.examples;

import io.github.chainrule.examples.cli.ExampleCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.Arrays;
import java.util.Set;

/**
 * The launcher of the example programs: {@code chain-rule}, {@code deep-network}, ... as subcommands, each
 * with {@code --help}. Without arguments (or with only options) it runs the default program.
 */
@Command(name = "chainrule-examples", mixinStandardHelpOptions = true, version = "chainrule examples 0.1.0",
        description = "The DeepLearning.AI course's programs, written with chainrule, on real data. "
                + "Run one with its name; with no name, the default program runs.",
        subcommands = {DeepNetworkExample.class, ChainRuleExample.class, LogisticRegressionExample.class, PlanarExample.class, SoftmaxExample.class, CnnExample.class, BatchNormExample.class, InitializationExample.class, RegularizationExample.class, OptimizationExample.class, GradientCheckingExample.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** The program that runs when the launcher is given no program name. */
    public static final String DEFAULT_PROGRAM = "deep-network";

    /** Runs the launcher with the given command-line arguments and exits with its exit code. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        int code = execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Runs the launcher with the given command-line arguments and returns its exit code (0 when all went well). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        withoutUnusedOptions(cli);
        if (args.length > 0 && !args[0].startsWith("-") && !cli.getSubcommands().containsKey(args[0])) {
            cli.getErr().println("unknown program '" + args[0] + "'; programs: " + String.join(", ", programs(cli)));
            cli.getErr().flush();
            return cli.getCommandSpec().exitCodeOnInvalidInput();
        }
        return cli.execute(withDefaultProgram(cli, args));
    }

    /** Returns the example programs' names, in the launcher's order (the help command left out). */
    static java.util.List<String> programs(CommandLine cli) {
        java.util.List<String> out = new java.util.ArrayList<>();
        cli.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommand() instanceof ExampleCommand<?>) {
                out.add(name);
            }
        });
        return out;
    }

    /** Takes the common options a program does not use (chain-rule draws no random numbers: no --seed) off its command line. */
    private static void withoutUnusedOptions(CommandLine cli) {
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommand() instanceof ExampleCommand<?> program && !program.usesSeed()) {
                CommandLine.Model.OptionSpec seed = sub.getCommandSpec().findOption("--seed");
                if (seed != null) {
                    sub.getCommandSpec().remove(seed);
                }
            }
        }
    }

    /** Puts the default program's name in front of the arguments unless they start with a program name or ask for help. */
    static String[] withDefaultProgram(CommandLine cli, String[] args) {
        Set<String> names = cli.getSubcommands().keySet();
        Set<String> launcherOptions = Set.of("-h", "--help", "-V", "--version");
        if (args.length > 0 && (names.contains(args[0]) || launcherOptions.contains(args[0]))) {
            return args;
        }
        String[] withDefault = new String[args.length + 1];
        withDefault[0] = DEFAULT_PROGRAM;
        System.arraycopy(args, 0, withDefault, 1, args.length);
        return withDefault;
    }

    /** Never reached: without a program name the default program runs instead. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this),
                "no program given; the programs are " + Arrays.toString(new String[] {DEFAULT_PROGRAM}));
    }
}
