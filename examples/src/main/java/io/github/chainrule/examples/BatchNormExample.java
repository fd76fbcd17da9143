package io.github.chainrule.examples;

import io.github.chainrule.examples.cli.Console;
import io.github.chainrule.examples.cli.ExampleCommand;
import io.github.chainrule.examples.cli.Format;
import io.github.chainrule.examples.cli.OutputFiles;
import io.github.chainrule.examples.cli.Table;
import io.github.chainrule.examples.plot.Charts;
import io.github.chainrule.examples.train.Fit;
import io.github.chainrule.examples.train.Metrics;
import io.github.chainrule.examples.train.Models;
import io.github.chainrule.nn.Activation;
import io.github.chainrule.nn.ActivationLayer;
import io.github.chainrule.nn.BatchNorm;
import io.github.chainrule.nn.Dense;
import io.github.chainrule.nn.Initializer;
import io.github.chainrule.nn.Sequential;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.optim.GradientDescent;
import io.github.chainrule.nn.train.MiniBatches;
import io.github.chainrule.nn.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Course 2's batch normalization, on the {@code deep-network} program's task and model: the L-layer network
 * [784, 20, 7, 5, 1] trained with mini-batch gradient descent, once as it is and once with {@link BatchNorm}
 * between each hidden layer's Z = W·A + b and its ReLU (Z̃ = γ·(Z − μ)/√(σ² + ε) + β, μ and σ² over the
 * mini-batch; the running averages at prediction time), at a small and a large learning rate. The same
 * seeded weights and batches for both; cost curves side by side, one panel per learning rate.
 *
 * <p>The training set is cut to a whole number of batches (384 of the 388 images, six batches of 64): the
 * left-over batch of 4 would give BatchNorm its mean and variance from 4 examples, and the running averages
 * used at prediction time would follow those noisy values once an epoch.
 */
@Command(name = "batch-norm", mixinStandardHelpOptions = true,
        description = {"Course 2's batch normalization: the deep-network program's L-layer model [784, 20, 7, 5, 1] on",
                "the binary Fashion-MNIST task (T-shirt vs Shirt), mini-batch gradient descent (batches of 64), with",
                "and without BatchNorm before each hidden ReLU, at each learning rate; cost curves side by side."})
public final class BatchNormExample extends ExampleCommand<BatchNormExample.Result> {
    /** The mini-batch size. */
    static final int BATCH = 64;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs of every run (default: ${DEFAULT-VALUE}).")
    private int epochs = 40;

    @Option(names = "--learning-rates", split = ",", paramLabel = "ALPHA,...",
            description = "Learning rates, one pair of runs each (default: ${DEFAULT-VALUE}).")
    private double[] learningRates = {0.01, 0.1};

    /**
     * One training run.
     *
     * @param batchNorm    whether the model had BatchNorm layers
     * @param learningRate the learning rate
     * @param costs        the training cost of every epoch
     * @param accuracies   train, dev and test accuracy (BatchNorm on its running statistics)
     * @param nanos        the run's training time
     */
    public record Run(boolean batchNorm, double learningRate, double[] costs, double[] accuracies, long nanos) {
        /**
         * Returns the last epoch's training cost.
         *
         * @return the cost of the last epoch
         */
        public double finalCost() {
            return costs[costs.length - 1];
        }
    }

    /**
     * What the program measured.
     *
     * @param runs  the runs, for each learning rate first without then with BatchNorm
     * @param files the files written
     */
    public record Result(List<Run> runs, List<Path> files) {
        /**
         * Returns the run with the given learning rate and BatchNorm setting.
         *
         * @param learningRate the run's learning rate
         * @param batchNorm    whether the run's model had BatchNorm
         * @return the run
         * @throws IllegalArgumentException if no run had that learning rate
         */
        public Run run(double learningRate, boolean batchNorm) {
            return runs.stream().filter(r -> r.learningRate() == learningRate && r.batchNorm() == batchNorm)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no run at " + learningRate));
        }
    }

    /**
     * Sets the epochs and the learning rates.
     *
     * @param epochs        epochs of every run
     * @param learningRates the learning rates, one pair of runs each
     * @return this program
     */
    public BatchNormExample size(int epochs, double... learningRates) {
        this.epochs = epochs;
        this.learningRates = learningRates.clone();
        return this;
    }

