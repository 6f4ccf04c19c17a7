package org.her2sim.gui;

import java.awt.FlowLayout;
import java.util.Hashtable;
import java.util.Locale;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JSlider;
import sim.display.Console;

/**
 * Play, pause, step, stop and the speed, in the lesson window. The speed is simulated days per
 * wall-clock second (MASON's per-step delay underneath); a lesson starts at 2 days a second, so
 * its 400 days take a few minutes, and other scenarios at a pace that shows their whole span in
 * about three minutes. Play resumes a paused run (MASON's own Play steps once when paused).
 */
final class PaceControls {
    /** The speeds on offer, days per second; the last is as fast as the computer goes. */
    static final double[] DAYS_PER_SECOND = {0.25, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256, Double.POSITIVE_INFINITY};
    static final double LESSON_DAYS_PER_SECOND = 2;
    static final double SCENARIO_SECONDS = 180;

    final JPanel panel = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 2));
    private final Console console;
    private final double dtDays;
    private final double maxDays;
    private final JSlider speed;
    private final JLabel speedText = new JLabel();

    PaceControls(Console console, double dtDays, double maxDays, boolean lesson) {
        this.console = console;
        this.dtDays = dtDays;
        this.maxDays = maxDays;
        JButton play = new JButton("Play");
        play.addActionListener(e -> play());
        JButton pause = new JButton("Pause");
        pause.addActionListener(e -> pause());
        JButton step = new JButton("Step");
        step.setToolTipText("one step of " + days(dtDays));
        step.addActionListener(e -> step());
        JButton stop = new JButton("Stop");
        stop.addActionListener(e -> console.pressStop());
        speed = new JSlider(0, DAYS_PER_SECOND.length - 1, defaultIndex(lesson, maxDays));
        Hashtable<Integer, JLabel> labels = new Hashtable<>();
        labels.put(0, new JLabel("slow"));
        labels.put(DAYS_PER_SECOND.length - 1, new JLabel("fastest"));
        speed.setLabelTable(labels);
        speed.setPaintLabels(true);
        speed.setMajorTickSpacing(1);
        speed.setSnapToTicks(true);
        speed.setPaintTicks(true);
        speed.addChangeListener(e -> apply());
        panel.add(play);
        panel.add(pause);
        panel.add(step);
        panel.add(stop);
        panel.add(new JLabel("  Speed"));
        panel.add(speed);
        panel.add(speedText);
        apply();
    }

    /** A lesson's 2 days/s; a scenario's pace nearest to showing its whole span in three minutes. */
    static int defaultIndex(boolean lesson, double maxDays) {
        double wanted = lesson ? LESSON_DAYS_PER_SECOND : maxDays / SCENARIO_SECONDS;
        int best = 0;
        for (int i = 0; i < DAYS_PER_SECOND.length - 1; i++) {
            if (Math.abs(Math.log(DAYS_PER_SECOND[i] / wanted)) < Math.abs(Math.log(DAYS_PER_SECOND[best] / wanted))) {
                best = i;
            }
        }
        return best;
    }

    /** MASON's delay after each step, in ms, for a pace in days per second. */
    static long sleepMillis(double dtDays, double daysPerSecond) {
        return Double.isInfinite(daysPerSecond) ? 0 : Math.round(1000 * dtDays / daysPerSecond);
    }

    /** As fast as the computer goes (unattended pictures). */
    void fastest() {
        speed.setValue(DAYS_PER_SECOND.length - 1);
    }

    double daysPerSecond() {
        return DAYS_PER_SECOND[speed.getValue()];
    }

    private void apply() {
        double v = daysPerSecond();
        console.setPlaySleep(sleepMillis(dtDays, v));
        speedText.setText(Double.isInfinite(v) ? "as fast as the computer goes"
                : String.format(Locale.ROOT, "%s/s  (%.0f days in about %s)", days(v), maxDays, duration(maxDays / v)));
    }

    private void play() {
        if (console.getPlayState() == Console.PS_PAUSED) {
            console.pressPause(); // resumes
        } else if (console.getPlayState() == Console.PS_STOPPED) {
            console.pressPlay();
        }
    }

    private void pause() {
        if (console.getPlayState() == Console.PS_PLAYING) {
            console.pressPause();
        }
    }

    private void step() {
        if (console.getPlayState() == Console.PS_PLAYING) {
            console.pressPause();
        } else if (console.getPlayState() == Console.PS_STOPPED) {
            console.pressPause(); // starts the run paused at day 0
        }
        if (console.getPlayState() == Console.PS_PAUSED) {
            console.pressPlay(); // paused: one step
        }
    }

    static String days(double d) {
        if (d < 1) {
            return String.format(Locale.ROOT, "%.0f h", d * 24);
        }
        return String.format(Locale.ROOT, d == Math.rint(d) ? "%.0f day%s" : "%.2g day%s", d, d == 1 ? "" : "s");
    }

    static String duration(double seconds) {
        return seconds < 90 ? String.format(Locale.ROOT, "%.0f s", seconds) : String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }
}
