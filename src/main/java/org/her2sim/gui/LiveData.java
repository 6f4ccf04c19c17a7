package org.her2sim.gui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.her2sim.engine.EventKind;
import org.her2sim.engine.SimulationListener;
import org.her2sim.engine.TumourModel;
import org.her2sim.pharmacology.Drug;

/**
 * What the GUI shows over time, taken from the model at each observation (on the model's
 * thread) and handed to Swing through a queue: the charts drain it on the event thread.
 */
final class LiveData implements SimulationListener {
    /** One observation: day, cells, cells per mechanism, whether drugs are given, free concentrations (mg/L) per drug. */
    record Point(double day, long cells, Map<String, Long> byMechanism, boolean treating, String phase, double[] concentrations) {
    }

    final ConcurrentLinkedQueue<Point> points = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();

    @Override
    public void observed(TumourModel m) {
        var lineage = m.lineage();
        var space = m.scenario().space();
        int founder = m.scenario().founder();
        Map<String, Long> by = new LinkedHashMap<>();
        for (int s = 0; s < lineage.states(); s++) {
            long n = lineage.cellsInState(s);
            if (n > 0) {
                by.merge(space.difference(s, founder), n, Long::sum);
            }
        }
        List<Drug> drugs = m.scenario().drugs().drugs();
        double[] c = new double[drugs.size()];
        for (Drug d : drugs) {
            c[d.bit()] = m.concentration(d.bit());
        }
        points.add(new Point(m.now(), m.cellCount(), by, m.treating(), m.phaseName(), c));
    }

    @Override
    public void event(EventKind kind, double day, int clone, String detail) {
        if (kind == EventKind.MUTATION) {
            return; // too many to read; the legend and the display show new clones
        }
        events.add(String.format(Locale.ROOT, "day %.1f  %s  %s", day, kind.text().replace('_', ' '), detail));
    }

    static List<Point> drain(ConcurrentLinkedQueue<Point> q) {
        List<Point> out = new ArrayList<>();
        Point p;
        while ((p = q.poll()) != null) {
            out.add(p);
        }
        return out;
    }
}
