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
import io.github.chainrule.nn.Activation;
import io.github.chainrule.nn.Dense;
import io.github.chainrule.nn.Dropout;
import io.github.chainrule.nn.Initializer;
import io.github.chainrule.nn.Sequential;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.cost.Regularizer;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.data.LabeledData;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.train.Trainer;
import org.knowm.xchart.XYChart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The course's regularization assignment: a network big enough to memorize a small noisy training set,
 * trained without regularization, with L2 regularization and with dropout; train and test accuracy side
 * by side, and the three decision boundaries.
 */
@Command(name = "regularization", mixinStandardHelpOptions = true,
        description = "Course 2's regularization assignment: a [2, 50, 50, 1] ReLU network on a small noisy "
                + "two-moons set (200 train / 1000 test points), trained with no regularization, with L2 "
                + "(lambda) and with dropout (keepProb): train and test accuracy side by side, decision boundaries.")
public final class RegularizationExample extends ExampleCommand<RegularizationExample.Result> {
    /** The network's layer sizes. */
    public static final int[] LAYERS = {2, 50, 50, 1};

    @Option(names = "--iterations", paramLabel = "N", description = "Full-batch Adam steps (default: ${DEFAULT-VALUE}).")
    private int iterations = 2000;

    @Option(names = "--lambda", paramLabel = "L", description = "L2 regularization strength λ (default: ${DEFAULT-VALUE}).")
    private double lambda = 0.7;

    @Option(names = "--keep-prob", paramLabel = "P", description = "Dropout's keepProb in both hidden layers (default: ${DEFAULT-VALUE}).")
    private double keepProb = 0.7;

    @Option(names = "--train-points", paramLabel = "M", description = "Training points (default: ${DEFAULT-VALUE}).")
    private int trainPoints = 200;

    /**
     * What one variant gave.
     *
     * @param name          "no regularization", "L2" or "dropout"
     * @param trainAccuracy accuracy on the training set
     * @param testAccuracy  accuracy on the test set
     * @param costs         training cost at every step
     */
    public record Outcome(String name, double trainAccuracy, double testAccuracy, double[] costs) {
        /** Returns train accuracy minus test accuracy: how much the model overfits. */
        public double gap() {
            return trainAccuracy - testAccuracy;
        }
    }

    /**
     * What the program measured.
     *
     * @param outcomes the variants' outcomes by name
     * @param files    the files written
     */
    public record Result(Map<String, Outcome> outcomes, List<Path> files) {
    }

    /** Sets the number of training steps; returns this program. */
    public RegularizationExample iterations(int n) {
        this.iterations = n;
        return this;
    }

    @Override
    public Result run() {
        Console console = console();
        OutputFiles files = new OutputFiles(options().out());
        LabeledData trainSet = ToyData.moons(trainPoints, 0.35, options().seed());
        LabeledData testSet = ToyData.moons(1000, 0.35, options().seed() + 1);
        Dataset train = trainSet.binary();
        Dataset test = testSet.binary();
        double[] x1 = Charts.row(trainSet.x(), 0);
        double[] x2 = Charts.row(trainSet.x(), 1);

        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<XYChart> charts = new ArrayList<>();
        String[] names = {"no regularization", "L2 (λ " + Format.plain(lambda) + ")", "dropout (keepProb " + Format.plain(keepProb) + ")"};
        for (int v = 0; v < names.length; v++) {
            console.progress("%s:", names[v]);
            Random rng = new Random(options().seed());
            Sequential model = network(v == 2 ? keepProb : 1, rng);
            Trainer trainer = new Trainer(model, Costs::binaryCrossEntropyWithLogits,
                    new Adam(model.namedParameters(), 0.01)).epochs(iterations).printEvery(500);
            if (v == 1) {
                trainer.regularizer(Regularizer.l2(lambda));
            }
            double[] costs = Fit.costs(Fit.progress(trainer, console).fit(train.x(), train.y()));
            double trainAcc = Metrics.accuracyFromLogits(model, train.x(), train.y());
            double testAcc = Metrics.accuracyFromLogits(model, test.x(), test.y());
            console.result("%s: train accuracy %s, test accuracy %s", names[v], Format.percent(trainAcc),
                    Format.percent(testAcc));
            outcomes.put(names[v], new Outcome(names[v], trainAcc, testAcc, costs));
            charts.add(Charts.decisionBoundaryChart(String.format(java.util.Locale.ROOT, "%s: train %.1f %%, test %.1f %%",
                    names[v], 100 * trainAcc, 100 * testAcc), Models.plane(model, true), x1, x2, trainSet.labels(), 460, 360));
        }
        files.record(Charts.grid(files.resolve("regularization_boundaries.png"), charts, 3));
        List<String> categories = List.of(names);
        double[][] values = new double[2][names.length];
        for (int v = 0; v < names.length; v++) {
            values[0][v] = 100 * outcomes.get(names[v]).trainAccuracy();
            values[1][v] = 100 * outcomes.get(names[v]).testAccuracy();
        }
        files.record(Charts.bars(files.resolve("regularization_accuracy.png"),
                "Regularization of [2, 50, 50, 1] on noisy moons (" + trainPoints + " train / 1000 test)",
                "", "accuracy (%)", categories, List.of("train", "test"), values, 50, 100));

        Table table = new Table("Summary: regularization of [2, 50, 50, 1], " + iterations + " Adam steps on "
                + trainPoints + " noisy moons (test: 1000)", "variant", "train", "test", "train - test");
        for (Outcome o : outcomes.values()) {
            table.row(o.name(), Format.percent(o.trainAccuracy()), Format.percent(o.testAccuracy()),
                    Format.fixed(100 * o.gap(), 2) + " points");
        }
        console.result("%s", table);
        files.print(console);
        return new Result(outcomes, files.written());
    }

    /** The network, with dropout after each hidden layer when keepProb is below 1. */
    private static Sequential network(double keepProb, Random rng) {
        Sequential model = new Sequential();
        for (int l = 1; l < LAYERS.length; l++) {
            boolean hidden = l < LAYERS.length - 1;
            model.add(new Dense(LAYERS[l - 1], LAYERS[l], hidden ? Activation.RELU : Activation.IDENTITY,
                    Initializer.he(), rng));
            if (hidden && keepProb < 1) {
                model.add(new Dropout(keepProb, rng));
            }
        }
        return model;
    }
}
