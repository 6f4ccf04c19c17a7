package org.her2sim.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
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
public record Checkpoint(TumourModel model, RunRecorder recorder, byte[] randomState, String version) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Writes a checkpoint atomically (gzip-compressed Java serialisation, as MASON's own). */
    public static void write(Path file, TumourModel model, RunRecorder recorder) throws IOException {
        Checkpoint c = new Checkpoint(model, recorder, model.randomState(), Version.get());
        AtomicFiles.write(file, out -> {
            GZIPOutputStream gz = new GZIPOutputStream(out);
            ObjectOutputStream o = new ObjectOutputStream(gz);
            o.writeObject(c);
            o.flush();
            gz.finish();
        });
    }

    public static Checkpoint read(Path file) {
        try (InputStream in = Files.newInputStream(file); ObjectInputStream o = new ObjectInputStream(new GZIPInputStream(in))) {
            Checkpoint c = (Checkpoint) o.readObject();
            if (!Version.get().equals(c.version())) {
                throw new ConfigException(file + ": written by her2sim " + c.version() + ", this is " + Version.get()
                        + "; resume with the version that started the run");
            }
            return c;
        } catch (IOException | ClassNotFoundException | ClassCastException e) {
            throw new ConfigException(file + ": not a readable checkpoint (" + e.getMessage() + ")");
        }
    }
}
