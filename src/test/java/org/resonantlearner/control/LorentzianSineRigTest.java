package org.resonantlearner.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.resonantlearner.harvest.EnergyLedger;
import org.resonantlearner.harvest.PowerMeter;
import org.resonantlearner.harvest.TuningCost;
import org.resonantlearner.loop.ServiceLoop;

/**
 * The test rig the tuner tests stand on, measured through the real meter: its windows show the
 * Lorentzian steady state, the first-order ring-up and the window noise its comment promises.
 */
class LorentzianSineRigTest {
    /** 2.5 × the meter's own accuracy on a clean sine at 16 to 20 samples per period (PowerMeter: 2e-5). */
    private static final double METER_RELATIVE_TOLERANCE = 5e-5;
    private static final int NOISY_WINDOWS = 2_000;
    /**
     * Three standard errors of a relative standard deviation estimated from n windows, 1/√(2n)
     * each (1.6 % at n = 2000).
     */
    private static final double SPREAD_ESTIMATE_TOLERANCE = 3 / Math.sqrt(2.0 * NOISY_WINDOWS);

    /** The windows' measured power, one per window, at whatever the rig does. */
    private static double[] measuredWatts(LorentzianSineRig rig, int windows) {
        double[] watts = new double[windows];
        int[] count = {0};
        PowerMeter meter = new PowerMeter(rig.sampleRateHz, LorentzianSineRig.LOAD_OHMS,
                LorentzianSineRig.WINDOW_PERIODS, 0.05);
        ServiceLoop loop = new ServiceLoop(rig.source(), rig.actuator(), meter, new FixedTuner(),
                RlcLikeRig.limits(), new EnergyLedger(TuningCost.free()), (window, end, l) -> {
                    if (count[0] < windows) {
                        watts[count[0]++] = window.loadPowerWatts;
                    }
                }, LorentzianSineRig.SAMPLES_PER_PERIOD, rig.clock(), 1.0);
        while (count[0] < windows) {
            loop.run(LorentzianSineRig.SAMPLES_PER_PERIOD);
        }
        return watts;
    }

    @Test
    void aSettledWindowMeasuresTheLorentzian() {
        // One half-width off the peak: 1/(1 + 1²) of the 1 W peak.
        LorentzianSineRig rig = RlcLikeRig.rig(1).startAt(RlcLikeRig.PEAK_STEPS + (int) RlcLikeRig.HALF_WIDTH_STEPS);
        double[] watts = measuredWatts(rig, 5);
        assertEquals(0.5, watts[4], 0.5 * METER_RELATIVE_TOLERANCE);
    }

    @Test
    void afterAMoveThePowerApproachesTheNewSteadyStateWithTimeConstantTau() {
        // From the peak (1 W) to one half-width off (0.5 W) at t = 0: P(t) = 0.5 + 0.5·e^(−t/τ).
        // The first window starts at a crossing a few periods in; its mean is the mean of P over it.
        LorentzianSineRig rig = RlcLikeRig.rig(1).startAt(RlcLikeRig.PEAK_STEPS);
        rig.actuator().moveTo(RlcLikeRig.PEAK_STEPS + (int) RlcLikeRig.HALF_WIDTH_STEPS);
        double[] startSeconds = {Double.NaN};
        double[] endSeconds = new double[1];
        double[] watts = new double[1];
        PowerMeter meter = new PowerMeter(rig.sampleRateHz, LorentzianSineRig.LOAD_OHMS,
                LorentzianSineRig.WINDOW_PERIODS, 0.05);
        ServiceLoop loop = new ServiceLoop(rig.source(), rig.actuator(), meter, new FixedTuner(), RlcLikeRig.limits(),
                new EnergyLedger(TuningCost.free()), (window, end, l) -> {
                    if (Double.isNaN(startSeconds[0])) {
                        startSeconds[0] = window.startTimeSeconds;
                        endSeconds[0] = window.endTimeSeconds;
                        watts[0] = window.loadPowerWatts;
                    }
                }, LorentzianSineRig.SAMPLES_PER_PERIOD, rig.clock(), 1.0);
        loop.run(Math.round(0.05 * rig.sampleRateHz));
        double tau = RlcLikeRig.TAU_SECONDS;
        // v² = 2·P·sin²(ωt) = P·(1 − cos 2ωt). Between two crossings a and b:
        // (1/T)·∫ 0.5 + 0.5·e^(−t/τ) dt = 0.5 + 0.5·X with X = τ·(e^(−a/τ) − e^(−b/τ))/(b − a), and the
        // cos 2ωt part takes 1/(1 + 4ω²τ²) = 2.4e-4 of the decaying term away.
        double a = startSeconds[0];
        double b = endSeconds[0];
        double x = tau * (Math.exp(-a / tau) - Math.exp(-b / tau)) / (b - a);
        double omegaTau2 = Math.pow(2 * 2 * Math.PI * RlcLikeRig.DRIVE_HZ * tau, 2);
        double expected = 0.5 + 0.5 * x * omegaTau2 / (1 + omegaTau2);
        assertEquals(expected, watts[0], expected * METER_RELATIVE_TOLERANCE);
    }

    @Test
    void theWindowNoiseHasTheSpreadTheRigStates() {
        double windowNoise = 0.03;
        LorentzianSineRig rig = RlcLikeRig.rig(7).noise(windowNoise).startAt(RlcLikeRig.PEAK_STEPS);
        double[] watts = measuredWatts(rig, NOISY_WINDOWS);
        double mean = Arrays.stream(watts).average().orElseThrow();
        double squares = Arrays.stream(watts).map(w -> (w - mean) * (w - mean)).sum();
        double spread = Math.sqrt(squares / (watts.length - 1)) / mean;
        // k = r·√(N/8) = 0.03·√(200/8) = 0.15: the n² term biases the mean by 2k² = 4.5 %.
        double k = windowNoise * Math.sqrt(200 / 8.0);
        assertEquals(1 + 2 * k * k, mean, 3 * windowNoise / Math.sqrt(watts.length), "mean power (W)");
        assertEquals(rig.windowPowerSpread(), spread, SPREAD_ESTIMATE_TOLERANCE * rig.windowPowerSpread());
        // The figure the rig states is close to the knob: the n² term's own spread and bias move it by 4 %.
        assertEquals(windowNoise, rig.windowPowerSpread(), 0.05 * windowNoise);
    }
}
