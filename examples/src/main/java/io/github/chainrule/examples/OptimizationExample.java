package io.github.chainrule.examples;

import io.github.chainrule.examples.cli.Console;
import io.github.chainrule.examples.cli.ExampleCommand;
import io.github.chainrule.examples.cli.Format;
import io.github.chainrule.examples.cli.OutputFiles;
import io.github.chainrule.examples.cli.Table;
import io.github.chainrule.examples.data.ToyData;
import io.github.chainrule.examples.plot.Charts;
import io.github.chainrule.examples.train.Fit;
import io.github.chainrule.examples.train.Metrics;
import io.github.chainrule.examples.train.Models;
import io.github.chainrule.nn.Initializer;
import io.github.chainrule.nn.Sequential;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.optim.GradientDescent;
import io.github.chainrule.nn.optim.LearningRateSchedule;
import io.github.chainrule.nn.optim.Momentum;
import io.github.chainrule.nn.optim.Optimizer;
import io.github.chainrule.nn.train.DecayEvery;
import io.github.chainrule.nn.train.MiniBatches;
import io.github.chainrule.nn.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * The course's optimization assignment: the same [2, 5, 2, 1] network trained on mini-batches of 64 with
 * plain gradient descent, momentum and Adam, first at the course's small learning rate, then with
 * learning-rate decay; cost curves on one plot each.
 */
@Command(name = "optimization", mixinStandardHelpOptions = true,
        description = "Course 2's optimization assignment: a [2, 5, 2, 1] network on two moons (300 points), "
                + "mini-batches of 64, trained with mini-batch gradient descent, momentum (beta 0.9) and Adam at the "
                + "course's learning rate 0.0007, then again with learning-rate decay; cost curves on one plot each.")
public final class OptimizationExample extends ExampleCommand<OptimizationExample.Result> {
    /** The course's layer sizes. */
    public static final int[] LAYERS = {2, 5, 2, 1};

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs of every run (default: ${DEFAULT-VALUE}).")
    private int epochs = 3000;

    @Option(names = "--learning-rate", paramLabel = "ALPHA", description = "Learning rate without decay, the course's (default: ${DEFAULT-VALUE}).")
    private double learningRate = 0.0007;

    @Option(names = "--decay-learning-rate", paramLabel = "ALPHA0", description = "Initial learning rate with decay (default: ${DEFAULT-VALUE}).")
    private double decayLearningRate = 0.05;

    /**
     * What one run gave.
     *
     * @param name     the optimizer (and schedule)
     * @param accuracy accuracy on the 300 training points, as the course reports it
     * @param costs    the cost of every epoch
     */
    public record Outcome(String name, double accuracy, double[] costs) {
        /** Returns the cost of the last epoch. */
        public double finalCost() {
            return costs[costs.length - 1];
        }
    }

    /**
     * What the program measured.
     *
     * @param outcomes every run's outcome, in order: GD, momentum, Adam, then the same with decay
     * @param files    the files written
     */
    public record Result(Map<String, Outcome> outcomes, List<Path> files) {
    }

    /** Sets the number of epochs of every run; returns this program. */
    public OptimizationExample epochs(int n) {
        this.epochs = n;
        return this;
    }

    @Override
    public Result run() {
        Console console = console();
        OutputFiles files = new OutputFiles(options().out());
        Dataset data = ToyData.moons(300, 0.2, options().seed()).binary();

        Map<String, BiFunction<Sequential, Double, Optimizer>> optimizers = new LinkedHashMap<>();
        optimizers.put("mini-batch gradient descent", (m, a) -> new GradientDescent(m.namedParameters(), a));
        optimizers.put("momentum", (m, a) -> new Momentum(m.namedParameters(), a, 0.9));
        optimizers.put("Adam", (m, a) -> new Adam(m.namedParameters(), a));

        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (boolean decay : new boolean[] {false, true}) {
            List<Charts.Series> curves = new ArrayList<>();
            double alpha = decay ? decayLearningRate : learningRate;
            for (Map.Entry<String, BiFunction<Sequential, Double, Optimizer>> e : optimizers.entrySet()) {
                String name = e.getKey() + (decay ? " with decay" : "");
                console.progress("%s, learning rate %s:", name, Format.plain(alpha));
                Random rng = new Random(options().seed());
                Sequential model = Models.logits(LAYERS, Initializer.he(), rng);
                Trainer trainer = new Trainer(model, Costs::binaryCrossEntropyWithLogits, e.getValue().apply(model, alpha))
                        .epochs(epochs).printEvery(1000);
                if (decay) {
                    // The course's fixed-interval decay: α = α0 / (1 + decayRate · ⌊epoch / interval⌋).
                    trainer.schedule(LearningRateSchedule.staircase(1, epochs / 10), DecayEvery.EPOCH);
                }
                double[] costs = Fit.costs(Fit.progress(trainer, console)
                        .fit(MiniBatches.shuffled(data.x(), data.y(), 64, rng)));
                double acc = Metrics.accuracyFromLogits(model, data.x(), data.y());
                console.result("%s: accuracy %s, final cost %s", name, Format.percent(acc), Format.fixed(costs[costs.length - 1], 4));
                outcomes.put(name, new Outcome(name, acc, costs));
                curves.add(Charts.Series.sampled(e.getKey() + " (accuracy " + Format.percent(acc) + ")", costs));
            }
            String file = decay ? "optimization_decay_cost.png" : "optimization_cost.png";
            String title = decay
                    ? "Mini-batches of 64, α0 = " + Format.plain(alpha) + " with staircase decay every " + (epochs / 10) + " epochs"
                    : "Mini-batches of 64, learning rate " + Format.plain(alpha) + " (the course's)";
            files.record(Charts.costCurves(files.resolve(file), title, "epoch", curves));
        }

        Table table = new Table("Summary: [2, 5, 2, 1] on 300 moons, mini-batches of 64, " + epochs + " epochs",
                "optimizer", "learning rate", "final cost", "accuracy");
        int i = 0;
        for (Outcome o : outcomes.values()) {
            String rate = i++ < 3 ? Format.plain(learningRate) : Format.plain(decayLearningRate) + " decaying";
            table.row(o.name(), rate, Format.fixed(o.finalCost(), 4), Format.percent(o.accuracy()));
        }
        console.result("%s", table);
        files.print(console);
        return new Result(outcomes, files.written());
    }
}
