package org.resonantlearner.control;

import java.util.Random;
import org.resonantlearner.harvest.PowerWindow;

/**
 * Test-only stand-in for a rig as the tuners see it: actuator position → load power, with a
 * Lorentzian steady state {@code P*·a(t)/(1 + ((θ − θ0(t))/w)²)}, a first-order approach to it with
 * time constant τ after every move (the ring-up), multiplicative Gaussian measurement noise, and a peak
 * position θ0(t) that may ramp and step. It emits power windows on a fixed cadence, as the meter would.
 *
 * <p>The knobs are plain fields set fluently in the test; the noise has its own seeded generator.
 */
final class LorentzianTestPlant {
    /** Integration sub-steps per window for the first-order approach. */
    private static final int SUBSTEPS = 20;

    double peakPowerWatts = 1.0;
    double halfWidthSteps = 75.0;
    double peakStartSteps = 5_000.0;
    double rampStepsPerSecond = 0.0;
    double peakStepTimeSeconds = Double.POSITIVE_INFINITY;
    double peakStepSteps = 0.0;
    double amplitudeStepTimeSeconds = Double.POSITIVE_INFINITY;
    double amplitudeStepFactor = 1.0;
    double ringTimeConstantSeconds;
    double windowSeconds;
    double relativeNoise = 0.0;
    private final Random noise;

    private double timeSeconds;
    private int positionSteps;
    private double powerWatts;
    private double lastWindowTruePowerWatts;
    private double lastWindowOraclePowerWatts;

    LorentzianTestPlant(double ringTimeConstantSeconds, double windowSeconds, long noiseSeed) {
        this.ringTimeConstantSeconds = ringTimeConstantSeconds;
        this.windowSeconds = windowSeconds;
        this.noise = new Random(noiseSeed);
    }

    LorentzianTestPlant noise(double relativeStd) {
        this.relativeNoise = relativeStd;
        return this;
    }

    LorentzianTestPlant ramp(double stepsPerSecond) {
        this.rampStepsPerSecond = stepsPerSecond;
        return this;
    }

    LorentzianTestPlant peakStep(double atSeconds, double bySteps) {
        this.peakStepTimeSeconds = atSeconds;
        this.peakStepSteps = bySteps;
        return this;
    }

    LorentzianTestPlant amplitudeStep(double atSeconds, double powerFactor) {
        this.amplitudeStepTimeSeconds = atSeconds;
        this.amplitudeStepFactor = powerFactor;
        return this;
    }

    /** Puts the actuator at {@code steps} with the resonator already settled there. */
    LorentzianTestPlant startAt(int steps) {
        positionSteps = steps;
        powerWatts = steadyPowerWatts(steps, 0.0);
        return this;
    }

    double peakPositionSteps(double t) {
        return peakStartSteps + rampStepsPerSecond * t + (t >= peakStepTimeSeconds ? peakStepSteps : 0.0);
    }

    double oraclePowerWatts(double t) {
        return peakPowerWatts * (t >= amplitudeStepTimeSeconds ? amplitudeStepFactor : 1.0);
    }

    double steadyPowerWatts(double steps, double t) {
        double x = (steps - peakPositionSteps(t)) / halfWidthSteps;
        return oraclePowerWatts(t) / (1 + x * x);
    }

    void moveTo(int steps) {
        positionSteps = steps;
    }

    int positionSteps() {
        return positionSteps;
    }

    double timeSeconds() {
        return timeSeconds;
    }

    /** Runs one window and fills {@code w} (not positionSteps: the loop does that). */
    void nextWindow(PowerWindow w) {
        double dt = windowSeconds / SUBSTEPS;
        double decay = Math.exp(-dt / ringTimeConstantSeconds);
        double energy = 0;
        double oracleEnergy = 0;
        double start = timeSeconds;
        for (int i = 0; i < SUBSTEPS; i++) {
            double t = start + (i + 0.5) * dt;
            double target = steadyPowerWatts(positionSteps, t);
            double before = powerWatts;
            powerWatts = target + (before - target) * decay;
            energy += 0.5 * (before + powerWatts) * dt;
            oracleEnergy += oraclePowerWatts(t) * dt;
        }
        timeSeconds = start + windowSeconds;
        lastWindowTruePowerWatts = energy / windowSeconds;
        lastWindowOraclePowerWatts = oracleEnergy / windowSeconds;
        w.startTimeSeconds = start;
        w.endTimeSeconds = timeSeconds;
        w.loadPowerWatts = lastWindowTruePowerWatts * Math.max(0.0, 1 + relativeNoise * noise.nextGaussian());
        w.driveFrequencyHz = Double.NaN;
        w.periods = 0;
    }

    /** True (noise-free) mean power of the last window (W). */
    double lastWindowTruePowerWatts() {
        return lastWindowTruePowerWatts;
    }

    /** Oracle (peak) power averaged over the last window (W). */
    double lastWindowOraclePowerWatts() {
        return lastWindowOraclePowerWatts;
    }
}
