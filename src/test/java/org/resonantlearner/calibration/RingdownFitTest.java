package org.resonantlearner.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ringdown fit recovers the rig that generated a free decay: to 1e-6 from exact samples, to
 * 0.5 % from samples as the ADC delivers them, and refuses records with too little decay to fit.
 */
class RingdownFitTest {
    /** ±10 V over 12 bits. */
    private static final double LSB_VOLTS = 20.0 / 4096;

    /** A rig's free decay: the generating parameters, and their samples. */
    private record Decay(double f0Hz, double q, double amplitudeVolts, double phaseRadians, double sampleRateHz) {
        double decayRatePerSecond() {
            return 2 * Math.PI * f0Hz / (2 * q);
        }

        double dampedRadiansPerSecond() {
            double omega0 = 2 * Math.PI * f0Hz;
            return Math.sqrt(omega0 * omega0 - decayRatePerSecond() * decayRatePerSecond());
        }

        double envelopeVolts(double seconds) {
            return amplitudeVolts * Math.exp(-decayRatePerSecond() * seconds);
        }

        double[] samples(int count) {
            double[] volts = new double[count];
            for (int i = 0; i < count; i++) {
                double t = i / sampleRateHz;
                volts[i] = envelopeVolts(t) * Math.cos(dampedRadiansPerSecond() * t + phaseRadians);
            }
            return volts;
        }

        /** As a 12-bit ±10 V ADC reads them, with 0.5 mV of Gaussian noise before the conversion. */
        double[] adcSamples(int count, long seed) {
            Random random = new Random(seed);
            double[] volts = samples(count);
            for (int i = 0; i < count; i++) {
                double noisy = volts[i] + 0.5e-3 * random.nextGaussian();
                volts[i] = Math.max(-10, Math.min(10 - LSB_VOLTS, LSB_VOLTS * Math.rint(noisy / LSB_VOLTS)));
            }
            return volts;
        }
    }

    private static void assertRecovers(Decay decay, RingdownFit fit, double tolFraction) {
        assertRelative(decay.f0Hz(), fit.resonantFrequencyHz(), tolFraction, "f0");
        assertRelative(decay.q(), fit.loadedQ(), tolFraction, "Q");
        assertRelative(decay.dampedRadiansPerSecond() / (2 * Math.PI), fit.dampedFrequencyHz(), tolFraction, "f_d");
        assertRelative(decay.decayRatePerSecond(), fit.decayRatePerSecond(), tolFraction, "alpha");
        assertRelative(decay.amplitudeVolts(), fit.initialAmplitudeVolts(), tolFraction, "A");
    }

    private static void assertRelative(double expected, double actual, double tolFraction, String what) {
        assertEquals(expected, actual, tolFraction * Math.abs(expected), what);
    }

