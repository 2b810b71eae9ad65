package org.resonantlearner.harvest;

import java.util.Objects;
import org.resonantlearner.check.Check;

/**
 * Measures the power into the load resistor from the load-voltage samples alone, averaged over whole
 * drive periods, and estimates the drive frequency from the same zero crossings.
 *
 * <p><b>Zero crossings.</b> Crossings are detected on a centred moving average of the samples,
 * {@code 2D + 1} samples wide with {@code D = floor(period / }{@value #SMOOTHING_PERIOD_DIVISOR}{@code )}
 * samples, at most {@value #LOOKAHEAD_SAMPLES}, taken from the last measured period ({@code D = 0},
 * raw samples, before the first period is measured and after a window closed by time). A centred average is linear-phase: a sine keeps its zero
 * crossings exactly and loses under 10 % of its amplitude, while white noise loses a factor
 * {@code √(2D + 1)} and becomes smooth from sample to sample, which is what makes spurious crossings
 * rare at 10 dB SNR. An upward crossing counts only when the smoothed signal has been below {@code -h}
 * and then rises above {@code +h}, with the hysteresis {@code h} = {@value #HYSTERESIS_FRACTION_OF_RMS}
 * × the running RMS of the raw signal (an exponential average of v² whose time constant is
 * {@value #RMS_TIME_CONSTANT_PERIODS} measured drive periods). The crossing instant is the last sign
 * change from ≤ 0 to &gt; 0 of the smoothed signal between arming and confirmation, interpolated
 * linearly between its two samples; a sine is almost straight at its zero, so the interpolation is
 * accurate to third order.
 *
 * <p><b>Power.</b> The raw v² is integrated with the trapezoid rule between samples, with the
 * Euler-Maclaurin end correction {@code -(f'(b) - f'(a))/12} (f = v², f' from central differences) at
 * the first and last sample of the window, plus the two fractional pieces between those samples and
 * the crossings, where the square of the linear interpolant is integrated exactly. For a sampled sine
 * the trapezoid sum is already exact over whole sample spans; the corrections remove the error of a
 * span that starts and ends between samples, so a pure sine at 16.2 samples per period comes out
 * within 2e-5 of {@code A²/(2R)} (8e-4 at 6.7 samples per period). Both rates repeat their pattern of
 * samples every few periods, so the residual errors at a window's two ends cancel; where the pattern
 * never repeats they do not (about 2.5e-5 at 14.1 and 1.3e-3 at 6.6 samples per period). Noise adds
 * its own power: the meter measures signal plus noise, as the load does.
 *
 * <p><b>Windows.</b> A window spans {@code windowPeriods} whole periods, from one confirmed crossing
 * to the {@code windowPeriods}-th next one; the next window starts at that crossing, so windows are
 * contiguous while crossings keep coming. Power = ∫v²dt / (R × duration), frequency = periods /
 * duration. When {@code maxWindowSeconds} pass after a window's start without enough crossings
 * (silence, DC, a signal drowned in noise, a drive far slower than configured) the window closes by
 * time instead: power over the raw span since its start, {@code periods = 0}, frequency NaN, and the
 * next window starts at that sample. After such a window, and at the start of the stream, the samples
 * before the first crossing belong to no period-closed window (a gap of less than one period).
 *
 * <p><b>Time.</b> Sample {@code n} of the stream is at {@code n / sampleRateHz} seconds (after a gap
 * announced with {@link #restartAt}, {@code n} counts the missing samples too); window
 * start and end times are the interpolated crossing instants on that scale (sample instants for
 * windows closed by time). The centred average needs {@value #LOOKAHEAD_SAMPLES} samples of
 * look-ahead, so a window completes when the sample that many after its end has been consumed
 * (0.4 ms at 20 kS/s, 4 ms at 2 kS/s).
 *
 * <p>A non-finite sample (a broken conversion) is counted in {@link #nonFiniteSamples()} and taken as
 * 0 V so that one bad sample does not poison every later window. {@link #update} allocates nothing.
 */
