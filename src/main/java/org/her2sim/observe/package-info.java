/**
 * Observation: what is measured during a run (clone sizes, totals, drug levels, events) and the
 * clinical outcomes read from it (nadir, progression, resistance, escape mechanism).
 */
package org.her2sim.observe;
