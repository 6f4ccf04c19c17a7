package org.her2sim.biology;

/** Turns a cell state and a drug exposure into rates; the one question the engine asks biology. */
public interface RateModel {
    CellRates rates(int state, Exposure exposure);
}
