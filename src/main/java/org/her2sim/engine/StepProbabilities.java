package org.her2sim.engine;

/**
 * The one place where per-day rates become per-step probabilities.
 *
 * <p>In one step of length dt a cell with division rate b, death rate d and adaptive switch
 * rates s₁…s_k has at most one event; event e has probability {@code rate_e × x}, with the
 * common factor
 * <pre>  x = (e^((b − d)·dt) − 1) / (b − d)      (x = dt when b = d)</pre>
 * Two properties follow exactly: the expected number of cells a cell leaves after one step is
 * 1 + (b − d)·x = e^((b − d)·dt), the mean of the continuous-time birth–death process; and the
 * chance that an event is a division rather than a death is b/(b + d), as in its embedded jump
 * chain, so extinction probabilities are those of the continuous process. The variance per step
 * differs by O(dt²); {@link #MAX_EVENT_PROBABILITY} keeps that small. As dt → 0, x → dt and the
 * process converges to the continuous-time one (docs/model.md, "Time step").
 */
public final class StepProbabilities {
    /** Largest probability of an event in one step that a configuration may reach. */
    public static final double MAX_EVENT_PROBABILITY = 0.1;

    private StepProbabilities() {
    }

    /** The factor x that turns per-day rates into per-step probabilities. */
    public static double scale(double divisionPerDay, double deathPerDay, double dtDays) {
        double r = divisionPerDay - deathPerDay;
        if (Math.abs(r * dtDays) < 1e-12) {
            return dtDays;
        }
        return Math.expm1(r * dtDays) / r;
    }

    /** Probability of any event in a step: (b + d + Σs)·x. */
    public static double eventProbability(double divisionPerDay, double deathPerDay, double switchPerDay, double dtDays) {
        return (divisionPerDay + deathPerDay + switchPerDay) * scale(divisionPerDay, deathPerDay, dtDays);
    }
}
