package io.github.chainrule.nn.io;

import io.github.chainrule.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kills a child JVM (destroyForcibly, SIGKILL on Unix) while it saves a checkpoint over and over, and checks
 * what a crash leaves: the target is the old file whole or the new file whole, and the temporary files the
 * killed saves left are removed by the next save.
 */
class SaveKillTest {
    private static final int KILLS = 4;
    private static final int ELEMENTS = 1 << 20;   // 8 MiB a save, so that a kill lands mid-write

    @TempDir
    Path dir;

    /** The child: saves a tensor of all i's for i = 0, 1, 2, ... until it is killed. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        for (int i = 0; ; i++) {
            double[] v = new double[ELEMENTS];
            java.util.Arrays.fill(v, i);
            Checkpoint.save(target, Map.of("w", Tensor.of(v, ELEMENTS)));
        }
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void aSaveKilledMidWriteLeavesTheOldOrTheNewFileWholeAndTheNextSaveCleansUp() throws Exception {
        Path target = dir.resolve("model.safetensors");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Random rng = new Random(14);
        int leftBehind = 0;
        for (int k = 0; k < KILLS; k++) {
            List<String> before = temporaryFiles();
            Process child = new ProcessBuilder(java, "-Xmx96m", "-cp", System.getProperty("java.class.path"),
                    SaveKillTest.class.getName(), target.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            try {
                waitForANewTemporaryFile(child, k, before);
                Thread.sleep(rng.nextInt(40));
            } finally {
                child.destroyForcibly();
                assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
            }
            if (Files.exists(target)) {
                double[] v = Checkpoint.load(target).get("w").toArray();
                assertEquals(ELEMENTS, v.length);
                for (double x : v) {
                    if (x != v[0]) {
                        fail("kill " + k + ": the checkpoint mixes two saves: " + x + " and " + v[0]);
                    }
                }
            }
            leftBehind = Math.max(leftBehind, temporaryFiles().size());
        }
        assertTrue(leftBehind > 0, "no kill landed during a write; the test did not test anything");
        Files.delete(dir.resolve("child.log"));
        Checkpoint.save(target, Map.of("w", Tensor.vector(1, 2)));
        assertEquals(List.of("model.safetensors"), files());
    }

    private List<String> temporaryFiles() throws IOException {
        return files().stream().filter(f -> f.contains(AtomicFiles.TEMP_MARK)).collect(Collectors.toList());
    }

    /** Waits until the child has begun a save: a temporary file that the folder did not hold before it started. */
    private void waitForANewTemporaryFile(Process child, int kill, List<String> before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (temporaryFiles().stream().allMatch(before::contains)) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                fail("kill " + kill + ": the child never started a save: " + Files.readString(dir.resolve("child.log")));
            }
            Thread.sleep(2);
        }
    }
}
