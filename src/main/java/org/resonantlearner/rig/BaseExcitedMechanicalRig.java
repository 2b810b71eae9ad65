package org.resonantlearner.rig;

import org.resonantlearner.check.Check;

/**
 * Inertial harvester on a vibrating base (Williams &amp; Yates 1996): a proof mass on a spring whose
 * frame moves with y(t) = Y0·sin ωt; either the stiffness or the mass is tuned.
 *
 * <p>In the relative coordinate z = x − y the base motion appears as a force:
 * m·z'' + (c_m + c_e)·z' + k·z (+ k3·z³) = −m·y'' = m·Y0·ω²·sin ωt. The harvested power is c_e·z'²
 * and the load voltage sqrt(c_e·RL)·z'. Because the equivalent force grows with m, tuning the mass
 * does not peak at r = ω/ωn = 1 (see {@link SteadyState#resonantTunedValue}).
 *
 * @param tunedParameter which of stiffness or mass the actuator sets
 * @param massKg proof mass (kg): &gt; 0 when the stiffness is tuned; ignored (may be 0) when the mass is tuned
 * @param stiffnessNPerM spring stiffness (N/m): &gt; 0 when the mass is tuned; ignored (may be 0) when the stiffness is tuned
 * @param mechanicalDampingNsPerM parasitic damping c_m (N·s/m), &ge; 0
 * @param electricalDampingNsPerM transducer (harvesting) damping c_e (N·s/m), &gt; 0
 * @param transducerLoadResistanceOhms resistance RL the load voltage is read across (Ω), &gt; 0
 * @param cubicStiffnessNPerM3 Duffing term k3 (N/m³), &ge; 0 (hardening only); 0 for a linear spring
 */
public record BaseExcitedMechanicalRig(
        TunedParameter tunedParameter,
        double massKg,
        double stiffnessNPerM,
        double mechanicalDampingNsPerM,
        double electricalDampingNsPerM,
        double transducerLoadResistanceOhms,
        double cubicStiffnessNPerM3) implements TransducerRig {

    /** The physical parameter the actuator moves. */
    public enum TunedParameter {
        /** The spring stiffness k (N/m) is tuned; the mass is fixed. */
        STIFFNESS,
        /** The proof mass m (kg) is tuned; the stiffness is fixed. */
        MASS
    }

    /** Validates every component; the fixed one of mass and stiffness must be positive. */
    public BaseExcitedMechanicalRig {
        Check.present("tunedParameter", tunedParameter);
        if (tunedParameter == TunedParameter.STIFFNESS) {
            Check.positive("massKg", massKg, "kg");
            Check.nonNegative("stiffnessNPerM", stiffnessNPerM, "N/m");
        } else {
            Check.nonNegative("massKg", massKg, "kg");
            Check.positive("stiffnessNPerM", stiffnessNPerM, "N/m");
        }
        Check.nonNegative("mechanicalDampingNsPerM", mechanicalDampingNsPerM, "N·s/m");
        Check.positive("electricalDampingNsPerM", electricalDampingNsPerM, "N·s/m");
        Check.positive("transducerLoadResistanceOhms", transducerLoadResistanceOhms, "Ω");
        Check.nonNegative("cubicStiffnessNPerM3", cubicStiffnessNPerM3, "N/m³");
    }

    /** A linear stiffness-tuned rig with the given mass. */
    public static BaseExcitedMechanicalRig stiffnessTuned(double massKg, double mechanicalDampingNsPerM,
            double electricalDampingNsPerM, double transducerLoadResistanceOhms) {
        return new BaseExcitedMechanicalRig(TunedParameter.STIFFNESS, massKg, 0.0, mechanicalDampingNsPerM,
                electricalDampingNsPerM, transducerLoadResistanceOhms, 0.0);
    }

    /** A linear mass-tuned rig with the given stiffness. */
    public static BaseExcitedMechanicalRig massTuned(double stiffnessNPerM, double mechanicalDampingNsPerM,
            double electricalDampingNsPerM, double transducerLoadResistanceOhms) {
        return new BaseExcitedMechanicalRig(TunedParameter.MASS, 0.0, stiffnessNPerM, mechanicalDampingNsPerM,
                electricalDampingNsPerM, transducerLoadResistanceOhms, 0.0);
    }

    /** Returns "mechanical-base". */
    @Override
    public String kind() {
        return "mechanical-base";
    }

    /** "Stiffness (N/m)" or "Mass (kg)", after the tuned parameter. */
    @Override
    public String tunedParameterColumn() {
        return tunedParameter == TunedParameter.STIFFNESS ? "Stiffness (N/m)" : "Mass (kg)";
    }

    /** "N/m" or "kg", after the tuned parameter. */
    @Override
    public String tunedParameterUnit() {
        return tunedParameter == TunedParameter.STIFFNESS ? "N/m" : "kg";
    }

    /** Returns "m": the drive amplitude is the base's peak displacement Y0. */
    @Override
    public String driveAmplitudeUnit() {
        return "m";
    }

    /** The proof mass (kg): the tuned value when the mass is tuned, else the fixed mass. */
    @Override
    public double inertia(double tunedValue) {
        return tunedParameter == TunedParameter.MASS ? tunedValue : massKg;
    }

    /** The stiffness (N/m): the tuned value when the stiffness is tuned, else the fixed stiffness. */
    @Override
    public double stiffness(double tunedValue) {
        return tunedParameter == TunedParameter.STIFFNESS ? tunedValue : stiffnessNPerM;
    }

    /** m·Y0·ω² (N): the inertial force of the base acceleration on the proof mass. */
    @Override
    public double forceAmplitude(double driveAmplitude, double angularFrequencyRadPerSec, double tunedValue) {
        return inertia(tunedValue) * driveAmplitude * angularFrequencyRadPerSec * angularFrequencyRadPerSec;
    }
}
