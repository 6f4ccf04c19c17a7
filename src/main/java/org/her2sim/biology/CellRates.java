package org.her2sim.biology;

/**
 * The per-day rates of one cell state under one exposure, before crowding: division, death
 * not tied to division, the extra death per unit of division rate (chemotherapy on cycling
 * cells), and the adaptive transitions out of the state.
 */
public record CellRates(double divisionPerDay, double deathPerDay, double deathPerDivisionRate,
                        int[] switchTo, double[] switchPerDay) {

    /** Division under a crowding factor c in [0, 1]. */
    public double division(double crowding) {
        return divisionPerDay * crowding;
    }

    /** Total death under a crowding factor (chemotherapy kill follows the actual division rate). */
    public double death(double crowding) {
        return deathPerDay + deathPerDivisionRate * divisionPerDay * crowding;
    }

    /** Net growth per day without crowding: the cell's fitness under the current drugs. */
    public double netGrowthPerDay() {
        return division(1.0) - death(1.0);
    }

    public double switchTotal() {
        double s = 0;
        for (double r : switchPerDay) {
            s += r;
        }
        return s;
    }
}
