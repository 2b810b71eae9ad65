package org.resonantlearner.control;

import org.resonantlearner.check.Check;
import org.resonantlearner.harvest.PowerWindow;

/**
 * Baseline "extremum-seeking": sinusoidal dither, high-pass, demodulation, integration.
 *
 * <p>The actuator goes to {@code θn + a·sin(2πk/K)} for phase {@code k = 0 .. K−1} of a dither
 * period of {@code K = ditherPhases} positions, each held until a window has been judged after the
 * settle time: the dither is a sine sampled where the plant can be read. For every judged window at
 * phase {@code k}, with {@code y = ln P}:
 * <pre>
 *   hp  = y − mean(y over the last K judged windows)      (high-pass: removes the power level)
 *   θn ← θn + clamp(gain · a · hp · sin(2πk/K), ±a)       (demodulate and integrate)
 * </pre>
 * Over a period the demodulated terms sum to about {@code gain·a²·K/2 · d(ln P)/dθ}: a gradient
 * ascent on log power, which makes the step independent of the power level. Time scales: plant
 * (settle time) &lt; dither period (K × (settle + window)) &lt; adaptation (several periods with the
 * default gain). The dither never stops, so at the peak it keeps costing a little power and moves.
 */
public final class ExtremumSeekingTuner extends SettlingTuner {
    /** The command-line name. */
    public static final String NAME = "extremum-seeking";
    private static final double TINY_POWER_WATTS = 1e-300;

    private final ExtremumSeekingSettings settings;
    private final double[] recentLogPower;
    private final double[] sinePhase;

    private double amplitudeSteps;
    private double nominalSteps;
    private int phase;
    private int recentCount;
    private int recentNext;

    /**
     * Creates the tuner.
     *
     * @param settleTimeSeconds settle time after a move before a window is judged (s)
     * @param settings the knobs
     */
    public ExtremumSeekingTuner(double settleTimeSeconds, ExtremumSeekingSettings settings) {
        super(NAME, settleTimeSeconds);
        this.settings = Check.present("settings", settings);
        int k = settings.ditherPhases();
        this.recentLogPower = new double[k];
        this.sinePhase = new double[k];
        for (int i = 0; i < k; i++) {
            sinePhase[i] = Math.sin(2 * Math.PI * i / k);
        }
    }

    /** The knobs this tuner runs with. */
    public ExtremumSeekingSettings settings() {
        return settings;
    }

    @Override
    protected void onStart(int initialPositionSteps, double startTimeSeconds) {
        amplitudeSteps = Math.max(1.0, settings.ditherAmplitudeFraction() * rangeSteps());
        // Keep the whole dither inside the range.
        nominalSteps = clampNominal(initialPositionSteps);
        phase = 0;
        recentCount = 0;
        recentNext = 0;
    }

    private double clampNominal(double steps) {
        return Math.max(minPositionSteps() + amplitudeSteps, Math.min(maxPositionSteps() - amplitudeSteps, steps));
    }

    @Override
    protected double judge(PowerWindow window, int positionSteps) {
        double wanted = clampToRange(nominalSteps + amplitudeSteps * sinePhase[phase]);
        if (positionSteps != (int) wanted) {
            return wanted; // the start, or a rate-limited move: this window is not at the dither point
        }
        double logPower = Math.log(Math.max(window.loadPowerWatts, TINY_POWER_WATTS));
        recentLogPower[recentNext] = logPower;
        recentNext = (recentNext + 1) % recentLogPower.length;
        if (recentCount < recentLogPower.length) {
            recentCount++;
        }
        double sum = 0;
        for (int i = 0; i < recentCount; i++) {
            sum += recentLogPower[i];
        }
        double highPassed = logPower - sum / recentCount;
        double change = settings.gain() * amplitudeSteps * highPassed * sinePhase[phase];
        change = Math.max(-amplitudeSteps, Math.min(amplitudeSteps, change));
        nominalSteps = clampNominal(nominalSteps + change);
        phase = (phase + 1) % sinePhase.length;
        return nominalSteps + amplitudeSteps * sinePhase[phase];
    }

    /** The nominal (dither-centre) position (steps). */
    public double nominalSteps() {
        return nominalSteps;
    }
}
