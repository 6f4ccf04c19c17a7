/**
 * Biology: marker states as data, heritable mutations and adaptive transitions, the signalling
 * network, and the rates of division and death it gives each state under a drug exposure.
 */
package org.her2sim.biology;
