/**
 * Virtual laboratory experiments mirroring the brief's protocols, on cell lines as data
 * (configs/celllines) placed in contexts (configs/contexts): the 72-hour viability assay with a
 * four-parameter Hill fit and drug-pair interaction (Bliss, combination index), the
 * resistant-line protocol, xenograft arms in mice; their output directories; and the calibration
 * of defaults to measured data (cell lines, xenografts, the clinic's virtual trials) with the
 * validation report that compares them; and the textbook page, classic branching-process results
 * simulated beside their formulas.
 */
package org.her2sim.assay;
