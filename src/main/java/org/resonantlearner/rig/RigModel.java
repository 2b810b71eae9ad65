package org.resonantlearner.rig;

/**
 * A rig as one linear (optionally Duffing) second-order system in generalised coordinates:
 *
 * <pre>
 *   inertia·q'' + totalDamping·q' + stiffness·q + cubicStiffness·q³ = force(t)
 *   harvested (load) power = loadDamping · q'²
 *   voltage across the load resistor = loadVoltsPerVelocity · q'
 * </pre>
 *
 * Force–voltage analogy: for the series RLC rig q is charge (C), q' current (A), inertia L (H),
 * damping R (Ω), stiffness 1/C (1/F), force the source voltage (V). For the mechanical rigs q is
 * displacement (m), inertia mass (kg), damping c (N·s/m), stiffness k (N/m), force in N.
 *
 * <p>One parameter is tuned by the actuator (capacitance, stiffness or mass); its value is passed
 * in as {@code tunedValue} in the unit {@link #tunedParameterUnit()} names.
 * {@code loadVoltsPerVelocity² / loadResistanceOhms() == loadDamping} always holds, so the power a
 * meter computes from load voltage is the harvested power.
 */
public interface RigModel {

    /** Short name of the rig kind used in config and records: "rlc", "mechanical-force", "mechanical-base". */
    String kind();

    /** Name of the tuned parameter with its unit, as a CSV column: "Capacitance (F)", "Stiffness (N/m)", "Mass (kg)". */
    String tunedParameterColumn();

    /** Unit of the tuned parameter: "F", "N/m" or "kg". */
    String tunedParameterUnit();

    /** Unit of the drive amplitude: "V" (source voltage), "N" (force) or "m" (base displacement). */
    String driveAmplitudeUnit();

    /** Generalised inertia (H or kg) at the given tuning. */
    double inertia(double tunedValue);

    /** Generalised stiffness (1/F or N/m) at the given tuning. */
    double stiffness(double tunedValue);

    /** Total generalised damping (Ω or N·s/m), load included. */
    double totalDamping();

    /** The part of the damping that is the harvesting load (Ω or N·s/m). */
    double loadDamping();

    /** Cubic (Duffing) stiffness (1/(F·C²) or N/m³); 0 for a linear rig. */
    double cubicStiffness();

    /** Resistance of the load the ADC reads across (Ω). */
    double loadResistanceOhms();

    /** Volts across the load per unit generalised velocity (Ω for RLC, V·s/m for mechanical). */
    double loadVoltsPerVelocity();

    /**
     * Peak generalised force for a drive of the given amplitude and angular frequency: V0 for RLC,
     * F0 for the force-driven rig, m·Y0·ω² for the base-excited rig.
     */
    double forceAmplitude(double driveAmplitude, double angularFrequencyRadPerSec, double tunedValue);
}
