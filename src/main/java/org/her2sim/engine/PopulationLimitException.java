package org.her2sim.engine;

/** The agent engine cannot hold more cells; the message says what to do instead. */
public final class PopulationLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PopulationLimitException(long cells) {
        super("the tumour reached " + cells + " cells, more than the agent engine can hold in this JVM's memory; "
                + "lower stop.max_cells or context.carrying_capacity, or give Java more memory (HER2SIM_JAVA_OPTS=-Xmx16g)");
    }
}
