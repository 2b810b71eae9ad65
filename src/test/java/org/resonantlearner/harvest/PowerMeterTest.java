package org.resonantlearner.harvest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resonantlearner.check.InvalidValueException;

class PowerMeterTest {
    private static final double SAMPLE_RATE_HZ = 20_000.0;
    private static final double LOAD_OHMS = 47.0;
    private static final double AMPLITUDE_VOLTS = 1.7;
    /** 20 000 / 1 234.567 = 16.2 samples per period: crossings never land on samples. */
    private static final double DRIVE_HZ = 1_234.567;
    private static final int WINDOW_PERIODS = 20;
    private static final double MAX_WINDOW_SECONDS = 0.05;

    private static final double POWER_REL_TOL = 1e-3;
    private static final double FREQUENCY_REL_TOL = 5e-4;
    private static final double NOISY_FREQUENCY_REL_TOL = 0.01;
    private static final double VERY_NOISY_FREQUENCY_REL_TOL = 0.02;
    private static final double TIME_TOL_SECONDS = 1e-9;

    private static double[] sine(double amplitudeVolts, double frequencyHz, double sampleRateHz, int samples,
            double phaseRad) {
        double[] v = new double[samples];
        for (int n = 0; n < samples; n++) {
            v[n] = amplitudeVolts * Math.sin(2 * Math.PI * frequencyHz * n / sampleRateHz + phaseRad);
        }
        return v;
    }

    private static void addNoise(double[] v, double sigmaVolts, long seed) {
        Random noise = new Random(seed);
        for (int n = 0; n < v.length; n++) {
            v[n] += sigmaVolts * noise.nextGaussian();
        }
    }

    /** Feeds {@code v} in blocks of {@code blockSize} and returns copies of every completed window. */
    private static List<PowerWindow> feed(PowerMeter meter, double[] v, int blockSize) {
        List<PowerWindow> windows = new ArrayList<>();
        int offset = 0;
        while (offset < v.length) {
            int count = Math.min(blockSize, v.length - offset);
            while (count > 0) {
                int used = meter.update(v, offset, count);
                offset += used;
                count -= used;
                if (meter.windowComplete()) {
                    PowerWindow copy = new PowerWindow();
                    copy.copyFrom(meter.window());
                    windows.add(copy);
                } else {
                    assertEquals(0, count, "a call that completes no window consumes the whole block");
                }
            }
        }
        assertEquals(v.length, meter.samplesConsumed());
        return windows;
    }

    private static PowerMeter rlcMeter() {
        return new PowerMeter(SAMPLE_RATE_HZ, LOAD_OHMS, WINDOW_PERIODS, MAX_WINDOW_SECONDS);
    }

    @Test
    void pureSineAtNonIntegerSamplesPerPeriodIsExact() {
        double[] v = sine(AMPLITUDE_VOLTS, DRIVE_HZ, SAMPLE_RATE_HZ, 20_000, 0.3);
        List<PowerWindow> windows = feed(rlcMeter(), v, 256);
        double expectedWatts = AMPLITUDE_VOLTS * AMPLITUDE_VOLTS / (2 * LOAD_OHMS);
        assertTrue(windows.size() > 50, "windows: " + windows.size());
        for (PowerWindow w : windows) {
            assertEquals(WINDOW_PERIODS, w.periods);
            assertEquals(expectedWatts, w.loadPowerWatts, POWER_REL_TOL * expectedWatts);
            assertEquals(DRIVE_HZ, w.driveFrequencyHz, FREQUENCY_REL_TOL * DRIVE_HZ);
            assertEquals(WINDOW_PERIODS / DRIVE_HZ, w.durationSeconds(), FREQUENCY_REL_TOL * WINDOW_PERIODS / DRIVE_HZ);
        }
    }

    @Test
    void windowsAreContiguousAndStartAtUpwardZeroCrossings() {
        double phaseRad = 0.3;
        double[] v = sine(AMPLITUDE_VOLTS, DRIVE_HZ, SAMPLE_RATE_HZ, 10_000, phaseRad);
        List<PowerWindow> windows = feed(rlcMeter(), v, 1000);
        double periodSeconds = 1 / DRIVE_HZ;
        double firstCrossingSeconds = (2 * Math.PI - phaseRad) / (2 * Math.PI) * periodSeconds;
        for (int i = 0; i < windows.size(); i++) {
            double expectedStart = firstCrossingSeconds + i * WINDOW_PERIODS * periodSeconds;
            // The first crossing comes after the RMS warm-up, so it may be a period or two later.
            double k = Math.rint((windows.get(i).startTimeSeconds - expectedStart) / periodSeconds);
            assertEquals(expectedStart + k * periodSeconds, windows.get(i).startTimeSeconds, 1e-4 * periodSeconds);
            if (i > 0) {
                assertEquals(windows.get(i - 1).endTimeSeconds, windows.get(i).startTimeSeconds, TIME_TOL_SECONDS);
            }
        }
    }

