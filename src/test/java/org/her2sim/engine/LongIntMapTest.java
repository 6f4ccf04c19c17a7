package org.her2sim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongIntMapTest {

    @Test
    void holdsWhatAHashMapHoldsThroughGrowth() {
        LongIntMap map = new LongIntMap();
        Map<Long, Integer> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            // keys shaped as the lineage's (clone << 32 | state) and as random non-negative longs, with repeats
            long key = i % 3 == 0 ? ((long) random.nextInt(20_000) << 32) | random.nextInt(200) : random.nextLong(Long.MAX_VALUE);
            map.put(key, i);
            reference.put(key, i);
        }
        assertEquals(reference.size(), map.size());
        reference.forEach((k, v) -> assertEquals(v, map.get(k, -1), "key " + k));
        for (int i = 0; i < 10_000; i++) {
            long key = random.nextLong(Long.MAX_VALUE);
            assertEquals(reference.getOrDefault(key, -1), map.get(key, -1));
        }
    }
}
