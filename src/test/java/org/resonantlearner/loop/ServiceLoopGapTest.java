package org.resonantlearner.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.resonantlearner.control.SafetyLimits;
import org.resonantlearner.harvest.EnergyLedger;
import org.resonantlearner.harvest.PowerMeter;
import org.resonantlearner.harvest.TuningCost;
import org.resonantlearner.hal.CountingActuator;
import org.resonantlearner.hal.TuningActuator;

/**
 * Gaps in the stream and moves that take effect late: no window spans a gap, the first window after
 * one says how much is missing, and no window holding samples of the old position reaches the tuner.
 */
class ServiceLoopGapTest {
    private static final double SAMPLE_RATE_HZ = 20_000;
    private static final double DRIVE_HZ = 1000;
    private static final int BLOCK_SAMPLES = 64;
    private static final double LOAD_OHMS = 2.0;
    private static final double AMPLITUDE_VOLTS = 0.25;

    private final ManualClock clock = new ManualClock(0);
    // A phase 0.3 rad sine: stream sample n is at n / rate wherever the gaps fall, so a window that
    // joined two sides of a gap would carry a phase jump into its period count.
    private final ScriptedSource source = ScriptedSource.sine(clock, SAMPLE_RATE_HZ, AMPLITUDE_VOLTS, DRIVE_HZ, 0.3);
    private final List<double[]> windows = new ArrayList<>(); // start, end, frequency, lost before, tuning since

    private ServiceLoop loop(ScriptedTuner tuner, TuningActuator actuator) {
        return new ServiceLoop(source, actuator, new PowerMeter(SAMPLE_RATE_HZ, LOAD_OHMS, 10, 0.05), tuner,
                new SafetyLimits(0, 1000, 1e9), new EnergyLedger(TuningCost.free()),
                (w, end, l) -> windows.add(new double[] {w.startTimeSeconds, w.endTimeSeconds, w.driveFrequencyHz,
                    w.samplesLostBefore, w.tuningSinceSeconds}),
                BLOCK_SAMPLES, clock, 1.0);
    }

    @Test
    void noWindowSpansAGapAndTheFirstOneAfterItCountsTheMissingSamples() {
        // 37 samples missing at 0.15 s (a third of a period and more: the phase jumps), 64 at 0.3 s,
        // 5000 (an outage of 0.25 s) at 0.4 s.
        long[][] gaps = {{3_000, 37}, {6_000, 64}, {8_000, 5_000}};
        for (long[] gap : gaps) {
            source.gaps.put(gap[0], gap[1]);
        }
        ServiceLoop loop = loop(new ScriptedTuner((k, w) -> w.positionSteps), new CountingActuator(0, 1000, 500));
        loop.run(20_000);

        assertEquals(3, loop.gaps());
        assertEquals(37 + 64 + 5_000, loop.samplesSkipped());
        assertEquals(20_000, loop.samplesRead() + loop.samplesSkipped(), "the budget counts stream samples");
        assertEquals(20_000, loop.streamSamples());
        assertEquals(1.0, loop.elapsedSeconds(), 1e-12, "stream time includes the gaps");
        long lostInWindows = 0;
        for (double[] w : windows) {
            for (long[] gap : gaps) {
                double gapStart = gap[0] / SAMPLE_RATE_HZ;
                double gapEnd = (gap[0] + gap[1]) / SAMPLE_RATE_HZ;
                assertFalse(w[0] < gapEnd && w[1] > gapStart, "window " + w[0] + " .. " + w[1] + " spans the gap at "
                        + gapStart + " s");
            }
            assertEquals(DRIVE_HZ, w[2], 1e-3, "a window of whole periods of the drive, at " + w[0] + " s");
            lostInWindows += (long) w[3];
        }
        assertEquals(37 + 64 + 5_000, lostInWindows, "every missing sample is reported once, in the next window");
        double[] afterOutage = windows.stream().filter(w -> w[3] == 5_000).findFirst().orElseThrow();
        assertTrue(afterOutage[0] >= 13_000 / SAMPLE_RATE_HZ, "the window after the outage starts after it");
        assertTrue(afterOutage[0] < 13_000 / SAMPLE_RATE_HZ + 0.003,
                "the meter kept its statistics: no new warm-up after a gap (" + afterOutage[0] + " s)");
        // 0.1 s of periods on each side of every gap: about 80 windows of 10 ms in 0.75 s of samples.
        assertTrue(windows.size() >= 65, "windows: " + windows.size());
    }

