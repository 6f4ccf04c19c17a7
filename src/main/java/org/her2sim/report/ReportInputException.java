package org.her2sim.report;

/** A run directory that cannot be reported on: names the file and what is wrong with it. */
public final class ReportInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReportInputException(String message) {
        super(message);
    }
}
