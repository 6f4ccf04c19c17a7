package org.her2sim.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a cell's rates come from: the signalling network, or written out per state (the textbook mode). */
public enum RateMode implements Choice {
    SIGNALLING, EXPLICIT;

    @JsonValue
    @Override
    public String text() {
        return Choice.super.text();
    }

    @Override
    public String toString() {
        return text();
    }

    @JsonCreator
    public static RateMode of(String text) {
        return Choice.parse(RateMode.class, text);
    }
}
