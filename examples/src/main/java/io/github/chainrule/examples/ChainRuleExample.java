package io.github.chainrule.examples;

import io.github.chainrule.GradOptions;
import io.github.chainrule.Tensor;
import io.github.chainrule.examples.cli.Console;
import io.github.chainrule.examples.cli.ExampleCommand;
import io.github.chainrule.examples.cli.OutputFiles;
import io.github.chainrule.examples.cli.Table;
import io.github.chainrule.examples.plot.Graphviz;
import io.github.chainrule.viz.Dot;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The course's computation graph J = 3(a + bc) at a = 5, b = 3, c = 2: the value, the three derivatives by
 * reverse mode, the nudge that shows what a derivative means, and the graph drawn with Graphviz.
 */
@Command(name = "chain-rule", mixinStandardHelpOptions = true,
        description = "The course's computation graph J = 3(a + bc): J and dJ/da, dJ/db, dJ/dc by reverse mode, "
                + "the nudge a = 5 -> 5.001 that moves J by about 0.003, and the graph as Graphviz DOT "
                + "(also SVG and PNG when Graphviz's `dot` is on the PATH).")
public final class ChainRuleExample extends ExampleCommand<ChainRuleExample.Result> {
    /** How far each input is nudged to show what its derivative means. */
    public static final double NUDGE = 0.001;

    /**
     * What the program computed.
     *
     * @param J       J = 3(a + bc) at a = 5, b = 3, c = 2
     * @param dJda    dJ/da by reverse mode
     * @param dJdb    dJ/db by reverse mode
     * @param dJdc    dJ/dc by reverse mode
     * @param nudgedJ J at a = 5.001, b = 3, c = 2 (the others nudged likewise in {@code nudged})
     * @param nudged  J with a, b, c each nudged by {@link #NUDGE} in turn
     * @param dot     the Graphviz DOT text of the graph, with values and gradients
     * @param files   the files written
     */
    public record Result(double J, double dJda, double dJdb, double dJdc, double nudgedJ, double[] nudged,
                         String dot, List<Path> files) {
    }

    /** Returns false: the chain-rule program is deterministic, so the launcher offers it no --seed. */
    @Override
    public boolean usesSeed() {
        return false;
    }

    @Override
    public Result run() {
        Console console = console();
        OutputFiles files = new OutputFiles(options().out());

        Tensor a = Tensor.scalar(5).requiresGrad().named("a");
        Tensor b = Tensor.scalar(3).requiresGrad().named("b");
        Tensor c = Tensor.scalar(2).requiresGrad().named("c");
        // The course names the intermediate steps u = bc and v = a + u; retainGrad keeps their gradients to draw.
        Tensor u = b.mul(c).named("u = bc").retainGrad();
        Tensor v = a.add(u).named("v = a + u").retainGrad();
        // The constant 3 is a tensor of its own, labelled, so that the picture names it; J keeps its gradient,
        // dJ/dJ = 1, the seed of reverse mode, to show where backward starts.
        Tensor three = Tensor.scalar(3).named("constant 3");
        Tensor J = v.mul(three).named("J = 3v").retainGrad();
        // Keep the graph after backward so that the picture shows every node's gradient.
        J.backward(GradOptions.retainGraph());

        console.result("J = 3(a + bc) at a = 5, b = 3, c = 2");
        console.result("  forward:  u = bc = %s, v = a + u = %s, J = 3v = %s", fmt(u.item()), fmt(v.item()), fmt(J.item()));
        console.result("  backward: dJ/dv = %s, dJ/du = dJ/dv * dv/du = %s,", fmt(v.grad().item()), fmt(u.grad().item()));
        console.result("            dJ/da = dJ/dv * dv/da = %s, dJ/db = dJ/du * c = %s, dJ/dc = dJ/du * b = %s",
                fmt(a.grad().item()), fmt(b.grad().item()), fmt(c.grad().item()));

        double[] base = {5, 3, 2};
        double[] nudged = new double[3];
        for (int i = 0; i < 3; i++) {
            double[] x = base.clone();
            x[i] += NUDGE;
            nudged[i] = j(x[0], x[1], x[2]);
        }
        console.result("Nudging a from 5 to %s moves J from %s to %.6f: by %.6f, about dJ/da * %s = %.6f.",
                fmt(5 + NUDGE), fmt(J.item()), nudged[0], nudged[0] - J.item(), fmt(NUDGE), a.grad().item() * NUDGE);

        String dot = Dot.render(J);
        Path dotFile = files.writeString("chain_rule.dot", dot);
        Optional<Path> dotProgram = Graphviz.findDot();
        if (dotProgram.isPresent()) {
            for (String format : new String[] {"svg", "png"}) {
                Path target = files.resolve("chain_rule." + format);
                if (Graphviz.render(dotProgram.get(), dotFile, format, target)) {
                    files.record(target);
                } else {
                    console.result("Graphviz's dot failed to draw %s; the DOT file is still there.", target);
                }
            }
        } else {
            console.result("Graphviz's `dot` is not on the PATH: wrote the DOT file only"
                    + " (install Graphviz, or render it with `dot -Tsvg %s -o chain_rule.svg`).", dotFile);
        }

        Tensor[] inputs = {a, b, c};
        Table table = new Table("Summary: J = 3(a + bc) = " + fmt(J.item()),
                "input", "value", "dJ/d(input)", "J after +" + fmt(NUDGE), "(change in J) / " + fmt(NUDGE));
        for (int i = 0; i < 3; i++) {
            table.row(inputs[i].label(), fmt(base[i]), fmt(inputs[i].grad().item()),
                    String.format(java.util.Locale.ROOT, "%.6f", nudged[i]),
                    String.format(java.util.Locale.ROOT, "%.6f", (nudged[i] - J.item()) / NUDGE));
        }
        console.result("%s", table);
        files.print(console);
        return new Result(J.item(), a.grad().item(), b.grad().item(), c.grad().item(), nudged[0], nudged, dot,
                files.written());
    }

    /** J = 3(a + bc), computed with tensors (no gradient needed). */
    private static double j(double a, double b, double c) {
        return Tensor.scalar(a).add(Tensor.scalar(b).mul(Tensor.scalar(c))).mul(3).item();
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(java.util.Locale.ROOT, "%.1f", v)
                : String.format(java.util.Locale.ROOT, "%s", v);
    }
}
