package org.her2sim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.her2sim.Scenarios;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./her2sim} launcher itself: launchers started together while the sources are newer
 * than the jar build it once and none runs a half-written jar. The launcher script is the real
 * one; Maven and Java are stand-ins on the PATH (a build that takes a second and writes the jar
 * in two halves, and a "java" that checks the jar is whole), so the test does not rebuild the project.
 */
class LauncherTest {
    @Test
    void launchersStartedTogetherBuildOnceAndNeverRunAHalfWrittenJar(@TempDir Path home) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/flock")) || Files.isExecutable(Path.of("/bin/flock")), "flock (util-linux)");
        Files.copy(Scenarios.home().resolve("her2sim"), home.resolve("her2sim"));
        home.resolve("her2sim").toFile().setExecutable(true);
        Files.createDirectories(home.resolve("src/main"));
        Files.writeString(home.resolve("pom.xml"), "<project>\n  <version>9.9</version>\n</project>\n"); // the launcher reads the version
        Files.createDirectories(home.resolve("target"));
        Files.writeString(home.resolve("target/her2sim-9.9-cli.jar"), "old whole jar\n");
        Files.setLastModifiedTime(home.resolve("target/her2sim-9.9-cli.jar"), FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.writeString(home.resolve("src/main/Changed.java"), "// newer than the jar\n");

        Path bin = Files.createDirectories(home.resolve("bin"));
        script(bin.resolve("mvn"), "echo build >> \"$PWD/builds.log\"",
                "printf 'half' > target/her2sim-9.9-cli.jar", "sleep 1", "printf ' and whole jar\\n' >> target/her2sim-9.9-cli.jar");
        script(bin.resolve("java"), "grep -q 'whole jar' \"$home/target/her2sim-9.9-cli.jar\" && echo ran || { echo half-written >&2; exit 3; }");

        List<Process> launchers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ProcessBuilder pb = new ProcessBuilder(home.resolve("her2sim").toString(), "--version").directory(home.toFile())
                    .redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.put("PATH", bin + ":" + env.get("PATH"));
            env.put("home", home.toString());
            launchers.add(pb.start());
        }
        for (Process p : launchers) {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a launcher hangs");
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("ran"), out);
        }
        assertEquals(1, Files.readAllLines(home.resolve("builds.log")).size(), "built once");
        assertTrue(Files.readString(home.resolve("target/her2sim-9.9-cli.jar")).startsWith("half and whole"), "the new jar");
    }

    private static void script(Path file, String... lines) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\n" + String.join("\n", lines) + "\n");
        file.toFile().setExecutable(true);
    }
}