    @Override
    public Result run() {
        if (epochs < 1) {
            throw new IllegalArgumentException("batch-norm --epochs: must be at least 1, got " + epochs);
        }
        if (learningRates.length == 0 || Arrays.stream(learningRates).anyMatch(a -> !(a > 0) || Double.isInfinite(a))) {
            throw new IllegalArgumentException("batch-norm --learning-rates: give positive finite rates, got "
                    + Arrays.toString(learningRates));
        }
        Console console = console();
        OutputFiles files = new OutputFiles(options().out());
        Dataset[] sets = DeepNetworkExample.data(0, 6, options().seed());
        sets[0] = wholeBatches(sets[0]);
        console.progress("Fashion-MNIST T-shirt/top (y = 0) vs Shirt (y = 1): %d train, %d dev, %d test images",
                sets[0].m(), sets[1].m(), sets[2].m());

        List<Run> runs = new ArrayList<>();
        List<org.knowm.xchart.XYChart> panels = new ArrayList<>();
        for (double alpha : learningRates) {
            Run plain = train(false, alpha, sets, console);
            Run normalized = train(true, alpha, sets, console);
            runs.add(plain);
            runs.add(normalized);
            panels.add(Charts.lineChart("learning rate " + Format.plain(alpha) + ", mini-batches of " + BATCH, "epoch",
                    "cost", List.of(Charts.Series.sampled("without BatchNorm (dev " + Format.percent(plain.accuracies()[1]) + ")",
                                    plain.costs()),
                            Charts.Series.sampled("with BatchNorm (dev " + Format.percent(normalized.accuracies()[1]) + ")",
                                    normalized.costs())), false));
        }
        files.record(Charts.grid(files.resolve("batch_norm_cost.png"), panels, panels.size()));

        Table table = new Table("Summary: L-layer " + Arrays.toString(DeepNetworkExample.LAYERS) + " on " + sets[0].m()
                + " train / " + sets[1].m() + " dev / " + sets[2].m() + " test images, mini-batch gradient descent, batches of "
                + BATCH + ", " + epochs + " epochs", "model", "learning rate", "cost after epoch 1", "final cost",
                "train", "dev", "test", "time");
        for (Run r : runs) {
            table.row(r.batchNorm() ? "with BatchNorm" : "without BatchNorm", Format.plain(r.learningRate()),
                    Format.fixed(r.costs()[0], 4), Format.fixed(r.finalCost(), 4), Format.percent(r.accuracies()[0]),
                    Format.percent(r.accuracies()[1]), Format.percent(r.accuracies()[2]), Format.seconds(r.nanos()));
        }
        console.result("%s", table);
        files.print(console);
        return new Result(runs, files.written());
    }

    private Run train(boolean batchNorm, double alpha, Dataset[] sets, Console console) {
        console.progress("%s BatchNorm, learning rate %s:", batchNorm ? "With" : "Without", Format.plain(alpha));
        Random init = new Random(options().seed());
        Sequential model = batchNorm ? withBatchNorm(DeepNetworkExample.LAYERS, init)
                : Models.deep(DeepNetworkExample.LAYERS, Initializer.he(), init);
        long t0 = System.nanoTime();
        double[] costs = Fit.costs(Fit.progress(new Trainer(model, Costs::binaryCrossEntropy,
                new GradientDescent(model.namedParameters(), alpha)).epochs(epochs).printEvery(10), console)
                .fit(MiniBatches.shuffled(sets[0].x(), sets[0].y(), BATCH, new Random(options().seed() + 1))));
        long nanos = System.nanoTime() - t0;
        double[] accuracies = new double[3];
        for (int i = 0; i < 3; i++) {
            accuracies[i] = Metrics.accuracy(model, sets[i].x(), sets[i].y());
        }
        return new Run(batchNorm, alpha, costs, accuracies, nanos);
    }

    /** Returns the first examples of {@code train} that fill whole batches of {@link #BATCH}. */
    static Dataset wholeBatches(Dataset train) {
        int[] first = new int[Math.max(BATCH, train.m() / BATCH * BATCH)];
        Arrays.setAll(first, i -> i);
        return train.subset(first);
    }

    /**
     * Returns the L-layer network with BatchNorm before each hidden ReLU: for each hidden layer Dense (linear),
     * BatchNorm, ReLU; the sigmoid output unit as in {@link Models#deep}. The Dense layers draw the same He
     * weights, in the same order, as {@code Models.deep} does from a generator with the same seed.
     *
     * @param dims layer sizes n[0] (inputs), ..., n[L] = 1
     * @param rng  the seeded generator for the initial weights
     * @return the untrained network
     */
    static Sequential withBatchNorm(int[] dims, Random rng) {
        Sequential model = new Sequential();
        int last = dims.length - 1;
        for (int l = 1; l < last; l++) {
            model.add(new Dense(dims[l - 1], dims[l], Activation.IDENTITY, Initializer.he(), rng));
            model.add(new BatchNorm(dims[l]));
            model.add(new ActivationLayer(Activation.RELU));
        }
        return model.add(new Dense(dims[last - 1], dims[last], Activation.SIGMOID, Initializer.he(), rng));
    }
}
