package org.her2sim.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Python package, the R functions and the notebooks, run against the packaged program
 * (her2sim-VERSION-cli.jar, hence an integration test: it runs after {@code package}) with
 * Debian's python3, pandas, matplotlib, Jupyter and R, as scripts/install-test-tools installs them.
 */
class BindingsIT {
    static final Path HOME = Path.of("").toAbsolutePath();
    static Path jar;

    @BeforeAll
    static void program() {
        jar = Path.of(System.getProperty("her2sim.cliJar", "")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "the packaged program " + jar);
    }

    record Outcome(int code, String output) {
    }

    static Outcome run(Path dir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("HER2SIM_JAR", jar.toString());
        env.put("HER2SIM_JAVA_OPTS", "-Xmx1g");
        env.put("PYTHONPATH", HOME.resolve("python").toString());
        env.put("PYDEVD_DISABLE_FILE_VALIDATION", "1");
        Path log = Files.createTempFile("her2sim-bindings", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(command + " ran past 10 minutes");
        }
        String out = Files.readString(log);
        Files.delete(log);
        return new Outcome(p.exitValue(), out);
    }

    static String python() {
        // Debian's interpreter, whose pandas and matplotlib the tests use (another python3 may lead the PATH)
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    @Test
    void thePythonPackagesTestsPass() throws Exception {
        Outcome o = run(HOME, List.of(python(), "-W", "error::ResourceWarning", "-m", "unittest", "discover", "-v", "-s", "python/tests"));
        assertEquals(0, o.code(), o.output());
        Matcher m = Pattern.compile("Ran (\\d+) tests").matcher(o.output());
        assertTrue(m.find() && Integer.parseInt(m.group(1)) >= 9, "the tests ran: " + o.output());
        assertTrue(o.output().strip().endsWith("OK"), o.output());
    }

    @Test
    void theRFunctionsTestsPass() throws Exception {
        Outcome o = run(HOME, List.of("Rscript", "R/tests/test-her2sim.R"));
        assertEquals(0, o.code(), o.output());
        Matcher m = Pattern.compile("(\\d+) checks passed").matcher(o.output());
        assertTrue(m.find() && Integer.parseInt(m.group(1)) >= 25, "the checks ran: " + o.output());
    }

    @Test
    void bothNotebooksRunAndDrawTheirCharts() throws Exception {
        Path out = Files.createDirectories(HOME.resolve("target/notebooks"));
        for (String nb : List.of("single-run", "seq-vs-combo")) {
            Outcome o = run(HOME, List.of("jupyter-nbconvert", "--to", "html", "--execute",
                    "--ExecutePreprocessor.timeout=600", "docs/notebooks/" + nb + ".ipynb", "--output-dir", out.toString()));
            assertEquals(0, o.code(), nb + ": " + o.output());
            String html = Files.readString(out.resolve(nb + ".html"));
            int charts = 0;
            Matcher png = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=\\s]{5000,})").matcher(html);
            while (png.find()) {
                charts++;
            }
            assertEquals(nb.equals("single-run") ? 3 : 1, charts, nb + ": its charts");
            assertTrue(!html.contains("Traceback (most recent call last)"), nb + " raised");
            if (nb.equals("seq-vs-combo")) {
                assertTrue(html.contains("<progress value=\"60\" max=\"60\""), "the progress bar reached the end");
                assertTrue(html.contains("trastuzumab+pertuzumab"), "the arms");
            }
        }
    }
}
