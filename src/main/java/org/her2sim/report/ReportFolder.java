package org.her2sim.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.her2sim.io.AtomicFiles;
import org.her2sim.io.IoFailure;

/**
 * A report (charts/ and report.html) is built in a hidden folder inside the run or sweep
 * directory and swapped into place when complete. The folder is named with this machine and
 * process, so one left by a killed process is removed by the next report made there.
 */
final class ReportFolder {
    private ReportFolder() {
    }

    /** Something that fills the temporary folder with charts/ and report.html. */
    @FunctionalInterface
    interface Content {
        void writeInto(Path tmp) throws IOException;
    }

    /**
     * Builds the report in a temporary folder and installs it. A failure (a full disk) names the
     * directory and what went wrong, and leaves the previous report as it was.
     */
    static void write(Path dir, Content content) throws IOException {
        Path tmp = AtomicFiles.ownedTempDirectory(dir.resolve("report"));
        try {
            content.writeInto(tmp);
            install(dir, tmp);
        } catch (IOException e) {
            throw new IOException("cannot write the report in " + dir + ": " + IoFailure.rootCause(e), e);
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
    }

    /** Swaps the new charts/ and report.html into place. */
    private static void install(Path dir, Path tmp) throws IOException {
        Path charts = dir.resolve("charts");
        Path old = null;
        if (Files.exists(charts)) {
            old = AtomicFiles.ownedTempDirectory(dir.resolve("charts-old"));
            Files.delete(old);
            Files.move(charts, old);
        }
        Files.move(tmp.resolve("charts"), charts);
        AtomicFiles.move(tmp.resolve("report.html"), dir.resolve("report.html"));
        if (old != null) {
            AtomicFiles.deleteTree(old);
        }
    }
}
