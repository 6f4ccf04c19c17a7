package org.her2sim.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.her2sim.Scenarios;
import org.her2sim.engine.Scenario;
import org.her2sim.experiment.SingleRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Charts and report.html of a real simulated run. */
public class ReportTest {
    @TempDir
    static Path runs;
    static Path run;

    @BeforeAll
    static void simulate() throws Exception {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.max=120d");
        run = SingleRun.run(s, runs.resolve("quick"), runs).directory();
    }

    public static void assertPicture(Path png, int width, int height) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(width, img.getWidth(), png.toString());
        assertEquals(height, img.getHeight(), png.toString());
        // axes, text and grid are grey; data and markers are drawn in palette colours, so a
        // chart with nothing plotted has (almost) no saturated pixels
        Set<Integer> colours = new HashSet<>();
        long coloured = 0;
        float[] hsb = new float[3];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                java.awt.Color.RGBtoHSB(rgb >> 16, (rgb >> 8) & 0xFF, rgb & 0xFF, hsb);
                if (hsb[1] > 0.25f && hsb[2] > 0.2f) {
                    coloured++;
                }
            }
        }
        double share = coloured / (double) (img.getWidth() * img.getHeight());
        assertTrue(colours.size() > 20, png + " has only " + colours.size() + " colours");
        assertTrue(share > 0.003, png + " shows no data: " + share + " of its pixels are coloured");
    }

    @Test
    void everyChartIsRenderedAsPngOfTheRightSizeAndNotBlank() throws Exception {
        for (String name : Reporter.names()) {
            assertPicture(run.resolve("charts/" + name + ".png"), 1000, 560);
        }
    }

    @Test
    void everySvgParsesAsSvgOfTheRightSize() throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // the SVG names the W3C DTD; parse without fetching it
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (String name : Reporter.names()) {
            Document doc = f.newDocumentBuilder().parse(run.resolve("charts/" + name + ".svg").toFile());
            assertEquals("svg", doc.getDocumentElement().getLocalName(), name);
            assertEquals(1000.0, Double.parseDouble(doc.getDocumentElement().getAttribute("width")), name);
            assertEquals(560.0, Double.parseDouble(doc.getDocumentElement().getAttribute("height")), name);
            assertTrue(doc.getElementsByTagNameNS("*", "path").getLength() > 5, name + " draws nothing");
        }
    }

    @Test
    void chartsNameMarkersNotClonesAndCarryTheirTitles() throws Exception {
        String muller = Files.readString(run.resolve("charts/muller.svg"));
        assertTrue(muller.contains("Clonal evolution (Muller plot)"));
        assertTrue(muller.contains("founder&apos;s own markers") || muller.contains("founder's own markers") || muller.contains("founder&#39;s own markers"), "the legend names markers");
        assertFalse(muller.contains("clone 0"), "the legend does not list clone numbers");
        String burden = Files.readString(run.resolve("charts/burden.svg"));
        assertTrue(burden.contains("time (days)"));
        assertTrue(burden.contains("progression, day"));
        assertTrue(burden.contains("nadir"));
        assertTrue(burden.contains("detection limit"));
        assertTrue(burden.contains("trastuzumab"), "the treatment band is labelled by drug");
        assertTrue(Files.readString(run.resolve("charts/drugs.svg")).contains("IC50"));
    }

    @Test
    void reportPageHoldsOutcomesChartsAndConfiguration() throws Exception {
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("id=\"outcomes\""));
        assertTrue(html.contains("Best response"));
        assertTrue(html.contains("Time to progression"));
        assertTrue(html.contains("Dominant escape"));
        for (String name : Reporter.names()) {
            assertTrue(html.contains("src=\"charts/" + name + ".png\""), name);
        }
        assertTrue(html.contains("carrying_capacity"), "the resolved configuration is on the page");
        assertFalse(html.contains("http://") || html.contains("https://"), "nothing is fetched from the network");
    }

    @Test
    void textFromTheConfigurationIsEscaped(@TempDir Path dir) throws Exception {
        Scenario s = Scenarios.compile(Scenarios.testScenario("culture-tumour.yaml"), "time.max=35d",
                "regimen.description=<script>alert('x')</script> & more",
                "regimen.phases.1.name=<b>trastuzumab</b>");
        Path out = SingleRun.run(s, dir.resolve("esc"), dir).directory();
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(html.contains("<script>alert"), "raw script from the configuration");
        assertFalse(html.contains("<b>trastuzumab"));
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"));
        assertTrue(html.contains("&lt;b&gt;trastuzumab&lt;/b&gt;"));
    }

    @Test
    void reportCanBeRemadeWithOtherOptions(@TempDir Path dir) throws Exception {
        Path copy = copyRun(dir.resolve("copy"));
        List<Path> written = Reporter.write(copy, new Reporter.Options(800, 450, Set.of(ChartFormat.SVG), Set.of("burden", "muller")));
        assertEquals(2, written.size());
        try (var files = Files.list(copy.resolve("charts"))) {
            assertEquals(Set.of("burden.svg", "muller.svg"), new HashSet<>(files.map(p -> p.getFileName().toString()).toList()));
        }
        assertTrue(Files.readString(copy.resolve("charts/burden.svg")).contains("width='800.0'"));
        assertTrue(Files.readString(copy.resolve("report.html")).contains("charts/burden.svg"));
    }

    @Test
    void theReportARunMakesFromMemoryIsTheOneItsFilesMake(@TempDir Path dir) throws Exception {
        // the run's report was drawn from memory, charts in parallel; her2sim report draws it from the files
        Path copy = copyRun(dir.resolve("copy"));
        Reporter.write(copy, Reporter.Options.defaults());
        int compared = 0;
        try (var files = Files.list(run.resolve("charts"))) {
            for (Path f : files.sorted().toList()) {
                assertTrue(java.util.Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(copy.resolve("charts").resolve(f.getFileName()))),
                        f.getFileName() + " differs");
                compared++;
            }
        }
        assertEquals(10, compared, "five charts, PNG and SVG");
        assertEquals(Files.readString(run.resolve("report.html")), Files.readString(copy.resolve("report.html")));
    }

    @Test
    void theMullerLegendSaysWhatAClonesCellsHaveSwitchedTo(@TempDir Path dir) throws Exception {
        // lesson 4: the PTEN-lost clone's cells have switched HER3 on by the end, as the summary says
        org.her2sim.experiment.Lesson lesson = org.her2sim.experiment.Lesson.load(
                org.her2sim.Scenarios.configs().resolve("lessons/04-sequential-vs-combined.yaml"));
        Path r = SingleRun.run(lesson.scenario(List.of(), null), dir.resolve("lesson4"), dir).directory();
        String muller = Files.readString(r.resolve("charts/muller.svg"));
        assertTrue(muller.contains("pten=lost, now pten=lost + her3=adaptive_up"), "the Muller legend names the switch");
        assertTrue(Files.readString(r.resolve("charts/composition.svg")).contains("pten=lost + her3=adaptive_up"),
                "as the composition chart does");
        assertTrue(Files.readString(r.resolve("summary.json")).contains("\"dominant_escape\" : \"pten=lost+her3=adaptive_up\""),
                "and the summary");
    }

    @Test
    void aRunWrittenBeforeClonesHadEscapeAtEndStillReports(@TempDir Path dir) throws Exception {
        Path copy = copyRun(dir.resolve("copy"));
        Path clones = copy.resolve("clones.csv");
        List<String> lines = Files.readAllLines(clones);
        assertTrue(lines.get(0).endsWith(",escape_at_end"), lines.get(0));
        // drop the last column, as the older format had it
        Files.write(clones, lines.stream().map(l -> l.substring(0, l.lastIndexOf(','))).toList());
        List<Path> written = Reporter.write(copy, new Reporter.Options(800, 450, Set.of(ChartFormat.SVG), Set.of("muller")));
        assertEquals(1, written.size());
    }

    @Test
    void theSameRunGivesTheSameSvgBytes(@TempDir Path dir) throws Exception {
        Path copy = copyRun(dir.resolve("copy"));
        Reporter.write(copy, new Reporter.Options(800, 450, Set.of(ChartFormat.SVG), Set.of("burden", "muller")));
        byte[] first = Files.readAllBytes(copy.resolve("charts/burden.svg"));
        byte[] firstMuller = Files.readAllBytes(copy.resolve("charts/muller.svg"));
        Thread.sleep(5); // the default id prefix was the clock's nanoseconds
        Reporter.write(copy, new Reporter.Options(800, 450, Set.of(ChartFormat.SVG), Set.of("burden", "muller")));
        assertTrue(java.util.Arrays.equals(first, Files.readAllBytes(copy.resolve("charts/burden.svg"))), "burden.svg differs");
        assertTrue(java.util.Arrays.equals(firstMuller, Files.readAllBytes(copy.resolve("charts/muller.svg"))), "muller.svg differs");
        assertTrue(new String(first, java.nio.charset.StandardCharsets.UTF_8).contains("clip-path"), "the chart uses clip paths (ids)");
    }

    @Test
    void aTruncatedRunIsRefusedAndTheOldReportStays(@TempDir Path dir) throws Exception {
        Path copy = copyRun(dir.resolve("copy"));
        byte[] page = Files.readAllBytes(copy.resolve("report.html"));
        byte[] chart = Files.readAllBytes(copy.resolve("charts/burden.png"));
        List<String> totals = Files.readAllLines(copy.resolve("totals.csv"));
        Files.write(copy.resolve("totals.csv"), totals.subList(0, totals.size() / 2));
        ReportInputException e = assertThrows(ReportInputException.class, () -> Reporter.write(copy, Reporter.Options.defaults()));
        assertTrue(e.getMessage().contains("totals.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("summary.json"), e.getMessage());
        assertArrayEquals(page, Files.readAllBytes(copy.resolve("report.html")));
        assertArrayEquals(chart, Files.readAllBytes(copy.resolve("charts/burden.png")));
        try (var files = Files.list(copy)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary folder left");
        }
    }

    @Test
    void aReportKilledMidwayLeavesLitterOnceTheNextReportRemoves(@TempDir Path dir) throws Exception {
        Path copy = copyRun(dir.resolve("copy"));
        // what kill -9 during a report leaves: its working folders, named with this machine and a process now gone
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9_]", "_");
        Path dead = Files.createDirectories(copy.resolve(".report." + host + "-" + gone.pid() + ".123/charts"));
        Path deadOld = Files.createDirectories(copy.resolve(".charts-old." + host + "-" + gone.pid() + ".456"));
        // a report under way in a live process (this one) is left alone
        Path live = Files.createDirectories(copy.resolve(".report." + host + "-" + ProcessHandle.current().pid() + ".789"));
        Reporter.write(copy, Reporter.Options.defaults());
        assertFalse(Files.exists(dead.getParent()) || Files.exists(deadOld), "a dead process's folders are removed");
        assertTrue(Files.isDirectory(live), "a live process's folder stays");
    }

    @Test
    void aDirectoryThatIsNotARunIsRefused(@TempDir Path dir) {
        ReportInputException e = assertThrows(ReportInputException.class, () -> Reporter.write(dir, Reporter.Options.defaults()));
        assertTrue(e.getMessage().contains("not a run directory"), e.getMessage());
    }

    @Test
    void aCorruptedCsvNamesTheFile(@TempDir Path dir) throws Exception {
        Path copy = copyRun(dir.resolve("copy"));
        Files.writeString(copy.resolve("timeseries.csv"), "time_days,clone_id,cells\n1.0,zero,5\n");
        ReportInputException e = assertThrows(ReportInputException.class, () -> Reporter.write(copy, Reporter.Options.defaults()));
        assertTrue(e.getMessage().contains("timeseries.csv"), e.getMessage());
    }

    static Path copyRun(Path to) throws Exception {
        Files.createDirectories(to.resolve("charts"));
        try (var files = Files.walk(run)) {
            for (Path p : files.toList()) {
                if (Files.isRegularFile(p)) {
                    Files.copy(p, to.resolve(run.relativize(p).toString()));
                }
            }
        }
        return to;
    }
}
