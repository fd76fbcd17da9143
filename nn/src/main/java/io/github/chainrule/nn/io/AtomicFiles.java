package io.github.chainrule.nn.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;

/**
 * Writes files so that a reader, or the next run after a crash, sees either the old file whole or the new
 * file whole, never a half-written one, and so that no temporary file outlives the save that made it.
 *
 * <p>The bytes go to a temporary file in the target's own directory (the same file system, so that a rename
 * is possible), named {@code .TARGET.chainrule-tmp-RANDOM} (hidden on Unix, recognizable as ours). The save
 * holds an exclusive lock on it, forces it to disk, gives it the permissions of the file it replaces (a new
 * file gets the process's default ones), renames it over the target with an atomic move, and then forces the
 * directory to disk where the platform allows opening a directory (Linux and macOS do; Windows does not), so
 * that a power loss cannot lose the new name. If writing fails in any way, the temporary file is deleted and
 * the target is untouched.
 *
 * <p>A process killed mid-save cannot delete its temporary file, so each save first <em>removes</em> the stale
 * temporary files of the same target: those whose lock it can take, which means no live process holds them
 * (the operating system releases a dead process's locks). A save in progress in another process or thread
 * keeps its lock and its file.
 */
public final class AtomicFiles {
    /** What the temporary files of target NAME start with: {@code .NAME} followed by this. */
    static final String TEMP_MARK = ".chainrule-tmp-";
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes a file's contents to a stream; the stream is closed by {@link AtomicFiles}, not by the body. */
    @FunctionalInterface
    public interface Body {
        /**
         * Writes the whole contents to {@code out}.
         *
         * @param out the stream to write to
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Replaces (or creates) {@code target} with the bytes {@code body} writes, atomically, after removing the
     * temporary files that crashed saves of the same target left behind.
     *
     * @param target the file to write
     * @param body   what writes the contents
     * @throws IllegalArgumentException if an argument is null
     * @throws IOException              if the body or the file system fails; the target is then left as it was
     */
    public static void write(Path target, Body body) throws IOException {
        if (target == null || body == null) {
            throw new IllegalArgumentException("AtomicFiles.write: target and body must not be null");
        }
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        String prefix = "." + absolute.getFileName() + TEMP_MARK;
        removeStale(dir, prefix);
        Path temp = dir.resolve(prefix + Long.toUnsignedString(RANDOM.nextLong(), 36));
        boolean moved = false;
        try {
            // CREATE_NEW, not createTempFile: the file gets the default permissions of a new file, not 0600.
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                body.writeTo(new NonClosing(out));
                out.flush();
                channel.force(true);
                keepPermissions(absolute, temp);
                try {
                    Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    // Some file systems cannot rename atomically; a plain replacing move is the best they offer.
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
                moved = true;
            }
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
        forceDirectory(dir);
    }

    /** Deletes the temporary files of a target that no live save holds locked. */
    private static void removeStale(Path dir, String prefix) {
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path p : stale) {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    FileLock lock = ch.tryLock();
                    if (lock != null) {   // null: another process is writing it
                        Files.deleteIfExists(p);
                        lock.release();
                    }
                } catch (OverlappingFileLockException e) {
                    // a save in this JVM is writing it
                } catch (IOException e) {
                    // gone already, or not ours to delete: leave it
                }
            }
        } catch (IOException e) {
            // an unlistable directory: the save itself will report what is wrong with it
        }
    }

    /** Gives the new file the POSIX permissions of the one it replaces (a file system without them keeps its own). */
    private static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        if (old == null || !Files.exists(target)) {
            return;
        }
        Files.setPosixFilePermissions(temp, old.readAttributes().permissions());
    }

    /** Forces the directory entry of the renamed file to disk, where the platform can open a directory. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a file: the rename is as durable as the platform makes it
        }
    }

    /** Keeps a body's stray close() from closing the channel before it is forced to disk. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
