/**
 * Reporting: charts (JFreeChart; PNG and SVG) and the report.html page of a run, made from the
 * run directory's files so a run can be reported anywhere.
 */
package org.her2sim.report;
