package org.resonantlearner.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.resonantlearner.control.SafetyLimits;
import org.resonantlearner.control.Tuner;
import org.resonantlearner.harvest.EnergyLedger;
import org.resonantlearner.harvest.PowerMeter;
import org.resonantlearner.harvest.PowerWindow;
import org.resonantlearner.harvest.TuningCost;
import org.resonantlearner.hal.Clock;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.CountingActuator;

/**
 * The watchdog: when the samples stop for longer than the timeout the tuner is not asked and the
 * actuator holds; when they come back the run continues, and no window that joins the two sides of
 * the gap reaches the tuner. Hand-written fakes of our own ports, a fake clock, no sleeping.
 */
class ServiceLoopWatchdogTest {
    private static final double SAMPLE_RATE_HZ = 20_000;
    private static final double DRIVE_HZ = 1_000;
    private static final double TOL_SECONDS = 1e-9;

    /** A clock that only moves when told. */
    private static final class FakeClock implements Clock {
        long nanos;

        @Override
        public long nanoTime() {
            return nanos;
        }
    }

    /**
     * A 1 kHz sine source that can go silent for a scripted number of reads, each of which waits
     * its 100 ms read timeout on the fake clock and returns 0; it notes what the loop did meanwhile.
     */
    private static final class StallingSource implements SampleSource {
        final FakeClock clock;
        int silentReadsLeft;
        long sampleIndex;
        Runnable duringSilence = () -> { };

        StallingSource(FakeClock clock) {
            this.clock = clock;
        }

        @Override
        public double sampleRateHz() {
            return SAMPLE_RATE_HZ;
        }

        @Override
        public int read(double[] loadVolts, int offset, int count) {
            if (silentReadsLeft > 0) {
                silentReadsLeft--;
                clock.nanos += 100_000_000L;
                duringSilence.run();
                return 0;
            }
            for (int i = 0; i < count; i++) {
                loadVolts[offset + i] = 0.25 * Math.sin(2 * Math.PI * DRIVE_HZ * sampleIndex++ / SAMPLE_RATE_HZ);
            }
            clock.nanos += Math.round(count / SAMPLE_RATE_HZ * 1e9);
            return count;
        }

        @Override
        public void close() {
        }
    }

    /** A tuner that asks for a one-step move on every window and remembers what it saw. */
    private static final class RestlessTuner implements Tuner {
        int decisions;
        double earliestWindowStartAfterResumeSeconds = Double.POSITIVE_INFINITY;
        double resumeSeconds = Double.NaN;

        @Override
        public String name() {
            return "restless";
        }

        @Override
        public void start(int minPositionSteps, int maxPositionSteps, int initialPositionSteps, double startTimeSeconds) {
        }

        @Override
        public double decide(PowerWindow window) {
            decisions++;
            if (!Double.isNaN(resumeSeconds) && window.endTimeSeconds > resumeSeconds) {
                earliestWindowStartAfterResumeSeconds = Math.min(earliestWindowStartAfterResumeSeconds,
                        window.startTimeSeconds);
            }
            return window.positionSteps + (decisions % 2 == 0 ? 1 : -1);
        }
    }

    @Test
    void aStallPausesTheTunerHoldsTheActuatorAndTheRunContinuesAfterIt() {
        FakeClock clock = new FakeClock();
        StallingSource source = new StallingSource(clock);
        CountingActuator actuator = new CountingActuator(0, 1000, 500);
        RestlessTuner tuner = new RestlessTuner();
        ServiceLoop loop = new ServiceLoop(source, actuator, new PowerMeter(SAMPLE_RATE_HZ, 2.0, 10, 0.5), tuner,
                new SafetyLimits(0, 1000, 1e9), new EnergyLedger(TuningCost.free()), (w, end, l) -> { },
                64, clock, 1.0);

        loop.run(20_000); // 1 s of samples
        int decisionsBefore = tuner.decisions;
        int movesBefore = actuator.moves;
        assertTrue(decisionsBefore > 50, "windows judged before the stall: " + decisionsBefore);

        // 3 s of silence, then the samples come back; the loop keeps reading all along.
        source.silentReadsLeft = 30;
        boolean[] sawStall = new boolean[1];
        int[] decisionsDuringSilence = {-1, -1};
        int[] movesDuringSilence = {-1, -1};
        source.duringSilence = () -> {
            sawStall[0] |= loop.stalled();
            decisionsDuringSilence[0] = Math.max(decisionsDuringSilence[0], tuner.decisions);
            movesDuringSilence[0] = Math.max(movesDuringSilence[0], actuator.moves);
        };
        double resumeSeconds = loop.elapsedSeconds();
        tuner.resumeSeconds = resumeSeconds;
        loop.run(20_000);

        assertTrue(sawStall[0], "the watchdog declared a stall while the samples were missing");
        assertEquals(decisionsBefore, decisionsDuringSilence[0], "the tuner is not asked during a stall");
        assertEquals(movesBefore, movesDuringSilence[0], "the actuator holds during a stall");
        assertFalse(loop.stalled());
        assertEquals(1, loop.watchdogStalls());
        assertEquals(3.0, loop.stalledSeconds(), 0.01 + TOL_SECONDS);
        assertTrue(tuner.decisions > decisionsBefore + 50, "the run continues after the stall");
        assertTrue(tuner.earliestWindowStartAfterResumeSeconds >= resumeSeconds - TOL_SECONDS,
                "no window joining the two sides of the gap reaches the tuner");
    }

    @Test
    void shortGapsBelowTheTimeoutAreNoStall() {
        FakeClock clock = new FakeClock();
        StallingSource source = new StallingSource(clock);
        ServiceLoop loop = new ServiceLoop(source, new CountingActuator(0, 1000, 500), new PowerMeter(SAMPLE_RATE_HZ, 2.0, 10, 0.5),
                new RestlessTuner(), new SafetyLimits(0, 1000, 1e9), new EnergyLedger(TuningCost.free()),
                (w, end, l) -> { }, 64, clock, 1.0);
        loop.run(2_000);
        source.silentReadsLeft = 9; // 0.9 s without samples: under the 1 s timeout
        loop.run(2_000);
        assertEquals(0, loop.watchdogStalls());
    }
}
