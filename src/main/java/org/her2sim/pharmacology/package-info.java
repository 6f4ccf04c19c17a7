/**
 * Pharmacology: the drug library, linear PK (concentration over time), Hill PD (effect on
 * targets), and regimens of phases with their end conditions.
 */
package org.her2sim.pharmacology;
