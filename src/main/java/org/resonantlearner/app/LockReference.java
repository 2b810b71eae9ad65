package org.resonantlearner.app;

import java.util.List;
import org.resonantlearner.app.config.RunConfig;
import org.resonantlearner.calibration.CalibrationFile;
import org.resonantlearner.calibration.CalibrationRow;
import org.resonantlearner.harvest.PowerWindow;
import org.resonantlearner.rig.TuningMap;

/**
 * What a run judges lock against, one per run (README "Measures", {@code lockReference} in
 * summary.json). The window is locked when its power is at least {@link ServiceRun#LOCK_FRACTION}
 * of the reference ({@link org.resonantlearner.telemetry.RunMeasures#locked}).
 * <ul>
 *   <li>{@code "oracle"} (the simulated rig): the oracle's power over the window, against the true
 *       load power.</li>
 *   <li>{@code "calibration"} (hardware with a calibration file): the power the calibration predicts
 *       at resonance for the window's measured drive frequency — the measured power divided by the
 *       calibration's resonance curve 1/(1 + Q²(f/f0 − f0/f)²) at the window's position (f0 and Q
 *       of the table, interpolated as power laws of the tuned value between rows). The file carries
 *       no peak power (it depends on the drive amplitude), so this is the same as: locked when the
 *       calibration puts the position within the 95 % band of the resonance for the measured drive
 *       frequency.</li>
 *   <li>{@code "best-settled-power"} (hardware without a calibration file): the highest measured power
 *       of a settled window so far (a window that started after the actuator's position took
 *       effect). A run still climbing in steps of less than 5 % counts as locked while it climbs.</li>
 * </ul>
 * {@link #referenceWatts} runs on the control thread once per window and does not allocate.
 */
public final class LockReference {
    /** The reference names, as summary.json writes them. */
    public static final String ORACLE = "oracle";
    /** See the class comment. */
    public static final String CALIBRATION = "calibration";
    /** See the class comment. */
    public static final String BEST_SETTLED_POWER = "best-settled-power";

    private final String name;
    private final TuningMap tuningMap;
    private final double[] positionsSteps;
    private final double[] tunedValues;
    private final double[] resonantFrequenciesHz;
    private final double[] loadedQs;
    private double bestSettledWatts = Double.NaN;

    private LockReference(String name, TuningMap tuningMap, CalibrationFile calibration) {
        this.name = name;
        this.tuningMap = tuningMap;
        List<CalibrationRow> table = calibration == null ? List.of() : calibration.table();
        positionsSteps = new double[table.size()];
        tunedValues = new double[table.size()];
        resonantFrequenciesHz = new double[table.size()];
        loadedQs = new double[table.size()];
        for (int i = 0; i < table.size(); i++) {
            positionsSteps[i] = table.get(i).positionSteps();
            tunedValues[i] = table.get(i).tunedValue();
            resonantFrequenciesHz[i] = table.get(i).resonantFrequencyHz();
            loadedQs[i] = table.get(i).loadedQ();
        }
    }

    /** The reference of a run of {@code config}: the oracle on the simulated rig, else what hardware can know. */
    public static LockReference of(RunConfig config, boolean simulated) {
        if (simulated) {
            return new LockReference(ORACLE, null, null);
        }
        if (config.calibration() != null) {
            return new LockReference(CALIBRATION, config.tuningMap(), config.calibration());
        }
        return new LockReference(BEST_SETTLED_POWER, null, null);
    }

    /** Its name in summary.json. */
    public String name() {
        return name;
    }

    /**
     * The reference power of {@code window} (W); NaN when this window cannot be judged (no drive
     * frequency measured, or no settled window yet).
     *
     * @param oraclePowerWatts the oracle's power over the window (the simulated rig), NaN on hardware
     */
    public double referenceWatts(PowerWindow window, double oraclePowerWatts) {
        return switch (name) {
            case ORACLE -> oraclePowerWatts;
            case CALIBRATION -> window.loadPowerWatts
                    / predictedFractionOfResonance(window.positionSteps, window.driveFrequencyHz);
            default -> {
                if (window.startTimeSeconds >= window.tuningSinceSeconds
                        && !(window.loadPowerWatts <= bestSettledWatts)) {
                    bestSettledWatts = window.loadPowerWatts;
                }
                yield bestSettledWatts;
            }
        };
    }

    /**
     * The fraction of the resonant power the calibration predicts at {@code positionSteps} for a
     * drive at {@code driveFrequencyHz}: 1/(1 + Q²(f/f0 − f0/f)²); NaN without a drive frequency.
     */
    double predictedFractionOfResonance(int positionSteps, double driveFrequencyHz) {
        if (!(driveFrequencyHz > 0)) {
            return Double.NaN;
        }
        int i = 0;
        while (i < positionsSteps.length - 2 && positionSteps > positionsSteps[i + 1]) {
            i++;
        }
        double value = tuningMap.valueAt(positionSteps);
        double f0 = powerLaw(value, tunedValues[i], tunedValues[i + 1], resonantFrequenciesHz[i],
                resonantFrequenciesHz[i + 1]);
        double q = powerLaw(value, tunedValues[i], tunedValues[i + 1], loadedQs[i], loadedQs[i + 1]);
        double detuning = driveFrequencyHz / f0 - f0 / driveFrequencyHz;
        return 1 / (1 + q * q * detuning * detuning);
    }

    /**
     * y at x on the power law through (x0, y0) and (x1, y1): exact for f0 and Q as functions of a
     * capacitance, stiffness or mass; linear where the tuned values are equal.
     */
    private static double powerLaw(double x, double x0, double x1, double y0, double y1) {
        if (x0 == x1 || !(x > 0)) {
            return y0;
        }
        double exponent = Math.log(y1 / y0) / Math.log(x1 / x0);
        return y0 * Math.pow(x / x0, exponent);
    }
}
