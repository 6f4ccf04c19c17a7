package org.her2sim.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.her2sim.report.Palette;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The teaching GUI on a real X server: Debian's Xvfb (installed by ./scripts/test) on a
 * display of its own; `her2sim gui` opens the MASON Console and the lesson window, runs
 * lesson 1 past the start of treatment, writes a snapshot of the window and a capture of the
 * X screen (java.awt.Robot), and quits. Both pictures are checked: not blank, the lattice shows
 * several marker combinations in their palette colours, the legend is there.
 */
class GuiTest {
    private static Process xvfb;
    private static String display;

    @BeforeAll
    static void startX() throws Exception {
        Path x = Path.of("/usr/bin/Xvfb");
        if (!Files.isExecutable(x)) {
            fail("Xvfb is not installed; ./scripts/test installs Debian's xvfb package");
        }
        for (int n = 91; n < 120 && xvfb == null; n++) {
            if (Files.exists(Path.of("/tmp/.X11-unix/X" + n)) || Files.exists(Path.of("/tmp/.X" + n + "-lock"))) {
                continue;
            }
            Process p = new ProcessBuilder(x.toString(), ":" + n, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            for (int i = 0; i < 50 && p.isAlive() && !Files.exists(Path.of("/tmp/.X11-unix/X" + n)); i++) {
                Thread.sleep(100);
            }
            if (p.isAlive() && Files.exists(Path.of("/tmp/.X11-unix/X" + n))) {
                xvfb = p;
                display = ":" + n;
            } else {
                p.destroy();
            }
        }
        assertTrue(xvfb != null, "could not start Xvfb");
    }

    @AfterAll
    static void stopX() throws Exception {
        if (xvfb != null) {
            xvfb.destroy();
            xvfb.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void lessonRunsInTheGuiAndTheSnapshotShowsEscape(@TempDir Path dir) throws Exception {
        Path png = gui(dir, "lesson1", "configs/lessons/01-p95her2.yaml", "45");
        Files.copy(png, Path.of("target", "gui-snapshot.png"), StandardCopyOption.REPLACE_EXISTING);
        check(ImageIO.read(png.toFile()), "window snapshot");
        check(ImageIO.read(dir.resolve("lesson1-screen.png").toFile()), "X screen capture");
    }

    @Test
    void everyLessonOpensInTheGui(@TempDir Path dir) throws Exception {
        for (String lesson : List.of("02-pten-pi3k", "03-adaptive-her3", "04-sequential-vs-combined", "05-adaptive-therapy")) {
            BufferedImage img = ImageIO.read(gui(dir, lesson, "configs/lessons/" + lesson + ".yaml", "30").toFile());
            int colours = 0;
            for (Color c : List.of(Palette.GREY, Palette.indexed(0), Palette.indexed(1), Palette.indexed(2))) {
                if (count(img, c, 0, 0.6, 0, 0.7) > 20) {
                    colours++;
                }
            }
            assertTrue(colours >= 2, lesson + ": the lattice shows " + colours + " marker combinations");
        }
    }

    @Test
    void aWellMixedScenarioShowsItsComposition(@TempDir Path dir) throws Exception {
        BufferedImage img = ImageIO.read(gui(dir, "mixed", "configs/quickstart.yaml", "2").toFile());
        // the dish: 2 500 squares of the founder's grey fill most of the left panel
        assertTrue(count(img, Palette.GREY, 0, 0.6, 0, 0.7) > 50_000, "composition view");
    }

    /** Runs her2sim gui on the Xvfb display until the snapshot at {@code day}; returns the PNG. */
    private static Path gui(Path dir, String name, String file, String day) throws Exception {
        Path png = dir.resolve(name + ".png");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dher2sim.home=" + Path.of("").toAbsolutePath(), "org.her2sim.cli.Her2sim", "gui", file,
                "--snapshot", png.toString(), "--snapshot-at", day, "--exit-after-snapshot");
        pb.environment().put("DISPLAY", display);
        pb.redirectErrorStream(true);
        Path log = dir.resolve(name + ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the GUI did not finish within 180 s: " + Files.readString(log));
        }
        assertEquals(0, p.exitValue(), Files.readString(log));
        return png;
    }

    private static void check(BufferedImage img, String what) {
        assertTrue(img.getWidth() > 800 && img.getHeight() > 600, what + " size " + img.getWidth() + "x" + img.getHeight());
        Map<Integer, Integer> histogram = new HashMap<>();
        for (int x = 0; x < img.getWidth(); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                histogram.merge(img.getRGB(x, y) & 0xFFFFFF, 1, Integer::sum);
            }
        }
        assertTrue(histogram.size() > 50, what + " looks blank: " + histogram.size() + " colours");
        // the lattice (left 60 %, top 70 % of the window) holds cells of the p95HER2 clone (the
        // first palette colour) and of other combinations (grey founder, second colour)
        int grey = count(img, Palette.GREY, 0, 0.6, 0, 0.7);
        int first = count(img, Palette.indexed(0), 0, 0.6, 0, 0.7);
        int second = count(img, Palette.indexed(1), 0, 0.6, 0, 0.7);
        assertTrue(first > 500, what + ": p95HER2 cells on the lattice: " + first + " pixels");
        assertTrue(second + grey > 20, what + ": other marker combinations on the lattice: " + second + " + " + grey + " pixels");
        // the legend: swatches of the same colours in the top right of the window
        for (Color c : List.of(Palette.GREY, Palette.indexed(0), Palette.indexed(1))) {
            assertTrue(count(img, c, 0.6, 1, 0, 0.15) >= 100, what + ": legend swatch " + c + " missing");
        }
    }

    private static int count(BufferedImage img, Color c, double x0, double x1, double y0, double y1) {
        int n = 0;
        int rgb = c.getRGB() & 0xFFFFFF;
        for (int x = (int) (x0 * img.getWidth()); x < (int) (x1 * img.getWidth()); x++) {
            for (int y = (int) (y0 * img.getHeight()); y < (int) (y1 * img.getHeight()); y++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }
}
