package io.github.chainrule.examples;

import io.github.chainrule.Tensor;
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
import io.github.chainrule.nn.Dense;
import io.github.chainrule.nn.Initializer;
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
 * The course's initialization assignment: the same 3-layer network [2, 10, 5, 1] trained on two noisy
 * circles from zeros, from large random weights (randn · 10) and from He initialization.
 */
@Command(name = "initialization", mixinStandardHelpOptions = true,
        description = "Course 2's initialization assignment: a [2, 10, 5, 1] ReLU network on two noisy circles "
                + "(300 train / 100 test points), started from zeros, from randn * 10 and from He initialization: "
                + "cost curves, decision boundaries, and whether the hidden units stayed identical.")
public final class InitializationExample extends ExampleCommand<InitializationExample.Result> {
    /** The course's layer sizes. */
    public static final int[] LAYERS = {2, 10, 5, 1};

    @Option(names = "--iterations", paramLabel = "N", description = "Gradient-descent iterations (default: ${DEFAULT-VALUE}).")
    private int iterations = 15000;

    @Option(names = "--learning-rate", paramLabel = "ALPHA", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate = 0.01;

    /**
     * What one initialization gave.
     *
     * @param name                 the initialization's name
     * @param trainAccuracy        accuracy on the training points
     * @param testAccuracy         accuracy on the test points
     * @param costs                the cost at every iteration
     * @param hiddenUnitsIdentical whether, after training, the units of each hidden layer have identical
     *                             incoming weights and biases (the symmetry zeros never breaks)
     */
    public record Outcome(String name, double trainAccuracy, double testAccuracy, double[] costs,
                          boolean hiddenUnitsIdentical) {
        /** Returns the largest minus the smallest cost over training. */
        public double costRange() {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double c : costs) {
                lo = Math.min(lo, c);
                hi = Math.max(hi, c);
            }
            return hi - lo;
        }
    }

    /**
     * What the program measured.
     *
     * @param outcomes the outcome of each initialization, by name: "zeros", "random * 10", "He"
     * @param files    the files written
     */
    public record Result(Map<String, Outcome> outcomes, List<Path> files) {
    }

    /** Sets the number of iterations; returns this program. */
    public InitializationExample iterations(int n) {
        this.iterations = n;
        return this;
    }

    /** Sets the learning rate; returns this program. */
    public InitializationExample learningRate(double alpha) {
        this.learningRate = alpha;
        return this;
    }

    @Override
    public Result run() {
        Console console = console();
        OutputFiles files = new OutputFiles(options().out());
        LabeledData trainPoints = ToyData.circles(300, 0.05, 0.8, options().seed());
        LabeledData testPoints = ToyData.circles(100, 0.05, 0.8, options().seed() + 1);
        Dataset train = trainPoints.binary();
        Dataset test = testPoints.binary();
        double[] x1 = Charts.row(trainPoints.x(), 0);
        double[] x2 = Charts.row(trainPoints.x(), 1);

        Map<String, Initializer> inits = new LinkedHashMap<>();
        inits.put("zeros", Initializer.zeros());
        inits.put("random * 10", Initializer.normal(10));
        inits.put("He", Initializer.he());

        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<Charts.Series> curves = new ArrayList<>();
        List<XYChart> charts = new ArrayList<>();
        for (Map.Entry<String, Initializer> e : inits.entrySet()) {
            console.progress("Initialization: %s", e.getKey());
            // The last layer is linear and the cost applies the sigmoid: randn * 10 saturates σ, and the
            // course's log(σ(z)) would print inf where the stable form stays finite.
            Sequential model = Models.logits(LAYERS, e.getValue(), new Random(options().seed()));
            double[] costs = Fit.batchGradientDescent(model, train.x(), train.y(), Costs::binaryCrossEntropyWithLogits,
                    learningRate, iterations, 1000, console);
            double trainAcc = Metrics.accuracyFromLogits(model, train.x(), train.y());
            double testAcc = Metrics.accuracyFromLogits(model, test.x(), test.y());
            boolean identical = hiddenUnitsIdentical(model);
            console.result("%s: train accuracy %s, test accuracy %s, hidden units identical: %s", e.getKey(),
                    Format.percent(trainAcc), Format.percent(testAcc), identical ? "yes" : "no");
            outcomes.put(e.getKey(), new Outcome(e.getKey(), trainAcc, testAcc, costs, identical));
            curves.add(Charts.Series.sampled(e.getKey() + " (train " + Format.percent(trainAcc) + ")", costs));
            charts.add(Charts.decisionBoundaryChart("Initialized with " + e.getKey() + ": test " + Format.percent(testAcc),
                    Models.plane(model, true), x1, x2, trainPoints.labels(), 440, 360));
        }
        files.record(Charts.lines(files.resolve("initialization_cost.png"),
                "Initialization of [2, 10, 5, 1] on circles: cost (log scale)", "iteration", "cost", curves, true));
        files.record(Charts.grid(files.resolve("initialization_boundaries.png"), charts, 3));

        Table table = new Table("Summary: initialization of [2, 10, 5, 1], " + iterations + " iterations, learning rate "
                + Format.plain(learningRate) + " (circles: 300 train / 100 test)",
                "initialization", "first cost", "last cost", "train", "test", "hidden units identical");
        for (Outcome o : outcomes.values()) {
            table.row(o.name(), Format.fixed(o.costs()[0], 6), Format.fixed(o.costs()[o.costs().length - 1], 6),
                    Format.percent(o.trainAccuracy()), Format.percent(o.testAccuracy()), o.hiddenUnitsIdentical() ? "yes" : "no");
        }
        console.result("%s", table);
        files.print(console);
        return new Result(outcomes, files.written());
    }

    /**
     * Returns whether every hidden layer's units are interchangeable: equal rows of W[l] and equal entries of
     * b[l], so that they compute the same function (the symmetry the course says zeros never breaks).
     */
    public static boolean hiddenUnitsIdentical(Sequential model) {
        List<io.github.chainrule.nn.Layer> layers = model.layers();
        for (int l = 0; l < layers.size() - 1; l++) {
            Dense layer = (Dense) layers.get(l);
            Tensor W = layer.W();
            Tensor b = layer.b();
            int n = W.shape().dim(0);
            int nPrev = W.shape().dim(1);
            for (int i = 1; i < n; i++) {
                if (b.get(i, 0) != b.get(0, 0)) {
                    return false;
                }
                for (int k = 0; k < nPrev; k++) {
                    if (W.get(i, k) != W.get(0, k)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
