/**
 * Running scenarios: a single run into an atomically written run directory (with checkpoints
 * and resume), lessons, and sweeps — arms × parameter points × virtual patients on a thread
 * pool, shards and merging, resume — analysed as trials (lines of therapy, endpoints from
 * randomisation, survival statistics, the trial's flow) into tables, Parquet and a report.
 */
package org.her2sim.experiment;
