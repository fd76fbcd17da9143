package io.github.chainrule.examples;

import io.github.chainrule.examples.cli.Console;
import io.github.chainrule.examples.cli.ExampleCommand;
import io.github.chainrule.examples.cli.Format;
import io.github.chainrule.examples.cli.OutputFiles;
import io.github.chainrule.examples.cli.Table;
import io.github.chainrule.examples.data.PlanarFlower;
import io.github.chainrule.examples.plot.Charts;
import io.github.chainrule.examples.train.Fit;
import io.github.chainrule.examples.train.Metrics;
import io.github.chainrule.examples.train.Models;
import io.github.chainrule.nn.Sequential;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.data.LabeledData;
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
 * The course's "planar data classification with one hidden layer": the two-class flower that no straight
 * line separates, logistic regression against a network with one tanh hidden layer, their decision
 * boundaries, and the sweep of hidden-layer sizes 1, 2, 3, 4, 5, 20, 50.
 */
@Command(name = "planar", mixinStandardHelpOptions = true,
        description = "The course's planar flower (400 points, 2 classes): logistic regression against a "
                + "network with one tanh hidden layer, decision boundaries drawn as pictures, and the "
                + "hidden-layer sizes 1, 2, 3, 4, 5, 20, 50 compared (accuracy on the 400 points, as the course).")
public final class PlanarExample extends ExampleCommand<PlanarExample.Result> {
    /** The hidden-layer sizes the course compares. */
    public static final int[] SWEEP = {1, 2, 3, 4, 5, 20, 50};

    @Option(names = "--hidden-size", paramLabel = "N", description = "Hidden units of the main network (default: ${DEFAULT-VALUE}).")
    private int hiddenSize = 4;

    @Option(names = "--iterations", paramLabel = "N", description = "Iterations of the main network (default: ${DEFAULT-VALUE}).")
    private int iterations = 10000;

    @Option(names = "--sweep-iterations", paramLabel = "N", description = "Iterations per size of the sweep (default: ${DEFAULT-VALUE}).")
    private int sweepIterations = 5000;

    @Option(names = "--learning-rate", paramLabel = "ALPHA", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate = 1.2;

    /**
     * What the program measured.
     *
     * @param logisticAccuracy  accuracy of logistic regression on the 400 points
     * @param networkAccuracy   accuracy of the main tanh network
     * @param networkCosts      the main network's cost at every iteration
     * @param sweepAccuracy     accuracy per hidden-layer size of the sweep
     * @param files             the files written
     */
    public record Result(double logisticAccuracy, double networkAccuracy, double[] networkCosts,
                         Map<Integer, Double> sweepAccuracy, List<Path> files) {
    }

    /** Sets the main network's iterations; returns this program. */
    public PlanarExample iterations(int n) {
        this.iterations = n;
        return this;
    }

    /** Sets the iterations per size of the sweep; returns this program. */
    public PlanarExample sweepIterations(int n) {
        this.sweepIterations = n;
        return this;
    }

    @Override
    public Result run() {
        Console console = console();
        OutputFiles files = new OutputFiles(options().out());
        LabeledData flower = PlanarFlower.generate(options().seed());
        Dataset data = flower.binary();
        double[] x1 = Charts.row(flower.x(), 0);
        double[] x2 = Charts.row(flower.x(), 1);
        int[] y = flower.labels();
        Random rng = new Random(options().seed());

        console.progress("Logistic regression (one sigmoid unit), %d iterations:", 1000);
        Sequential logistic = Models.logisticRegression(2);
        Fit.batchGradientDescent(logistic, data.x(), data.y(), Costs::binaryCrossEntropy, learningRate, 1000, 1000,
                console);
        double logisticAcc = Metrics.accuracy(logistic, data.x(), data.y());
        console.result("Accuracy of logistic regression: %s (percentage of correctly labelled datapoints)",
                Format.percent(logisticAcc));
        files.record(Charts.decisionBoundary(files.resolve("planar_logistic_regression.png"),
                "Logistic regression: accuracy " + Format.percent(logisticAcc), Models.plane(logistic), x1, x2, y));

        console.progress("Network with %d tanh hidden units, learning rate %s, %d iterations:",
                hiddenSize, Format.plain(learningRate), iterations);
        Sequential network = Models.shallowTanh(2, hiddenSize, rng);
        double[] costs = Fit.batchGradientDescent(network, data.x(), data.y(), Costs::binaryCrossEntropy,
                learningRate, iterations, 1000, console);
        double networkAcc = Metrics.accuracy(network, data.x(), data.y());
        console.result("Accuracy of the network with %d hidden units: %s", hiddenSize, Format.percent(networkAcc));
        files.record(Charts.decisionBoundary(files.resolve("planar_hidden_" + hiddenSize + ".png"),
                "One tanh hidden layer of " + hiddenSize + " units: accuracy " + Format.percent(networkAcc),
                Models.plane(network), x1, x2, y));

        Map<Integer, Double> sweep = new LinkedHashMap<>();
        List<XYChart> charts = new ArrayList<>();
        charts.add(Charts.decisionBoundaryChart("Logistic regression: " + Format.percent(logisticAcc),
                Models.plane(logistic), x1, x2, y, 400, 320));
        Console silent = new Console(System.out, true);
        for (int nh : SWEEP) {
            Sequential model = Models.shallowTanh(2, nh, new Random(options().seed()));
            Fit.batchGradientDescent(model, data.x(), data.y(), Costs::binaryCrossEntropy, learningRate,
                    sweepIterations, 1000, silent);
            double acc = Metrics.accuracy(model, data.x(), data.y());
            sweep.put(nh, acc);
            console.progress("Accuracy for %d hidden units: %s", nh, Format.percent(acc));
            charts.add(Charts.decisionBoundaryChart("Hidden layer of size " + nh + ": " + Format.percent(acc),
                    Models.plane(model), x1, x2, y, 400, 320));
        }
        files.record(Charts.grid(files.resolve("planar_hidden_sizes.png"), charts, 4));

        Table table = new Table("Summary: planar flower, " + flower.m() + " points (accuracy on them, as the course)",
                "model", "hidden units", "iterations", "accuracy");
        table.row("logistic regression", "-", 1000, Format.percent(logisticAcc));
        table.row("tanh network", hiddenSize, iterations, Format.percent(networkAcc));
        for (int nh : SWEEP) {
            table.row("tanh network (sweep)", nh, sweepIterations, Format.percent(sweep.get(nh)));
        }
        console.result("%s", table);
        files.print(console);
        return new Result(logisticAcc, networkAcc, costs, sweep, files.written());
    }
}
