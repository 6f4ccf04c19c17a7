/**
 * Virtual laboratory experiments mirroring the brief's protocols: cell lines and contexts as
 * data (configs/celllines, configs/contexts), the 72-hour viability assay with a four-parameter
 * Hill fit, and the comparison of its IC50s with measured values.
 */
package org.her2sim.assay;
