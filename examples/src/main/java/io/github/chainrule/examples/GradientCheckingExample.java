package io.github.chainrule.examples;

import io.github.chainrule.Tensor;
import io.github.chainrule.examples.cli.Console;
import io.github.chainrule.examples.cli.ExampleCommand;
import io.github.chainrule.examples.cli.OutputFiles;
import io.github.chainrule.examples.cli.Table;
import io.github.chainrule.nn.Activation;
import io.github.chainrule.nn.Dense;
import io.github.chainrule.nn.Initializer;
import io.github.chainrule.nn.Layer;
import io.github.chainrule.nn.Sequential;
import io.github.chainrule.nn.cost.Costs;
import io.github.chainrule.nn.gradcheck.ModelGradCheck;
import io.github.chainrule.ops.CustomOp;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The course's gradient-checking assignment: check a 3-layer network's gradients with centered
 * differences, then swap its middle layer for a custom layer with a hand-written backward pass, first
 * right and then with the course's planted bug (dW doubled), and show the checker naming the parameter.
 */
@Command(name = "gradient-checking", mixinStandardHelpOptions = true,
        description = "The course's gradient-checking assignment on a [4, 5, 3, 1] network: the whole-model check "
                + "passes for the built-in layers and for a custom layer with a right hand-written backward pass, "
                + "and fails, naming the parameter, when the custom layer's backward doubles dW (the course's planted bug).")
public final class GradientCheckingExample extends ExampleCommand<GradientCheckingExample.Result> {
    /** The network's layer sizes. */
    public static final int[] LAYERS = {4, 5, 3, 1};

    /**
     * One check.
     *
     * @param model             which model was checked
     * @param relativeError     the relative error ‖dθ_approx − dθ‖₂ / (‖dθ_approx‖₂ + ‖dθ‖₂) over all of θ
     * @param passed            whether it is below the tolerance
     * @param failingParameters the parameters whose own relative error is above the tolerance
     */
    public record Check(String model, double relativeError, boolean passed, List<String> failingParameters) {
    }

    /**
     * What the program found.
     *
     * @param builtIn      the check of the network of built-in dense layers
     * @param customRight  the check with the custom layer's right backward pass
     * @param customBuggy  the check with the planted bug
     * @param files        the files written (none: this program prints only)
     */
    public record Result(Check builtIn, Check customRight, Check customBuggy, List<Path> files) {
    }

    @Override
    public Result run() {
        Console console = console();
        OutputFiles files = new OutputFiles(options().out());
        Random data = new Random(options().seed());
        Tensor X = Tensor.randn(data, LAYERS[0], 3);
        Tensor Y = Tensor.of(new double[] {1, 0, 1}, 1, 3);

        Check builtIn = check("built-in Dense layers", network(null), X, Y, console);
        Check right = check("custom layer, right backward", network(false), X, Y, console);
        Check buggy = check("custom layer, dW doubled", network(true), X, Y, console);

        Table table = new Table("Summary: whole-model gradient checks of " + java.util.Arrays.toString(LAYERS)
                + " (ε = 1e-7, tolerance 1e-7)", "model", "relative error", "verdict", "parameters at fault");
        for (Check c : List.of(builtIn, right, buggy)) {
            table.row(c.model(), String.format(Locale.ROOT, "%.3e", c.relativeError()), c.passed() ? "passed" : "FAILED",
                    c.failingParameters().isEmpty() ? "-" : String.join(", ", c.failingParameters()));
        }
        console.result("%s", table);
        files.print(console);
        return new Result(builtIn, right, buggy, files.written());
    }

    private Check check(String name, Sequential model, Tensor X, Tensor Y, Console console) {
        ModelGradCheck.Result r = ModelGradCheck.of(model).check(() -> Costs.binaryCrossEntropy(model.forward(X), Y));
        console.progress("%s: %s", name, r);
        return new Check(name, r.relativeError(), r.passed(), r.failingParameters());
    }

    /**
     * The network: built-in dense layers when {@code bug} is null, else a {@link CustomAffine} (with or without
     * the planted bug) as its second layer, named "custom".
     */
    private Sequential network(Boolean bug) {
        Random rng = new Random(options().seed() + 1);
        Sequential model = new Sequential().add(new Dense(LAYERS[0], LAYERS[1], Activation.RELU, Initializer.he(), rng));
        if (bug == null) {
            model.add(new Dense(LAYERS[1], LAYERS[2], Activation.RELU, Initializer.he(), rng));
        } else {
            model.add("custom", new CustomAffine(LAYERS[1], LAYERS[2], rng, bug));
        }
        return model.add(new Dense(LAYERS[2], LAYERS[3], Activation.SIGMOID, Initializer.he(), rng));
    }

    /**
     * A dense ReLU layer whose affine step Z = W·A + b has a hand-written backward pass, the course's
     * dW = dZ·Aᵀ, db = Σ_columns dZ, dA_prev = Wᵀ·dZ (the 1/m is in the cost's gradient). With
     * {@code plantBug}, dW comes out doubled, the course's planted {@code dW2 = ... * 2}.
     */
    public static final class CustomAffine extends Layer {
        private final Tensor W;
        private final Tensor b;
        private final CustomOp affine;

        /** Creates the layer with He-initialized W (n, nPrev), zero b, and the bug planted or not. */
        public CustomAffine(int nPrev, int n, Random rng, boolean plantBug) {
            W = addWeight("W", Initializer.he().weights(n, nPrev, rng));
            b = addParameter("b", Tensor.zeros(n, 1));
            double factor = plantBug ? 2 : 1;
            affine = new CustomOp(plantBug ? "affine_with_bug" : "affine") {
                @Override
                protected Tensor forward(Tensor... in) {
                    return in[0].matmul(in[1]).add(in[2]);                 // Z = W·A + b
                }

                @Override
                protected Tensor[] backward(Tensor dZ, Tensor Z, Tensor... in) {
                    return new Tensor[] {
                        dZ.matmulTransB(in[1]).mul(factor),               // dW = dZ·Aᵀ (times 2 with the bug)
                        in[0].matmulTransA(dZ),                           // dA_prev = Wᵀ·dZ
                        dZ.sum(1, true),                                  // db = Σ_columns dZ
                    };
                }
            };
        }

        @Override
        public Tensor forward(Tensor A) {
            return affine.apply(W, A, b).relu();
        }
    }
}
