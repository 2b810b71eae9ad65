package org.resonantlearner.calibration;

import org.resonantlearner.check.Check;

/**
 * A fit of the free decay of the load voltage after the drive is switched off: resonant frequency and
 * loaded Q from one record, without a frequency sweep.
 *
 * <p><b>Model.</b> v(t) = A·e^{−αt}·cos(ω_d·t + φ), t = i / sampleRate for sample i (the first
 * sample is t = 0), offset already removed. Fitted as e^{−αt}·(C·cos ω_d t + S·sin ω_d t), the same
 * curve with A = √(C² + S²) and φ = atan2(−S, C), because it is linear in C and S and needs no
 * wrapping of φ. Reported: ω0 = √(ω_d² + α²), resonantFrequencyHz = ω0/2π, loadedQ = ω0/(2α).
 *
 * <p><b>Samples used.</b> Zero crossings are sign changes confirmed by hysteresis (the signal must
 * swing beyond ±half the floor below), interpolated linearly between the two samples around the sign
 * change. The floor is max({@value #NOISE_FLOOR_FACTOR}·noiseFloorVolts,
 * {@value #END_FRACTION_OF_INITIAL} of the initial amplitude), the initial amplitude being the
 * largest |v| of the record. The fit uses the samples from the first one to the crossing that ends
 * the last complete half-cycle (crossing to crossing) whose largest |v| is at or above the floor,
 * stopping at the first one below it: there the envelope has fallen below the floor, and later
 * samples carry more noise than decay. At least {@value #MIN_FULL_CYCLES} full cycles (twice as many
 * half-cycles) must be above the floor.
 *
 * <p><b>Method.</b> Seeds: ω_d = π·(half-cycles)/(time from the first to the last crossing used);
 * α = −slope of the least-squares line through ln(largest |v| of each half-cycle) against the time
 * of that sample (successive extrema of a damped cosine are exactly π/ω_d apart and shrink by
 * exactly e^{−απ/ω_d}); C and S by linear least squares given those. Then Levenberg–Marquardt
 * ({@link LevenbergMarquardt}) refines all four on the samples used, unweighted, with the analytic
 * Jacobian, until the relative parameter step is below 1e-12, in at most 200 iterations.
 *
 * @param resonantFrequencyHz ω0/2π (Hz), &gt; 0
 * @param loadedQ ω0/(2α) (dimensionless), &gt; 0
 * @param dampedFrequencyHz ω_d/2π (Hz), the ringing frequency, &gt; 0
 * @param decayRatePerSecond α (1/s), the envelope's decay rate, &gt; 0
 * @param initialAmplitudeVolts A (V), the envelope at the first sample, &gt; 0
 * @param residualRmsFraction RMS of v_i − v(t_i) over the samples used, divided by A, ≥ 0
 * @param samplesUsed how many samples, from the first, were fitted
 */
