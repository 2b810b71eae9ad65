package org.resonantlearner.app.config;

import java.util.List;
import org.resonantlearner.calibration.CalibrationFile;
import org.resonantlearner.control.TunerSettings;
import org.resonantlearner.rig.DriveProfile;
import org.resonantlearner.rig.RigModel;
import org.resonantlearner.rig.TuningMap;

/**
 * Everything one run needs, validated: built by {@link ConfigLoader} from a config file (or the
 * defaults), never half-read.
 *
 * @param source where it came from ("defaults" or the file path)
 * @param mode which adapters run
 * @param serial the serial front-end's port (serial mode)
 * @param pi4j the wiring of the Raspberry Pi adapters (pi4j mode); null when neither the mode nor the file names them
 * @param seed run seed; every random consumer derives its own from it
 * @param durationSeconds stream time to run (s)
 * @param rig the rig model (simulated rig physics, and the nominal rig for hardware)
 * @param tuningMap actuator position → tuned parameter
 * @param drive the drive profile (simulated rig only)
 * @param sensor the ADC
 * @param actuator the actuator
 * @param meter the power meter's window
 * @param tunerName which tuner
 * @param tunerSettings the tuner's settings
 * @param output where records go
 * @param calibration the calibration file the tuning map, load resistance and ADC offset/gain come from; null when none
 * @param effectiveSettings every setting with its unit, defaults included, for record headers
 */
public record RunConfig(String source, RunMode mode, SerialSettings serial, Pi4jSettings pi4j, long seed, double durationSeconds, RigModel rig, TuningMap tuningMap,
        DriveProfile drive, SensorSettings sensor, ActuatorSettings actuator, MeterSettings meter, String tunerName,
        TunerSettings tunerSettings, OutputSettings output, CalibrationFile calibration, List<String> effectiveSettings) {

    /** Copies the list so the record stays immutable. */
    public RunConfig {
        effectiveSettings = List.copyOf(effectiveSettings);
    }

    /**
     * True when the rig is the simulation (mode {@code sim}, or simulated Pi hardware): its truth and
     * oracle exist, and nothing real is driven.
     */
    public boolean physicsSimulated() {
        return mode == RunMode.SIM || mode == RunMode.PI4J && pi4j.simulated();
    }

    /** What the ports are, for run headers: "simulated", "serial front-end at /dev/...", "pi4j: MCP3208 on SPI0 CE0, ...". */
    public String adaptersDescription() {
        return switch (mode) {
            case SIM -> "simulated";
            case SERIAL -> "serial front-end at " + serial.port();
            case PI4J -> "pi4j: " + pi4j.description();
        };
    }

    /** The calibration file for run headers: "calibration/rlc-reference.json (rig rlc-reference, 2026-11-23)" or "none". */
    public String calibrationDescription() {
        return calibration == null ? "none" : calibration.description();
    }

    /** The same run on other adapters (the front-end emulator serves the simulated rig). */
    public RunConfig withMode(RunMode newMode) {
        return new RunConfig(source, newMode, serial, pi4j, seed, durationSeconds, rig, tuningMap, drive, sensor, actuator,
                meter, tunerName, tunerSettings, output, calibration, effectiveSettings);
    }

    /** The same run with another tuner (bench). */
    public RunConfig withTunerName(String name) {
        return new RunConfig(source, mode, serial, pi4j, seed, durationSeconds, rig, tuningMap, drive, sensor, actuator, meter, name,
                tunerSettings, output, calibration, effectiveSettings);
    }

    /** The same run under another drive (calibration sets its own). */
    public RunConfig withDrive(DriveProfile newDrive) {
        return new RunConfig(source, mode, serial, pi4j, seed, durationSeconds, rig, tuningMap, newDrive, sensor, actuator,
                meter, tunerName, tunerSettings, output, calibration, effectiveSettings);
    }
}
