package org.her2sim.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Files are written to a temporary name beside the target and renamed into place. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public static void write(Path target, Content content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                content.writeTo(out);
            }
            readable(tmp);
            move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Temporary files are private; finished ones get the usual rw-r--r--. */
    public static void readable(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                    Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the defaults
        }
    }

    /** Fills a directory. */
    public interface DirectoryContent {
        void writeInto(Path dir) throws IOException;
    }

    /**
     * Writes a whole output directory: filled under a hidden temporary name beside it, then
     * renamed into place (replacing an older one), so a crash leaves no half-written directory.
     */
    public static void writeDirectory(Path target, DirectoryContent content) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".partial-");
        try {
            content.writeInto(tmp);
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
        if (Files.exists(target)) {
            deleteTree(target);
        }
        move(tmp, target);
    }

    /**
     * A hidden working directory for {@code target}, named with this machine and process
     * ({@code .NAME.HOST-PID.RANDOM}). First removes such directories in the same folder that a
     * process of this machine left when it was killed (its PID is gone): a {@code kill -9} leaves
     * litter once, the next start cleans it. Directories of other machines (a shared file system)
     * and of live processes are left alone.
     */
    public static Path ownedTempDirectory(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        String host = host();
        try (var list = Files.list(parent)) {
            for (Path p : list.toList()) {
                Matcher m = OWNED.matcher(p.getFileName().toString());
                if (m.matches() && m.group(1).equals(host) && Files.isDirectory(p)
                        && !ProcessHandle.of(Long.parseLong(m.group(2))).map(ProcessHandle::isAlive).orElse(false)) {
                    deleteTree(p);
                }
            }
        }
        return Files.createTempDirectory(parent, "." + target.getFileName() + "." + host + "-" + ProcessHandle.current().pid() + ".");
    }

    private static final Pattern OWNED = Pattern.compile("\\..+\\.([A-Za-z0-9_-]+)-(\\d+)\\.\\d+");

    private static String host() {
        String h;
        try {
            h = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            h = "localhost";
        }
        return h.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** Deletes a file or a folder with everything in it; nothing if it does not exist. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** Renames atomically where the file system can, replacing the target. */
    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
