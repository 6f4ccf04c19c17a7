package org.her2sim.engine;

import java.io.Serializable;
import org.her2sim.config.Choice;
import org.her2sim.pharmacology.ProgressionRule;

/**
 * One line of therapy as a trial follows it: its start and baseline burden, the drugs given on
 * it, its nadir, and the event that ends its progression-free survival (RECIST-like progression,
 * regrowth past the failure threshold on a planned holiday, the lethal burden or the cell
 * ceiling). Progression is called only at assessments and never on a planned holiday; when a
 * course resumes after a holiday, progression is measured from where it resumes (the regrowth
 * during the holiday was planned). A line may hold several courses: after progression a phase
 * of the same line starts a new course, measured from its own start.
 */
public final class LineOfTherapy implements Serializable {
    private static final long serialVersionUID = 1L;

    /** What ended a line's progression-free survival. */
    public enum Event implements Choice {
        PROGRESSION, HOLIDAY_FAILURE, DEATH, CEILING;

        @Override
        public String toString() {
            return text();
        }
    }

    private final int number;
    private final double startDay;
    private final double baseline;
    private final double assessEvery;
    private long drugMask;
    private double nadir;
    private double nadirDay;
    private double reference;
    private boolean courseProgressed;
    private boolean resuming;
    private double nextAssessment;
    private double eventDay = Double.NaN;
    private Event event;
    private double leftDay = Double.NaN;

    /** A line starting on {@code day} at {@code baseline} cells; assessments every {@code assessEvery} days (NaN: at every observation). */
    public LineOfTherapy(int number, double day, double baseline, double assessEvery) {
        this.number = number;
        this.startDay = day;
        this.baseline = baseline;
        this.assessEvery = assessEvery;
        nadir = baseline;
        nadirDay = day;
        reference = baseline;
        nextAssessment = day + assessEvery;
    }

    /** Whether an observation on {@code day} is an assessment (a scan), advancing the schedule if so. */
    public boolean assessmentDue(double day) {
        if (Double.isNaN(assessEvery)) {
            return day > startDay;
        }
        if (day < nextAssessment - 1e-9) {
            return false;
        }
        while (nextAssessment <= day + 1e-9) {
            nextAssessment += assessEvery;
        }
        return true;
    }

    /**
     * An observation while the line is in force; returns true when the current course progresses
     * now (the line's own event is set on its first progression or holiday failure).
     */
    public boolean observe(double day, double burden, boolean holiday, boolean assessment, ProgressionRule rule,
                           double holidayFailureFactor) {
        if (burden < nadir) {
            nadir = burden;
            nadirDay = day;
        }
        if (holiday) {
            resuming = true;
            if (event == null && burden >= holidayFailureFactor * baseline) {
                event = Event.HOLIDAY_FAILURE;
                eventDay = day;
            }
            return false;
        }
        if (!assessment) {
            return false;
        }
        if (resuming) {
            resuming = false;
            reference = burden; // a course resumed after a planned holiday measures from here
            courseProgressed = false;
        }
        reference = Math.min(reference, burden);
        if (!courseProgressed && rule.progressed(burden, reference)) {
            courseProgressed = true;
            if (event == null) {
                event = Event.PROGRESSION;
                eventDay = day;
            }
            return true;
        }
        return false;
    }

    /** A new course on the same line (a phase that follows progression without starting a new line). */
    void newCourse(double burden) {
        reference = burden;
        courseProgressed = false;
    }

    /** The lethal burden or the ceiling: the end of progression-free survival if nothing ended it before. */
    void terminal(Event e, double day) {
        if (event == null) {
            event = e;
            eventDay = day;
        }
    }

    void addDrugs(long mask) {
        drugMask |= mask;
    }

    void leave(double day) {
        leftDay = day;
    }

    public int number() {
        return number;
    }

    public double startDay() {
        return startDay;
    }

    public double baseline() {
        return baseline;
    }

    public long drugMask() {
        return drugMask;
    }

    public double nadir() {
        return nadir;
    }

    public double nadirDay() {
        return nadirDay;
    }

    /** Whether the current course has progressed (phases that end on progression end). */
    public boolean courseProgressed() {
        return courseProgressed;
    }

    /** The event that ended progression-free survival on this line, or null. */
    public Event event() {
        return event;
    }

    /** The day of {@link #event()}, or NaN. */
    public double eventDay() {
        return eventDay;
    }

    /** The day the next line began, or NaN while this line is the last one. */
    public double leftDay() {
        return leftDay;
    }
}
