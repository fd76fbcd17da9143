package io.github.chainrule.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Renders the registry's built-in ops as a Markdown page for students: each op's forward formula, the
 * derivative its backward rule computes, its domain, and the convention taken at kinks and ties.
 *
 * <p>The page, {@code docs/DERIVATIVES.md}, is generated from the registry and never edited by hand; a test
 * fails when the committed page and the registry disagree. Regenerate it from the repository root with
 * <pre>{@value #REGENERATE}</pre>
 */
public final class DerivativeTable {
    /** The command, run from the repository root, that rewrites docs/DERIVATIVES.md. */
    public static final String REGENERATE =
            "./mvnw -q -pl core compile exec:java -Dexec.skip=false -Dexec.mainClass=io.github.chainrule.ops.DerivativeTable";
    /** Where the page lives, relative to the repository root. */
    public static final String PAGE = "docs/DERIVATIVES.md";

    private DerivativeTable() {
    }

    /** Returns the Markdown page for every built-in op, in registration order. */
    public static String markdown() {
        return markdown(OpRegistry.builtIns());
    }

    /** Returns the Markdown page for the given ops. */
    public static String markdown(List<OpDef> ops) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Derivative table\n\n")
                .append("Generated from chainrule's op registry by `io.github.chainrule.ops.DerivativeTable`; do not edit by hand.\n")
                .append("Regenerate it from the repository root with\n\n    ").append(REGENERATE).append("\n\n")
                .append("Each backward rule is a vector-Jacobian product: `g` is the gradient of the final result with respect\n")
                .append("to the op's output, and `dx` is the gradient the rule sends to input `x`. A broadcast input receives its\n")
                .append("gradient summed back to its own shape. Every rule is written with chainrule's own differentiable ops,\n")
                .append("so it can be differentiated again. The shapes column says how the inputs' shapes give the output's.\n")
                .append("The jvp column is the forward-mode rule, the Jacobian-vector product (`t` is an input's tangent): the op's\n")
                .append("own formula, or \"").append(OpDef.DERIVED_JVP).append("\" where forward mode derives it from the backward rule.\n")
                .append(ops.size()).append(" ops.\n\n")
                .append("| op | family | shapes | forward | derivative (backward rule) | domain | kinks and ties | jvp (forward rule) |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (OpDef op : ops) {
            sb.append("| `").append(op.name()).append("` | ").append(op.family())
                    .append(" | ").append(cell(op.shapes()))
                    .append(" | ").append(cell(op.forward()))
                    .append(" | ").append(cell(op.derivative()))
                    .append(" | ").append(cell(op.domain()))
                    .append(" | ").append(cell(conventions(op)))
                    .append(" | ").append(cell(op.isDifferentiable() ? op.jvp() : "none: the output is constant")).append(" |\n");
        }
        return sb.toString();
    }

    private static String conventions(OpDef op) {
        if (!op.isDifferentiable()) {
            return "not differentiable";
        }
        double[] kinks = op.kinks();
        if (kinks.length > 0) {
            StringBuilder at = new StringBuilder("kink at x = ");
            for (int i = 0; i < kinks.length; i++) {
                at.append(i > 0 ? ", " : "").append(kinks[i] == Math.rint(kinks[i]) ? String.valueOf((long) kinks[i]) : String.valueOf(kinks[i]));
            }
            return at + ": " + op.convention();
        }
        if (op.hasTies()) {
            return "ties: " + op.convention();
        }
        return "smooth";
    }

    /** Escapes a formula for a Markdown table cell: a bare | would end the cell. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    /**
     * Writes the page to {@code args[0]}, or to {@value #PAGE} under the working directory.
     *
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : PAGE);
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, markdown(), StandardCharsets.UTF_8);
        System.out.println("wrote " + out.toAbsolutePath());
    }
}
