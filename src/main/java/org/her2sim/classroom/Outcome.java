package org.her2sim.classroom;

/**
 * A tumour's outcome as the teacher sees it: cured, progressed (on which day, and how many days
 * after treatment started), or still running; the escape that grew (the commonest marker
 * combination other than the founder's at progression); the phases it went through (the
 * lesson's regimen, then what the student gave by hand); whether treatment has begun. Days are
 * null when not reached.
 */
record Outcome(String result, boolean treated, double day, long cells, Double progressionDay, Double daysToProgression, Double extinctionDay,
               String escape, String strategy) {
    static Double day(double d) {
        return Double.isFinite(d) ? d : null;
    }
}
