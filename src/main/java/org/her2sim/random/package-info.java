/** Randomness enters here: the seed tree of named, index-addressed child streams. */
package org.her2sim.random;
