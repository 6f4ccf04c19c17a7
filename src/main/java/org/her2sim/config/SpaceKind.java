package org.her2sim.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where cells live: one well-mixed pool, or the sites of a 2D lattice. */
public enum SpaceKind implements Choice {
    WELL_MIXED, LATTICE2D;

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
    public static SpaceKind of(String text) {
        return Choice.parse(SpaceKind.class, text);
    }
}