    /** Acts 500 samples (25 ms) after the host commanded the move, as a front-end that streams ahead. */
    private final class LateActuator implements TuningActuator {
        private final CountingActuator inner = new CountingActuator(0, 1000, 500);
        long effectiveIndex = EFFECTIVE_FROM_NEXT_SAMPLE;

        @Override
        public int minPositionSteps() {
            return inner.minPositionSteps();
        }

        @Override
        public int maxPositionSteps() {
            return inner.maxPositionSteps();
        }

        @Override
        public int positionSteps() {
            return inner.positionSteps();
        }

        @Override
        public void moveTo(int positionSteps) {
            inner.moveTo(positionSteps);
            effectiveIndex = source.nextSampleIndex() + 500;
        }

        @Override
        public long lastMoveEffectiveSampleIndex() {
            return effectiveIndex;
        }

        @Override
        public void close() {}
    }

    @Test
    void aWindowHoldingSamplesFromBeforeTheMoveTookEffectNeverReachesTheTuner() {
        LateActuator actuator = new LateActuator();
        List<Double> effectiveSeconds = new ArrayList<>();
        ScriptedTuner tuner = new ScriptedTuner((k, w) -> {
            return w.positionSteps + 1;
        });
        ServiceLoop loop = new ServiceLoop(source, actuator, new PowerMeter(SAMPLE_RATE_HZ, LOAD_OHMS, 10, 0.05), tuner,
                new SafetyLimits(0, 1000, 1e9), new EnergyLedger(TuningCost.free()),
                (w, end, l) -> {
                    if (actuator.effectiveIndex >= 0) {
                        effectiveSeconds.add(actuator.effectiveIndex / SAMPLE_RATE_HZ);
                    }
                    windows.add(new double[] {w.startTimeSeconds, w.endTimeSeconds, w.driveFrequencyHz,
                        w.samplesLostBefore, w.tuningSinceSeconds, w.positionSteps, actuator.positionSteps()});
                },
                BLOCK_SAMPLES, clock, 1.0);
        loop.run(20_000);

        // Windows over before the move took effect are recorded where their samples were taken.
        int before = 0;
        for (int i = 1; i < windows.size(); i++) {
            double[] w = windows.get(i);
            if (w[1] <= w[4]) {
                before++;
                assertEquals(w[6] - 1, w[5], "window ending at " + w[1] + " s, before the move took effect at " + w[4]);
            } else if (windows.get(i - 1)[6] == w[6]) {
                assertEquals(w[6], w[5], "window ending at " + w[1] + " s");
            }
        }
        assertTrue(before >= 20, "windows over before their move took effect: " + before);

        assertTrue(tuner.decisions >= 20, "decisions: " + tuner.decisions);
        // Each move acts 25 ms after it was commanded: of the 10 ms windows after it, the two that
        // begin before then are booked but withheld, so the tuner sees at most every third window.
        assertTrue(tuner.decisions <= (windows.size() + 2) / 3, tuner.decisions + " of " + windows.size());
        assertEquals(tuner.decisions, actuator.inner.moves);
        int k = 0;
        double tunedSince = Double.NEGATIVE_INFINITY;
        for (double[] judged : tuner.judgedWindowsSeconds) {
            // Find the listener's copy of this window: the tuning instant it carried.
            while (windows.get(k)[0] != judged[0]) {
                k++;
            }
            tunedSince = windows.get(k)[4];
            assertTrue(judged[0] >= tunedSince, "window at " + judged[0] + " s began before the move took effect at "
                    + tunedSince + " s");
        }
        assertEquals(effectiveSeconds.get(effectiveSeconds.size() - 1), windows.get(windows.size() - 1)[4], 1e-12,
                "the windows carry the instant the last move took effect");
    }
}