public record RingdownFit(double resonantFrequencyHz, double loadedQ, double dampedFrequencyHz,
        double decayRatePerSecond, double initialAmplitudeVolts, double residualRmsFraction, int samplesUsed) {
    /** The floor is at least this many noise floors: below it the envelope is lost in the noise. */
    public static final double NOISE_FLOOR_FACTOR = 10;
    /** The floor is at least this fraction of the initial amplitude (2 %, about 4 time constants). */
    public static final double END_FRACTION_OF_INITIAL = 0.02;
    /** Fewest full cycles above the floor that a fit accepts. */
    public static final int MIN_FULL_CYCLES = 3;
    private static final String FIT = "ringdown fit";

    /** Validates every field. */
    public RingdownFit {
        Check.positive("resonantFrequencyHz", resonantFrequencyHz, "Hz");
        Check.positive("loadedQ", loadedQ, "");
        Check.positive("dampedFrequencyHz", dampedFrequencyHz, "Hz");
        Check.positive("decayRatePerSecond", decayRatePerSecond, "1/s");
        Check.positive("initialAmplitudeVolts", initialAmplitudeVolts, "V");
        Check.nonNegative("residualRmsFraction", residualRmsFraction, "");
        Check.inRange("samplesUsed", samplesUsed, "samples", 1, Integer.MAX_VALUE);
    }

    /**
     * Fits the model to the first {@code count} samples of a free decay.
     *
     * @param loadVolts load voltage (V), offset removed, sample 0 at or just after the drive was
     *     switched off; the first {@code count} must be finite
     * @param count how many samples of {@code loadVolts} are valid, in [1, loadVolts.length]
     * @param sampleRateHz samples per second (Hz), &gt; 0
     * @param noiseFloorVolts RMS noise of the load-voltage reading (V), ≥ 0 (0 for exact data)
     * @throws IllegalArgumentException with a one-line message naming the culprit: invalid input,
     *     fewer than {@value #MIN_FULL_CYCLES} full cycles above the floor, no convergence, or a
     *     non-physical result
     */
    public static RingdownFit fit(double[] loadVolts, int count, double sampleRateHz, double noiseFloorVolts) {
        Start start = start(loadVolts, count, sampleRateHz, noiseFloorVolts);
        double[] timesSeconds = start.timesSeconds();
        LevenbergMarquardt.Solution solution = LevenbergMarquardt.minimise(FIT,
                (p, values, jacobian) -> evaluate(timesSeconds, p, values, jacobian), start.volts(),
                start.parameters());

        double[] p = solution.parameters();
        double amplitudeVolts = Math.hypot(p[0], p[1]);
        double decayRatePerSecond = p[2];
        double dampedRadiansPerSecond = p[3];
        if (!(decayRatePerSecond > 0)) {
            throw new IllegalArgumentException("the ringdown does not decay: " + FIT + " gave decayRatePerSecond = "
                    + decayRatePerSecond + " 1/s");
        }
        if (!(dampedRadiansPerSecond > 0 && dampedRadiansPerSecond < Math.PI * sampleRateHz)) {
            throw new IllegalArgumentException(FIT + " gave a damped frequency of "
                    + dampedRadiansPerSecond / (2 * Math.PI) + " Hz, outside (0, " + sampleRateHz / 2
                    + " Hz), the band the sample rate resolves");
        }
        double resonantRadiansPerSecond = Math.hypot(dampedRadiansPerSecond, decayRatePerSecond);
        return new RingdownFit(resonantRadiansPerSecond / (2 * Math.PI),
                resonantRadiansPerSecond / (2 * decayRatePerSecond), dampedRadiansPerSecond / (2 * Math.PI),
                decayRatePerSecond, amplitudeVolts, solution.residualRms() / amplitudeVolts, timesSeconds.length);
    }

    /**
     * What the fit starts from: the samples it uses (from the first to the crossing that ends the
     * last complete half-cycle above the floor) and the seeds {C, S, α, ω_d} of the class comment.
     *
     * @param timesSeconds i / sampleRate for each sample used
     * @param volts the samples used (V)
     * @param parameters the starting {C (V), S (V), α (1/s), ω_d (rad/s)}
     */
    record Start(double[] timesSeconds, double[] volts, double[] parameters) {}

    /** The samples and seeds for {@link #fit}, with its checks of the input and of the cycles above the floor. */
    static Start start(double[] loadVolts, int count, double sampleRateHz, double noiseFloorVolts) {
        if (loadVolts == null) {
            throw new IllegalArgumentException("loadVolts is null");
        }
        if (count < 1 || count > loadVolts.length) {
            throw new IllegalArgumentException("count = " + count + " samples is invalid: allowed [1, "
                    + loadVolts.length + "] (loadVolts.length)");
        }
        Check.positive("sampleRateHz", sampleRateHz, "Hz");
        Check.nonNegative("noiseFloorVolts", noiseFloorVolts, "V");
        double initialAmplitudeVolts = 0;
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(loadVolts[i])) {
                throw new IllegalArgumentException(PeakData.at("loadVolts", i, loadVolts[i], "V") + " is not finite");
            }
            initialAmplitudeVolts = Math.max(initialAmplitudeVolts, Math.abs(loadVolts[i]));
        }
        if (initialAmplitudeVolts == 0) {
            throw new IllegalArgumentException("loadVolts has no signal: all " + count + " samples are 0 V");
        }
        double floorVolts = Math.max(NOISE_FLOOR_FACTOR * noiseFloorVolts,
                END_FRACTION_OF_INITIAL * initialAmplitudeVolts);
        Crossings crossings = Crossings.find(loadVolts, count, floorVolts / 2);

        // Complete half-cycles from the start while their largest |v| stays at or above the floor.
        int halfCycles = 0;
        double[] peakSeconds = new double[crossings.count]; // one per half-cycle: at most count − 1 are used
        double[] logPeakVolts = new double[peakSeconds.length];
        while (halfCycles < crossings.count - 1) {
            int largest = crossings.sampleAfter[halfCycles];
            for (int i = largest + 1; i < crossings.sampleAfter[halfCycles + 1]; i++) {
                if (Math.abs(loadVolts[i]) > Math.abs(loadVolts[largest])) {
                    largest = i;
                }
            }
            if (Math.abs(loadVolts[largest]) < floorVolts) {
                break;
            }
            peakSeconds[halfCycles] = largest / sampleRateHz;
            logPeakVolts[halfCycles] = Math.log(Math.abs(loadVolts[largest]));
            halfCycles++;
        }
        if (halfCycles < 2 * MIN_FULL_CYCLES) {
            int fullCycles = halfCycles / 2;
            throw new IllegalArgumentException("the ringdown has " + fullCycles
                    + (fullCycles == 1 ? " full cycle" : " full cycles") + " above the floor "
                    + floorVolts + " V (the larger of " + NOISE_FLOOR_FACTOR + " × noiseFloorVolts and "
                    + END_FRACTION_OF_INITIAL + " × the initial amplitude " + initialAmplitudeVolts
                    + " V): a " + FIT + " needs at least " + MIN_FULL_CYCLES);
        }
        int samplesUsed = crossings.sampleAfter[halfCycles];
        double[] timesSeconds = new double[samplesUsed];
        double[] usedVolts = new double[samplesUsed];
        for (int i = 0; i < samplesUsed; i++) {
            timesSeconds[i] = i / sampleRateHz;
            usedVolts[i] = loadVolts[i];
        }

        double crossingSpanSeconds = (crossings.atSamples[halfCycles] - crossings.atSamples[0]) / sampleRateHz;
        double dampedRadiansPerSecond = Math.PI * halfCycles / crossingSpanSeconds;
        double decayRatePerSecond = seedDecayRate(peakSeconds, logPeakVolts, halfCycles, dampedRadiansPerSecond);
        double[] cosineSine = seedCosineSine(timesSeconds, usedVolts, decayRatePerSecond, dampedRadiansPerSecond);
        return new Start(timesSeconds, usedVolts,
                new double[] {cosineSine[0], cosineSine[1], decayRatePerSecond, dampedRadiansPerSecond});
    }

    /** α from the line through ln(peak) against time; a slow decay the line cannot resolve starts from a tiny α. */
    private static double seedDecayRate(double[] peakSeconds, double[] logPeakVolts, int halfCycles,
            double dampedRadiansPerSecond) {
        double[][] design = new double[halfCycles][];
        double[] target = new double[halfCycles];
        for (int k = 0; k < halfCycles; k++) {
            design[k] = new double[] {1, peakSeconds[k]};
            target[k] = logPeakVolts[k];
        }
        double[] line = LevenbergMarquardt.linearLeastSquares(design, target);
        double decayRatePerSecond = line == null ? 0 : -line[1];
        // α must start > 0 (Q = ω0/2α); 1e-6·ω_d is a Q of 5e5, above any loaded rig.
        return Math.max(decayRatePerSecond, 1e-6 * dampedRadiansPerSecond);
    }

    /** C and S of e^{−αt}(C cos ω_d t + S sin ω_d t) by linear least squares, given α and ω_d. */
    private static double[] seedCosineSine(double[] timesSeconds, double[] volts, double decayRatePerSecond,
            double dampedRadiansPerSecond) {
        double[][] design = new double[timesSeconds.length][];
        for (int i = 0; i < timesSeconds.length; i++) {
            double envelope = Math.exp(-decayRatePerSecond * timesSeconds[i]);
            double phase = dampedRadiansPerSecond * timesSeconds[i];
            design[i] = new double[] {envelope * Math.cos(phase), envelope * Math.sin(phase)};
        }
        double[] cosineSine = LevenbergMarquardt.linearLeastSquares(design, volts);
        // Degenerate only if the two columns coincide, which ≥ 3 cycles exclude; keep a usable start anyway.
        return cosineSine != null ? cosineSine : new double[] {volts[0], 0};
    }

    /** The model and its Jacobian for p = (C, S, α, ω_d). */
    static void evaluate(double[] timesSeconds, double[] p, double[] values, double[][] jacobian) {
        double cosine = p[0];
        double sine = p[1];
        double decayRatePerSecond = p[2];
        double dampedRadiansPerSecond = p[3];
        for (int i = 0; i < timesSeconds.length; i++) {
            double t = timesSeconds[i];
            double envelope = Math.exp(-decayRatePerSecond * t);
            double cos = Math.cos(dampedRadiansPerSecond * t);
            double sin = Math.sin(dampedRadiansPerSecond * t);
            double m = envelope * (cosine * cos + sine * sin);
            values[i] = m;
            jacobian[i][0] = envelope * cos;
            jacobian[i][1] = envelope * sin;
            jacobian[i][2] = -t * m;
            jacobian[i][3] = t * envelope * (sine * cos - cosine * sin);
        }
    }

    /**
     * Zero crossings confirmed by hysteresis: a crossing counts when the signal, having been beyond
     * −h (or +h), reaches beyond +h (−h); it is placed at the last sign change before that.
     *
     * @param count how many crossings
     * @param sampleAfter first sample after each crossing
     * @param atSamples each crossing's interpolated position, in samples from sample 0
     */
    private record Crossings(int count, int[] sampleAfter, double[] atSamples) {
        static Crossings find(double[] volts, int samples, double hysteresisVolts) {
            int[] sampleAfter = new int[samples];
            double[] atSamples = new double[samples];
            int count = 0;
            int side = 0; // the side of ±h last reached: +1, −1, or 0 before either
            int lastSignChange = -1;
            for (int i = 0; i < samples; i++) {
                if (i > 0 && (volts[i - 1] > 0) != (volts[i] > 0)) {
                    lastSignChange = i;
                }
                int level = volts[i] > hysteresisVolts ? 1 : volts[i] < -hysteresisVolts ? -1 : 0;
                if (level != 0 && level != side) {
                    if (side != 0) {
                        // the sign change lies between samples j − 1 and j; the signal is nearly straight there
                        int j = lastSignChange;
                        sampleAfter[count] = j;
                        atSamples[count] = j - 1 + volts[j - 1] / (volts[j - 1] - volts[j]);
                        count++;
                    }
                    side = level;
                }
            }
            return new Crossings(count, sampleAfter, atSamples);
        }
    }
}
