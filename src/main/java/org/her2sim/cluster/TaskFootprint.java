package org.her2sim.cluster;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.her2sim.engine.Scenario;
import org.her2sim.experiment.SingleRun;

/**
 * What one sweep task costs, measured by running it here: wall time, and the heap it keeps alive
 * at its largest — the live heap after each garbage collection during the run (and after a final
 * one with the result still held), less what the program held before. Garbage is not counted:
 * it is what a heap of any size collects.
 */
record TaskFootprint(double seconds, long liveBytes, long baselineBytes) {

    static TaskFootprint measure(Scenario scenario, long seed) {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        System.gc();
        long before = heapUsed();
        AtomicLong peak = new AtomicLong(before);
        NotificationListener listener = (n, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                var after = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()).getGcInfo().getMemoryUsageAfterGc();
                long used = after.entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                        .mapToLong(e -> e.getValue().getUsed()).sum();
                peak.accumulateAndGet(used, Math::max);
            }
        };
        List<NotificationEmitter> emitters = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter e) {
                e.addNotificationListener(listener, null, null);
                emitters.add(e);
            }
        }
        try {
            long t0 = System.nanoTime();
            SingleRun.Result result = SingleRun.simulate(scenario, seed);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.gc();
            peak.accumulateAndGet(heapUsed(), Math::max);
            Reference.reachabilityFence(result);
            return new TaskFootprint(seconds, Math.max(0, peak.get() - before), before);
        } finally {
            for (NotificationEmitter e : emitters) {
                try {
                    e.removeNotificationListener(listener);
                } catch (ListenerNotFoundException gone) {
                    // nothing to remove
                }
            }
        }
    }

    private static long heapUsed() {
        MemoryUsage u = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return u.getUsed();
    }
}
