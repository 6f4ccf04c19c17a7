/**
 * Cluster sweeps on SLURM: array scripts whose elements run slices (shards) of a sweep,
 * submission, status from the results directory and the queue, and resubmission of what is
 * missing. We drive the user's scheduler; we do not write one.
 */
package org.her2sim.cluster;
