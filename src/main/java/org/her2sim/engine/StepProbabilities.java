package org.her2sim.engine;

/**
 * The one place where per-day rates become per-step probabilities. In a step of length dt a
 * cell with event rates r₁…r_k (total r) has at most one event, the first of the competing
 * exponential clocks: P(event i in the step) = (rᵢ / r)·(1 − e^(−r·dt)). This is exact for the
 * first event; the approximation is that a cell (and a newborn daughter) has no second event in
 * the same step, an error of order (r·dt)²/2 per step, kept small by {@link #MAX_RATE_DT}.
 */
public final class StepProbabilities {
    /** Largest total rate × dt accepted: the chance of a missed second event stays below 0.5 %. */
    public static final double MAX_RATE_DT = 0.1;

    private StepProbabilities() {
    }

    /** Probability of at least one event in {@code dtDays} at total rate {@code ratePerDay}. */
    public static double eventProbability(double ratePerDay, double dtDays) {
        return -Math.expm1(-ratePerDay * dtDays);
    }
}
