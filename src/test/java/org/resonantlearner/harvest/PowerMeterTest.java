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

    /** The accuracy the class comment states for a pure sine at 16.2 samples per period. */
    private static final double POWER_REL_TOL = 2e-5;
    /** Relative frequency error bound at the RLC rate and drive: see {@link #interpolationRelTol}. */
    private static final double FREQUENCY_REL_TOL = interpolationRelTol(DRIVE_HZ, SAMPLE_RATE_HZ, WINDOW_PERIODS);
    private static final double NOISY_FREQUENCY_REL_TOL = 0.01;
    private static final double VERY_NOISY_FREQUENCY_REL_TOL = 0.02;
    private static final double TIME_TOL_SECONDS = 1e-9;
    /** Sums of a few hundred exactly representable squares, divided once: rounding only. */
    private static final double EXACT_REL_TOL = 1e-12;

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

    /**
     * How far a window of a pure sine may be off in length, and so in frequency, relative to its length.
     * Linear interpolation between samples at -a and b (a + b = h rad of phase per sample) misplaces the
     * zero of a sine (or of its centred average, a scaled copy) by ab(b - a)/6, at most
     * h³ · 2/(3√3)/24 = 0.01604 h³ rad; a window has such an error at both ends. 10 % margin for rounding.
     * (At 16.2 samples per period and 20 periods: 1.5e-5.)
     */
    private static double interpolationRelTol(double driveHz, double sampleRateHz, int windowPeriods) {
        double h = 2 * Math.PI * driveHz / sampleRateHz;
        double crossingErrorPeriods = h * h * h * 2 / (3 * Math.sqrt(3)) / 24 / (2 * Math.PI);
        return 1.1 * 2 * crossingErrorPeriods / windowPeriods;
    }

    /**
     * Meters {@code samples} of a pure sine of {@link #AMPLITUDE_VOLTS} and checks every window: whole
     * periods, A²/(2R) within {@code powerRelTol}, the drive frequency within the interpolation bound.
     */
    private static List<PowerWindow> assertPureSineIsMeasured(PowerMeter meter, double driveHz, double phaseRad,
            int samples, double powerRelTol) {
        double[] v = sine(AMPLITUDE_VOLTS, driveHz, meter.sampleRateHz(), samples, phaseRad);
        List<PowerWindow> windows = feed(meter, v, 256);
        double expectedWatts = AMPLITUDE_VOLTS * AMPLITUDE_VOLTS / (2 * meter.loadResistanceOhms());
        double frequencyRelTol = interpolationRelTol(driveHz, meter.sampleRateHz(), meter.windowPeriods());
        // All but the first period-and-a-bit of warm-up and the last window's look-ahead are windows.
        long expectedWindows = (long) Math.floor(samples / meter.sampleRateHz() * driveHz / meter.windowPeriods()) - 1;
        assertTrue(windows.size() >= expectedWindows, "windows: " + windows.size() + " of " + expectedWindows);
        for (PowerWindow w : windows) {
            assertEquals(meter.windowPeriods(), w.periods);
            assertEquals(expectedWatts, w.loadPowerWatts, powerRelTol * expectedWatts, "window at " + w.startTimeSeconds);
            assertEquals(driveHz, w.driveFrequencyHz, frequencyRelTol * driveHz, "window at " + w.startTimeSeconds);
            assertEquals(meter.windowPeriods() / driveHz, w.durationSeconds(),
                    frequencyRelTol * meter.windowPeriods() / driveHz);
        }
        return windows;
    }

    private static PowerMeter rlcMeter() {
        return new PowerMeter(SAMPLE_RATE_HZ, LOAD_OHMS, WINDOW_PERIODS, MAX_WINDOW_SECONDS);
    }

    @Test
    void pureSineAtNonIntegerSamplesPerPeriodIsExact() {
        assertPureSineIsMeasured(rlcMeter(), DRIVE_HZ, 0.3, 20_000, POWER_REL_TOL);
    }

    @Test
    void aSamplePatternThatNeverRepeatsIsMeasuredWithinTheInterpolationBound() {
        // 1000·√2 Hz: 14.142... samples per period, so the crossings fall at a new place between samples
        // every time and the interpolation errors at the two ends of a window do not cancel. The window's
        // length errs by up to the interpolation bound, and the power with it; the integration adds its
        // own 2e-5.
        double driveHz = 1000 * Math.sqrt(2);
        assertPureSineIsMeasured(rlcMeter(), driveHz, 0.7, 20_000,
                interpolationRelTol(driveHz, SAMPLE_RATE_HZ, WINDOW_PERIODS) + POWER_REL_TOL);
    }

    @Test
    void coarseSamplingAtSixPointSevenSamplesPerPeriodStaysWithinItsStatedAccuracy() {
        // The class comment's second figure: 8e-4 at 6.7 samples per period (no detection average there:
        // a period under 8 samples gives a half-width of 0).
        assertPureSineIsMeasured(rlcMeter(), SAMPLE_RATE_HZ / 6.7, 0.4, 20_000, 8e-4);
    }

    @Test
    void windowsAreContiguousAndStartAtUpwardZeroCrossings() {
        double phaseRad = 0.3;
        double[] v = sine(AMPLITUDE_VOLTS, DRIVE_HZ, SAMPLE_RATE_HZ, 10_000, phaseRad);
        List<PowerWindow> windows = feed(rlcMeter(), v, 1000);
        double periodSeconds = 1 / DRIVE_HZ;
        double firstCrossingSeconds = (2 * Math.PI - phaseRad) / (2 * Math.PI) * periodSeconds;
        // The meter arms only from sample 50 on (its guessed period, 0.05 s × 20 kS/s / 20 periods), in
        // the negative half-period that follows (55.9 .. 64.0 samples), so the first crossing it counts
        // is the fourth, at 15.4 + 3 × 16.2 = 64.0 samples; then one window every 20 periods.
        assertTrue(windows.size() >= 25, "windows: " + windows.size());
        for (int i = 0; i < windows.size(); i++) {
            double expectedStart = firstCrossingSeconds + (3 + i * WINDOW_PERIODS) * periodSeconds;
            assertEquals(expectedStart, windows.get(i).startTimeSeconds, 1e-4 * periodSeconds);
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
        // 2 kS/s, 29.7 Hz: 67.3 samples per period, windows of 10 periods, a detection average 17 wide.
        assertPureSineIsMeasured(new PowerMeter(2_000.0, 10.0, 10, 1.0), 29.7, 2.0, 40_000, POWER_REL_TOL);
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
    void noiseAt10DbAtThirtySamplesPerPeriodKeepsEveryWindowsFrequency() {
        // 30.7 samples per period: a detection average 2·3 + 1 = 7 samples wide. At 10 dB the noise is
        // σ = A/√20 = 0.224 A, 0.085 A after the average, against a slope at the zero of
        // 0.9 A · 2π/30.7 = 0.18 A per sample: each crossing jitters by σ_t = 0.46 samples, a 20-period
        // window (614 samples) by √2 σ_t / 614 = 1.1e-3 of its length. 1 % is 9 σ: only a crossing lost
        // or invented (a whole period, 5 %) or one taken at a noise wiggle far from the zero breaks it,
        // which is what the hysteresis on the running RMS prevents.
        double driveHz = SAMPLE_RATE_HZ / 30.7;
        double signalMeanSquareVolts2 = AMPLITUDE_VOLTS * AMPLITUDE_VOLTS / 2;
        double[] v = sine(AMPLITUDE_VOLTS, driveHz, SAMPLE_RATE_HZ, 200_000, 0.0);
        addNoise(v, Math.sqrt(signalMeanSquareVolts2 / 10), 2);
        List<PowerWindow> windows = feed(new PowerMeter(SAMPLE_RATE_HZ, LOAD_OHMS, WINDOW_PERIODS, 0.1), v, 512);
        assertTrue(windows.size() > 300, "windows: " + windows.size());
        for (PowerWindow w : windows) {
            assertEquals(WINDOW_PERIODS, w.periods);
            assertEquals(driveHz, w.driveFrequencyHz, NOISY_FREQUENCY_REL_TOL * driveHz, "window at " + w.startTimeSeconds);
        }
    }

    @Test
    void aLoudSwitchOnTransientIsForgottenWithinTheFirstWindow() {
        // 5 ms at ten times the amplitude (a charging coupling capacitor, a relay bounce), then the sine.
        // Until the first period is measured the running RMS forgets with the time constant of the
        // slowest expected period, 0.05 s / 20 periods = 2.5 ms (50 samples): the transient's mean square
        // (100 times the signal's) has decayed below the level that hides the sine (h < the crest)
        // after ln(100 / 4) × 50 = 160 samples. The first window therefore counts whole periods.
        double[] v = sine(AMPLITUDE_VOLTS, DRIVE_HZ, SAMPLE_RATE_HZ, 4_000, 0.0);
        for (int n = 0; n < 100; n++) {
            v[n] *= 10;
        }
        List<PowerWindow> windows = feed(rlcMeter(), v, 256);
        assertTrue(windows.size() >= 8, "windows: " + windows.size());
        for (PowerWindow w : windows) {
            assertEquals(WINDOW_PERIODS, w.periods, "window at " + w.startTimeSeconds);
        }
        assertTrue(windows.get(0).startTimeSeconds < 0.05, "the first window starts before the time limit: "
                + windows.get(0).startTimeSeconds);
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
    void aNonFiniteSampleIsCountedAndTakenAsZeroVolts() {
        // One NaN, +∞ and -∞ each, at a crest or trough of the sine (far from any crossing, so the
        // windows keep their bounds) in three different windows.
        double samplesPerPeriod = SAMPLE_RATE_HZ / DRIVE_HZ;
        double[] v = sine(AMPLITUDE_VOLTS, DRIVE_HZ, SAMPLE_RATE_HZ, 20_000, 0.0);
        int[] badIndices = {
            (int) Math.round(300.25 * samplesPerPeriod),
            (int) Math.round(430.75 * samplesPerPeriod),
            (int) Math.round(560.25 * samplesPerPeriod),
        };
        double[] badValues = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] replacedVolts = new double[badIndices.length];
        for (int i = 0; i < badIndices.length; i++) {
            replacedVolts[i] = v[badIndices[i]];
            v[badIndices[i]] = badValues[i];
        }
        PowerMeter meter = rlcMeter();
        List<PowerWindow> windows = feed(meter, v, 512);
        assertEquals(3, meter.nonFiniteSamples());

        double sineWatts = AMPLITUDE_VOLTS * AMPLITUDE_VOLTS / (2 * LOAD_OHMS);
        int windowsWithABadSample = 0;
        for (PowerWindow w : windows) {
            assertEquals(WINDOW_PERIODS, w.periods);
            assertEquals(DRIVE_HZ, w.driveFrequencyHz, FREQUENCY_REL_TOL * DRIVE_HZ);
            double expectedWatts = sineWatts;
            for (int i = 0; i < badIndices.length; i++) {
                double badSeconds = badIndices[i] / SAMPLE_RATE_HZ;
                if (w.startTimeSeconds < badSeconds && badSeconds < w.endTimeSeconds) {
                    // The trapezoid sum gives an inner sample the weight of one sample: taken as 0 V it
                    // takes v² × 1 sample out of the window's ∫v²dt. About 0.6 % of the window's power,
                    // 300 times the tolerance.
                    windowsWithABadSample++;
                    double windowSamples = w.durationSeconds() * SAMPLE_RATE_HZ;
                    expectedWatts -= replacedVolts[i] * replacedVolts[i] / (LOAD_OHMS * windowSamples);
                }
            }
            assertEquals(expectedWatts, w.loadPowerWatts, POWER_REL_TOL * sineWatts, "window at " + w.startTimeSeconds);
        }
        assertEquals(3, windowsWithABadSample);
    }

    @Test
    void resetStartsANewStream() {
        double[] noisy = sine(AMPLITUDE_VOLTS, DRIVE_HZ, SAMPLE_RATE_HZ, 3_000, 0.0);
        addNoise(noisy, 0.1, 3);
        noisy[10] = Double.NaN;
        double[] clean = sine(0.5 * AMPLITUDE_VOLTS, DRIVE_HZ, SAMPLE_RATE_HZ, 3_000, 1.0);
        PowerMeter used = rlcMeter();
        // Stop right after a window completed, so that there is a completion to forget.
        int offset = 0;
        while (!used.windowComplete()) {
            offset += used.update(noisy, offset, noisy.length - offset);
        }
        assertEquals(1, used.nonFiniteSamples());
        used.reset();
        assertFalse(used.windowComplete());
        assertEquals(0, used.samplesConsumed());
        assertEquals(0, used.nonFiniteSamples());

        List<PowerWindow> afterReset = feed(used, clean, 100);
        List<PowerWindow> fresh = feed(rlcMeter(), clean, 100);
        assertTrue(fresh.size() >= 5, "windows: " + fresh.size());
        assertEquals(fresh.size(), afterReset.size());
        for (int i = 0; i < fresh.size(); i++) {
            assertEquals(fresh.get(i).startTimeSeconds, afterReset.get(i).startTimeSeconds, 0.0);
            assertEquals(fresh.get(i).endTimeSeconds, afterReset.get(i).endTimeSeconds, 0.0);
            assertEquals(fresh.get(i).loadPowerWatts, afterReset.get(i).loadPowerWatts, 0.0);
            assertEquals(fresh.get(i).driveFrequencyHz, afterReset.get(i).driveFrequencyHz, 0.0);
        }
    }

    @Test
    void theSettingsReadBackAsGiven() {
        PowerMeter meter = new PowerMeter(2_000.0, 10.0, 7, 0.8);
        assertEquals(2_000.0, meter.sampleRateHz(), 0.0);
        assertEquals(10.0, meter.loadResistanceOhms(), 0.0);
        assertEquals(7, meter.windowPeriods());
        assertEquals(0.8, meter.maxWindowSeconds(), 0.0);
    }

    @Test
    void crossingsThatFallExactlyOnASampleAreCounted() {
        // A triangle wave of 8 samples per period, 0, A/2, A, A/2, 0, -A/2, -A, -A/2: its zeros are
        // samples of exactly 0 V (and so are those of its centred average). Over whole periods the
        // meter's integral is the trapezoid sum, whose mean is that of the samples' squares:
        // A²(0 + 1/4 + 1 + 1/4 + 0 + 1/4 + 1 + 1/4)/8 = 3A²/8.
        double[] shape = {0, 0.5, 1, 0.5, 0, -0.5, -1, -0.5};
        double[] v = new double[4_000];
        for (int n = 0; n < v.length; n++) {
            v[n] = AMPLITUDE_VOLTS * shape[n % shape.length];
        }
        List<PowerWindow> windows = feed(rlcMeter(), v, 256);
        assertTrue(windows.size() >= 20, "windows: " + windows.size());
        double expectedWatts = 3 * AMPLITUDE_VOLTS * AMPLITUDE_VOLTS / 8 / LOAD_OHMS;
        double expectedHz = SAMPLE_RATE_HZ / shape.length;
        for (PowerWindow w : windows) {
            assertEquals(WINDOW_PERIODS, w.periods);
            assertEquals(expectedHz, w.driveFrequencyHz, EXACT_REL_TOL * expectedHz);
            assertEquals(expectedWatts, w.loadPowerWatts, EXACT_REL_TOL * expectedWatts);
            // Every crossing is a sample whose index is a multiple of 8.
            double startSamples = w.startTimeSeconds * SAMPLE_RATE_HZ;
            assertEquals(0.0, Math.IEEEremainder(startSamples, shape.length), 1e-9);
        }
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

    @Test
    void aRestartAbandonsTheWindowInProgressKeepsTheStatisticsAndCountsTimeFromTheGivenIndex() {
        PowerMeter meter = rlcMeter();
        double[] before = sine(1.0, DRIVE_HZ, SAMPLE_RATE_HZ, 6_000, 0.3);
        List<PowerWindow> first = feed(meter, before, 64);
        assertTrue(first.size() >= 3, "windows before the gap: " + first.size());
        double lastEnd = first.get(first.size() - 1).endTimeSeconds;
        // 1000 samples go missing; the sine goes on at its own phase on the stream's time scale.
        long gapEnd = 7_000;
        meter.restartAt(gapEnd);
        double[] after = new double[4_000];
        for (int n = 0; n < after.length; n++) {
            after[n] = Math.sin(2 * Math.PI * DRIVE_HZ * (gapEnd + n) / SAMPLE_RATE_HZ + 0.3);
        }
        List<PowerWindow> next = feed(meter, after, 64);
        assertTrue(next.size() >= 3, "windows after the gap: " + next.size());
        PowerWindow resumed = next.get(0);
        assertTrue(resumed.startTimeSeconds >= gapEnd / SAMPLE_RATE_HZ, "no window reaches back across the gap: "
                + resumed.startTimeSeconds + " s");
        // The first crossing after the gap starts it: within one period and the look-ahead, no warm-up.
        assertTrue(resumed.startTimeSeconds < gapEnd / SAMPLE_RATE_HZ + 1.0 / DRIVE_HZ + 10 / SAMPLE_RATE_HZ,
                "started at " + resumed.startTimeSeconds + " s");
        assertTrue(resumed.startTimeSeconds > lastEnd);
        for (PowerWindow w : next) {
            assertEquals(DRIVE_HZ, w.driveFrequencyHz, DRIVE_HZ * FREQUENCY_REL_TOL);
            assertEquals(0.5 / LOAD_OHMS, w.loadPowerWatts, 0.5 / LOAD_OHMS * POWER_REL_TOL);
        }
        assertThrows(IllegalArgumentException.class, () -> meter.restartAt(-1));
        meter.reset();
        List<PowerWindow> fresh = feed(meter, before, 64);
        assertEquals(first.get(0).startTimeSeconds, fresh.get(0).startTimeSeconds, 0.0, "a reset counts from 0 again");
    }
}
