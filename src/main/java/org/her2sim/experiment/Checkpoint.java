package org.her2sim.experiment;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.StreamCorruptedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;
import org.her2sim.config.ConfigException;
import org.her2sim.engine.TumourModel;
import org.her2sim.io.AtomicFiles;
import org.her2sim.observe.RunRecorder;

/**
 * A run saved between two schedule steps: the MASON model (schedule, cells, lineage, drug
 * levels, phase state), what was recorded so far, and the cells' random stream state (Commons
 * RNG generators are not serialisable; their state bytes are). The compiled scenario is not
 * stored: it is rebuilt from the run's config.yaml, so a checkpoint resumes only with the same
 * program version.
 */
public record Checkpoint(TumourModel model, RunRecorder recorder, byte[] randomState, String version, String configSha256)
        implements Serializable {
    private static final long serialVersionUID = 2L;

    /**
     * What a checkpoint may contain: the model's, MASON's and the JDK's classes, nothing else (a
     * crafted file cannot make the reader build arbitrary objects), within generous size limits.
     */
    private static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(
            "maxdepth=64;maxrefs=50000000;maxarray=1000000000;org.her2sim.**;sim.**;ec.util.*;java.**;!*");

    /**
     * Writes a checkpoint atomically (gzip-compressed Java serialisation, as MASON's own), with the
     * SHA-256 of the resolved configuration it belongs to.
     */
    public static void write(Path file, TumourModel model, RunRecorder recorder, String configSha256) throws IOException {
        Checkpoint c = new Checkpoint(model, recorder, model.randomState(), Version.get(), configSha256);
        AtomicFiles.write(file, out -> {
            GZIPOutputStream gz = new GZIPOutputStream(out);
            ObjectOutputStream o = new ObjectOutputStream(gz);
            o.writeObject(c);
            o.flush();
            gz.finish();
        });
    }

    /**
     * Reads a checkpoint, refusing any corruption with one line naming the file: the gzip stream is
     * read to its end so its CRC-32 is checked (Java serialisation stops before the trailer), and
     * anything the object stream throws on damaged bytes counts as unreadable.
     */
    public static Checkpoint read(Path file) {
        Checkpoint c;
        try (InputStream in = Files.newInputStream(file); GZIPInputStream gz = new GZIPInputStream(in);
             ObjectInputStream o = new ObjectInputStream(gz)) {
            o.setObjectInputFilter(FILTER);
            c = (Checkpoint) o.readObject();
            gz.transferTo(OutputStream.nullOutputStream()); // to the trailer: the CRC and length are checked
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new ConfigException(file + ": not a readable checkpoint (" + why(e) + "); the file is damaged: start the run again");
        }
        if (!Version.get().equals(c.version())) {
            throw new ConfigException(file + ": written by her2sim " + c.version() + ", this is " + Version.get()
                    + "; resume with the version that started the run");
        }
        return c;
    }

    /** What was wrong, in words rather than a Java class name. */
    private static String why(Exception e) {
        if (e instanceof EOFException) {
            return "it ends too early";
        }
        if (e instanceof ZipException || e instanceof StreamCorruptedException) {
            return e.getMessage() == null ? "its bytes are corrupted" : e.getMessage();
        }
        String m = e.getMessage();
        // Java's own messages can name classes and exceptions ("ReflectiveOperationException during
        // deserialization"): those say nothing to a user
        if (m == null || m.isBlank() || m.contains("Exception") || m.matches(".*\\b[a-z]+\\.[a-z]+\\.[A-Za-z.$]+.*")) {
            return "its content is not a her2sim checkpoint";
        }
        return m;
    }
}
