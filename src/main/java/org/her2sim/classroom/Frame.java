package org.her2sim.classroom;

import java.util.List;

/**
 * What the page is sent while a tumour runs (as JSON, a few times a second): where it is, the
 * drugs being given now,
 * observations and events since the last frame, the legend when it changed (else null), the
 * lattice (one byte per site, row by row: 0 empty, else a legend index; run-length coded as
 * byte, then run length as an unsigned LEB128 varint; base64) and the outcome.
 */
record Frame(String tumour, double day, long cells, String phase, String status, double pace, List<String> drugsNow,
             List<ClassTumour.Observation> points,
             List<String> events, List<LegendEntry> legend, String lattice, Outcome outcome) {
    /** A marker combination: its index in the lattice bytes, its key in the observations, its words and colour. */
    record LegendEntry(int index, String mechanism, String label, String colour) {
    }
}