public final class PowerMeter {
    /** Hysteresis half-width as a fraction of the running RMS of the raw signal. */
    public static final double HYSTERESIS_FRACTION_OF_RMS = 0.5;
    /** Time constant of the running mean square, in measured drive periods. */
    public static final double RMS_TIME_CONSTANT_PERIODS = 2.0;
    /** The detection average's half-width is the period (samples) divided by this. */
    public static final int SMOOTHING_PERIOD_DIVISOR = 8;
    /** Largest half-width of the detection average, and so the meter's look-ahead (samples). */
    public static final int LOOKAHEAD_SAMPLES = 8;
    /** Shortest running-RMS time constant, in samples, whatever the measured period. */
    private static final double MIN_RMS_TIME_CONSTANT_SAMPLES = 4.0;
    private static final int RING_MASK = 31; // ring of 32 ≥ 2·LOOKAHEAD_SAMPLES + 2 samples

    private final double sampleRateHz;
    private final double loadResistanceOhms;
    private final int windowPeriods;
    private final double maxWindowSeconds;
    private final double maxWindowSamples;
    private final double initialPeriodGuessSamples;
    private final double[] ringVolts = new double[RING_MASK + 1];
    private final PowerWindow window = new PowerWindow();

    // Stream state. Sample m = received - LOOKAHEAD_SAMPLES is the one being processed.
    // Integrals are ∫v² in V²·samples, rebased to 0 at every window start.
    private long samplesReceived;
    // Stream index of sample 0 of this segment (samples since the last reset or restart).
    private long segmentStartIndex;
    // Samples processed since the last reset, across restarts: the signal statistics' age.
    private long samplesProcessed;
    private int smoothingHalfWidthSamples;
    private double previousSmoothedVolts;
    private double integralVolts2Samples;
    private double meanSquareVolts2;
    private double rmsAlpha;
    private boolean armed;
    private long nonFiniteSamples;

    // The latest zero up-crossing since arming, waiting for confirmation above +h.
    private boolean candidate;
    private double candidateSamples;
    private double candidateIntegralToCrossing;
    private double candidateIntegralBase;

    // The window being measured.
    private double windowStartSamples;
    private boolean periodsStarted;
    private double periodStartSamples;
    private double periodStartIntegral;
    private int periodsCounted;
    private boolean windowComplete;

    /**
     * Creates a meter.
     *
     * @param sampleRateHz samples per second of the stream, &gt; 0
     * @param loadResistanceOhms resistance the voltage is read across, &gt; 0
     * @param windowPeriods whole drive periods per window, 1 .. 1,000,000
     * @param maxWindowSeconds longest window before it closes by time, at least 2 samples long; a
     *     window of {@code windowPeriods} periods of the slowest expected drive must fit in it
     */
    public PowerMeter(double sampleRateHz, double loadResistanceOhms, int windowPeriods, double maxWindowSeconds) {
        this.sampleRateHz = Check.positive("sampleRateHz", sampleRateHz, "Hz");
        this.loadResistanceOhms = Check.positive("loadResistanceOhms", loadResistanceOhms, "ohm");
        this.windowPeriods = Check.inRange("windowPeriods", windowPeriods, "", 1, 1_000_000);
        this.maxWindowSeconds = Check.inRange("maxWindowSeconds", maxWindowSeconds, "s",
                2.0 / sampleRateHz, Double.MAX_VALUE);
        this.maxWindowSamples = maxWindowSeconds * sampleRateHz;
        this.initialPeriodGuessSamples = maxWindowSamples / windowPeriods;
        reset();
    }

    /**
     * Consumes samples from {@code loadVolts[offset .. offset + count)} until a window completes or the
     * block ends.
     *
     * @return how many samples were consumed; fewer than {@code count} exactly when a window completed
     *     before the block's end (call again with the rest)
     */
    public int update(double[] loadVolts, int offset, int count) {
        Objects.checkFromIndexSize(offset, count, loadVolts.length);
        windowComplete = false;
        for (int i = 0; i < count; i++) {
            receive(loadVolts[offset + i]);
            if (windowComplete) {
                return i + 1;
            }
        }
        return count;
    }

    private void receive(double sampleVolts) {
        double v = sampleVolts;
        if (!Double.isFinite(v)) {
            nonFiniteSamples++;
            v = 0;
        }
        ringVolts[(int) (samplesReceived & RING_MASK)] = v;
        samplesReceived++;
        long m = samplesReceived - 1 - LOOKAHEAD_SAMPLES;
        if (m >= 0) {
            process(m);
        }
    }

