package io.github.chainrule.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Keeps track of the files a program writes into its output folder, so that it can name them at the end. */
public final class OutputFiles {
    private final Path folder;
    private final List<Path> written = new ArrayList<>();

    /** Creates the output folder (and its parents) if needed. */
    public OutputFiles(Path folder) {
        this.folder = folder;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("--out: cannot create the output folder " + folder.toAbsolutePath(), e);
        }
    }

    /** Returns the path of a file named {@code name} in the output folder (the file is not yet recorded). */
    public Path resolve(String name) {
        return folder.resolve(name);
    }

    /** Records that {@code file} was written and returns it. */
    public Path record(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("output: " + file + " was to be written but does not exist");
        }
        written.add(file);
        return file;
    }

    /** Writes {@code text} to a file named {@code name} in the output folder, records it and returns its path. */
    public Path writeString(String name, String text) {
        Path file = resolve(name);
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("output: cannot write " + file.toAbsolutePath(), e);
        }
        return record(file);
    }

    /** Returns the files written so far, in order. */
    public List<Path> written() {
        return Collections.unmodifiableList(new ArrayList<>(written));
    }

    /** Prints one line per file written. */
    public void print(Console console) {
        for (Path p : written) {
            console.result("wrote %s", p);
        }
    }
}
