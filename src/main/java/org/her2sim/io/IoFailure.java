package org.her2sim.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** An I/O failure in words a user can act on. */
public final class IoFailure {
    private IoFailure() {
    }

    /**
     * The file system's exceptions carry only the path as their message ("/etc/passwd"), so the
     * kind of failure is named beside it.
     */
    public static String describe(IOException e) {
        if (!(e instanceof FileSystemException f)) {
            return String.valueOf(e.getMessage());
        }
        String why = f instanceof NotDirectoryException ? "part of this path is a file, not a directory"
                : f instanceof FileAlreadyExistsException && f.getFile() != null && Files.isRegularFile(Path.of(f.getFile()))
                        ? "a file is in the way where a directory is needed"
                : f instanceof FileAlreadyExistsException ? "already exists"
                : f instanceof AccessDeniedException ? "permission denied"
                : f instanceof NoSuchFileException ? "no such file or directory"
                : f instanceof DirectoryNotEmptyException ? "a directory that is not empty"
                : f.getReason() != null ? f.getReason() : "cannot be written or read";
        String where = f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": ";
        return where + why;
    }

    /** The innermost I/O failure's words ("No space left on device"), not a wrapper's ("I/O error writing PNG file!"). */
    public static String rootCause(IOException e) {
        IOException inner = e;
        while (inner.getCause() instanceof IOException cause) {
            inner = cause;
        }
        return describe(inner);
    }
}
