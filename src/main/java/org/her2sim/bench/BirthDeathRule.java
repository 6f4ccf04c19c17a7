package org.her2sim.bench;

/**
 * The birth–death–mutation rule the baselines run: per step a cell dies with probability
 * {@code death}, divides with {@code division} (each daughter mutating with {@code mutation}),
 * or waits. The same probabilities the engine uses for the benchmark's tumour.
 */
public record BirthDeathRule(double death, double division, double mutation) {
}
