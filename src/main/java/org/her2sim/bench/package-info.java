/** Benchmarks of the engine against per-cell baselines (her2sim bench). */
package org.her2sim.bench;
