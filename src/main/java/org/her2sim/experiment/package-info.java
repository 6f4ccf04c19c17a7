/** Running scenarios: a single run into an atomically written run directory. */
package org.her2sim.experiment;
