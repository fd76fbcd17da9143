package io.github.chainrule.nn.train;

import io.github.chainrule.Tensor;
import io.github.chainrule.nn.Layer;
import io.github.chainrule.nn.cost.Cost;
import io.github.chainrule.nn.cost.Regularizer;
import io.github.chainrule.nn.optim.LearningRateSchedule;
import io.github.chainrule.nn.optim.Optimizer;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The training loop for the common case: for each epoch, for each mini-batch, forward, cost (plus the
 * regularization term), backward, optimizer step; then the dev cost, early stopping and progress lines.
 *
 * <pre>{@code
 * History h = new Trainer(model, Costs::binaryCrossEntropy, new Adam(model.namedParameters(), 0.001))
 *         .epochs(1000)
 *         .regularizer(Regularizer.l2(0.7))
 *         .schedule(LearningRateSchedule.inverseTime(0.3), DecayEvery.EPOCH)
 *         .dev(Xdev, Ydev).earlyStopping(20)
 *         .printEvery(100)                                  // "Cost after epoch 100: 0.312345"
 *         .fit(MiniBatches.shuffled(X, Y, 64, new Random(1)));
 * }</pre>
 * On an interactive terminal (see {@link #interactive(boolean)}) it draws a progress bar over the epochs
 * instead of the lines; {@link #quiet()} shows neither.
 *
 * <p>It is a convenience, not a cage: the same loop written by hand is a dozen lines of forward, cost,
 * backward and {@link Optimizer#step()}.
 *
 * <p>A trainer holds no shared state: separate models trained by separate trainers in separate threads
 * do not affect each other.
 */
public final class Trainer {
    private final Layer model;
    private final Cost cost;
    private final Optimizer optimizer;
    private int epochs = 1;
    private Regularizer regularizer = Regularizer.none();
    private LearningRateSchedule schedule;
    private DecayEvery decayEvery = DecayEvery.EPOCH;
    private Tensor devX;
    private Tensor devY;
    private int patience;
    private int printEvery = 100;
    private Consumer<String> lines;    // progressTo(sink): lines only; null for the print stream below
    private PrintStream out;           // progressTo(out), or null for System.out as it is when fit runs
    private boolean quiet;
    private Boolean interactive;       // null: decided when fit runs, by isInteractiveTerminal()
    /** The bar's width when the caller chose the bar: the output may be no terminal, so none is asked. */
    static final int BAR_WIDTH = 100;
    private EpochListener listener;

    /**
     * Creates a loop that trains {@code model} on {@code cost} with {@code optimizer}, which must optimize
     * the model's parameters.
     *
     * @param model     the model to train
     * @param cost      the cost of the model's output against Y
     * @param optimizer the optimizer of the model's parameters
     * @throws IllegalArgumentException if an argument is null
     */
    public Trainer(Layer model, Cost cost, Optimizer optimizer) {
        if (model == null || cost == null || optimizer == null) {
            throw new IllegalArgumentException("Trainer: model, cost and optimizer must not be null");
        }
        this.model = model;
        this.cost = cost;
        this.optimizer = optimizer;
    }

    /**
     * Sets the number of epochs (passes over the training set); default 1.
     *
     * @param epochs the number of epochs, positive
     * @return this trainer
     */
    public Trainer epochs(int epochs) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("Trainer.epochs: must be positive, got " + epochs);
        }
        this.epochs = epochs;
        return this;
    }

    /**
     * Adds a regularization term to every mini-batch's cost (L2, L1); default none.
     *
     * @param regularizer the regularization term
     * @return this trainer
     */
    public Trainer regularizer(Regularizer regularizer) {
        this.regularizer = required(regularizer, "Trainer.regularizer: regularizer");
        return this;
    }

    /**
     * Decays the learning rate from the optimizer's initial rate α₀, advancing t every epoch or every step.
     *
     * @param schedule the decay schedule
     * @param every    whether t counts epochs or steps
     * @return this trainer
     */
    public Trainer schedule(LearningRateSchedule schedule, DecayEvery every) {
        this.schedule = required(schedule, "Trainer.schedule: schedule");
        this.decayEvery = required(every, "Trainer.schedule: every");
        return this;
    }

    /**
     * Sets a dev set, whose cost (without regularization, dropout off) is computed after every epoch.
     *
     * @param X the dev inputs, shape (n_x, m_dev)
     * @param Y the dev labels
     * @return this trainer
     * @throws IllegalArgumentException if X and Y do not have the same number of columns
     */
    public Trainer dev(Tensor X, Tensor Y) {
        new Batch(X, Y);
        this.devX = X;
        this.devY = Y;
        return this;
    }

    /**
     * Stops when the dev cost has not improved for {@code patience} epochs in a row, and at the end of
     * training (stopped early or not) restores the parameters of the epoch with the lowest dev cost, and the
     * optimizer's state (moments, step count) as it was after that epoch, so training can resume from there.
     * Needs a {@link #dev} set.
     *
     * @param patience the epochs without improvement to wait, positive
     * @return this trainer
     */
    public Trainer earlyStopping(int patience) {
        if (patience <= 0) {
            throw new IllegalArgumentException("Trainer.earlyStopping: patience must be positive, got " + patience);
        }
        this.patience = patience;
        return this;
    }

    /**
     * Prints the course's "Cost after epoch N: J" line every {@code n} epochs and after the last one
     * ("iteration" instead of "epoch" when each epoch is one batch, as in batch gradient descent); default 100.
     *
     * @param n the epochs between lines, positive
     * @return this trainer
     */
    public Trainer printEvery(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("Trainer.printEvery: must be positive, got " + n + " (use quiet() for no output)");
        }
        this.printEvery = n;
        return this;
    }

    /**
     * Sends the course's progress lines to {@code sink} instead of standard output; a sink of lines cannot
     * draw a bar, so this means lines whatever {@link #interactive(boolean)} says.
     *
     * @param sink what receives each line
     * @return this trainer
     * @throws IllegalArgumentException if sink is null
     */
    public Trainer progressTo(Consumer<String> sink) {
        this.lines = required(sink, "Trainer.progressTo: sink");
        this.out = null;
        this.quiet = false;
        return this;
    }

    /**
     * Sends progress to {@code out} instead of standard output: the progress bar when interactive, the
     * course's lines otherwise.
     *
     * @param out where progress is printed
     * @return this trainer
     * @throws IllegalArgumentException if out is null
     */
    public Trainer progressTo(PrintStream out) {
        this.out = required(out, "Trainer.progressTo: out");
        this.lines = null;
        this.quiet = false;
        return this;
    }

    /**
     * Chooses how progress is shown: {@code true} draws a progress bar over the epochs (with the latest cost
     * beside it), {@code false} prints the course's "Cost after …" lines. Without this call the choice is
     * made when {@code fit} runs: a bar exactly when {@link #isInteractiveTerminal()} holds. Never both;
     * {@link #quiet()} shows neither.
     *
     * @param interactive whether to draw a bar
     * @return this trainer
     */
    public Trainer interactive(boolean interactive) {
        this.interactive = interactive;
        return this;
    }

    /**
     * Returns whether this JVM talks to an interactive terminal: {@code System.console() != null} (and, on a
     * JDK that has {@code Console.isTerminal()}, 22 and later, where a console exists even when output is
     * redirected, that it says so).
     *
     * @return true when a progress bar would be seen by a person rather than written into a log
     */
    public static boolean isInteractiveTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException | RuntimeException olderJdk) {
            return true;    // before JDK 22 a console exists only for a terminal
        }
    }

    /**
     * Calls {@code listener} after every epoch, with the epoch's costs and learning rate, for logging or
     * custom checkpointing (the model and optimizer are the ones this trainer was given).
     *
     * @param listener what to call; null for nothing
     * @return this trainer
     */
    public Trainer onEpochEnd(EpochListener listener) {
        this.listener = listener;
        return this;
    }

    /**
     * Prints nothing: no lines, no bar.
     *
     * @return this trainer
     */
    public Trainer quiet() {
        this.quiet = true;
        return this;
    }

    /**
     * Trains on X (n_x, m) and Y (n_y, m) with batch gradient descent: the whole set every step.
     *
     * @param X the inputs, shape (n_x, m)
     * @param Y the labels, shape (n_y, m)
     * @return the costs and learning rates of the run
     */
    public History fit(Tensor X, Tensor Y) {
        return fit(MiniBatches.fullBatch(X, Y));
    }

    /**
     * Trains on the mini-batches {@code train} gives each epoch, and returns what happened.
     *
     * @param train the training mini-batches, epoch by epoch
     * @return the costs and learning rates of the run
     * @throws IllegalStateException if early stopping was asked for without a dev set, or the cost becomes
     *                               NaN or infinite (naming the epoch and batch: lower the learning rate)
     */
    public History fit(BatchSource train) {
        if (train == null) {
            throw new IllegalArgumentException("Trainer.fit: batch source is null");
        }
        if (patience > 0 && devX == null) {
            throw new IllegalStateException("Trainer.fit: early stopping needs a dev set; call dev(X, Y)");
        }
        History history = new History();
        model.train();
        try (Progress progress = startProgress()) {
            return fit(train, history, progress);
        }
    }

    /** Picks what this fit shows: nothing, the course's lines, or a bar (never two of them). */
    private Progress startProgress() {
        if (quiet) {
            return Progress.NONE;
        }
        if (lines != null) {
            return Progress.lines(lines, printEvery);
        }
        PrintStream stream = out != null ? out : System.out;
        boolean bar = interactive != null ? interactive : isInteractiveTerminal();
        return bar ? new ProgressBarDisplay(stream, epochs, interactive != null ? BAR_WIDTH : 0)
                : Progress.lines(stream::println, printEvery);
    }

    private History fit(BatchSource train, History history, Progress progress) {
        double alpha0 = optimizer.initialLearningRate();
        double bestDev = Double.POSITIVE_INFINITY;
        Map<String, Tensor> best = null;
        Map<String, Tensor> bestOptimizerState = null;
        int sinceBest = 0;
        int step = 0;
        for (int epoch = 0; epoch < epochs; epoch++) {
            if (schedule != null && decayEvery == DecayEvery.EPOCH) {
                optimizer.setLearningRate(schedule.rate(alpha0, epoch));
            }
            double epochRate = optimizer.learningRate();   // with a per-step schedule, set by the first step below
            double weighted = 0;
            int examples = 0;
            int batches = 0;
            for (Batch batch : train.epoch(epoch)) {
                if (schedule != null && decayEvery == DecayEvery.STEP) {
                    optimizer.setLearningRate(schedule.rate(alpha0, step));
                    if (batches == 0) {
                        epochRate = optimizer.learningRate();
                    }
                }
                int m = batch.size();
                Tensor J = cost.compute(model.forward(batch.X()), batch.Y()).add(regularizer.penalty(model, m));
                double j = J.item();
                if (!Double.isFinite(j)) {
                    throw new IllegalStateException("Trainer.fit: the cost became " + j + " in epoch " + epoch
                            + ", batch " + batches + " (learning rate " + optimizer.learningRate()
                            + "); try a smaller learning rate or a stable cost such as binaryCrossEntropyWithLogits");
                }
                model.zeroGrad();
                J.backward();
                optimizer.step();
                weighted += j * m;
                examples += m;
                batches++;
                step++;
            }
            if (batches == 0) {
                throw new IllegalStateException("Trainer.fit: the batch source gave no batches for epoch " + epoch);
            }
            history.addSteps(batches);
            double epochCost = weighted / examples;
            Double devCost = devX == null ? null : cost.compute(model.predict(devX), devY).item();
            history.record(epochCost, devCost, epochRate);
            if (devCost != null && devCost < bestDev) {
                bestDev = devCost;
                history.bestEpoch(epoch);
                sinceBest = 0;
                if (patience > 0) {
                    best = model.stateDict();
                    bestOptimizerState = optimizer.stateDict();   // moments and step count, restored with the parameters
                }
            } else if (devCost != null) {
                sinceBest++;
            }
            EpochSummary summary = new EpochSummary(epoch, epochCost, devCost, epochRate, batches);
            if (listener != null) {
                listener.epochEnded(summary);
            }
            boolean last = epoch == epochs - 1;
            boolean stop = patience > 0 && sinceBest >= patience && !last;
            progress.epochEnded(summary, last, stop);
            if (stop) {
                history.stoppedEarly();
                progress.note(String.format(Locale.ROOT, "Early stopping after epoch %d: the dev cost has not"
                        + " improved for %d epochs", epoch, patience));
                break;
            }
        }
        if (best != null) {
            model.loadStateDict(best);
            optimizer.loadStateDict(bestOptimizerState);
            progress.note(String.format(Locale.ROOT, "Restored the parameters of epoch %d (dev cost %f) and the optimizer's state",
                    history.bestEpoch(), bestDev));
        }
        return history;
    }

    /** Returns {@code value}, or throws an IllegalArgumentException naming it if it is null. */
    private static <T> T required(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        return value;
    }
}