    private void process(long m) {
        double v = ringVolts[(int) (m & RING_MASK)];
        double v2 = v * v;
        double smoothed = smoothedVolts(m);
        double integralBefore = integralVolts2Samples;
        double previous = 0;
        if (m > 0) {
            previous = ringVolts[(int) ((m - 1) & RING_MASK)];
            integralVolts2Samples += 0.5 * (previous * previous + v2);
        }
        long age = samplesProcessed++;
        // Plain mean for the first samples, then an exponential average: unbiased from sample one.
        double alpha = Math.max(rmsAlpha, 1.0 / (age + 1));
        meanSquareVolts2 += alpha * (v2 - meanSquareVolts2);
        double threshold2 = HYSTERESIS_FRACTION_OF_RMS * HYSTERESIS_FRACTION_OF_RMS * meanSquareVolts2;
        boolean warm = age >= initialPeriodGuessSamples;

        double previousSmoothed = previousSmoothedVolts;
        if (armed && m > 0 && previousSmoothed <= 0 && smoothed > 0) {
            double fraction = previousSmoothed / (previousSmoothed - smoothed);
            double toCrossing = squaredLineIntegral(previous, v, fraction);
            double wholeSegment = squaredLineIntegral(previous, v, 1.0);
            // Euler-Maclaurin end corrections of the trapezoid sum, -(f'(last) - f'(first))/12 with
            // f = v², for the last sample before and the first sample after the crossing.
            double slopeBefore = m >= 2 ? previous * (v - ringVolts[(int) ((m - 2) & RING_MASK)]) : 0;
            double slopeAfter = v * (ringVolts[(int) ((m + 1) & RING_MASK)] - previous);
            candidate = true;
            candidateSamples = (m - 1) + fraction;
            candidateIntegralToCrossing = integralBefore + toCrossing - slopeBefore / 12.0;
            candidateIntegralBase = integralVolts2Samples - (wholeSegment - toCrossing) - slopeAfter / 12.0;
        }
        previousSmoothedVolts = smoothed;

        double smoothed2 = smoothed * smoothed;
        if (smoothed < 0 && smoothed2 > threshold2 && warm) {
            armed = true;
            candidate = false; // a crossing must come after the last dip below -h
        } else if (armed && candidate && smoothed > 0 && smoothed2 > threshold2) {
            armed = false;
            candidate = false;
            crossingConfirmed();
            if (windowComplete) {
                return;
            }
        }
        if (m - windowStartSamples >= maxWindowSamples) {
            closeByTime(m);
        }
    }

    /** Centred mean of the raw samples around {@code m}, narrowed near the start of the stream. */
    private double smoothedVolts(long m) {
        int halfWidth = (int) Math.min(smoothingHalfWidthSamples, m);
        double sum = 0;
        for (long k = m - halfWidth; k <= m + halfWidth; k++) {
            sum += ringVolts[(int) (k & RING_MASK)];
        }
        return sum / (2 * halfWidth + 1);
    }

    /** ∫₀^f (v0 + (v1 − v0)·s)² ds: the square of the straight line between two samples, exactly. */
    private static double squaredLineIntegral(double v0, double v1, double f) {
        double slope = v1 - v0;
        return f * (v0 * v0 + f * (v0 * slope + f * slope * slope / 3.0));
    }

    private static int smoothingHalfWidth(double periodSamples) {
        return (int) Math.max(0, Math.min(LOOKAHEAD_SAMPLES, Math.floor(periodSamples / SMOOTHING_PERIOD_DIVISOR)));
    }

    private void crossingConfirmed() {
        if (!periodsStarted) {
            periodsStarted = true;
            periodStartSamples = candidateSamples;
            periodStartIntegral = candidateIntegralBase;
            periodsCounted = 0;
            return;
        }
        periodsCounted++;
        if (periodsCounted < windowPeriods) {
            return;
        }
        double durationSamples = candidateSamples - periodStartSamples;
        double energyVolts2Samples = candidateIntegralToCrossing - periodStartIntegral;
        window.startTimeSeconds = (segmentStartIndex + periodStartSamples) / sampleRateHz;
        window.endTimeSeconds = (segmentStartIndex + candidateSamples) / sampleRateHz;
        window.loadPowerWatts = energyVolts2Samples / durationSamples / loadResistanceOhms;
        window.driveFrequencyHz = periodsCounted * sampleRateHz / durationSamples;
        window.periods = periodsCounted;
        windowComplete = true;

        double periodSamples = durationSamples / periodsCounted;
        double timeConstantSamples = Math.min(maxWindowSamples,
                Math.max(MIN_RMS_TIME_CONSTANT_SAMPLES, RMS_TIME_CONSTANT_PERIODS * periodSamples));
        rmsAlpha = 1.0 / timeConstantSamples;
        smoothingHalfWidthSamples = smoothingHalfWidth(periodSamples);

        integralVolts2Samples -= candidateIntegralBase;
        windowStartSamples = candidateSamples;
        periodStartSamples = candidateSamples;
        periodStartIntegral = 0;
        periodsCounted = 0;
        periodsStarted = true;
    }

