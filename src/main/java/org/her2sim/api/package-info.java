/**
 * The Java API: load a scenario or a sweep file, derive variants in code, run them, and read
 * typed results in memory, or write run and results directories as the command line does.
 *
 * <p>Start with {@link org.her2sim.api.Simulation} (one scenario; one run or many replicates)
 * and {@link org.her2sim.api.Study} (a sweep file: arms × points × replicates). Both are
 * immutable: every {@code with…} returns a new one. Results are
 * {@link org.her2sim.api.Run} and {@link org.her2sim.api.StudyResult}. Bad input throws
 * {@link org.her2sim.config.ConfigException} with the same one-line message the command line
 * prints. Same scenario, same seed: the same numbers, whatever the thread count.
 *
 * <pre>{@code
 * Simulation sim = Simulation.load(Path.of("configs/quickstart.yaml"));
 * Run run = sim.withSeed(7).run();
 * System.out.println(run.summary().timeToProgressionDays());
 * run.totals().forEach(row -> System.out.println(row.timeDays() + "\t" + row.cells()));
 *
 * Study study = Study.load(Path.of("configs/experiments/seq-vs-combo.yaml")).withReplicates(20);
 * StudyResult result = study.run(2, (done, total) -> System.out.println(done + "/" + total));
 * System.out.println(result.medianPfsDays("trastuzumab+lapatinib"));
 * }</pre>
 *
 * See docs/api.md for a walk-through and a JShell session.
 */
package org.her2sim.api;