    @Test
    void blockSizeDoesNotChangeTheResult() {
        double[] v = sine(AMPLITUDE_VOLTS, DRIVE_HZ, SAMPLE_RATE_HZ, 8_000, 1.1);
        addNoise(v, 0.05, 7);
        List<PowerWindow> bySample = feed(rlcMeter(), v, 1);
        List<PowerWindow> byBlock = feed(rlcMeter(), v, 4096);
        assertEquals(bySample.size(), byBlock.size());
        for (int i = 0; i < bySample.size(); i++) {
            assertEquals(bySample.get(i).loadPowerWatts, byBlock.get(i).loadPowerWatts, 0.0);
            assertEquals(bySample.get(i).endTimeSeconds, byBlock.get(i).endTimeSeconds, 0.0);
        }
    }

    @Test
    void mechanicalRigRateIsExactToo() {
        double sampleRateHz = 2_000.0;
        double driveHz = 29.7;
        double loadOhms = 10.0;
        PowerMeter meter = new PowerMeter(sampleRateHz, loadOhms, 10, 1.0);
        double[] v = sine(0.4, driveHz, sampleRateHz, 40_000, 2.0);
        List<PowerWindow> windows = feed(meter, v, 100);
        double expectedWatts = 0.4 * 0.4 / (2 * loadOhms);
        assertTrue(windows.size() > 50, "windows: " + windows.size());
        for (PowerWindow w : windows) {
            assertEquals(10, w.periods);
            assertEquals(expectedWatts, w.loadPowerWatts, POWER_REL_TOL * expectedWatts);
            assertEquals(driveHz, w.driveFrequencyHz, FREQUENCY_REL_TOL * driveHz);
        }
    }

    @Test
    void noiseAt20DbAddsItsPowerAndKeepsTheFrequency() {
        double signalMeanSquareVolts2 = AMPLITUDE_VOLTS * AMPLITUDE_VOLTS / 2;
        double noiseMeanSquareVolts2 = signalMeanSquareVolts2 / 100; // 20 dB
        double[] v = sine(AMPLITUDE_VOLTS, DRIVE_HZ, SAMPLE_RATE_HZ, 400_000, 0.0);
        addNoise(v, Math.sqrt(noiseMeanSquareVolts2), 20);
        List<PowerWindow> windows = feed(rlcMeter(), v, 512);
        double sumWatts = 0;
        for (PowerWindow w : windows) {
            assertEquals(WINDOW_PERIODS, w.periods, "no crossing lost or invented");
            assertEquals(DRIVE_HZ, w.driveFrequencyHz, NOISY_FREQUENCY_REL_TOL * DRIVE_HZ);
            sumWatts += w.loadPowerWatts;
        }
        double meanWatts = sumWatts / windows.size();
        double expectedBiasWatts = noiseMeanSquareVolts2 / LOAD_OHMS;
        double measuredBiasWatts = meanWatts - signalMeanSquareVolts2 / LOAD_OHMS;
        assertEquals(expectedBiasWatts, measuredBiasWatts, 0.25 * expectedBiasWatts);
    }

    @Test
    void noiseAt10DbNeitherLosesNorInventsCrossings() {
        double signalMeanSquareVolts2 = AMPLITUDE_VOLTS * AMPLITUDE_VOLTS / 2;
        double noiseMeanSquareVolts2 = signalMeanSquareVolts2 / 10; // 10 dB
        double[] v = sine(AMPLITUDE_VOLTS, DRIVE_HZ, SAMPLE_RATE_HZ, 400_000, 0.0);
        addNoise(v, Math.sqrt(noiseMeanSquareVolts2), 10);
        List<PowerWindow> windows = feed(rlcMeter(), v, 512);
        assertTrue(windows.size() > 1000);
        for (PowerWindow w : windows) {
            assertEquals(WINDOW_PERIODS, w.periods);
            assertEquals(DRIVE_HZ, w.driveFrequencyHz, VERY_NOISY_FREQUENCY_REL_TOL * DRIVE_HZ);
        }
    }

