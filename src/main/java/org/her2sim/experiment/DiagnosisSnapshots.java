package org.her2sim.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.her2sim.biology.CellRates;
import org.her2sim.biology.Exposure;
import org.her2sim.config.ConfigLoader;
import org.her2sim.config.Origins;
import org.her2sim.config.SimulationConfig;
import org.her2sim.config.SimulationConfig.InitialClone;
import org.her2sim.engine.Scenario;
import org.her2sim.engine.TumourModel;
import org.her2sim.random.SeedTree;

/**
 * Tumours at diagnosis, grown once and reused. Growing a patient's tumour from a thousand cells to
 * diagnosis takes years of simulated time and about half of a trial patient's cost, yet it depends
 * only on the patient's seed and on what governs untreated growth: the untreated rates of every
 * state, the mutation table, the tumour, time step, ceiling and carrying capacity. A calibration
 * that varies treatment parameters (drug effects, antibody delivery, chemotherapy and immune kill)
 * grows each tumour once: the key below holds exactly those inputs, so a parameter that did change
 * untreated growth would simply miss the cache.
 *
 * <p>From the snapshot a patient is run as a scenario that starts at diagnosis with the snapshot's
 * cells per state, from a stream derived from the patient's seed as the full run's after-diagnosis
 * stream is (shared by the arms until the randomised line, each arm's own otherwise). The result
 * has the same distribution as the full run's, not the same numbers.
 */
public final class DiagnosisSnapshots {
    private final ConcurrentHashMap<String, Optional<long[]>> cells = new ConcurrentHashMap<>();

    /**
     * The patient's scenario from diagnosis on, and the seed to run it with; empty if the tumour
     * never reaches diagnosis (extinct or out of time: not a trial patient).
     */
    public Optional<Start> fromDiagnosis(Scenario full, long seed) {
        SimulationConfig c = full.config();
        if (c.tumour().diagnosisCells() == null) {
            return Optional.of(new Start(full, seed)); // treated from the start: nothing to skip
        }
        Optional<long[]> counts = cells.computeIfAbsent(key(full, seed),
                k -> Optional.ofNullable(new TumourModel(full, seed, null).untilDiagnosis()));
        if (counts.isEmpty()) {
            return Optional.empty();
        }
        long[] n = counts.get();
        int largest = 0;
        for (int s = 1; s < n.length; s++) {
            if (n[s] > n[largest]) {
                largest = s;
            }
        }
        List<InitialClone> others = new ArrayList<>();
        for (int s = 0; s < n.length; s++) {
            if (s != largest && n[s] > 0) {
                others.add(new InitialClone(full.space().markersOf(s), n[s]));
            }
        }
        SimulationConfig atDiagnosis = c.withTumour(c.tumour().withFounder(full.space().markersOf(largest))
                .withInitialCells(n[largest]).withClones(others).withDiagnosisCells(null));
        String arm = c.randomisationLine() > 1 ? "" : c.arm();
        long runSeed = new SeedTree(seed).child("after-diagnosis:" + arm).seed();
        return Optional.of(new Start(Scenario.compile(atDiagnosis, new Origins(c.name())), runSeed));
    }

    /** A scenario that starts at diagnosis, and its seed. */
    public record Start(Scenario scenario, long seed) {
    }

    /** How many tumours have been grown to diagnosis. */
    public int size() {
        return cells.size();
    }

    /** Everything untreated growth to diagnosis depends on, as a digest. */
    private static String key(Scenario s, long seed) {
        StringBuilder b = new StringBuilder().append(seed).append('\n');
        Exposure none = Exposure.none(s.drugs().targets().size());
        for (int state = 0; state < s.space().size(); state++) {
            if (!s.space().allowed(state)) {
                continue;
            }
            CellRates r = s.rates().rates(state, none);
            b.append(state).append(' ').append(r.divisionPerDay()).append(' ').append(r.deathPerDay()).append(' ')
                    .append(r.deathPerDivisionRate()).append(' ').append(Arrays.toString(r.switchTo()))
                    .append(Arrays.toString(r.switchPerDay())).append('\n');
        }
        SimulationConfig c = s.config();
        JsonNode markers = ConfigLoader.newYamlWriter().valueToTree(c.biology().markers());
        JsonNode tumour = ConfigLoader.newYamlWriter().valueToTree(c.tumour());
        b.append(markers.toString()).append('\n').append(tumour.toString()).append('\n')
                .append(c.time().dtDays()).append(' ').append(s.untreatedSubsteps()).append(' ').append(c.time().maxDays()).append(' ')
                .append(c.stop().maxCells()).append(' ').append(c.stop().onExtinction()).append(' ').append(c.context().carryingCapacity())
                .append(' ').append(c.engine()).append(' ').append(c.space()).append(' ').append(c.engineSwitchCells()).append(' ')
                .append(c.observe().everyDays());
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(b.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
