package io.github.chainrule.examples;

import io.github.chainrule.Tensor;
import io.github.chainrule.examples.cli.Console;
import io.github.chainrule.examples.cli.ExampleCommand;
import io.github.chainrule.examples.cli.Format;
import io.github.chainrule.examples.cli.OutputFiles;
import io.github.chainrule.examples.cli.Table;
import io.github.chainrule.examples.data.EmbeddedData;
import io.github.chainrule.examples.plot.Charts;
import io.github.chainrule.examples.plot.ImageGrid;
import io.github.chainrule.examples.train.Fit;
import io.github.chainrule.examples.train.Metrics;
import io.github.chainrule.examples.train.Models;
import io.github.chainrule.nn.Initializer;
import io.github.chainrule.nn.Sequential;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.data.Dataset;
import io.github.chainrule.nn.data.Labels;
import io.github.chainrule.nn.data.Normalizer;
import io.github.chainrule.nn.data.Split;
import io.github.chainrule.nn.optim.Adam;
import io.github.chainrule.nn.train.MiniBatches;
import io.github.chainrule.nn.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Multi-class classification with a softmax output and one hidden ReLU layer, on the 8×8 digits and on the
 * MNIST subset: accuracy, confusion matrices, and the misclassified test images drawn as a picture.
 */
@Command(name = "softmax", mixinStandardHelpOptions = true,
        description = "Softmax classification with one hidden ReLU layer (Adam, mini-batches of 64) on the 8x8 "
                + "digits (80/20 split) and on the MNIST subset (5000 train / 1000 test): accuracy, confusion "
                + "matrices, and a grid of the misclassified test images.")
public final class SoftmaxExample extends ExampleCommand<SoftmaxExample.Result> {
    @Option(names = "--hidden", paramLabel = "N", description = "Units of the hidden layer (default: ${DEFAULT-VALUE}).")
    private int hidden = 128;

    @Option(names = "--digits-epochs", paramLabel = "N", description = "Epochs on the 8x8 digits (default: ${DEFAULT-VALUE}).")
    private int digitsEpochs = 40;

    @Option(names = "--mnist-epochs", paramLabel = "N", description = "Epochs on MNIST (default: ${DEFAULT-VALUE}).")
    private int mnistEpochs = 15;

    @Option(names = "--mnist-train", paramLabel = "M", description = "MNIST training images to use, up to 5000 (default: ${DEFAULT-VALUE}).")
    private int mnistTrain = 5000;

    /**
     * Accuracy and confusion matrix of one data set.
     *
     * @param name          the data set's name
     * @param trainAccuracy accuracy on the training set
     * @param testAccuracy  accuracy on the test set
     * @param confusion     counts[true][predicted] on the test set
     * @param costs         training cost per epoch
     * @param trainSize     training examples
     * @param testSize      test examples
     */
    public record Outcome(String name, double trainAccuracy, double testAccuracy, int[][] confusion, double[] costs,
                         int trainSize, int testSize) {
    }

    /**
     * What the program measured.
     *
     * @param digits the 8×8 digits' outcome
     * @param mnist  the MNIST subset's outcome
     * @param files  the files written
     */
    public record Result(Outcome digits, Outcome mnist, List<Path> files) {
    }

    /** Sets the epochs of both trainings; returns this program. */
    public SoftmaxExample epochs(int digits, int mnist) {
        this.digitsEpochs = digits;
        this.mnistEpochs = mnist;
        return this;
    }

    /** Sets how many of the 5000 MNIST training images to use; returns this program. */
    public SoftmaxExample mnistTrain(int m) {
        this.mnistTrain = m;
        return this;
    }

