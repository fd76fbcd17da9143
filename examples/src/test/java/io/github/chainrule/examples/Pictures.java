package io.github.chainrule.examples;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Checks on the files the programs write: they exist, and pictures are real PNGs that are not blank. */
final class Pictures {
    private Pictures() {
    }

    /** Asserts that the program wrote exactly the named files into {@code dir}, each non-empty, PNGs not blank. */
    static void assertWrote(Path dir, List<Path> files, String... names) throws IOException {
        assertEquals(names.length, files.size(), "files written: " + files);
        for (int i = 0; i < names.length; i++) {
            Path f = files.get(i);
            assertEquals(dir.resolve(names[i]), f);
            assertTrue(Files.size(f) > 0, f + " is empty");
            if (names[i].endsWith(".png")) {
                assertNotBlank(f);
            }
        }
    }

    /** Asserts that the PNG decodes, is of a sensible size and uses many colours (a blank plot uses one or two). */
    static void assertNotBlank(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " is not a readable image");
        assertTrue(image.getWidth() >= 200 && image.getHeight() >= 100, png + " is only "
                + image.getWidth() + "x" + image.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() >= 8, png + " looks blank: only " + colours.size() + " colours");
    }
}
