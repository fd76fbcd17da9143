package io.github.chainrule.examples;

import io.github.chainrule.Tensor;
import io.github.chainrule.nn.Layer;
import org.junit.jupiter.api.Test;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The build check that a JPMS application can use the library: a module that {@code requires} core and nn by
 * their names compiles against the jars. It runs where the reactor hands this module the packaged jars
 * ({@code ./mvnw verify}, CI); under {@code ./mvnw test} core and nn are class folders, without the manifest
 * that names them, and the check is skipped.
 */
class ModularConsumerTest {

    private static Path jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void coreAndNnJarsCarryTheirModuleNames() throws Exception {
        Path core = jarOf(Tensor.class);
        Path nn = jarOf(Layer.class);
        assumeTrue(Files.isRegularFile(core) && Files.isRegularFile(nn), "core and nn are class folders here, not jars");
        assertEquals("io.github.chainrule", onlyModule(core).name());
        assertEquals("io.github.chainrule.nn", onlyModule(nn).name());
    }

    @Test
    void aModuleThatRequiresCoreAndNnCompilesAgainstTheJars() throws Exception {
        Path core = jarOf(Tensor.class);
        Path nn = jarOf(Layer.class);
        assumeTrue(Files.isRegularFile(core) && Files.isRegularFile(nn), "core and nn are class folders here, not jars");
        Path dir = Files.createTempDirectory("modular-consumer");
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("app"));
        Files.writeString(src.resolve("module-info.java"),
                "module app {\n    requires io.github.chainrule;\n    requires io.github.chainrule.nn;\n}\n");
        Files.writeString(src.resolve("app/Use.java"), String.join("\n",
                "package app;",
                "import io.github.chainrule.*;",
                "import io.github.chainrule.nn.*;",     // with Layer, no clash with java.lang.Module
                "import java.util.Random;",
                "public final class Use {",
                "    public static double run() {",
                "        Layer model = new Sequential(new Dense(2, 1, Activation.SIGMOID, Initializer.xavier(), new Random(1)));",
                "        Tensor loss = model.forward(Tensor.of(new double[] {1, 2}, 2, 1)).sum();",
                "        loss.backward(GradOptions.defaults());",
                "        return GradMode.noGrad(() -> loss.item());",
                "    }",
                "}", ""));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(
                    src.resolve("module-info.java").toFile(), src.resolve("app/Use.java").toFile());
            // Lint-clean apart from the one warning every automatic module gets (core and nn name themselves in
            // the manifest, not with a module-info): the consumer's own code, GradMode.noGrad included, is clean.
            List<String> options = List.of("--release", "17", "-Xlint:all,-requires-automatic", "-Werror",
                    "--module-path", core + File.pathSeparator + nn, "-d", dir.resolve("out").toString());
            boolean ok = javac.getTask(null, files, diagnostics, options, null, units).call();
            String report = diagnostics.getDiagnostics().stream().map(Object::toString).collect(Collectors.joining("\n"));
            assertTrue(ok, () -> "the modular consumer did not compile:\n" + report);
        }
    }

    private static ModuleDescriptor onlyModule(Path jar) {
        Set<java.lang.module.ModuleReference> found = ModuleFinder.of(jar).findAll();
        assertEquals(1, found.size(), () -> jar + " holds " + found.size() + " modules");
        return found.iterator().next().descriptor();
    }
}