    private void closeByTime(long m) {
        double durationSamples = m - windowStartSamples;
        window.startTimeSeconds = (segmentStartIndex + windowStartSamples) / sampleRateHz;
        window.endTimeSeconds = (segmentStartIndex + m) / sampleRateHz;
        window.loadPowerWatts = integralVolts2Samples / durationSamples / loadResistanceOhms;
        window.driveFrequencyHz = Double.NaN;
        window.periods = 0;
        windowComplete = true;

        integralVolts2Samples = 0;
        windowStartSamples = m;
        periodsStarted = false;
        periodsCounted = 0;
        // A crossing found before this boundary would start a window that overlaps this one.
        candidate = false;
        // Maybe the drive got much faster and the average now flattens it: detect on raw samples
        // until a period is measured again.
        smoothingHalfWidthSamples = 0;
    }

    /** True right after an {@link #update} call that completed a window. */
    public boolean windowComplete() {
        return windowComplete;
    }

    /**
     * The last completed window: the meter's own instance, refilled by the next completed window.
     * The loop fills {@link PowerWindow#positionSteps}; the meter leaves that field alone.
     */
    public PowerWindow window() {
        return window;
    }

    /** Samples consumed since construction, the last {@link #reset} or the last {@link #restartAt}. */
    public long samplesConsumed() {
        return samplesReceived;
    }

    /**
     * A gap in the stream: the next sample is stream sample {@code streamSampleIndex} (its time is
     * {@code streamSampleIndex / sampleRateHz}), and no sample before it belongs with those after. The
     * window in progress is abandoned, and so are the samples still waiting for their look-ahead; the
     * next window starts at the first confirmed crossing after the gap. The signal's statistics (the
     * running RMS, the period estimate, the warm-up) are kept: the signal is the same, only samples
     * are missing, so a gap of a few frames costs one window and not a new warm-up.
     */
    public void restartAt(long streamSampleIndex) {
        if (streamSampleIndex < 0) {
            throw new IllegalArgumentException("streamSampleIndex = " + streamSampleIndex + " must be >= 0");
        }
        startSegment(streamSampleIndex);
    }

    /** Abandons the window in progress and the samples waiting for look-ahead; the next sample is {@code streamSampleIndex}. */
    private void startSegment(long streamSampleIndex) {
        samplesReceived = 0;
        segmentStartIndex = streamSampleIndex;
        // The ring needs no clearing: every read of it is of a sample received since this point.
        previousSmoothedVolts = 0;
        integralVolts2Samples = 0;
        armed = false;
        candidate = false;
        windowStartSamples = 0;
        periodsStarted = false;
        periodStartSamples = 0;
        periodStartIntegral = 0;
        periodsCounted = 0;
        windowComplete = false;
    }

    /** Non-finite samples seen (each taken as 0 V) since construction or the last reset. */
    public long nonFiniteSamples() {
        return nonFiniteSamples;
    }

    /** Samples per second the meter assumes. */
    public double sampleRateHz() {
        return sampleRateHz;
    }

    /** Resistance the voltage is read across (Ω). */
    public double loadResistanceOhms() {
        return loadResistanceOhms;
    }

    /** Whole periods per window. */
    public int windowPeriods() {
        return windowPeriods;
    }

    /** Longest window before it closes by time (s). */
    public double maxWindowSeconds() {
        return maxWindowSeconds;
    }

    /**
     * Forgets everything: the next sample is sample 0 of a new stream (time 0), the running RMS and
     * the period estimate start over.
     */
    public void reset() {
        startSegment(0);
        samplesProcessed = 0;
        smoothingHalfWidthSamples = 0;
        meanSquareVolts2 = 0;
        rmsAlpha = 1.0 / Math.max(MIN_RMS_TIME_CONSTANT_SAMPLES, initialPeriodGuessSamples);
        nonFiniteSamples = 0;
        window.startTimeSeconds = 0;
        window.endTimeSeconds = 0;
        window.loadPowerWatts = 0;
        window.driveFrequencyHz = Double.NaN;
        window.periods = 0;
    }
}
