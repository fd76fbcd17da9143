package io.github.chainrule.examples.plot;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Renders Graphviz DOT files to pictures with the {@code dot} program, when it is installed. */
public final class Graphviz {
    private Graphviz() {
    }

    /** Returns the {@code dot} executable found on the PATH, or empty when Graphviz is not installed. */
    public static Optional<Path> findDot() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            for (String name : new String[] {"dot", "dot.exe"}) {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code dot -T<format> dotFile -o target} and returns whether it wrote {@code target}.
     *
     * @param format a Graphviz output format such as {@code svg} or {@code png}
     */
    public static boolean render(Path dot, Path dotFile, String format, Path target) {
        ProcessBuilder pb = new ProcessBuilder(dot.toString(), "-T" + format, dotFile.toString(), "-o", target.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0 && Files.isRegularFile(target);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