    private static double maxAbs(double[] volts, int count) {
        double max = 0;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, Math.abs(volts[i]));
        }
        return max;
    }

    /**
     * The fit ends where the envelope falls below the floor: the half-cycle before the end reaches
     * it, the one after does not, so the envelope at the end is the floor within half a period's
     * decay either way (and 2 % of sampling loss on the peak that stays under it), give or take
     * {@code readingErrorVolts} on the peak samples. A record that ends before the envelope reaches
     * the floor is used to its last crossing instead, less than a period before its end.
     */
    private static void assertEndsAtTheFloor(Decay decay, RingdownFit fit, int count, double floorVolts,
            double readingErrorVolts) {
        double endSeconds = fit.samplesUsed() / decay.sampleRateHz();
        if (decay.envelopeVolts(count / decay.sampleRateHz()) > floorVolts * 1.1) {
            double periodSeconds = 2 * Math.PI / decay.dampedRadiansPerSecond();
            assertTrue(count / decay.sampleRateHz() - endSeconds < periodSeconds, "used " + fit.samplesUsed());
            return;
        }
        double halfPeriodDecay = Math.exp(decay.decayRatePerSecond() * Math.PI / decay.dampedRadiansPerSecond());
        double envelopeVolts = decay.envelopeVolts(endSeconds);
        assertTrue(envelopeVolts >= floorVolts / halfPeriodDecay - readingErrorVolts
                && envelopeVolts <= floorVolts * halfPeriodDecay / 0.98 + readingErrorVolts,
                "envelope " + envelopeVolts + " V at the end, floor " + floorVolts + " V");
    }

    @Test
    void analyticJacobianMatchesCentralDifferences() {
        double[] timesSeconds = new double[400];
        for (int i = 0; i < timesSeconds.length; i++) {
            timesSeconds[i] = i / 20000.0;
        }
        JacobianCheck.assertMatchesCentralDifferences(
                (p, values, jacobian) -> RingdownFit.evaluate(timesSeconds, p, values, jacobian),
                new double[] {3.1, -2.2, 200, 6280}, timesSeconds.length, 1e-6);
    }

    /**
     * The seeds from exact samples, against bounds worked from the sampling. The record is used
     * until the envelope falls to the 2 % floor, ln(50)/α, less up to a period: that is the span T
     * of crossings and peaks the seeds see, h = 1/sampleRate apart.
     * <ul>
     *   <li>ω_d = π·(half-cycles)/(span of crossings): a zero crossing interpolated linearly between
     *       samples is off by at most (|v''|/|v'|)·h²/8, and near a zero of a damped cosine
     *       |v''|/|v'| ≤ 2α + ω²h; first and last crossing each, over T.</li>
     *   <li>α from the line through ln |v| of each half-cycle's largest sample: that sample lies
     *       within h/2 of the extremum, at most ε = (ω0·h)²/8 low in the log, and a line through n
     *       evenly spread times over T with errors in [−ε, 0] has its slope off by at most 3ε/T.</li>
     *   <li>C and S by least squares given those: the envelope's error shifts them by A·Δα/(2α)
     *       (the samples weigh most near t = 1/(2α)), the frequency's by A·Δω/(2α) of phase; twice
     *       that sum allows for the first-order estimate.</li>
     * </ul>
     */
    @ParameterizedTest(name = "{0} Hz, Q {1}, {4} S/s")
    @CsvSource({
        "1000, 15.7, 5.0, 0.3,  20000, 2000",
        "30,   63,   8.0, -2.9, 2000,  6000",
    })
    void theSeedsFromExactSamplesAreWithinTheSamplingBounds(double f0Hz, double q, double amplitudeVolts,
            double phaseRadians, double sampleRateHz, int count) {
        Decay decay = new Decay(f0Hz, q, amplitudeVolts, phaseRadians, sampleRateHz);
        RingdownFit.Start start = RingdownFit.start(decay.samples(count), count, sampleRateHz, 0);
        double alpha = decay.decayRatePerSecond();
        double omega = decay.dampedRadiansPerSecond();
        double h = 1 / sampleRateHz;
        double spanSeconds = Math.log(50) / alpha - 2 * Math.PI / omega;
        double omegaTol = 2 * (2 * alpha + omega * omega * h) * h * h / 8 / spanSeconds * omega;
        double alphaTol = 3 * Math.pow(2 * Math.PI * f0Hz * h, 2) / 8 / spanSeconds;
        double amplitudeTol = 2 * amplitudeVolts * (alphaTol + omegaTol) / (2 * alpha);
        double[] p = start.parameters();
        assertEquals(omega, p[3], omegaTol, "ω_d seed");
        assertEquals(alpha, p[2], alphaTol, "α seed");
        assertEquals(amplitudeVolts * Math.cos(phaseRadians), p[0], amplitudeTol, "C seed");
        assertEquals(-amplitudeVolts * Math.sin(phaseRadians), p[1], amplitudeTol, "S seed");
        assertEquals(start.volts().length, start.timesSeconds().length);
        assertEquals(1 / sampleRateHz, start.timesSeconds()[1], 1e-15, "sample 1");
    }

    @ParameterizedTest(name = "{0} Hz, Q {1}, {4} S/s")
    @CsvSource({
        "1000, 15.7, 5.0, 0.3,  20000, 2000",
        "30,   63,   8.0, -2.9, 2000,  6000",
        "30,   63,   0.1, 1.6,  2000,  6000",
        "1000, 200,  1.0, 3.1,  20000, 2000",
    })
    void recoversExactDecays(double f0Hz, double q, double amplitudeVolts, double phaseRadians, double sampleRateHz,
            int count) {
        Decay decay = new Decay(f0Hz, q, amplitudeVolts, phaseRadians, sampleRateHz);
        double[] volts = Arrays.copyOf(decay.samples(count), count + 100);
        Arrays.fill(volts, count, volts.length, Double.NaN); // beyond count: never read
        RingdownFit fit = RingdownFit.fit(volts, count, sampleRateHz, 0);
        assertRecovers(decay, fit, 1e-6);
        assertTrue(fit.residualRmsFraction() < 1e-9, "residual " + fit.residualRmsFraction());
        assertEndsAtTheFloor(decay, fit, count, 0.02 * maxAbs(volts, count), 0);
    }

    /** 12-bit samples with 0.5 mV noise; the noise floor given is their RMS error, 1.5 mV. */
    @ParameterizedTest(name = "{0} Hz, Q {1}, {3} S/s")
    @CsvSource({
        "1000, 15.7, 8.0, 20000, 600",
        "30,   63,   8.0, 2000,  6000",
        "30,   63,   1.0, 2000,  6000",
    })
    void recoversQuantisedNoisyDecaysWithinHalfAPercent(double f0Hz, double q, double amplitudeVolts,
            double sampleRateHz, int count) {
        Decay decay = new Decay(f0Hz, q, amplitudeVolts, 0.8, sampleRateHz);
        for (long seed = 1; seed <= 5; seed++) {
            double[] volts = decay.adcSamples(count, seed);
            RingdownFit fit = RingdownFit.fit(volts, count, sampleRateHz, 1.5e-3);
            assertRecovers(decay, fit, 0.005);
            double noiseRmsVolts = Math.sqrt(0.5e-3 * 0.5e-3 + LSB_VOLTS * LSB_VOLTS / 12);
            assertRelative(noiseRmsVolts / amplitudeVolts, fit.residualRmsFraction(), 0.2, "residual");
            assertEndsAtTheFloor(decay, fit, count, Math.max(15e-3, 0.02 * maxAbs(volts, count)), LSB_VOLTS / 2 + 2e-3);
        }
    }

    @Test
    void aHighNoiseFloorEndsTheFitEarlier() {
        Decay decay = new Decay(30, 63, 8.0, 0.8, 2000);
        double[] volts = decay.samples(6000);
        RingdownFit fit = RingdownFit.fit(volts, volts.length, 2000, 0.05); // floor 0.5 V, not 2 % of 8 V
        assertEndsAtTheFloor(decay, fit, volts.length, 0.5, 0);
        assertRecovers(decay, fit, 1e-6);
    }

    private static String errorOf(double[] volts, int count, double sampleRateHz, double noiseFloorVolts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RingdownFit.fit(volts, count, sampleRateHz, noiseFloorVolts));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    /**
     * Q 2 at 1 kHz falls to 2 % in ln(50)·2Q/ω0 = 2.5 periods, and the first, partial, half-cycle
     * before the first crossing does not count: 2 full cycles. A floor of 3.5 V under a 5 V start
     * leaves ln(5/3.5)·2Q/ω0 = 1.8 periods of Q 15.7: 1 full cycle.
     */
    @Test
    void tooFewCyclesAboveTheFloorAreRefused() {
        double[] fast = new Decay(1000, 2, 5, 0.3, 20000).samples(400);
        String message = errorOf(fast, fast.length, 20000, 0);
        assertTrue(message.startsWith("the ringdown has 2 full cycles above the floor "), message);
        assertTrue(message.endsWith(": a ringdown fit needs at least 3"), message);

        double[] noisy = new Decay(1000, 15.7, 5, 0.3, 20000).samples(400);
        assertTrue(errorOf(noisy, noisy.length, 20000, 0.35)
                .startsWith("the ringdown has 1 full cycle above the floor 3.5 V "
                        + "(the larger of 10.0 × noiseFloorVolts"));

        double[] exponential = new double[500];
        for (int i = 0; i < exponential.length; i++) {
            exponential[i] = 3 * Math.exp(-i / 50.0);
        }
        assertTrue(errorOf(exponential, exponential.length, 20000, 0).startsWith("the ringdown has 0 full cycles"));

        double[] shortRecord = new Decay(30, 63, 5, 0.3, 2000).samples(6000);
        assertTrue(errorOf(shortRecord, 120, 2000, 0).startsWith("the ringdown has 1 full cycle "),
                "count limits the record: 120 samples at 2 kS/s are 1.8 periods of 30 Hz");
    }

    /**
     * 30 Hz from its peak (phase 0) at 2 kS/s, 66.7 samples a period: zero crossings at
     * 16.7 + 33.3·k samples. 230 samples hold the seventh (k = 6, at 216.7) and so six complete
     * half-cycles, three full cycles: the least a fit accepts. 200 samples end before the sixth.
     */
    @Test
    void threeFullCyclesAreEnoughAndTwoAreNot() {
        Decay decay = new Decay(30, 63, 5, 0, 2000);
        double[] volts = decay.samples(230);
        RingdownFit fit = RingdownFit.fit(volts, 230, 2000, 0);
        assertRecovers(decay, fit, 1e-6);
        assertTrue(fit.samplesUsed() >= 216 && fit.samplesUsed() <= 218, "ends at the seventh crossing: "
                + fit.samplesUsed());
        assertTrue(errorOf(volts, 200, 2000, 0).startsWith("the ringdown has 2 full cycles "));
    }

    @Test
    void aSingleSampleIsCountedNotRefusedAsACount() {
        assertTrue(errorOf(new double[] {0.5}, 1, 2000, 0).startsWith("the ringdown has 0 full cycles above the floor"
                + " 0.01 V "));
    }

    @Test
    void aGrowingOscillationIsNotARingdown() {
        double[] volts = new double[2000];
        for (int i = 0; i < volts.length; i++) {
            double t = i / 20000.0;
            volts[i] = Math.exp(5 * t) * Math.cos(2 * Math.PI * 1000 * t);
        }
        assertTrue(errorOf(volts, volts.length, 20000, 0).startsWith("the ringdown does not decay: ringdown fit gave "
                + "decayRatePerSecond = -"));
    }

    @Test
    void invalidInputIsRefusedNamingTheCulprit() {
        double[] good = new Decay(1000, 15.7, 5, 0.3, 20000).samples(600);
        assertEquals("loadVolts is null", errorOf(null, 10, 20000, 0));
        assertEquals("count = 601 samples is invalid: allowed [1, 600] (loadVolts.length)",
                errorOf(good, 601, 20000, 0));
        assertEquals("count = 0 samples is invalid: allowed [1, 600] (loadVolts.length)", errorOf(good, 0, 20000, 0));
        assertTrue(errorOf(good, 600, 0, 0).startsWith("sampleRateHz = 0.0 Hz is invalid"));
        assertTrue(errorOf(good, 600, Double.NaN, 0).startsWith("sampleRateHz = NaN Hz is invalid"));
        assertTrue(errorOf(good, 600, 20000, -1e-3).startsWith("noiseFloorVolts = -0.001 V is invalid"));
        assertTrue(errorOf(good, 600, 20000, Double.POSITIVE_INFINITY)
                .startsWith("noiseFloorVolts = Infinity V is invalid"));
        double[] broken = good.clone();
        broken[7] = Double.NaN;
        assertEquals("loadVolts[7] = NaN V is not finite", errorOf(broken, 600, 20000, 0));
        assertEquals("loadVolts has no signal: all 50 samples are 0 V", errorOf(new double[80], 50, 20000, 0));
    }
}
