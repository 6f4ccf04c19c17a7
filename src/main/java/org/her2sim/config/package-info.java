/**
 * Configuration: YAML files read with Jackson into immutable, self-checking records; units
 * converted once at this boundary into typed values (days, doses, concentrations) that keep
 * their text; includes and contexts resolved; {@code --set} overrides applied; typed changes
 * made by the program ({@link org.her2sim.config.ConfigChange} with the records' {@code with…}
 * methods); and every mistake reported with file, path and expectation
 * ({@link org.her2sim.config.ConfigException}).
 */
package org.her2sim.config;
