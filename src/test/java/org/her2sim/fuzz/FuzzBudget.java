package org.her2sim.fuzz;

/**
 * How many cases each fuzz test tries: the CI figure by default, ten times as many in the long
 * mode ({@code HER2SIM_FUZZ=long ./scripts/test -Dtest='*Fuzz*'}; docs/reliability.md).
 */
public final class FuzzBudget {
    public static final boolean LONG = "long".equals(System.getenv("HER2SIM_FUZZ"));

    private FuzzBudget() {
    }

    public static int cases(int inCi) {
        return LONG ? 10 * inCi : inCi;
    }

    /** The one-line summary every fuzz test prints, which docs/reliability.md quotes. */
    public static void report(String what, int cases, int ran, int refused) {
        System.out.printf("%s fuzz: %d cases tried, %d ran, %d refused with a one-line message%n", what, cases, ran, refused);
    }
}
