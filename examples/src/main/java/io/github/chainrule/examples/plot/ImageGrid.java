package io.github.chainrule.examples.plot;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Draws small grayscale images (digits, clothes) in a grid with a caption under each, and writes it as PNG.
 * This draws the data themselves, pixel by pixel; plots with axes come from {@link Charts}.
 */
public final class ImageGrid {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ImageGrid() {
    }

    /**
     * One image and its caption.
     *
     * @param pixels  row-major pixel intensities in [0, 1], 0 = background
     * @param caption the text under the image
     */
    public record Tile(double[] pixels, String caption) {
    }

    /**
     * Writes the tiles as a grid of {@code columns} columns, each image {@code side}×{@code side} pixels
     * enlarged {@code scale} times, ink dark on white, with a title line on top.
     */
    public static Path write(Path file, String title, List<Tile> tiles, int side, int columns, int scale) {
        if (tiles.isEmpty()) {
            throw new IllegalArgumentException("ImageGrid '" + title + "': no images to draw");
        }
        if (side <= 0 || columns <= 0 || scale <= 0) {
            throw new IllegalArgumentException("ImageGrid '" + title + "': side, columns and scale must be positive, got "
                    + side + ", " + columns + ", " + scale);
        }
        int cell = side * scale;
        int captionHeight = 18;
        int gap = 10;
        int titleHeight = 30;
        int rows = (tiles.size() + columns - 1) / columns;
        int width = columns * (cell + gap) + gap;
        int height = titleHeight + rows * (cell + captionHeight + gap) + gap;
        BufferedImage image = new BufferedImage(Math.max(width, 360), height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, gap, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (int t = 0; t < tiles.size(); t++) {
            Tile tile = tiles.get(t);
            if (tile.pixels().length != side * side) {
                throw new IllegalArgumentException("ImageGrid '" + title + "': image " + t + " has "
                        + tile.pixels().length + " pixels, expected " + side + "x" + side);
            }
            int x0 = gap + (t % columns) * (cell + gap);
            int y0 = titleHeight + (t / columns) * (cell + captionHeight + gap);
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    double v = Math.max(0, Math.min(1, tile.pixels()[r * side + c]));
                    int level = (int) Math.round(255 * (1 - v));
                    g.setColor(new Color(level, level, level));
                    g.fillRect(x0 + c * scale, y0 + r * scale, scale, scale);
                }
            }
            g.setColor(Color.LIGHT_GRAY);
            g.drawRect(x0 - 1, y0 - 1, cell + 1, cell + 1);
            g.setColor(Color.BLACK);
            String caption = tile.caption();
            int tw = fm.stringWidth(caption);
            g.drawString(caption, x0 + Math.max(0, (cell - tw) / 2), y0 + cell + 14);
        }
        g.dispose();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("ImageGrid '" + title + "': cannot write " + file.toAbsolutePath(), e);
        }
        return file;
    }
}
