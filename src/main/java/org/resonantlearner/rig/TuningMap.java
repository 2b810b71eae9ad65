package org.resonantlearner.rig;

/** Maps an actuator position (steps) to the value of the rig's tuned parameter (F, N/m or kg). */
public interface TuningMap {

    /** Short name used in config: "linear", "varactor", "capacitor-bank", "tabulated". */
    String kind();

    /** The tuned parameter's value at {@code positionSteps} (fractional positions interpolate where the map allows). */
    double valueAt(double positionSteps);
}
