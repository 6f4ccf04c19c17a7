/**
 * Pharmacology: the drug library, linear PK (concentration over time), Hill PD (effect on
 * targets), regimens of phases with their end rules ({@link org.her2sim.pharmacology.EndRule}),
 * and the RECIST-like rule by which progression is called.
 */
package org.her2sim.pharmacology;
