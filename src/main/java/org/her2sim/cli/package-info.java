/**
 * The command line ({@code her2sim}, picocli): each command parses its options, calls the
 * packages below, prints, and maps user mistakes to exit code 2 with one line on stderr.
 * Options several commands share are mixins.
 */
package org.her2sim.cli;
