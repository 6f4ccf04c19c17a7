package org.her2sim.engine;

/**
 * What the engine tells the outside world: observations at the configured interval and events
 * as they happen. The engine knows nothing of files, charts or windows.
 */
public interface SimulationListener {
    /** Called at each observation time (and once more when the run stops). */
    void observed(TumourModel model);

    /** An event: kind (mutation, phase, stop …), time in days, clone (or -1) and a detail text. */
    void event(EventKind kind, double day, int clone, String detail);
}
