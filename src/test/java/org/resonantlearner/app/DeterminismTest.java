package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.resonantlearner.app.config.ConfigLoader;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.telemetry.WindowRow;

/** Same seed, same trace; another seed, another trace (sensor noise and tuner noise both seeded). */
class DeterminismTest {

    private static List<double[]> trace(long seed) {
        RunConfig config = ConfigLoader.load(null, new ConfigLoader.Overrides(seed, 2.0, "noise-brake"));
        List<double[]> rows = new ArrayList<>();
        ServiceRun run = new ServiceRun(config, false, row -> {
            double[] copy = row.clone();
            copy[WindowRow.WALL_CLOCK_MILLIS] = 0; // when it ran, not what it did
            rows.add(copy);
        });
        run.runToEnd();
        return rows;
    }

    private static boolean sameTrace(List<double[]> a, List<double[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            // Bitwise equality: NaN columns compare equal, any other difference does not.
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Test
    void sameSeedGivesAnIdenticalTrace() {
        List<double[]> first = trace(42);
        List<double[]> second = trace(42);
        assertTrue(first.size() > 100, "windows: " + first.size());
        assertEquals(first.size(), second.size());
        assertTrue(sameTrace(first, second));
    }

    @Test
    void differentSeedGivesADifferentTrace() {
        assertFalse(sameTrace(trace(42), trace(43)));
    }
}
