/**
 * Reporting: charts (JFreeChart; PNG and SVG) and the report.html pages of a run and of a sweep,
 * made from the run directory's files so a run can be reported anywhere. Every generated page's
 * words and layout are Mustache templates ({@link org.her2sim.report.Templates}, resources under
 * org/her2sim/templates/), the Markdown pages of docs/ included.
 */
package org.her2sim.report;
