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

    /**
     * Returns the Markdown page for every built-in op, in registration order.
     *
     * @return the page's Markdown text
     */
    public static String markdown() {
        return markdown(OpRegistry.builtIns());
    }

    /**
     * Returns the Markdown page for the given ops.
     *
     * @param ops the ops to list, in the order they appear
     * @return the page's Markdown text
     */
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
                .append("The last column is the rule in a machine-readable form (`OpDef.rule()`, optional): a test\n")
                .append("(`DerivativeRuleProperties`) evaluates it on samples and compares it with the op's actual backward pass.\n")
                .append(ops.size()).append(" ops, ").append(ops.stream().filter(op -> op.rule() != null).count())
                .append(" with a checked rule.\n\n");
        courseNotation(sb);
        sb.append("## Every op\n\n")
                .append("| op | family | shapes | forward | derivative (backward rule) | domain | kinks and ties | jvp (forward rule) | checked rule |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (OpDef op : ops) {
            sb.append("| `").append(op.name()).append("` | ").append(op.family())
                    .append(" | ").append(cell(op.shapes()))
                    .append(" | ").append(cell(op.forward()))
                    .append(" | ").append(cell(op.derivative()))
                    .append(" | ").append(cell(op.domain()))
                    .append(" | ").append(cell(conventions(op)))
                    .append(" | ").append(cell(op.isDifferentiable() ? op.jvp() : "none: the output is constant"))
                    .append(" | ").append(op.rule() == null ? "—" : "`" + cell(op.rule()) + "`").append(" |\n");
        }
        return sb.toString();
    }

    /**
     * The dense layer in the course's notation, and how the course's quantities map onto the rules below:
     * a student reads dW = dZ·A_prevᵀ here, then finds it as matmul's dP = g·Qᵀ in the table.
     */
    private static void courseNotation(StringBuilder sb) {
        sb.append("## The course's notation\n\n")
                .append("`g` here is the gradient arriving at an op's output, ∂J/∂(output); it is not the course's activation\n")
                .append("function g[l]. At an activation op (A[l] = g[l](Z[l])) `g` is the course's dA[l] and the `dx` the rule\n")
                .append("sends back is dZ[l]; at the affine op of Z[l] = W[l]·A[l−1] + b[l] (or its matmul and add), `g` is dZ[l]. (Each divided by m,\n")
                .append("as the next paragraph explains.)\n\n")
                .append("The 1/m: the cost is J = (1/m) Σ L over the m examples (columns). The course writes dZ[L] = A[L] − Y\n")
                .append("and puts the 1/m into dW and db; autodiff differentiates J itself, so the gradient it holds at Z\n")
                .append("(`Z.retainGrad()`, then `Z.grad()`) is ∂J/∂Z = dZ/m = (A − Y)/m, and dW = ∂J/∂Z·A_prevᵀ needs no 1/m.\n")
                .append("Both give the same dW and db.\n\n")
                .append("One dense layer l, with X = A[0] of shape (n_x, m) and n[l] units:\n\n")
                .append("| quantity | the course | chainrule (g = ∂J/∂Z[l] = dZ[l]/m) | shape |\n")
                .append("| --- | --- | --- | --- |\n")
                .append("| Z[l] | W[l]·A[l−1] + b[l] | `W.affine(Aprev, b)`: one op, b broadcast over the m columns (`W.matmul(Aprev).add(b)` gives the same) | (n[l], m) |\n")
                .append("| A[l] | g[l](Z[l]) | `Z.sigmoid()`, `Z.tanh()`, `Z.relu()` | (n[l], m) |\n")
                .append("| dZ[l] | dA[l] * g[l]′(Z[l]) | the activation's rule, e.g. sigmoid: dx = g·σ(x)(1 − σ(x)) | (n[l], m) |\n")
                .append("| dW[l] | (1/m) dZ[l]·A[l−1]ᵀ | affine's dW = g·Aᵀ (matmul's dP = g·Qᵀ) with A = A[l−1] | (n[l], n[l−1]) |\n")
                .append("| db[l] | (1/m) Σ over axis 1 of dZ[l], keepdims | affine's (and add's) db = g summed to b's shape: the sum over the columns | (n[l], 1) |\n")
                .append("| dA[l−1] | W[l]ᵀ·dZ[l] | affine's dA = Wᵀ·g (matmul's dQ = Pᵀ·g) | (n[l−1], m) |\n")
                .append("| dZ[L] | A[L] − Y (sigmoid and cross-entropy) | (A[L] − Y)/m, through log, mul and sigmoid's rules | (1, m) |\n\n");
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
     * @param args the output file as the only argument, or none for the default path
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
