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
import io.github.chainrule.examples.train.Models;
import io.github.chainrule.nn.Initializer;
import io.github.chainrule.nn.Sequential;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.data.LabeledData;
import io.github.chainrule.nn.data.Normalizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * The course's "deep neural network for image classification", on a binary Fashion-MNIST task of the
 * size of the course's cat / non-cat set: logistic regression against the L-layer model
 * [784, 20, 7, 5, 1] (ReLU hidden layers, sigmoid output), the course's cost log, train/dev/test
 * accuracy and cost curves.
 */
@Command(name = "deep-network", mixinStandardHelpOptions = true,
        description = "The default program. The course's deep network for image classification on a binary "
                + "Fashion-MNIST task (T-shirt vs Shirt by default, 28x28 pixels / 255): logistic regression against "
                + "the L-layer model [784, 20, 7, 5, 1], the course's cost log, train/dev/test accuracy and cost curves.")
public final class DeepNetworkExample extends ExampleCommand<DeepNetworkExample.Result> {
    @Option(names = "--classes", split = ",", paramLabel = "NEG,POS",
            description = "The two Fashion-MNIST classes, label 0 then label 1 (default: ${DEFAULT-VALUE}): "
                    + "0,6 is T-shirt vs Shirt (hard), 7,9 is Sneaker vs Ankle boot (easy).")
    private int[] classes = {0, 6};

    @Option(names = "--iterations", paramLabel = "N", description = "Gradient-descent iterations (default: ${DEFAULT-VALUE}).")
    private int iterations = 400;

    @Option(names = "--learning-rate", paramLabel = "ALPHA", description = "Learning rate of both models (default: ${DEFAULT-VALUE}).")
    private double learningRate = 0.03;

    @Option(names = "--init", paramLabel = "NAME",
            description = "Initialization of the L-layer model: he (default; course 2's choice for ReLU layers, "
                    + "it trains in fewer iterations) or xavier (randn / sqrt(n[l-1]), the course 1 application's).")
    private String init = "he";

    /** The course's 4-layer model sizes, with 28·28 = 784 inputs. */
    public static final int[] LAYERS = {784, 20, 7, 5, 1};

    /**
     * What the program measured.
     *
     * @param names          the two class names, label 0 then label 1
     * @param sizes          examples in train, dev and test
     * @param logistic       accuracies of logistic regression: train, dev, test
     * @param deep           accuracies of the L-layer model: train, dev, test
     * @param logisticCosts  cost of logistic regression at every iteration
     * @param deepCosts      cost of the L-layer model at every iteration
     * @param files          the files written
     */
    public record Result(List<String> names, int[] sizes, double[] logistic, double[] deep, double[] logisticCosts,
                         double[] deepCosts, List<Path> files) {
        /** Returns whether the L-layer model is more accurate than logistic regression on the dev set. */
        public boolean deepWinsOnDev() {
            return deep[1] > logistic[1];
        }
    }

    /** Sets the two classes (label 0, then label 1); returns this program. */
    public DeepNetworkExample classes(int negative, int positive) {
        this.classes = new int[] {negative, positive};
        return this;
    }

    /** Sets the L-layer model's initialization, "he" or "xavier"; returns this program. */
    public DeepNetworkExample init(String name) {
        this.init = name;
        return this;
    }

    private Initializer initializer() {
        switch (init) {
            case "he":
                return Initializer.he();
            case "xavier":
                return Initializer.xavier();
            default:
                throw new IllegalArgumentException("deep-network --init: expected he or xavier, got '" + init + "'");
        }
    }

    /** Sets the learning rate of both models; returns this program. */
    public DeepNetworkExample learningRate(double alpha) {
        this.learningRate = alpha;
        return this;
    }

    /** Sets the number of iterations; returns this program. */
    public DeepNetworkExample iterations(int n) {
        this.iterations = n;
        return this;
    }

    /**
     * The binary task: the two classes' images of the Fashion-MNIST training file as the training set, and
     * those of the test file shuffled (seeded) and halved into dev and test sets; pixels divided by 255.
     */
    public static Dataset[] data(int negative, int positive, long seed) {
        Normalizer pixels = Normalizer.dividingBy(255);
        LabeledData train = EmbeddedData.fashionTrain().keepClasses(negative, positive);
        Dataset rest = pixels.apply(EmbeddedData.fashionTest().keepClasses(negative, positive).binary());
        int[] order = io.github.chainrule.nn.data.MiniBatches.permutation(rest.m(), new Random(seed));
        int half = rest.m() / 2;
        return new Dataset[] {
            pixels.apply(train.binary()),
            rest.subset(Arrays.copyOfRange(order, 0, half)),
            rest.subset(Arrays.copyOfRange(order, half, rest.m())),
        };
    }

