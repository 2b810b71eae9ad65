package org.resonantlearner.rig;

import org.resonantlearner.check.Check;

/**
 * Mass–spring–damper shaken by a force (a shaker's coil on the proof mass), with the harvesting
 * transducer modelled as an electrical damping c_e; the tuned parameter is the spring stiffness k.
 *
 * <p>m·x'' + (c_m + c_e)·x' + k·x (+ k3·x³) = F0·sin ωt. The transducer turns c_e·v² into electrical
 * power in its load RL; a load voltage vL with vL²/RL = c_e·v² means vL = sqrt(c_e·RL)·v, which is
 * what {@link #loadVoltsPerVelocity()} returns.
 *
 * @param massKg proof mass m (kg), &gt; 0
 * @param mechanicalDampingNsPerM parasitic damping c_m (N·s/m), &ge; 0
 * @param electricalDampingNsPerM transducer (harvesting) damping c_e (N·s/m), &gt; 0
 * @param transducerLoadResistanceOhms resistance RL the load voltage is read across (Ω), &gt; 0
 * @param cubicStiffnessNPerM3 Duffing term k3 (N/m³), &ge; 0 (hardening only); 0 for a linear spring
 */
public record ForceDrivenMechanicalRig(
        double massKg,
        double mechanicalDampingNsPerM,
        double electricalDampingNsPerM,
        double transducerLoadResistanceOhms,
        double cubicStiffnessNPerM3) implements TransducerRig {

    /** Validates every component. */
    public ForceDrivenMechanicalRig {
        Check.positive("massKg", massKg, "kg");
        Check.nonNegative("mechanicalDampingNsPerM", mechanicalDampingNsPerM, "N·s/m");
        Check.positive("electricalDampingNsPerM", electricalDampingNsPerM, "N·s/m");
        Check.positive("transducerLoadResistanceOhms", transducerLoadResistanceOhms, "Ω");
        Check.nonNegative("cubicStiffnessNPerM3", cubicStiffnessNPerM3, "N/m³");
    }

    /** Returns "mechanical-force". */
    @Override
    public String kind() {
        return "mechanical-force";
    }

    /** Returns "Stiffness (N/m)". */
    @Override
    public String tunedParameterColumn() {
        return "Stiffness (N/m)";
    }

    /** Returns "N/m". */
    @Override
    public String tunedParameterUnit() {
        return "N/m";
    }

    /** Returns "N": the drive amplitude is the peak force. */
    @Override
    public String driveAmplitudeUnit() {
        return "N";
    }

    /** The proof mass (kg); independent of the tuning. */
    @Override
    public double inertia(double tunedValue) {
        return massKg;
    }

    /** The tuned stiffness itself (N/m). */
    @Override
    public double stiffness(double tunedValue) {
        return tunedValue;
    }

    /** The peak force F0 (N), whatever the frequency and tuning. */
    @Override
    public double forceAmplitude(double driveAmplitude, double angularFrequencyRadPerSec, double tunedValue) {
        return driveAmplitude;
    }
}