    @Test
    void amplitudeDropOfTwentyDecibelsKeepsCountingPeriods() {
        double[] v = sine(AMPLITUDE_VOLTS, DRIVE_HZ, SAMPLE_RATE_HZ, 40_000, 0.0);
        for (int n = 20_000; n < v.length; n++) {
            v[n] *= 0.1;
        }
        List<PowerWindow> windows = feed(rlcMeter(), v, 512);
        PowerWindow last = windows.get(windows.size() - 1);
        assertEquals(WINDOW_PERIODS, last.periods);
        double expectedWatts = 0.01 * AMPLITUDE_VOLTS * AMPLITUDE_VOLTS / (2 * LOAD_OHMS);
        assertEquals(expectedWatts, last.loadPowerWatts, POWER_REL_TOL * expectedWatts);
        long closedByTime = windows.stream().filter(w -> w.periods == 0).count();
        assertTrue(closedByTime <= 1, "windows closed by time after the drop: " + closedByTime);
    }

    @Test
    void zeroSignalClosesByTimeWithZeroPower() {
        PowerMeter meter = rlcMeter();
        List<PowerWindow> windows = feed(meter, new double[5_000], 333);
        assertEquals(4, windows.size()); // 1000 samples per 0.05 s window
        for (int i = 0; i < windows.size(); i++) {
            PowerWindow w = windows.get(i);
            assertEquals(0, w.periods);
            assertTrue(Double.isNaN(w.driveFrequencyHz));
            assertEquals(0.0, w.loadPowerWatts, 0.0);
            assertEquals(MAX_WINDOW_SECONDS, w.durationSeconds(), TIME_TOL_SECONDS);
            assertEquals(i * MAX_WINDOW_SECONDS, w.startTimeSeconds, TIME_TOL_SECONDS);
        }
    }

    @Test
    void dcSignalClosesByTimeWithItsPower() {
        double dcVolts = -0.8;
        double[] v = new double[3_000];
        java.util.Arrays.fill(v, dcVolts);
        List<PowerWindow> windows = feed(rlcMeter(), v, 3_000);
        assertEquals(2, windows.size());
        for (PowerWindow w : windows) {
            assertEquals(0, w.periods);
            assertTrue(Double.isNaN(w.driveFrequencyHz));
            assertEquals(dcVolts * dcVolts / LOAD_OHMS, w.loadPowerWatts, 1e-12);
        }
    }

    @Test
    void nonFiniteSamplesAreCountedAndDoNotPoisonPower() {
        double[] v = sine(AMPLITUDE_VOLTS, DRIVE_HZ, SAMPLE_RATE_HZ, 10_000, 0.0);
        v[5_000] = Double.NaN;
        PowerMeter meter = rlcMeter();
        List<PowerWindow> windows = feed(meter, v, 512);
        assertEquals(1, meter.nonFiniteSamples());
        for (PowerWindow w : windows) {
            assertTrue(Double.isFinite(w.loadPowerWatts));
        }
        assertTrue(Double.isFinite(windows.get(windows.size() - 1).driveFrequencyHz));
    }

    @Test
    void resetStartsANewStream() {
        PowerMeter meter = rlcMeter();
        double[] v = sine(AMPLITUDE_VOLTS, DRIVE_HZ, SAMPLE_RATE_HZ, 3_000, 0.0);
        List<PowerWindow> first = feed(meter, v, 100);
        meter.reset();
        assertEquals(0, meter.samplesConsumed());
        List<PowerWindow> second = feed(meter, v, 100);
        assertEquals(first.size(), second.size());
        assertEquals(first.get(0).startTimeSeconds, second.get(0).startTimeSeconds, 0.0);
        assertFalse(meter.windowComplete() && second.isEmpty());
    }

    @Test
    void badArgumentsNameTheKey() {
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> new PowerMeter(0, LOAD_OHMS, 10, 0.1));
        assertEquals("sampleRateHz", e.key());
        assertEquals("loadResistanceOhms",
                assertThrows(InvalidValueException.class, () -> new PowerMeter(1e3, -1, 10, 0.1)).key());
        assertEquals("windowPeriods",
                assertThrows(InvalidValueException.class, () -> new PowerMeter(1e3, 1, 0, 0.1)).key());
        assertEquals("maxWindowSeconds",
                assertThrows(InvalidValueException.class, () -> new PowerMeter(1e3, 1, 10, 1e-4)).key());
        assertThrows(IndexOutOfBoundsException.class, () -> rlcMeter().update(new double[4], 2, 3));
    }
}
