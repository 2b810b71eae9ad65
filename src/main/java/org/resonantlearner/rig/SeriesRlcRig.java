package org.resonantlearner.rig;

import org.resonantlearner.check.Check;

/**
 * Series RLC harvesting rig: a sine source V0 with source resistance, a coil (inductance plus its
 * winding resistance), the tunable capacitor and the load resistor the ADC reads across.
 *
 * <p>Kirchhoff's voltage law around the loop with charge q: L·q'' + (Rs + Rc + RL)·q' + q/C
 * (+ k3·q³ for a nonlinear capacitor) = V0·sin ωt. The load voltage is RL·i = RL·q', so the load
 * power RL·i² is loadDamping·q'² with loadDamping = RL.
 *
 * @param inductanceHenries coil inductance L (H), &gt; 0
 * @param sourceResistanceOhms source (generator) resistance Rs (Ω), &ge; 0
 * @param coilResistanceOhms winding resistance Rc (Ω), &ge; 0
 * @param loadResistanceOhms load resistor RL (Ω), &gt; 0
 * @param cubicStiffness Duffing term k3 of a nonlinear capacitor (V/C³), &ge; 0 (hardening only); 0 for linear
 */
public record SeriesRlcRig(
        double inductanceHenries,
        double sourceResistanceOhms,
        double coilResistanceOhms,
        double loadResistanceOhms,
        double cubicStiffness) implements RigModel {

    /** Validates every component. */
    public SeriesRlcRig {
        Check.positive("inductanceHenries", inductanceHenries, "H");
        Check.nonNegative("sourceResistanceOhms", sourceResistanceOhms, "Ω");
        Check.nonNegative("coilResistanceOhms", coilResistanceOhms, "Ω");
        Check.positive("loadResistanceOhms", loadResistanceOhms, "Ω");
        // Softening (k3 < 0) lets the charge escape to infinity; no rig of ours has it.
        Check.nonNegative("cubicStiffness", cubicStiffness, "V/C³");
    }

    /** A linear series RLC rig (no Duffing term). */
    public static SeriesRlcRig linear(double inductanceHenries, double sourceResistanceOhms,
            double coilResistanceOhms, double loadResistanceOhms) {
        return new SeriesRlcRig(inductanceHenries, sourceResistanceOhms, coilResistanceOhms, loadResistanceOhms, 0.0);
    }

    /** Returns "rlc". */
    @Override
    public String kind() {
        return "rlc";
    }

    /** Returns "Capacitance (F)". */
    @Override
    public String tunedParameterColumn() {
        return "Capacitance (F)";
    }

    /** Returns "F". */
    @Override
    public String tunedParameterUnit() {
        return "F";
    }

    /** Returns "V": the drive amplitude is the source's peak voltage. */
    @Override
    public String driveAmplitudeUnit() {
        return "V";
    }

    /** The inductance L (H); independent of the tuning. */
    @Override
    public double inertia(double tunedValue) {
        return inductanceHenries;
    }

    /** Elastance 1/C (1/F) of the tuned capacitance {@code tunedValue} (F). */
    @Override
    public double stiffness(double tunedValue) {
        return 1.0 / tunedValue;
    }

    /** Loop resistance Rs + Rc + RL (Ω). */
    @Override
    public double totalDamping() {
        return sourceResistanceOhms + coilResistanceOhms + loadResistanceOhms;
    }

    /** The load resistance RL (Ω): load power is RL·i². */
    @Override
    public double loadDamping() {
        return loadResistanceOhms;
    }

    /** RL (Ω): the load voltage is RL·i. */
    @Override
    public double loadVoltsPerVelocity() {
        return loadResistanceOhms;
    }

    /** The source's peak voltage V0, whatever the frequency and tuning. */
    @Override
    public double forceAmplitude(double driveAmplitude, double angularFrequencyRadPerSec, double tunedValue) {
        return driveAmplitude;
    }
}
