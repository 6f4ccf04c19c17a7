/**
 * Configuration: YAML files read with Jackson into immutable records, with units converted at
 * this boundary, includes resolved, {@code --set} overrides applied, and every mistake reported
 * with file, path and expectation.
 */
package org.her2sim.config;
