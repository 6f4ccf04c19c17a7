/**
 * The MASON GUI ({@code her2sim gui}): a {@code GUIState} around the unchanged model, the MASON
 * {@code Console}, a {@code Display2D} of the lattice (or a composition view of a well-mixed
 * tumour), live JFreeChart panels and a control panel for teaching. The model never knows it
 * is watched: the GUI reads it between steps and changes it only under the schedule's lock.
 */
package org.her2sim.gui;
