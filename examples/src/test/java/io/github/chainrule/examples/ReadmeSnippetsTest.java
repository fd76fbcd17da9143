package io.github.chainrule.examples;

import io.github.chainrule.Autograd;
import io.github.chainrule.GradOptions;
import io.github.chainrule.Tensor;
import io.github.chainrule.gradcheck.GradCheck;
import io.github.chainrule.gradcheck.Report;
import io.github.chainrule.ops.CustomOp;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Keeps README.md honest: every {@code java} code block in it must be a verbatim excerpt of a region of
 * compiled test code marked {@code // README:name:start} ... {@code // README:name:end}, and those regions
 * (here and elsewhere in the repository) run and assert their results.
 */
class ReadmeSnippetsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void smallestProgramGivesTheCoursesNumbers() {
        // README:smallest:start
        Tensor a = Tensor.scalar(5).requiresGrad();
        Tensor b = Tensor.scalar(3).requiresGrad();
        Tensor c = Tensor.scalar(2).requiresGrad();
        Tensor J = a.add(b.mul(c)).mul(3);   // J = 3(a + bc) = 33
        J.backward();
        a.grad().item();                      // 3.0; b.grad() is 6.0, c.grad() is 9.0
        // README:smallest:end
        assertEquals(33.0, J.item());
        assertEquals(3.0, a.grad().item());
        assertEquals(6.0, b.grad().item());
        assertEquals(9.0, c.grad().item());
    }

    @Test
    void logisticRegressionGradientIsTheCoursesFormula() {
        // README:logistic:start
        Random rng = new Random(1);
        Tensor X = Tensor.randn(rng, 3, 5);                       // n_x = 3 features, m = 5 examples (columns)
        Tensor Y = Tensor.of(new double[] {1, 0, 1, 1, 0}, 1, 5);
        Tensor w = Tensor.zeros(3, 1).requiresGrad();
        Tensor b = Tensor.scalar(0).requiresGrad();

        Tensor A = w.matmulTransA(X).add(b).sigmoid();             // A = σ(wᵀX + b), shape (1, 5)
        Tensor cost = Y.mul(A.log()).add(Y.neg().add(1).mul(A.neg().add(1).log())).mean().neg();
        cost.backward();                                           // w.grad() = (1/m) X (A − Y)ᵀ
        // README:logistic:end
        Tensor expected = X.matmulTransB(A.detach().sub(Y)).div(5);
        assertTrue(w.grad().allClose(expected, 1e-12, 1e-12));
    }

    @Test
    void gradCheckPassesOnACustomLoss() {
        // README:gradcheck:start
        Report report = GradCheck.of(xs -> xs[0].matmul(xs[1]).tanh().square().mean())
                .check(Tensor.randn(new Random(7), 4, 3), Tensor.randn(new Random(8), 3, 2));
        System.out.println(report);   // first-order gradient check passed: relative error 1e-10 < 1e-07 (great) ...
        report.assertPassed();
        // README:gradcheck:end
        assertTrue(report.relativeError() < 1e-7);
    }

    @Test
    void customOpIsDifferentiatedLikeABuiltIn() {
        // README:custom-op:start
        CustomOp cube = new CustomOp("readme_cube") {
            @Override
            protected Tensor forward(Tensor... x) {
                return x[0].mul(x[0]).mul(x[0]);
            }

            @Override
            protected Tensor[] backward(Tensor g, Tensor y, Tensor... x) {
                return new Tensor[] {g.mul(x[0].square()).mul(3)};   // d(x³)/dx = 3x²
            }
        };
        Tensor x = Tensor.scalar(2).requiresGrad();
        Tensor[] dydx = Autograd.grad(cube.apply(x), GradOptions.createGraph(), x);
        Tensor d2ydx2 = Autograd.grad(dydx[0], x)[0];                // 6x = 12: higher order works too
        // README:custom-op:end
        assertEquals(12.0, dydx[0].item());
        assertEquals(12.0, d2ydx2.item());
    }

    @Test
    void everyJavaBlockInTheReadmeIsAMarkedRegionOfCompiledCode() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (m.find()) {
            blocks.add(normalize(m.group(1)));
        }
        assertFalse(blocks.isEmpty(), "README.md has no java blocks");
        List<String> regions = markedRegions();
        for (String block : blocks) {
            if (!regions.contains(block)) {
                fail("This README.md java block is not a marked region of compiled code "
                        + "(// README:name:start ... // README:name:end):\n" + block);
            }
        }
    }

    private static List<String> markedRegions() throws IOException {
        Pattern region = Pattern.compile("// README:([\\w-]+):start\\n(.*?)\\n[ \\t]*// README:\\1:end", Pattern.DOTALL);
        List<String> regions = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(ROOT)) {
            sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/test/java/") || p.toString().contains("/src/main/java/"))
                    .collect(Collectors.toList());
        }
        for (Path p : sources) {
            Matcher m = region.matcher(Files.readString(p));
            while (m.find()) {
                regions.add(normalize(m.group(2)));
            }
        }
        return regions;
    }

    /** Removes the common indentation and trailing blank space, so that indentation does not matter. */
    static String normalize(String code) {
        List<String> lines = code.stripTrailing().lines().collect(Collectors.toList());
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent).stripTrailing())
                .collect(Collectors.joining("\n"));
    }
}
