package org.her2sim.cli;

import java.awt.AWTError;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import javax.swing.SwingUtilities;
import org.her2sim.config.ConfigException;
import org.her2sim.experiment.Lesson;
import org.her2sim.gui.TumourGui;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import sim.display.Console;

/** {@code her2sim gui [FILE]}: the MASON Console and the teaching window for a lesson or a scenario. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = {"Opens the MASON Console (start, pause, step, speed, the model inspector) and a window with the",
                "tumour (lattice or composition), a legend, live charts and a treatment control panel.",
                "FILE is a lesson (configs/lessons/) or a scenario; default: configs/lessons/01-p95her2.yaml."})
final class GuiCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "Lesson or scenario YAML file")
    Path file;

    @picocli.CommandLine.Mixin
    ScenarioOptions.Settings settings;

    @picocli.CommandLine.Mixin
    ScenarioOptions.Seed seed;

    @Option(names = "--play", description = "Start running at once")
    boolean play;

    @Option(names = "--snapshot", paramLabel = "PNG", description = "Write a picture of the window to PNG when the run reaches --snapshot-at")
    Path snapshot;

    @Option(names = "--snapshot-at", paramLabel = "DAYS", defaultValue = "30", description = "Simulated day of --snapshot (default: ${DEFAULT-VALUE})")
    double snapshotAt;

    @Option(names = "--snapshot-before-play", description = "Take --snapshot of the window before anything runs (as a student first sees it)")
    boolean snapshotBeforePlay;

    @Option(names = "--exit-after-snapshot", description = "Close after writing --snapshot (unattended use, e.g. making figures)")
    boolean exitAfterSnapshot;

    @Override
    public Integer call() {
        Path f = file != null ? file : Her2sim.home().resolve("configs/lessons/01-p95her2.yaml");
        boolean isLesson = Lesson.isLesson(f);
        Lesson lesson = isLesson ? Lesson.load(f) : null;
        // compile before opening anything: bad input is reported like everywhere else
        String headless = isLesson ? "her2sim lesson " + f : "her2sim run " + f;
        if (GraphicsEnvironment.isHeadless()) {
            throw new ConfigException("gui: no display available (DISPLAY is not set); run it headless with: " + headless
                    + " (or start an X server, e.g. xvfb-run her2sim gui " + f + ")");
        }
        TumourGui gui;
        try {
            gui = new TumourGui(lesson, f, settings.overrides, seed.seed, new TumourGui.Options(play || (snapshot != null && !snapshotBeforePlay),
                    snapshotBeforePlay ? Double.NaN : snapshotAt, snapshot,
                    exitAfterSnapshot));
            Runnable open = () -> new Console(gui).setVisible(true);
            SwingUtilities.invokeAndWait(open);
        } catch (AWTError | HeadlessException e) {
            throw new ConfigException("gui: cannot open the display '" + System.getenv("DISPLAY") + "' (" + e.getMessage()
                    + "); run it headless with: " + headless);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AWTError || cause instanceof HeadlessException) {
                throw new ConfigException("gui: cannot open the display '" + System.getenv("DISPLAY") + "'; run it headless with: "
                        + headless);
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        // the windows keep the JVM alive; the Console's quit ends it
        return Her2sim.GUI_OPEN;
    }
}
