package org.her2sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.her2sim.config.ConfigLoader;
import org.her2sim.engine.Scenario;

/** Test helpers: load shipped or test scenarios with overrides. */
public final class Scenarios {
    private Scenarios() {
    }

    /** The project directory (tests run from it under Maven). */
    public static Path home() {
        return Path.of("").toAbsolutePath();
    }

    public static Path configs() {
        return home().resolve("configs");
    }

    public static Path testScenario(String name) {
        return home().resolve("src/test/resources/scenarios").resolve(name);
    }

    public static ConfigLoader.Loaded load(Path file, String... overrides) {
        return new ConfigLoader().load(file, List.of(overrides));
    }

    public static Scenario compile(Path file, String... overrides) {
        return Scenario.compile(load(file, overrides));
    }

    /** A sweep file's text with its {@code base:} made absolute, so the file works from any folder (a test's temporary one). */
    public static String portableSweep(Path specFile, String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^base: (.+)$").matcher(text);
        if (!m.find()) {
            return text;
        }
        Path base = specFile.toAbsolutePath().getParent().resolve(m.group(1).trim()).normalize();
        return text.substring(0, m.start(1)) + base + text.substring(m.end(1));
    }

    /** Writes a sweep file (its base made absolute, see {@link #portableSweep}) to {@code dir}. */
    public static Path writeSweep(Path dir, String name, Path specFile, String text) {
        return write(dir, name, portableSweep(specFile, text));
    }

    /** Writes text to a file in {@code dir} and returns its path. */
    public static Path write(Path dir, String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
