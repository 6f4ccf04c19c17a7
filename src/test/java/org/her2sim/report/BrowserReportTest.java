package org.her2sim.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.her2sim.Scenarios;
import org.her2sim.engine.Scenario;
import org.her2sim.experiment.SingleRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html in a real headless Chromium (Debian's package; ./scripts/test installs it): every
 * image loads, the outcome table is there, and a screenshot is kept in target/.
 */
class BrowserReportTest {
    @TempDir
    Path dir;

    static Path chromium() {
        for (String p : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(p))) {
                return Path.of(p);
            }
        }
        fail("Chromium is not installed; ./scripts/test installs Debian's chromium package");
        return null;
    }

    String browse(Path page, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(chromium().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "profile"),
                "--virtual-time-budget=10000", "--window-size=1280,2600"));
        cmd.addAll(List.of(extra));
        cmd.add(page.toUri().toString());
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve("chromium.log").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "chromium did not finish");
        assertEquals(0, p.exitValue(), "chromium failed: " + Files.readString(dir.resolve("chromium.log")));
        return out;
    }

    @Test
    void reportLoadsEveryImageAndShowsTheOutcomes() throws Exception {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.max=120d");
        Path run = SingleRun.run(s, dir.resolve("run"), dir).directory();
        Path page = run.resolve("report.html");

        String dom = browse(page, "--dump-dom");
        int images = Reporter.names().size();
        assertTrue(dom.contains("data-images-loaded=\"" + images + "/" + images + "\""),
                "not every image loaded: " + dom.replaceAll("(?s).*(data-images-loaded=\"[^\"]*\").*", "$1"));
        assertTrue(dom.contains("<table class=\"outcomes\" id=\"outcomes\">"));
        assertTrue(dom.contains("Best response"));

        Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        Files.deleteIfExists(shot);
        browse(page, "--screenshot=" + shot, "--hide-scrollbars");
        BufferedImage img = ImageIO.read(shot.toFile());
        assertEquals(1280, img.getWidth());
        assertTrue(img.getHeight() >= 2000, "screenshot height " + img.getHeight());
    }
}
