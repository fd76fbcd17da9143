package io.github.chainrule.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading the level-2 cache's size from a sysfs-shaped folder, and what happens when it is not there. */
class CacheSizeTest {
    private static void index(Path dir, int i, String level, String type, String size) throws IOException {
        Path index = Files.createDirectories(dir.resolve("index" + i));
        Files.writeString(index.resolve("level"), level + "\n");
        Files.writeString(index.resolve("type"), type + "\n");
        Files.writeString(index.resolve("size"), size + "\n");
    }

    @Test
    void readsTheUnifiedLevelTwoCachePastTheLevelOneCaches(@TempDir Path dir) throws IOException {
        index(dir, 0, "1", "Data", "48K");
        index(dir, 1, "1", "Instruction", "64K");
        index(dir, 2, "2", "Unified", "2048K");
        index(dir, 3, "3", "Unified", "491520K");
        assertEquals(2L << 20, CacheSize.read(dir));
    }

    @Test
    void isZeroWhereTheSystemDoesNotSay(@TempDir Path dir) throws IOException {
        assertEquals(0, CacheSize.read(dir.resolve("absent")));
        index(dir, 0, "1", "Data", "32K");
        assertEquals(0, CacheSize.read(dir), "no level-2 entry");
        index(dir, 1, "2", "Unified", "lots");
        assertEquals(0, CacheSize.read(dir), "a size that is not a number");
    }

    @Test
    void parsesTheUnitsSysfsWrites() {
        assertEquals(1L << 20, CacheSize.parseSize("1024K"));
        assertEquals(1L << 20, CacheSize.parseSize("1M"));
        assertEquals(524288, CacheSize.parseSize("524288"));
        assertThrows(NumberFormatException.class, () -> CacheSize.parseSize("-1K"));
        assertThrows(NumberFormatException.class, () -> CacheSize.parseSize("99999999999999G"));
    }

    @Test
    void thisMachinesSizeIsZeroOrAPlausibleCache() {
        long l2 = CacheSize.level2Bytes();
        assertTrue(l2 == 0 || l2 >= 64 << 10 && l2 <= 1L << 30, "level-2 cache of " + l2 + " bytes");
    }
}
