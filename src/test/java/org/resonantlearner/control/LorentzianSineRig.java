package org.resonantlearner.control;

import java.util.Random;
import org.resonantlearner.hal.Clock;
import org.resonantlearner.hal.CountingActuator;
import org.resonantlearner.hal.SampleSource;
import org.resonantlearner.hal.TuningActuator;

/**
 * Test-only rig behind the hal ports the service loop reads and moves: load-voltage samples of a
 * sine at the drive frequency whose mean power follows a Lorentzian in the actuator position.
 *
 * <p><b>Model.</b> The steady-state load power at position θ is {@code P*·a(t)/(1 + ((θ − θ0(t))/w)²)}
 * (P* the peak power, a(t) an amplitude factor that may step, w the half-width, θ0(t) a peak position
 * that may ramp and step). After every move the mean power P approaches it to first order with the
 * time constant τ (the ring-up): from sample to sample {@code P ← P_ss + (P − P_ss)·exp(−Δt/τ)}, so
 * a move just before sample 0 gives {@code P(t) = P_ss + (P(0) − P_ss)·exp(−t/τ)} at every sample
 * instant. Sample n is {@code v = A·sin(2π·f·n/fs) + A·k·ξ} with {@code A = √(2·R·P)} (so that the
 * mean of v²/R over whole periods is P) and ξ ~ N(0, 1) from the rig's own seeded generator.
 *
 * <p><b>Noise.</b> The knob r is the relative standard deviation of one window's power. A window of
 * N samples measures {@code P̂ = (1/N)·Σ(v + n)²/R}; the cross term {@code 2·v·n} dominates its spread:
 * {@code Var = 4·σ_n²·P/(R·N)}, so with σ_n = k·A (A² = 2·R·P) the relative spread is
 * {@code k·√(8/N)}, and {@code k = r·√(N/8)} gives r. The noise scales with the amplitude, so the
 * relative spread is r at every power, like the window-level multiplicative noise it replaces. The
 * n² term adds a bias of 2k² (4.5 % at r = 3 % and N = 200: the same factor at every position, so
 * no comparison changes) and a little spread of its own; {@link #windowPowerSpread()} gives the
 * exact figure, {@code k·√(8·(1 + k²)/N) / (1 + 2k²)} relative to the biased mean.
 *
 * <p><b>Truth.</b> The rig keeps the cumulative true (noise-free) and oracle (peak) energy per sample
 * in a ring, so that a listener can take the true power over exactly the span a meter window covered
 * ({@link #truePowerFraction}). The oracle is the peak power P*·a(t): the peak always lies inside the
 * range in these tests.
 *
 * <p>The knobs are plain fields set fluently; {@link #source()}, {@link #actuator()} (a hal
 * {@link CountingActuator}, which anyone may move, as someone else would) and {@link #clock()} (virtual:
 * sample time) are the ports. Reading samples allocates nothing.
 */
final class LorentzianSineRig {
    /** Samples per drive period: 20 kS/s at the 1 kHz drive of the RLC-like rig. */
    static final int SAMPLES_PER_PERIOD = 20;
    /** Load resistance (Ω): 1 Ω makes the mean square of the volts the power in watts. */
    static final double LOAD_OHMS = 1.0;
    /** Drive periods per meter window (N = this × {@link #SAMPLES_PER_PERIOD} samples). */
    static final int WINDOW_PERIODS = 10;
    /** Samples of truth kept: more than a window (200 samples) plus the meter's look-ahead and a block. */
    private static final int TRUTH_RING = 1 << 12;
    private static final int MAX_PEAK_STEPS = 4;

    final double driveHz;
    final double sampleRateHz;
    final double ringTimeConstantSeconds;
    double peakPowerWatts = 1.0;
    double halfWidthSteps;
    double peakStartSteps;
    double rampStepsPerSecond;
    private final double[] peakStepTimeSeconds = new double[MAX_PEAK_STEPS];
    private final double[] peakStepSteps = new double[MAX_PEAK_STEPS];
    private int peakSteps;
    double amplitudeStepTimeSeconds = Double.POSITIVE_INFINITY;
    double amplitudeStepFactor = 1.0;
    private double noiseRatio;
    private final Random noise;

    private final double decayPerSample;
    private final double[] trueEnergyRing = new double[TRUTH_RING];
    private final double[] oracleEnergyRing = new double[TRUTH_RING];
    private long samples;
    private double powerWatts;
    private double trueEnergyJoules;
    private double oracleEnergyJoules;

    private final SampleSource source = new Source();
    private final CountingActuator actuator;
    /** Virtual time: one sample period per sample produced. */
    private final Clock clock = () -> Math.round(samples * 1e9 / sampleRateHz());

    /**
     * A rig on [min, max] steps.
     *
     * @param driveHz drive frequency (Hz); the rig samples at {@link #SAMPLES_PER_PERIOD} × this
     * @param ringTimeConstantSeconds τ of the first-order approach of the power after a move (s)
     * @param noiseSeed seed of the rig's own noise generator
     */
    LorentzianSineRig(double driveHz, double ringTimeConstantSeconds, int minPositionSteps, int maxPositionSteps,
            long noiseSeed) {
        this.driveHz = driveHz;
        this.sampleRateHz = SAMPLES_PER_PERIOD * driveHz;
        this.ringTimeConstantSeconds = ringTimeConstantSeconds;
        this.actuator = new CountingActuator(minPositionSteps, maxPositionSteps, minPositionSteps);
        this.decayPerSample = Math.exp(-1 / (sampleRateHz * ringTimeConstantSeconds));
        this.noise = new Random(noiseSeed);
    }

