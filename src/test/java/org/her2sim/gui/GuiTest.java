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
import org.her2sim.Scenarios;
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

    /** The biology's fixed colours: the same marker combination has the same colour in every lesson. */
    static final Palette PALETTE = Palette.of(Scenarios.compile(Scenarios.configs().resolve("lessons/tumour.yaml")).space());

    /** Every colour a marker combination of the biology can have: grey, each change, and combinations (darker). */
    static List<Color> combinationColours() {
        List<Color> out = new java.util.ArrayList<>(List.of(Palette.GREY));
        for (String change : Scenarios.compile(Scenarios.configs().resolve("lessons/tumour.yaml")).space().changes()) {
            out.add(PALETTE.of(change));
            out.add(PALETTE.of(change + "+x=y"));
            out.add(PALETTE.of(change + "+x=y+z=w"));
        }
        return out;
    }

    @Test
    void everyLessonOpensInTheGui(@TempDir Path dir) throws Exception {
        for (String lesson : List.of("02-pten-pi3k", "03-adaptive-her3", "04-sequential-vs-combined", "05-adaptive-therapy")) {
            BufferedImage img = ImageIO.read(gui(dir, lesson, "configs/lessons/" + lesson + ".yaml", "30").toFile());
            int colours = 0;
            for (Color c : combinationColours()) {
                if (count(img, c, 0, 0.6, 0.05, 0.7) > 20) {
                    colours++;
                }
            }
            assertTrue(colours >= 2, lesson + ": the lattice shows " + colours + " marker combinations");
        }
    }

    @Test
    void beforePlayTheTumourIsDrawnAndTheControlsAreInTheWindow(@TempDir Path dir) throws Exception {
        Path png = gui(dir, "before", "configs/lessons/01-p95her2.yaml", null, "--snapshot-before-play");
        Files.copy(png, Path.of("target", "gui-before-play.png"), StandardCopyOption.REPLACE_EXISTING);
        BufferedImage img = ImageIO.read(png.toFile());
        // day 0: 3 000 founder cells (grey) and 10 p95HER2 cells (orange) already on the lattice
        int grey = count(img, Palette.GREY, 0, 0.6, 0.05, 0.7);
        assertTrue(grey > 2_000, "the day-0 tumour: " + grey + " grey pixels");
        assertTrue(count(img, PALETTE.of("p95her2=present"), 0, 0.6, 0.05, 0.7) > 0, "the p95HER2 cells at day 0");
        assertTrue(count(img, PALETTE.of("p95her2=present"), 0.6, 1, 0, 0.2) >= 100, "their legend swatch");
    }

    @Test
    void twoDrugsAreDrawnInTheirOwnColours(@TempDir Path dir) throws Exception {
        Path png = gui(dir, "combined", "configs/lessons/01-p95her2.yaml", "30", "--set",
                "regimen=../regimens/trastuzumab-lapatinib-combined.yaml");
        Files.copy(png, Path.of("target", "gui-two-drugs.png"), StandardCopyOption.REPLACE_EXISTING);
        BufferedImage img = ImageIO.read(png.toFile());
        // the drug chart (bottom right): trastuzumab (~100 mg/L) and lapatinib (~2 mg/L) on a log axis, each visible
        int first = count(img, Palette.indexed(4), 0.67, 1, 0.72, 1);
        int second = count(img, Palette.indexed(5), 0.67, 1, 0.72, 1);
        assertTrue(first > 100 && second > 100, "drug lines: " + first + " and " + second + " pixels");
    }

    @Test
    void aWellMixedScenarioShowsItsComposition(@TempDir Path dir) throws Exception {
        BufferedImage img = ImageIO.read(gui(dir, "mixed", "configs/quickstart.yaml", "2").toFile());
        // the dish: 2 500 squares of the founder's grey fill most of the left panel
        assertTrue(count(img, Palette.GREY, 0, 0.6, 0.05, 0.7) > 50_000, "composition view");
    }

    /** Runs her2sim gui on the Xvfb display until the snapshot at {@code day}; returns the PNG. */
    private static Path gui(Path dir, String name, String file, String day, String... more) throws Exception {
        Path png = dir.resolve(name + ".png");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dher2sim.home=" + Path.of("").toAbsolutePath(), "org.her2sim.cli.Her2sim", "gui", file,
                "--snapshot", png.toString(), "--exit-after-snapshot"));
        if (day != null) {
            command.addAll(List.of("--snapshot-at", day));
        }
        command.addAll(List.of(more));
        ProcessBuilder pb = new ProcessBuilder(command);
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
        // the lattice (left 60 %, top 70 % of the window) holds cells of the p95HER2 clone (its
        // fixed colour) and of other combinations (grey founder, adaptive HER3)
        Color p95 = PALETTE.of("p95her2=present");
        Color her3 = PALETTE.of("her3=adaptive_up");
        int grey = count(img, Palette.GREY, 0, 0.6, 0.05, 0.7);
        int first = count(img, p95, 0, 0.6, 0.05, 0.7);
        int second = count(img, her3, 0, 0.6, 0.05, 0.7);
        assertTrue(first > 500, what + ": p95HER2 cells on the lattice: " + first + " pixels");
        assertTrue(second + grey > 20, what + ": other marker combinations on the lattice: " + second + " + " + grey + " pixels");
        // the legend: swatches of the same colours in the top right of the window
        for (Color c : List.of(Palette.GREY, p95, her3)) {
            assertTrue(count(img, c, 0.6, 1, 0, 0.2) >= 100, what + ": legend swatch " + c + " missing");
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
