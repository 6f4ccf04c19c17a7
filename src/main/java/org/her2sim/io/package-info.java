/** Writing files so that a crash or kill never leaves half a file: temporary name, then rename. */
package org.her2sim.io;
