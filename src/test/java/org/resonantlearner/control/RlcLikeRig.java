package org.resonantlearner.control;

/**
 * Test numbers shaped like the default RLC rig: a 1 kHz drive, loaded Q = 16 (so τ = Q/(π·f) ≈
 * 5.1 ms), meter windows of 10 drive periods, settle time 3τ, an actuator range of 0..10 000 steps
 * with a linewidth (FWHM) of 150 steps, sampled at 20 kS/s. The tuners are told only the range and
 * the settle time.
 */
final class RlcLikeRig {
    static final double DRIVE_HZ = 1_000.0;
    static final double LOADED_Q = 16.0;
    static final double TAU_SECONDS = LOADED_Q / (Math.PI * DRIVE_HZ);
    static final double WINDOW_SECONDS = LorentzianSineRig.WINDOW_PERIODS / DRIVE_HZ;
    static final double SETTLE_SECONDS = 3 * TAU_SECONDS;
    static final int MIN_STEPS = 0;
    static final int MAX_STEPS = 10_000;
    static final double LINEWIDTH_STEPS = 150.0;
    static final double HALF_WIDTH_STEPS = LINEWIDTH_STEPS / 2;
    static final int PEAK_STEPS = 5_000;
    /** 50·Q drive periods, the lock budget (s): 0.8 s. */
    static final double LOCK_BUDGET_SECONDS = 50 * LOADED_Q / DRIVE_HZ;

    private RlcLikeRig() {}

    /** The rig with its peak at {@link #PEAK_STEPS}; call {@code startAt} before the run. */
    static LorentzianSineRig rig(long noiseSeed) {
        LorentzianSineRig rig = new LorentzianSineRig(DRIVE_HZ, TAU_SECONDS, MIN_STEPS, MAX_STEPS, noiseSeed);
        rig.halfWidthSteps = HALF_WIDTH_STEPS;
        rig.peakStartSteps = PEAK_STEPS;
        return rig;
    }

    static SafetyLimits limits() {
        return new SafetyLimits(MIN_STEPS, MAX_STEPS, Double.POSITIVE_INFINITY);
    }

    /** Windows in {@code seconds} of stream time. */
    static int windows(double seconds) {
        return (int) Math.round(seconds / WINDOW_SECONDS);
    }
}
