/**
 * Observation: what is measured during a run (clone sizes, totals, drug levels, events) and the
 * clinical reading of it — per line of therapy the best response and progression-free survival,
 * time to strategy failure, the overall-survival proxy, readouts and pCR, resistance, the escape
 * mechanism and its origin, cells per marker state — summarised in summary.json.
 */
package org.her2sim.observe;
