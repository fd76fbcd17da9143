package io.github.chainrule.examples;

import io.github.chainrule.examples.cli.Console;
import io.github.chainrule.examples.cli.ExampleCommand;
import io.github.chainrule.examples.cli.Format;
import io.github.chainrule.examples.cli.OutputFiles;
import io.github.chainrule.examples.cli.Table;
import io.github.chainrule.examples.data.EmbeddedData;
import io.github.chainrule.examples.plot.Charts;
import io.github.chainrule.examples.train.Fit;
import io.github.chainrule.examples.train.Metrics;
import io.github.chainrule.nn.Activation;
import io.github.chainrule.nn.Dense;
import io.github.chainrule.nn.Initializer;
import io.github.chainrule.nn.Sequential;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.data.Split;
import io.github.chainrule.nn.data.Standardizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The course's first assignment, logistic regression as a one-neuron network, on the breast-cancer set:
 * A = σ(wᵀX + b), cross-entropy cost, batch gradient descent from w = 0, the "Cost after iteration N"
 * log, train and test accuracy, and the course's comparison of learning rates 0.01, 0.001 and 0.0001.
 */
@Command(name = "logistic-regression", mixinStandardHelpOptions = true,
        description = "Logistic regression as a one-neuron network on the breast-cancer set (569 examples, "
                + "30 standardized features, 80/20 train/test split): the course's cost log, train and test "
                + "accuracy, and the learning rates 0.01, 0.001 and 0.0001 compared on one cost-curve plot.")
public final class LogisticRegressionExample extends ExampleCommand<LogisticRegressionExample.Result> {
    /** The learning rates the course compares. */
    public static final double[] COMPARED_RATES = {0.01, 0.001, 0.0001};

    @Option(names = "--iterations", paramLabel = "N", description = "Gradient-descent iterations (default: ${DEFAULT-VALUE}).")
    private int iterations = 2000;

    @Option(names = "--learning-rate", paramLabel = "ALPHA", description = "Learning rate of the main run (default: ${DEFAULT-VALUE}).")
    private double learningRate = 0.01;

    /**
     * What the program measured.
     *
     * @param trainAccuracy     accuracy of the main run on the training set
     * @param testAccuracy      accuracy of the main run on the test set
     * @param costs             the main run's cost at every iteration
     * @param costsByRate       the cost curve of each compared learning rate
     * @param testAccuracyByRate test accuracy of each compared learning rate
     * @param trainSize         number of training examples
     * @param testSize          number of test examples
     * @param files             the files written
     */
    public record Result(double trainAccuracy, double testAccuracy, double[] costs, Map<Double, double[]> costsByRate,
                         Map<Double, Double> testAccuracyByRate, int trainSize, int testSize, List<Path> files) {
    }

    /** Sets the number of gradient-descent iterations; returns this program. */
    public LogisticRegressionExample iterations(int n) {
        this.iterations = n;
        return this;
    }

    /** Sets the learning rate of the main run; returns this program. */
    public LogisticRegressionExample learningRate(double alpha) {
        this.learningRate = alpha;
        return this;
    }

    /**
     * Returns the breast-cancer set split 80/20 into train and test with the given seed, features standardized
     * with the training set's mean and standard deviation.
     */
    public static Split data(long seed) {
        return Split.trainTest(EmbeddedData.breastCancer().binary(), 0.8, new Random(seed))
                .normalized(Standardizer::fit);
    }

    /** Returns logistic regression as a network: one sigmoid unit over n_x inputs, w and b starting at zero. */
    public static Sequential model(int nx) {
        return new Sequential().add(new Dense(nx, 1, Activation.SIGMOID, Initializer.zeros(), null));
    }

    @Override
    public Result run() {
        Console console = console();
        OutputFiles files = new OutputFiles(options().out());
        Split split = data(options().seed());
        int nx = split.train().inputSize();
        console.progress("Breast cancer: %d training and %d test examples, %d standardized features; label 1 = benign",
                split.train().m(), split.test().m(), nx);

        Sequential main = model(nx);
        console.progress("Logistic regression, learning rate %s, %d iterations:", learningRate, iterations);
        double[] costs = Fit.batchGradientDescent(main, split.train().x(), split.train().y(), Costs::binaryCrossEntropy,
                learningRate, iterations, 100, console);
        double trainAcc = Metrics.accuracy(main, split.train().x(), split.train().y());
        double testAcc = Metrics.accuracy(main, split.test().x(), split.test().y());
        console.result("train accuracy: %.2f %%", 100 * trainAcc);
        console.result("test accuracy: %.2f %%", 100 * testAcc);

        Map<Double, double[]> costsByRate = new LinkedHashMap<>();
        Map<Double, Double> trainByRate = new LinkedHashMap<>();
        Map<Double, Double> testByRate = new LinkedHashMap<>();
        List<Charts.Series> curves = new ArrayList<>();
        Console silent = new Console(System.out, true);
        for (double rate : COMPARED_RATES) {
            console.progress("learning rate is: %s", Format.plain(rate));
            Sequential model = model(nx);
            double[] c = Fit.batchGradientDescent(model, split.train().x(), split.train().y(),
                    Costs::binaryCrossEntropy, rate, iterations, 100, silent);
            costsByRate.put(rate, c);
            trainByRate.put(rate, Metrics.accuracy(model, split.train().x(), split.train().y()));
            testByRate.put(rate, Metrics.accuracy(model, split.test().x(), split.test().y()));
            curves.add(Charts.Series.sampled(String.format(java.util.Locale.ROOT, "α = %s  (test accuracy %.1f %%)",
                    Format.plain(rate), 100 * testByRate.get(rate)), c));
        }
        files.record(Charts.costCurves(files.resolve("logistic_regression_learning_rates.png"),
                "Logistic regression on breast cancer: learning rates", "iteration", curves));

        Table table = new Table("Summary: logistic regression on breast cancer (" + split.train().m() + " train / "
                + split.test().m() + " test), " + iterations + " iterations",
                "learning rate", "final cost", "train accuracy", "test accuracy");
        for (double rate : COMPARED_RATES) {
            double[] c = costsByRate.get(rate);
            table.row(Format.plain(rate), Format.fixed(c[c.length - 1], 4),
                    Format.percent(trainByRate.get(rate)), Format.percent(testByRate.get(rate)));
        }
        console.result("%s", table);
        files.print(console);
        return new Result(trainAcc, testAcc, costs, costsByRate, testByRate, split.train().m(), split.test().m(),
                files.written());
    }
}