    /** Relative standard deviation r of one window's power (see the class comment). */
    LorentzianSineRig noise(double relativeSpread) {
        this.noiseRatio = relativeSpread * Math.sqrt(samplesPerWindow() / 8.0);
        return this;
    }

    LorentzianSineRig ramp(double stepsPerSecond) {
        this.rampStepsPerSecond = stepsPerSecond;
        return this;
    }

    /** Adds a step of the peak position by {@code bySteps} at {@code atSeconds} (up to four). */
    LorentzianSineRig peakStep(double atSeconds, double bySteps) {
        peakStepTimeSeconds[peakSteps] = atSeconds;
        peakStepSteps[peakSteps] = bySteps;
        peakSteps++;
        return this;
    }

    LorentzianSineRig amplitudeStep(double atSeconds, double powerFactor) {
        this.amplitudeStepTimeSeconds = atSeconds;
        this.amplitudeStepFactor = powerFactor;
        return this;
    }

    /** Puts the actuator at {@code steps} with the resonator already settled there. */
    LorentzianSineRig startAt(int steps) {
        actuator.position = actuator.requireInRange(steps);
        powerWatts = steadyPowerWatts(steps, 0.0);
        return this;
    }

    private double sampleRateHz() {
        return sampleRateHz;
    }

    double samplesPerWindow() {
        return WINDOW_PERIODS * SAMPLES_PER_PERIOD;
    }

    /** Relative standard deviation of one window's measured power about its mean (see the class comment). */
    double windowPowerSpread() {
        double k = noiseRatio;
        return k * Math.sqrt(8 * (1 + k * k) / samplesPerWindow()) / (1 + 2 * k * k);
    }

    double peakPositionSteps(double t) {
        double peak = peakStartSteps + rampStepsPerSecond * t;
        for (int i = 0; i < peakSteps; i++) {
            if (t >= peakStepTimeSeconds[i]) {
                peak += peakStepSteps[i];
            }
        }
        return peak;
    }

    double oraclePowerWatts(double t) {
        return peakPowerWatts * (t >= amplitudeStepTimeSeconds ? amplitudeStepFactor : 1.0);
    }

    double steadyPowerWatts(double steps, double t) {
        double x = (steps - peakPositionSteps(t)) / halfWidthSteps;
        return oraclePowerWatts(t) / (1 + x * x);
    }

    private double nextSampleVolts() {
        double t = samples / sampleRateHz;
        int slot = (int) (samples & (TRUTH_RING - 1));
        trueEnergyRing[slot] = trueEnergyJoules;
        oracleEnergyRing[slot] = oracleEnergyJoules;
        trueEnergyJoules += powerWatts / sampleRateHz;
        oracleEnergyJoules += oraclePowerWatts(t) / sampleRateHz;
        samples++;
        double amplitudeVolts = Math.sqrt(2 * LOAD_OHMS * powerWatts);
        double volts = amplitudeVolts * Math.sin(2 * Math.PI * driveHz * t);
        if (noiseRatio > 0) {
            volts += amplitudeVolts * noiseRatio * noise.nextGaussian();
        }
        // The power at the next sample: one step of the first-order approach to this instant's steady state.
        double target = steadyPowerWatts(actuator.position, t);
        powerWatts = target + (powerWatts - target) * decayPerSample;
        return volts;
    }

    /**
     * True power over the oracle's between stream times {@code startSeconds} and {@code endSeconds}
     * (a window the meter just closed), from the per-sample truth.
     */
    double truePowerFraction(double startSeconds, double endSeconds) {
        double from = startSeconds * sampleRateHz;
        double to = endSeconds * sampleRateHz;
        if (from < samples - TRUTH_RING + 2 || to >= samples - 1) {
            throw new IllegalStateException("span [" + startSeconds + ", " + endSeconds + "] s is not in the truth ring");
        }
        return (energyAt(trueEnergyRing, to) - energyAt(trueEnergyRing, from))
                / (energyAt(oracleEnergyRing, to) - energyAt(oracleEnergyRing, from));
    }

    /** Cumulative energy at a fractional sample position, linear between the samples. */
    private static double energyAt(double[] ring, double sample) {
        long below = (long) Math.floor(sample);
        double before = ring[(int) (below & (TRUTH_RING - 1))];
        double after = ring[(int) ((below + 1) & (TRUTH_RING - 1))];
        return before + (sample - below) * (after - before);
    }

    /** True (noise-free) energy delivered so far (J). */
    double trueEnergyJoules() {
        return trueEnergyJoules;
    }

    /** Oracle (peak) energy over the same samples (J). */
    double oracleEnergyJoules() {
        return oracleEnergyJoules;
    }

    /** Stream time of the samples produced so far (s). */
    double timeSeconds() {
        return samples / sampleRateHz;
    }

    int positionSteps() {
        return actuator.position;
    }

    /** Moves the actuator port has made (the loop's and anyone else's). */
    int moves() {
        return actuator.moves;
    }

    SampleSource source() {
        return source;
    }

    TuningActuator actuator() {
        return actuator;
    }

    Clock clock() {
        return clock;
    }

    private final class Source implements SampleSource {
        @Override
        public double sampleRateHz() {
            return sampleRateHz;
        }

        @Override
        public int read(double[] loadVolts, int offset, int count) {
            for (int i = 0; i < count; i++) {
                loadVolts[offset + i] = nextSampleVolts();
            }
            return count;
        }

        @Override
        public void close() {}
    }
}
