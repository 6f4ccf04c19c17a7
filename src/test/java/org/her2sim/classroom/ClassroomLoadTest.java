package org.her2sim.classroom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.her2sim.bench.ClassroomLoad;
import org.junit.jupiter.api.Test;

/**
 * The load test: 30 students on loopback, each running its own lesson tumour at the default pace
 * and reading its frames ({@code her2sim bench --classroom} measures the same for longer; its
 * figures are in docs/performance.md). Asserts that every student was served (frames arrived and
 * the tumour advanced), not how fast: speed is the benchmark's to state. The figures of this run
 * are written to target/classroom-load.txt.
 */
class ClassroomLoadTest {
    @Test
    void thirtyStudentsAreAllServed() throws Exception {
        ClassroomLoad.Result r = ClassroomLoad.run(ClassroomTest.LESSONS, 30, 8, ClassTumour.DEFAULT_PACE);
        Files.writeString(Path.of("target/classroom-load.txt"), r.text() + "\n");
        assertEquals(30, r.framesPerSecond().length);
        assertEquals(5, r.lessons(), "all five lessons were run");
        for (int i = 0; i < 30; i++) {
            assertTrue(r.framesPerSecond()[i] > 0, "student " + (i + 1) + " received no frames: " + r.text());
            assertTrue(r.daysRun()[i] > 0, "student " + (i + 1) + "'s tumour did not advance: " + r.text());
        }
        assertTrue(r.frameBytes() > 0 && r.heapBytes() > 0, r.text());
    }
}
