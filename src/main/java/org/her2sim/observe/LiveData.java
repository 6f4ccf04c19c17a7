package org.her2sim.observe;

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
 * What a live view (the desktop GUI, the classroom's web page) shows over time, taken from the
 * model at each observation (on the model's thread) and handed over through queues that the
 * view drains on its own thread.
 */
public final class LiveData implements SimulationListener {
    /** One observation: day, cells, cells per mechanism, whether drugs are given, free concentrations (mg/L) per drug. */
    public record Point(double day, long cells, Map<String, Long> byMechanism, boolean treating, String phase, double[] concentrations) {
    }

    public final ConcurrentLinkedQueue<Point> points = new ConcurrentLinkedQueue<>();
    public final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();

    /** The model's cells by marker combination (its difference from the founder, the reports' "mechanism"). */
    public static Map<String, Long> byMechanism(TumourModel m) {
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
        return by;
    }

    @Override
    public void observed(TumourModel m) {
        Map<String, Long> by = byMechanism(m);
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

    public static List<Point> drain(ConcurrentLinkedQueue<Point> q) {
        List<Point> out = new ArrayList<>();
        Point p;
        while ((p = q.poll()) != null) {
            out.add(p);
        }
        return out;
    }
}
