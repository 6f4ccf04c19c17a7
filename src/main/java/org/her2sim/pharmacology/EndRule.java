package org.her2sim.pharmacology;

import java.io.Serializable;

/**
 * When a regimen phase ends. A timed rule is scheduled when the phase starts; the others are
 * checked at each observation against the tumour's course ({@link Course}). A new rule is one
 * record here, one key in {@code RegimenSpec.EndSpec} and one line in {@link Regimen#compile}.
 */
public sealed interface EndRule extends Serializable
        permits EndRule.After, EndRule.OnProgression, EndRule.BurdenBelow, EndRule.BurdenAbove, EndRule.RegrowthAboveNadir {

    /**
     * The tumour as a phase-end rule sees it at an observation: its burden, the reference (the
     * baseline at treatment start), whether it progressed, and the lowest burden since the phase began.
     */
    record Course(double burden, double reference, boolean progressed, double phaseNadir) {
    }

    /** Why the phase ends at this observation, or null if it goes on. */
    String reason(Course c);

    /** A fixed duration, scheduled when the phase starts. */
    record After(double days) implements EndRule {
        @Override
        public String reason(Course c) {
            return null;
        }
    }

    /** RECIST-like progression (see {@link ProgressionRule}). */
    record OnProgression() implements EndRule {
        @Override
        public String reason(Course c) {
            return c.progressed() ? "progression" : null;
        }
    }

    /** The burden falls below a fraction of the reference (the baseline at treatment start). */
    record BurdenBelow(double fraction) implements EndRule {
        @Override
        public String reason(Course c) {
            return c.burden() < fraction * c.reference() ? "burden below " + fraction + " x baseline" : null;
        }
    }

    /** The burden reaches a multiple of the reference (the baseline at treatment start). */
    record BurdenAbove(double fraction) implements EndRule {
        @Override
        public String reason(Course c) {
            return c.burden() >= fraction * c.reference() ? "burden above " + fraction + " x baseline" : null;
        }
    }

    /**
     * The burden has regrown to a multiple (above 1) of its lowest value since the phase began:
     * "until regrowth" on a first treated phase, where the baseline is the burden at its start.
     */
    record RegrowthAboveNadir(double factor) implements EndRule {
        @Override
        public String reason(Course c) {
            return c.burden() >= factor * c.phaseNadir() ? "regrowth to " + factor + " x the phase's nadir" : null;
        }
    }
}
