/**
 * The classroom: {@code her2sim classroom} serves the lessons as a web page. Each student gets
 * their own tumour (an unchanged engine model) stepped on the server at the student's pace and
 * streamed to the browser; a teacher's page shows the class's outcomes. Bounded: a join code,
 * limits on students and tumours, every input checked, idle tumours paused and freed.
 */
package org.her2sim.classroom;
