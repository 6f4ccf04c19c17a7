package org.her2sim.biology;

/**
 * Cell kinetics slowed (or sped up) by a constant factor: division, death and adaptive switching
 * rates all multiplied by {@code scale}, so a tumour's course stretches in time while the drugs'
 * pharmacokinetics keep theirs. Used for tumours in patients, where most cells are not cycling
 * and the per-day rates measured in culture overstate the kinetics (context.kinetics_scale).
 */
public final class ScaledRates implements RateModel {
    private final RateModel rates;
    private final double scale;

    public ScaledRates(RateModel rates, double scale) {
        this.rates = rates;
        this.scale = scale;
    }

    @Override
    public CellRates rates(int state, Exposure exposure) {
        CellRates r = rates.rates(state, exposure);
        double[] sw = r.switchPerDay().clone();
        for (int i = 0; i < sw.length; i++) {
            sw[i] *= scale;
        }
        // death per unit of division rate stays: it scales with the (scaled) division itself
        return new CellRates(r.divisionPerDay() * scale, r.deathPerDay() * scale, r.deathPerDivisionRate(), r.switchTo(), sw);
    }
}
