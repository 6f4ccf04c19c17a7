package org.her2sim.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A student runs lesson 1 in a real browser (Debian's Chromium through its chromedriver) and the
 * teacher watches: join, predict, play, see the p95HER2 escape, give lapatinib; then the teacher's
 * page shows the student's outcome. Screenshots go to target/classroom-screens (docs/teaching.md
 * shows them) and are checked for the palette's colours, so a blank page fails.
 */
class ClassroomBrowserTest {
    static final Path SCREENS = Path.of("target/classroom-screens");
    /** The biology's colours (configs/biology/her2.yaml, Palette): the founder's grey and p95HER2's orange. */
    static final int FOUNDER_GREY = 0x999999;
    static final int P95_ORANGE = 0xE69F00;

    private Classroom room;
    private ClassroomServer server;
    private WebDriver browser;
    private String base;

    @BeforeEach
    void start() throws Exception {
        room = new Classroom(ClassroomTest.LESSONS, "JOIN1", "TEACH1", Classroom.Limits.DEFAULT, System::currentTimeMillis, true);
        server = new ClassroomServer(room, "127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();
        browser = chromium(Files.createTempDirectory("her2sim-chromium"));
        Files.createDirectories(SCREENS);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Headless Chromium as the machine has it: no downloads, no background network (the test machine has none). */
    static WebDriver chromium(Path profile) {
        File driver = new File("/usr/bin/chromedriver");
        File binary = new File("/usr/bin/chromium");
        if (!driver.canExecute() || !binary.canExecute()) {
            fail("Chromium and chromedriver are not installed; ./scripts/test installs Debian's chromium and chromium-driver");
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary(binary);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1400,1500",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver).build();
        return new ChromeDriver(service, o);
    }

    private WebElement id(String id) {
        return browser.findElement(By.id(id));
    }

    private WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    @Test
    void aStudentRunsLessonOneToItsEscapeAndTheTeacherSeesIt() throws Exception {
        browser.get(base + "/");
        id("name").sendKeys("Ana");
        id("code").sendKeys("nope");
        id("join-button").click();
        waitUpTo(10).until(d -> !id("join-error").getText().isEmpty());
        assertTrue(id("join-error").getText().contains("join code"), id("join-error").getText());
        id("code").clear();
        id("code").sendKeys("JOIN1");
        id("join-button").click();
        waitUpTo(10).until(d -> id("pick").isDisplayed());
        assertEquals(5, browser.findElements(By.cssSelector("#lessons button")).size());
        browser.findElement(By.cssSelector("#lessons button[data-lesson='01-p95her2']")).click();
        waitUpTo(20).until(d -> id("lesson").isDisplayed() && id("status-line").getText().startsWith("day 0"));
        assertTrue(id("time-note").getText().startsWith("Time compressed"), "the compressed time is said first");
        assertFalse(id("play").isEnabled(), "no play before a prediction");
        screenshot("classroom-predict.png", true);

        id("prediction").sendKeys("It shrinks, then the p95HER2 cells grow back.");
        id("save-prediction").click();
        waitUpTo(10).until(d -> id("play").isEnabled());
        new Select(id("pace")).selectByValue("32");
        id("play").click();
        waitUpTo(90).until(d -> "progressed".equals(id("status-line").getAttribute("data-result")));
        assertTrue(id("status-line").getText().contains("escape: p95her2=present"), id("status-line").getText());
        assertTrue(id("discuss-box").isDisplayed(), "discussion questions shown once the tumour has progressed");
        // the escape, drawn in p95HER2's colour, regrows (a few hundred cells at progression)
        waitUpTo(30).until(d -> latticeColours().get(P95_ORANGE) > 300);
        screenshot("classroom-escape.png", true);

        // give lapatinib with trastuzumab, as lesson 1 suggests; p95HER2 cells keep HER2's kinase, which lapatinib blocks
        // the boxes show what is given now: the lesson's trastuzumab
        WebElement trastuzumab = browser.findElement(By.cssSelector("#controls input[value=trastuzumab]"));
        WebElement lapatinib = browser.findElement(By.cssSelector("#controls input[value=lapatinib]"));
        assertTrue(trastuzumab.isSelected() && !lapatinib.isSelected(), "the boxes show the drugs given now");
        lapatinib.click();
        id("give").click();
        waitUpTo(20).until(d -> id("events").getText().contains("by hand: trastuzumab+lapatinib"));
        double given = day();
        waitUpTo(60).until(d -> day() > given + 20 || !"running".equals(id("status-line").getAttribute("data-status")));
        screenshot("classroom-lapatinib.png", false);
        for (String chart : List.of("chart-burden", "chart-markers", "chart-drugs")) {
            assertFalse(browser.findElements(By.cssSelector("#" + chart + " canvas")).isEmpty(), chart + " drawn");
        }
        assertFalse(id("prediction").isEnabled(), "the prediction is kept as written once the tumour has run");

        // the page reloaded: the same tumour, its history and the prediction come back
        double before = day();
        browser.navigate().refresh();
        waitUpTo(20).until(d -> id("lesson").isDisplayed() && day() >= before);
        assertEquals("It shrinks, then the p95HER2 cells grow back.", id("prediction").getAttribute("value"));
        assertTrue(id("events").getText().contains("progression"), "the events so far are shown again");

        // the teacher
        browser.get(base + "/teacher");
        id("teacher-code").sendKeys("TEACH1");
        id("sign-in-button").click();
        waitUpTo(10).until(d -> !d.findElements(By.cssSelector("#students tr[data-student='Ana']")).isEmpty());
        String row = browser.findElement(By.cssSelector("#students tr[data-student='Ana']")).getText();
        // progressed on day 62, 41 days after treatment began (then cured, or not yet, by the lapatinib added)
        assertTrue(row.contains("day 62 (41)") && row.contains("p95her2=present") && row.contains("by hand: trastuzumab+lapatinib"), row);
        assertTrue(id("summary").getText().contains("01-p95her2"), id("summary").getText());
        assertTrue(id("join-code").getText().contains("JOIN1"));
        screenshot("classroom-teacher.png", false);
    }

    private double day() {
        String t = id("status-line").getText();
        return t.startsWith("day ") ? Double.parseDouble(t.substring(4, t.indexOf(' ', 4))) : -1;
    }

    /** Pixels of the lattice canvas by colour (0xRRGGBB), read in the page. */
    @SuppressWarnings("unchecked")
    private Map<Integer, Long> latticeColours() {
        List<Long> counts = (List<Long>) ((JavascriptExecutor) browser).executeScript(
                "const c = document.getElementById('lattice'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                        + "let grey = 0, orange = 0, white = 0;"
                        + "for (let i = 0; i < d.length; i += 4) { const v = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];"
                        + "  if (v === 0x999999) grey++; else if (v === 0xe69f00) orange++; else if (v === 0xffffff) white++; }"
                        + "return [grey, orange, white];");
        return Map.of(FOUNDER_GREY, counts.get(0), P95_ORANGE, counts.get(1), 0xFFFFFF, counts.get(2));
    }

    /** Saves a screenshot and checks it shows the tumour in the palette's colours (grey founders too, when asked). */
    private void screenshot(String name, boolean founders) throws Exception {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENS.resolve(name), png);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        long grey = 0;
        long orange = 0;
        long other = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int v = img.getRGB(x, y) & 0xFFFFFF;
                if (v == FOUNDER_GREY) {
                    grey++;
                } else if (v == P95_ORANGE) {
                    orange++;
                } else if (v != 0xFFFFFF) {
                    other++;
                }
            }
        }
        assertTrue(other > 1000, name + " is blank");
        if (name.contains("teacher")) {
            return;
        }
        assertTrue(orange > 0, name + ": no p95HER2 cells drawn");
        if (founders) {
            assertTrue(grey > 1000, name + ": no founder cells drawn");
        }
    }
}