    @Override
    public Result run() {
        Console console = console();
        OutputFiles files = new OutputFiles(options().out());
        if (mnistTrain < 1 || mnistTrain > 5000) {
            throw new IllegalArgumentException("softmax --mnist-train: must be in 1..5000, got " + mnistTrain);
        }

        Split digits = Split.trainTest(EmbeddedData.digits8x8().oneHot(10), 0.8, new Random(options().seed()));
        Normalizer by16 = Normalizer.dividingBy(16);
        Dataset digitsTrain = by16.apply(digits.train());
        Dataset digitsTest = by16.apply(digits.test());
        console.progress("8x8 digits: %d train, %d test; [64, %d, 10], %d epochs", digitsTrain.m(), digitsTest.m(),
                hidden, digitsEpochs);
        Outcome d = train("8x8 digits", digitsTrain, digitsTest, 8, digitsEpochs, 0.003, "softmax_digits", files, console);

        Normalizer by255 = Normalizer.dividingBy(255);
        Dataset mnistAll = by255.apply(EmbeddedData.mnistTrain().oneHot(10));
        int[] first = new int[mnistTrain];
        for (int i = 0; i < first.length; i++) {
            first[i] = i;
        }
        Dataset mTrain = mnistAll.subset(first);
        Dataset mTest = by255.apply(EmbeddedData.mnistTest().oneHot(10));
        console.progress("MNIST subset: %d train, %d test; [784, %d, 10], %d epochs", mTrain.m(), mTest.m(), hidden,
                mnistEpochs);
        Outcome mn = train("MNIST", mTrain, mTest, 28, mnistEpochs, 0.001, "softmax_mnist", files, console);

        Table table = new Table("Summary: softmax with one hidden layer of " + hidden + " ReLU units (Adam, mini-batches of 64)",
                "data", "train / test", "epochs", "train accuracy", "test accuracy");
        table.row(d.name(), d.trainSize() + " / " + d.testSize(), digitsEpochs, Format.percent(d.trainAccuracy()),
                Format.percent(d.testAccuracy()));
        table.row(mn.name(), mn.trainSize() + " / " + mn.testSize(), mnistEpochs, Format.percent(mn.trainAccuracy()),
                Format.percent(mn.testAccuracy()));
        console.result("%s", table);
        files.print(console);
        return new Result(d, mn, files.written());
    }

    private Outcome train(String name, Dataset train, Dataset test, int side, int epochs, double learningRate,
                          String prefix, OutputFiles files, Console console) {
        Random rng = new Random(options().seed());
        Sequential model = Models.logits(new int[] {train.inputSize(), hidden, 10}, Initializer.he(), rng);
        double[] costs = Fit.costs(Fit.progress(new Trainer(model, Costs::softmaxCrossEntropy,
                new Adam(model.namedParameters(), learningRate)).epochs(epochs).printEvery(5), console)
                .fit(MiniBatches.shuffled(train.x(), train.y(), 64, rng)));
        double trainAcc = Metrics.accuracyFromLogits(model, train.x(), train.y());
        int[] predicted = Metrics.predictFromLogits(model, test.x());
        int[] labels = Labels.fromTargets(test.y());
        double testAcc = Metrics.accuracy(predicted, labels);
        console.result("%s: train accuracy %s, test accuracy %s", name, Format.percent(trainAcc), Format.percent(testAcc));
        int[][] confusion = Metrics.confusion(predicted, labels, 10);
        List<String> classes = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        files.record(Charts.confusionMatrix(files.resolve(prefix + "_confusion.png"),
                name + ": test confusion matrix (accuracy " + Format.percent(testAcc) + ")", confusion, classes));
        files.record(misclassified(files.resolve(prefix + "_misclassified.png"), name, test.x(), labels, predicted, side));
        return new Outcome(name, trainAcc, testAcc, confusion, costs, train.m(), test.m());
    }

    /** Draws up to 32 misclassified test images, captioned with the true and the predicted label. */
    private static Path misclassified(Path file, String name, Tensor X, int[] labels, int[] predicted, int side) {
        List<ImageGrid.Tile> tiles = new ArrayList<>();
        int wrong = 0;
        int n = X.shape().dim(0);
        double max = 0;
        for (double v : X.buffer()) {
            max = Math.max(max, v);
        }
        for (int j = 0; j < labels.length; j++) {
            if (labels[j] == predicted[j]) {
                continue;
            }
            wrong++;
            if (tiles.size() < 32) {
                double[] pixels = new double[n];
                for (int i = 0; i < n; i++) {
                    pixels[i] = X.get(i, j) / (max == 0 ? 1 : max);
                }
                tiles.add(new ImageGrid.Tile(pixels, "true " + labels[j] + ", said " + predicted[j]));
            }
        }
        if (tiles.isEmpty()) {
            tiles.add(new ImageGrid.Tile(new double[side * side], "none wrong"));
        }
        return ImageGrid.write(file, name + ": " + wrong + " of " + labels.length + " test images misclassified"
                + (wrong > tiles.size() ? " (first " + tiles.size() + " shown)" : ""), tiles, side, 8, side == 8 ? 12 : 3);
    }
}
