package io.github.chainrule.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The students' derivative table in docs/ stays in step with the op registry. */
class DerivativeTableTest {

    @Test
    void theCommittedDerivativeTableIsWhatTheRegistryGenerates() throws IOException {
        Path page = locatePage();
        assertTrue(Files.exists(page), "missing " + page + "; generate it from the repository root with: " + DerivativeTable.REGENERATE);
        String committed = Files.readString(page, StandardCharsets.UTF_8);
        assertEquals(DerivativeTable.markdown(), committed, DerivativeTable.PAGE + " is out of date with the op registry;"
                + " regenerate it from the repository root with: " + DerivativeTable.REGENERATE);
    }

    @Test
    void everyBuiltInOpHasARowWithItsFormulasAndUserOpsDoNot() {
        ExampleOps.registerOnce();
        String md = DerivativeTable.markdown();
        for (OpDef op : OpRegistry.builtIns()) {
            assertTrue(md.contains("| `" + op.name() + "` | " + op.family() + " | "), op.name());
        }
        assertTrue(md.contains("| `relu` | Unary | x: any shape → the same shape | max(0, x) | dx = g·[x ≥ 0] | x ∈ ℝ"
                + " | kink at x = 0: at x = 0 the derivative is taken as 1"), md);
        assertTrue(md.contains("| `transpose` | Shaping | x (n₀, ..., n_{r−1}) → (n_{r−1}, ..., n₀) |"),
                "an op's own shapes text replaces its signature's default");
        assertTrue(md.contains("\\|x\\|"), "abs's |x| is escaped so that it does not split the cell");
        assertTrue(md.contains("| `one_hot` |") && md.contains("not differentiable"));
        assertFalse(md.contains("test_cube"), "user-registered ops are not part of the built-in table");
    }

    @Test
    void theCourseNotationSectionGivesTheDenseLayersGradientsWithTheirShapes() {
        String md = DerivativeTable.markdown();
        assertTrue(md.contains("| Z[l] | W[l]·A[l−1] + b[l] | `W.affine(Aprev, b)`"), md);
        assertTrue(md.contains("| dW[l] | (1/m) dZ[l]·A[l−1]ᵀ | affine's dW = g·Aᵀ (matmul's dP = g·Qᵀ) with A = A[l−1] | (n[l], n[l−1]) |"), md);
        assertTrue(md.contains("| db[l] | (1/m) Σ over axis 1 of dZ[l], keepdims |") && md.contains("| (n[l], 1) |"), md);
        assertTrue(md.contains("| dA[l−1] | W[l]ᵀ·dZ[l] | affine's dA = Wᵀ·g (matmul's dQ = Pᵀ·g) | (n[l−1], m) |"), md);
        assertTrue(md.contains("∂J/∂Z = dZ/m = (A − Y)/m"), "the 1/m is explained");
        assertTrue(md.contains("it is not the course's activation\nfunction g[l]"), "the g is explained");
    }

    @Test
    void matmulsOperandsAreNamedPAndQNotTheCoursesA() {
        OpDef matmul = OpRegistry.get("matmul");
        for (String text : new String[] {matmul.forward(), matmul.derivative(), matmul.shapes()}) {
            // A alone (not the A of the attribute transA) would be the course's activations.
            assertTrue(text.contains("P") && text.contains("Q") && !java.util.regex.Pattern.compile("\\bA\\b").matcher(text).find(), text);
        }
    }

    @Test
    void theRuleColumnShowsAMachineReadableRuleOrADash() {
        String md = DerivativeTable.markdown();
        assertTrue(md.contains("| `dx = g*[x >= 0]` |"), "relu's checked rule");
        assertTrue(md.contains("(bilinear) | — |"), "an op without a rule (matmul) shows a dash");
    }

    /** Surefire runs in core/; the page lives at the repository root's docs/. */
    private static Path locatePage() {
        Path here = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path inParent = here.getParent() == null ? here : here.getParent().resolve(DerivativeTable.PAGE);
        return Files.exists(here.resolve("core/pom.xml")) ? here.resolve(DerivativeTable.PAGE) : inParent;
    }
}