    @Override
    public Result run() {
        Console console = console();
        OutputFiles files = new OutputFiles(options().out());
        if (classes.length != 2 || classes[0] == classes[1]) {
            throw new IllegalArgumentException("deep-network --classes: give two different classes, got "
                    + Arrays.toString(classes));
        }
        String negative = EmbeddedData.FASHION_CLASSES[classes[0]];
        String positive = EmbeddedData.FASHION_CLASSES[classes[1]];
        Dataset[] sets = data(classes[0], classes[1], options().seed());
        Dataset train = sets[0];
        Dataset dev = sets[1];
        Dataset test = sets[2];
        console.progress("Fashion-MNIST, %s (y = 0) vs %s (y = 1): %d train, %d dev, %d test images of 28x28 pixels",
                negative, positive, train.m(), dev.m(), test.m());

        long t0 = System.nanoTime();
        console.progress("Logistic regression, learning rate %s, %d iterations:", Format.plain(learningRate), iterations);
        Sequential logistic = Models.logisticRegression(LAYERS[0]);
        double[] logisticCosts = Fit.batchGradientDescent(logistic, train.x(), train.y(), Costs::binaryCrossEntropy,
                learningRate, iterations, 50, console);
        double[] logisticAcc = accuracies(logistic, train, dev, test);
        long t1 = System.nanoTime();

        console.progress("L-layer model %s (%s initialization), learning rate %s, %d iterations:",
                Arrays.toString(LAYERS), init, Format.plain(learningRate), iterations);
        // He by default, course 2's choice for ReLU layers: it trains in fewer iterations than the course 1
        // application's randn / sqrt(n[l-1]), which matters when the run must take seconds, not minutes.
        Sequential deep = Models.deep(LAYERS, initializer(), new Random(options().seed()));
        double[] deepCosts = Fit.batchGradientDescent(deep, train.x(), train.y(), Costs::binaryCrossEntropy,
                learningRate, iterations, 50, console);
        double[] deepAcc = accuracies(deep, train, dev, test);
        long t2 = System.nanoTime();

        files.record(Charts.costCurves(files.resolve("deep_network_cost.png"),
                "Fashion-MNIST " + negative + " vs " + positive + ": learning rate " + Format.plain(learningRate),
                "iteration", List.of(
                        Charts.Series.sampled("logistic regression (dev accuracy " + Format.percent(logisticAcc[1]) + ")",
                                logisticCosts),
                        Charts.Series.sampled("L-layer " + Arrays.toString(LAYERS) + " (dev accuracy "
                                + Format.percent(deepAcc[1]) + ")", deepCosts))));

        Table table = new Table("Summary: Fashion-MNIST " + negative + " (0) vs " + positive + " (1), "
                + train.m() + " train / " + dev.m() + " dev / " + test.m() + " test, " + iterations + " iterations",
                "model", "final cost", "train", "dev", "test", "time");
        table.row("logistic regression", Format.fixed(logisticCosts[iterations - 1], 4), Format.percent(logisticAcc[0]),
                Format.percent(logisticAcc[1]), Format.percent(logisticAcc[2]), Format.seconds(t1 - t0));
        table.row("L-layer " + Arrays.toString(LAYERS), Format.fixed(deepCosts[iterations - 1], 4),
                Format.percent(deepAcc[0]), Format.percent(deepAcc[1]), Format.percent(deepAcc[2]), Format.seconds(t2 - t1));
        console.result("%s", table);
        if (deepAcc[1] > logisticAcc[1]) {
            console.result("The L-layer model beats logistic regression on the dev set by %.2f points.",
                    100 * (deepAcc[1] - logisticAcc[1]));
        } else {
            String why = deepAcc[0] > logisticAcc[0]
                    ? String.format(java.util.Locale.ROOT, "It fits the %d training images better (%s vs %s) but that"
                            + " does not carry over: with this few examples a linear model on pixels is already strong"
                            + " and the deeper model overfits", train.m(), Format.percent(deepAcc[0]),
                            Format.percent(logisticAcc[0]))
                    : String.format(java.util.Locale.ROOT, "It does not even fit the %d training images better (%s vs"
                            + " %s): it is undertrained; give it more iterations", train.m(), Format.percent(deepAcc[0]),
                            Format.percent(logisticAcc[0]));
            console.result("The L-layer model does NOT beat logistic regression on the dev set (%s vs %s of %d images)."
                    + " %s. On %d dev images one image is about a point of accuracy. The course's longer training"
                    + " (--iterations 2500 --learning-rate 0.0075 --init xavier) changes the balance; see"
                    + " examples/README.md.", Format.percent(deepAcc[1]), Format.percent(logisticAcc[1]), dev.m(), why,
                    dev.m());
        }
        files.print(console);
        return new Result(List.of(negative, positive), new int[] {train.m(), dev.m(), test.m()}, logisticAcc, deepAcc,
                logisticCosts, deepCosts, files.written());
    }

    private static double[] accuracies(Sequential model, Dataset train, Dataset dev, Dataset test) {
        return new double[] {
            Metrics.accuracy(model, train.x(), train.y()),
            Metrics.accuracy(model, dev.x(), dev.y()),
            Metrics.accuracy(model, test.x(), test.y()),
        };
    }
}
