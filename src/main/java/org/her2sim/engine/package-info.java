/**
 * The engine on MASON: a {@code SimState} whose schedule is the clock for phases, doses,
 * observations and the cells' step; compact cell storage, lineage, and the scenario compiled
 * from configuration. Knows nothing of files, reports or windows.
 */
package org.her2sim.engine;
