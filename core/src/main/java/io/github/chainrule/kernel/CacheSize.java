package io.github.chainrule.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The size of this machine's per-core level-2 cache, read where the operating system reports it (Linux's
 * {@code /sys/devices/system/cpu/cpu0/cache}), so that a kernel sizes its blocks for the machine it runs
 * on rather than for the one it was tuned on.
 */
public final class CacheSize {
    private static final long LEVEL2 = read(Path.of("/sys/devices/system/cpu/cpu0/cache"));

    private CacheSize() {
    }

    /**
     * Returns the size of the first core's level-2 data (or unified) cache in bytes, or 0 where the
     * system does not say (not Linux, no permission, an unexpected format).
     *
     * @return the cache's size in bytes, or 0 if unknown
     */
    public static long level2Bytes() {
        return LEVEL2;
    }

    /** Reads the level-2 size from the {@code index*} folders under {@code cacheDir}; 0 if none can be read. */
    static long read(Path cacheDir) {
        for (int i = 0; i < 8; i++) {
            Path index = cacheDir.resolve("index" + i);
            try {
                if (!Files.isDirectory(index)
                        || !"2".equals(Files.readString(index.resolve("level")).trim())
                        || "Instruction".equals(Files.readString(index.resolve("type")).trim())) {
                    continue;
                }
                return parseSize(Files.readString(index.resolve("size")).trim());
            } catch (IOException | SecurityException | NumberFormatException e) {
                return 0;   // an unreadable or odd entry: the caller keeps its default blocks
            }
        }
        return 0;
    }

    /** Parses sysfs's "2048K", "1M" or "524288" into bytes. */
    static long parseSize(String text) {
        String s = text.toUpperCase(Locale.ROOT);
        long unit = s.endsWith("K") ? 1L << 10 : s.endsWith("M") ? 1L << 20 : s.endsWith("G") ? 1L << 30 : 1;
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        long value = Long.parseLong(digits);
        if (value < 0 || value > (1L << 40) / unit) {
            throw new NumberFormatException("cache size out of range: " + text);
        }
        return value * unit;
    }
}
