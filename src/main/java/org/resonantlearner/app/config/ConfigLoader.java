package org.resonantlearner.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.resonantlearner.calibration.AdcChannel;
import org.resonantlearner.calibration.CalibrationException;
import org.resonantlearner.calibration.CalibrationFile;
import org.resonantlearner.calibration.CalibrationFiles;
import org.resonantlearner.calibration.JsonDocument;
import org.resonantlearner.check.BoundedTextFile;
import org.resonantlearner.control.TunerSettings;
import org.resonantlearner.control.Tuners;
import org.resonantlearner.rig.AmplitudeProfile;
import org.resonantlearner.rig.AmplitudeRamp;
import org.resonantlearner.rig.AmplitudeSteps;
import org.resonantlearner.rig.BaseExcitedMechanicalRig;
import org.resonantlearner.rig.CapacitorBankTuningMap;
import org.resonantlearner.rig.ConstantAmplitude;
import org.resonantlearner.rig.ConstantFrequency;
import org.resonantlearner.rig.Drive;
import org.resonantlearner.rig.DriveProfile;
import org.resonantlearner.rig.ForceDrivenMechanicalRig;
import org.resonantlearner.rig.FrequencyProfile;
import org.resonantlearner.rig.FrequencyRamp;
import org.resonantlearner.rig.FrequencyRandomWalk;
import org.resonantlearner.rig.FrequencySteps;
import org.resonantlearner.rig.FrequencyTrapezoid;
import org.resonantlearner.rig.GaussianNoise;
import org.resonantlearner.rig.LinearTuningMap;
import org.resonantlearner.rig.RigModel;
import org.resonantlearner.rig.SeriesRlcRig;
import org.resonantlearner.rig.TabulatedTuningMap;
import org.resonantlearner.rig.TuningMap;
import org.resonantlearner.rig.VaractorTuningMap;

/**
 * Reads the one config format (JSON, comments allowed) for rig, tuning map, drive, sensor,
 * actuator, meter, tuner, output and the hardware wiring (serial port, Pi4J buses and pins). Every key has a default that runs the simulated RLC rig; every
 * invalid value is a {@link ConfigException} naming the key, value, unit and allowed range, raised
 * before anything is built. With {@code calibrationFile} (and {@code rig.id}) set, the tuning map, the
 * load resistance and the ADC offset/gain come from that calibration file (calibration/FORMAT.md).
 * The keys and defaults are listed in README.md ("Configuration").
 */
public final class ConfigLoader {
    /** Rig kinds the config accepts. */
    public static final List<String> RIG_KINDS = List.of("rlc", "mechanical-force", "mechanical-base");

    private static final ObjectMapper JSON = JsonDocument.JSON;

    // Physical ranges of the keys (README "Configuration", column "allowed"): wide enough for any
    // bench rig, narrow enough that every product the simulation forms stays finite (powers below
    // ~1e40 W, energies below ~1e50 J over the longest run), so no config inside them runs to NaN.
    /** Largest resistance of any key (Ω). */
    static final double MAX_OHMS = 1e6;
    /** Smallest load resistance (Ω): it divides the load power. */
    static final double MIN_LOAD_OHMS = 1e-3;
    /** Capacitances (F). */
    static final double MIN_FARADS = 1e-12;
    static final double MAX_FARADS = 1.0;
    /** Masses (kg). */
    static final double MIN_KG = 1e-4;
    static final double MAX_KG = 100;
    /** Stiffnesses (N/m). */
    static final double MIN_N_PER_M = 1e-2;
    static final double MAX_N_PER_M = 1e8;
    /** Damping coefficients (N·s/m); the electrical one is the harvest and must not vanish. */
    static final double MAX_DAMPING_NS_PER_M = 1e4;
    static final double MIN_ELECTRICAL_DAMPING_NS_PER_M = 1e-4;
    /**
     * Cubic (Duffing) stiffness: at most about 1e4 times the linear restoring force at the largest
     * displacement the ranges allow, so RK4's sub-steps (at most 2^20 per sample) stay stable.
     */
    static final double MAX_RLC_CUBIC_STIFFNESS = 1e18;
    static final double MAX_MECHANICAL_CUBIC_STIFFNESS = 1e12;
    /** Longest time of any profile key (s): the longest run. */
    static final double MAX_SECONDS = 1e7;
    /** Shortest run (s). */
    static final double MIN_DURATION_SECONDS = 1e-3;
    /** Highest drive frequency and random-walk step (Hz). */
    static final double MAX_DRIVE_HZ = DriveFrequencies.MAX_HZ;

    /** Largest drive or noise amplitude in the rig's drive unit: 1 kV, 1 kN, or 1 m of base motion. */
    static double maxAmplitude(String driveUnit) {
        return driveUnit.equals("m") ? 1.0 : 1000.0;
    }

    /** Smallest tuned value in the rig's tuned unit (F, N/m or kg). */
    static double tunedMin(String tunedUnit) {
        return switch (tunedUnit) {
            case "F" -> MIN_FARADS;
            case "kg" -> MIN_KG;
            default -> MIN_N_PER_M;
        };
    }

    /** Largest tuned value in the rig's tuned unit (F, N/m or kg). */
    static double tunedMax(String tunedUnit) {
        return switch (tunedUnit) {
            case "F" -> MAX_FARADS;
            case "kg" -> MAX_KG;
            default -> MAX_N_PER_M;
        };
    }

    /** Command-line values that take precedence over the file; null fields leave the file's value. */
    public record Overrides(Long seed, Double durationSeconds, String tunerName) {
        /** No overrides. */
        public static Overrides none() {
            return new Overrides(null, null, null);
        }
    }

    private ConfigLoader() {}

    /** Loads {@code file}, or the built-in default config ({@link #DEFAULT_CONFIG}) when it is null. */
    public static RunConfig load(Path file, Overrides overrides) {
        if (file == null) {
            return fromTree(DEFAULT_CONFIG + " (built in)", defaultConfigTree(), overrides);
        }
        ObjectNode tree = readObject(file);
        resolveRelativePaths(tree, file);
        return fromTree(file.toString(), tree, overrides);
    }

    /** The config used without --config: packaged from the repository's calibration/ directory. */
    public static final String DEFAULT_CONFIG = "calibration/default-config.json";

    /**
     * Prefix of a path to a file packaged in the jar's calibration/ directory, e.g.
     * "builtin:rlc-reference.json" for the reference RLC calibration.
     */
    public static final String BUILT_IN_PREFIX = "builtin:";

    private static ObjectNode defaultConfigTree() {
        ObjectNode tree;
        try (InputStream in = ConfigLoader.class.getResourceAsStream("/" + DEFAULT_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_CONFIG + " is missing from the build (see pom.xml resources)");
            }
            tree = (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("the built-in " + DEFAULT_CONFIG + " cannot be read", e);
        }
        // Relative paths in the built-in config name files built in beside it.
        JsonNode calibration = tree.get("calibrationFile");
        if (calibration != null && calibration.isTextual() && !calibration.textValue().startsWith(BUILT_IN_PREFIX)) {
            tree.put("calibrationFile", BUILT_IN_PREFIX + calibration.textValue());
        }
        return tree;
    }

    /**
     * Resolves a relative {@code calibrationFile} of a config read from {@code file} against the
     * file's directory, so a config means the same wherever the service is started from.
     * Values that are not text are left for the validation to refuse.
     */
    public static void resolveRelativePaths(ObjectNode tree, Path file) {
        JsonNode calibration = tree.get("calibrationFile");
        if (calibration == null || !calibration.isTextual() || calibration.textValue().startsWith(BUILT_IN_PREFIX)) {
            return;
        }
        Path directory = file.getParent();
        try {
            Path path = Path.of(calibration.textValue());
            if (directory != null && !path.isAbsolute()) {
                tree.put("calibrationFile", directory.resolve(path).normalize().toString());
            }
        } catch (java.nio.file.InvalidPathException e) {
            // Reported with the key when the config is built.
        }
    }

    /**
     * Largest config or scenario file read (bytes): the README's full example is about 1 KB and a
     * bench file of a hundred scenarios some 100 KB, so 1 MiB refuses only what is not a config.
     */
    public static final long MAX_CONFIG_BYTES = 1L << 20;

    /**
     * Parses exactly one JSON object from the regular file {@code file} (at most
     * {@link #MAX_CONFIG_BYTES}), with errors that name the file, line and column.
     */
    public static ObjectNode readObject(Path file) {
        String text;
        try {
            text = BoundedTextFile.read(file, MAX_CONFIG_BYTES);
        } catch (BoundedTextFile.UnreadableFileException e) {
            throw new ConfigException("config file " + file + ": " + e.getMessage(), e);
        }
        try {
            return JsonDocument.parseObject(text);
        } catch (JsonDocument.MalformedException e) {
            throw new ConfigException("config file " + file + " " + e.getMessage(), e);
        }
    }

    /** Builds a run config from a parsed tree; {@code source} names it in errors and records. */
    public static RunConfig fromTree(String source, ObjectNode tree, Overrides overrides) {
        try {
            return build(source, new ConfigSection("", tree), overrides);
        } catch (ConfigException e) {
            if (source.startsWith(DEFAULT_CONFIG)) {
                throw e;
            }
            throw new ConfigException(source + ": " + e.getMessage(), e);
        }
    }

    private static RunConfig build(String source, ConfigSection root, Overrides overrides) {
        // Read the file's value even when overridden, so that it is checked and never "unknown".
        long fileSeed = root.integer("seed", 1, "");
        double fileDurationSeconds = root.number("durationSeconds", 30.0, "s", MIN_DURATION_SECONDS, MAX_SECONDS);
        long seed = fileSeed;
        if (overrides.seed() != null) {
            seed = overrides.seed();
            root.overridden("seed", seed, "");
        }
        double durationSeconds = fileDurationSeconds;
        if (overrides.durationSeconds() != null) {
            durationSeconds = overrides.durationSeconds();
            root.overridden("durationSeconds", durationSeconds, "s");
        }
        double checkedDurationSeconds = durationSeconds;
        root.build(() -> org.resonantlearner.check.Check.inRange("durationSeconds", checkedDurationSeconds, "s",
                MIN_DURATION_SECONDS, MAX_SECONDS));

        String modeName = root.choice("mode", RunMode.SIM.configName(), RunMode.configNames());
        RunMode mode = RunMode.valueOf(modeName.toUpperCase(java.util.Locale.ROOT));
        ConfigSection serialSection = root.section("serial");
        SerialSettings serial = serialSection.build(() -> new SerialSettings(serialSection.text("port", "")));
        if (mode == RunMode.SERIAL && serial.port().isBlank()) {
            throw new ConfigException(serialSection.keyPath("port")
                    + " is missing: required in mode \"serial\", a device path such as /dev/serial/by-id/usb-...");
        }

        ConfigSection rigSection = root.section("rig");
        String kind = rigSection.choice("kind", "rlc", RIG_KINDS);
        boolean massTuned = kind.equals("mechanical-base")
                && rigSection.choice("tunedParameter", "stiffness", List.of("stiffness", "mass")).equals("mass");
        RigDefaults defaults = RigDefaults.of(kind, massTuned);
        String rigId = rigSection.text("id", null);
        String calibrationPath = root.text("calibrationFile", null);
        CalibrationFile calibration = calibrationPath == null ? null
                : readCalibration(calibrationPath, rigSection, rigId, kind, defaults);
        RigModel rig = readRig(kind, massTuned, rigSection, calibration);

        ActuatorSettings actuator = readActuator(root.section("actuator"));
        TuningMap tuningMap;
        if (calibration == null) {
            tuningMap = readTuningMap(root.section("tuningMap"), defaults, actuator);
        } else if (root.has("tuningMap")) {
            throw new ConfigException("tuningMap is set and so is calibrationFile: allowed one of them"
                    + " (the calibration file's table is the tuning map)");
        } else {
            tuningMap = calibration.tuningMap();
        }
        ConfigSection sensorSection = root.section("sensor");
        SensorSettings sensor = readSensor(sensorSection, defaults, calibration);
        // Read in every mode when present (a file switched to "pi4j" later is already checked); absent it is null.
        Pi4jSettings pi4j = mode == RunMode.PI4J || root.has("pi4j")
                ? Pi4jConfig.read(root.section("pi4j"), rig, sensor, actuator)
                : null;
        DriveFrequencies reached = new DriveFrequencies();
        DriveProfile drive = readDrive(root.section("drive"), defaults, seed, reached);
        ConfigSection meterSection = root.section("meter");
        MeterSettings meter = readMeter(meterSection, defaults);
        reached.check(sensor, sensorSection, meter, meterSection);

        ConfigSection tunerSection = root.section("tuner");
        String fileTunerName = tunerSection.text("name", Tuners.names().get(0));
        String tunerName = fileTunerName;
        if (overrides.tunerName() != null) {
            tunerName = overrides.tunerName();
            tunerSection.overridden("name", "\"" + tunerName + "\"", "");
        }
        if (!Tuners.names().contains(tunerName)) {
            throw new ConfigException(tunerSection.keyPath("name") + " = \"" + tunerName
                    + "\" is invalid: allowed one of " + Tuners.names());
        }
        double nominalTimeConstantSeconds = 2 * rig.inertia(tuningMap.valueAt(actuator.initialPositionSteps()))
                / rig.totalDamping();
        TunerSettings tunerSettings = TunerConfig.read(tunerSection, nominalTimeConstantSeconds, actuator);

        ConfigSection outputSection = root.section("output");
        OutputSettings output = outputSection.build(() -> new OutputSettings(
                path(outputSection, "directory", "runs"),
                outputSection.number("progressIntervalSeconds", defaults.progressIntervalSeconds(), "s"),
                outputSection.integer("segmentMaxBytes", OutputSettings.DEFAULT_SEGMENT_MAX_BYTES, "B"),
                outputSection.number("segmentMaxSeconds", OutputSettings.DEFAULT_SEGMENT_MAX_SECONDS, "s"),
                outputSection.integer("keepTotalBytes", OutputSettings.DEFAULT_KEEP_TOTAL_BYTES, "B"),
                outputSection.integer32("recordEveryNthWindow", OutputSettings.DEFAULT_RECORD_EVERY_NTH_WINDOW, ""),
                outputSection.integer("diskReserveBytes", OutputSettings.DEFAULT_DISK_RESERVE_BYTES, "B")));

        root.rejectUnknownKeys();
        return new RunConfig(source, mode, serial, pi4j, seed, durationSeconds, rig, tuningMap, drive, sensor, actuator, meter, tunerName,
                tunerSettings, output, calibration, root.effectiveSettings());
    }

    /**
     * Loads the calibration file {@code path} (already resolved against its config's directory, or
     * {@code builtin:NAME} for a file packaged in the jar's calibration/ directory) for rig
     * {@code rigId}, and checks that it is for this kind of rig and tuned parameter.
     */
    private static CalibrationFile readCalibration(String path, ConfigSection rigSection, String rigId, String kind,
            RigDefaults defaults) {
        if (rigId == null) {
            throw new ConfigException(rigSection.keyPath("id")
                    + " is missing: required when calibrationFile is set (the rigId the file must carry)");
        }
        CalibrationFile calibration;
        try {
            calibration = path.startsWith(BUILT_IN_PREFIX)
                    ? CalibrationFiles.loadBuiltIn(path.substring(BUILT_IN_PREFIX.length()), rigId)
                    : CalibrationFiles.load(Path.of(path), rigId);
        } catch (CalibrationException e) {
            throw new ConfigException("calibrationFile: " + e.getMessage(), e);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException("calibrationFile = \"" + path + "\" is invalid: allowed a file path (" + e.getReason() + ")", e);
        }
        if (!calibration.rigKind().equals(kind)) {
            throw new ConfigException("calibrationFile: " + path + ": rigKind = \"" + calibration.rigKind()
                    + "\" is invalid: allowed \"" + kind + "\" (the config's " + rigSection.keyPath("kind") + ")");
        }
        if (!calibration.tunedUnit().equals(defaults.tunedUnit())) {
            throw new ConfigException("calibrationFile: " + path + ": tunedParameter = \"" + calibration.tunedParameter()
                    + "\" is invalid: allowed the parameter the config's rig tunes (unit " + defaults.tunedUnit() + ")");
        }
        return calibration;
    }

    /** A text key that must be a file path the OS accepts (no NUL), or {@code defaultPath} when absent. */
    private static String path(ConfigSection s, String key, String defaultPath) {
        String text = s.text(key, defaultPath);
        try {
            Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException(s.keyPath(key) + " = " + JsonDocument.JSON.getNodeFactory().textNode(text)
                    + " is invalid: allowed a file path (" + e.getReason() + ")", e);
        }
        return text;
    }

    /** The rig's load resistance: the calibration's unless the config sets it; both must then agree within 0.1 %. */
    private static double loadResistanceOhms(ConfigSection s, String key, double defaultOhms, CalibrationFile calibration) {
        if (calibration == null) {
            return s.number(key, defaultOhms, "Ω", MIN_LOAD_OHMS, MAX_OHMS);
        }
        double calibratedOhms = calibration.loadResistanceOhms();
        double ohms = s.number(key, calibratedOhms, "Ω", MIN_LOAD_OHMS, MAX_OHMS);
        if (!(Math.abs(ohms - calibratedOhms) <= 1e-3 * calibratedOhms)) {
            throw new ConfigException(s.keyPath(key) + " = " + ohms + " Ω is invalid: allowed the calibration file's"
                    + " loadResistanceOhms (" + calibratedOhms + " Ω, " + calibration.source() + ") within 0.1 %,"
                    + " or leave it out");
        }
        return ohms;
    }

    private static RigModel readRig(String kind, boolean massTuned, ConfigSection s, CalibrationFile calibration) {
        return switch (kind) {
            case "rlc" -> s.build(() -> new SeriesRlcRig(
                    s.number("inductanceHenries", 0.010, "H", 1e-6, 100),
                    s.number("sourceResistanceOhms", 0.5, "Ω", 0, MAX_OHMS),
                    s.number("coilResistanceOhms", 1.5, "Ω", 0, MAX_OHMS),
                    loadResistanceOhms(s, "loadResistanceOhms", 2.0, calibration),
                    s.number("cubicStiffness", 0.0, "1/(F*C^2)", 0, MAX_RLC_CUBIC_STIFFNESS)));
            case "mechanical-force" -> s.build(() -> new ForceDrivenMechanicalRig(
                    s.number("massKg", 0.05, "kg", MIN_KG, MAX_KG),
                    s.number("mechanicalDampingNsPerM", 0.05, "N*s/m", 0, MAX_DAMPING_NS_PER_M),
                    s.number("electricalDampingNsPerM", 0.10, "N*s/m", MIN_ELECTRICAL_DAMPING_NS_PER_M, MAX_DAMPING_NS_PER_M),
                    loadResistanceOhms(s, "transducerLoadResistanceOhms", 10.0, calibration),
                    s.number("cubicStiffnessNPerM3", 0.0, "N/m^3", 0, MAX_MECHANICAL_CUBIC_STIFFNESS)));
            case "mechanical-base" -> {
                yield s.build(() -> new BaseExcitedMechanicalRig(
                        massTuned ? BaseExcitedMechanicalRig.TunedParameter.MASS
                                : BaseExcitedMechanicalRig.TunedParameter.STIFFNESS,
                        s.number("massKg", 0.05, "kg", massTuned ? 0 : MIN_KG, MAX_KG),
                        s.number("stiffnessNPerM", 1776.5, "N/m", massTuned ? MIN_N_PER_M : 0, MAX_N_PER_M),
                        s.number("mechanicalDampingNsPerM", 0.05, "N*s/m", 0, MAX_DAMPING_NS_PER_M),
                        s.number("electricalDampingNsPerM", 0.10, "N*s/m", MIN_ELECTRICAL_DAMPING_NS_PER_M, MAX_DAMPING_NS_PER_M),
                        loadResistanceOhms(s, "transducerLoadResistanceOhms", 10.0, calibration),
                        s.number("cubicStiffnessNPerM3", 0.0, "N/m^3", 0, MAX_MECHANICAL_CUBIC_STIFFNESS)));
            }
            default -> throw new IllegalStateException(kind);
        };
    }

    private static ActuatorSettings readActuator(ConfigSection s) {
        return s.build(() -> new ActuatorSettings(
                s.integer32("minPositionSteps", 0, "steps"),
                s.integer32("maxPositionSteps", 10_000, "steps"),
                s.integer32("initialPositionSteps", 2_000, "steps"),
                s.number("maxStepRateStepsPerSecond", 100_000, "steps/s", 1e-3, 1e9),
                s.number("tuningEnergyPerStepJoules", 1e-8, "J"),
                s.number("tuningEnergyPerMoveJoules", 1e-6, "J")));
    }

    private static TuningMap readTuningMap(ConfigSection s, RigDefaults defaults, ActuatorSettings actuator) {
        String kind = s.choice("kind", "linear", List.of("linear", "varactor", "capacitor-bank", "tabulated"));
        String unit = defaults.tunedUnit();
        return switch (kind) {
            case "linear" -> s.build(Map.of("valueAtMin", "valueAtMinPosition", "valueAtMax", "valueAtMaxPosition"),
                    () -> new LinearTuningMap(actuator.minPositionSteps(), actuator.maxPositionSteps(),
                    s.number("valueAtMinPosition", defaults.tunedValueAtMin(), unit, tunedMin(unit), tunedMax(unit)),
                    s.number("valueAtMaxPosition", defaults.tunedValueAtMax(), unit, tunedMin(unit), tunedMax(unit))));
            case "varactor" -> s.build(() -> new VaractorTuningMap(
                    s.number("junctionCapacitanceFarads", 10e-6, "F", MIN_FARADS, MAX_FARADS),
                    s.number("builtInPotentialVolts", 0.7, "V", 0.01, 10),
                    s.number("gradingCoefficient", 0.5, "", 0.01, 5),
                    s.number("fixedCapacitanceFarads", 0.5e-6, "F", 0, MAX_FARADS),
                    s.number("dacFullScaleVolts", 30.0, "V", 0.01, 1000),
                    s.integer32("dacBits", 12, "bits")));
            case "capacitor-bank" -> s.build(() -> new CapacitorBankTuningMap(
                    s.number("baseCapacitanceFarads", 0.5e-6, "F", MIN_FARADS, MAX_FARADS),
                    s.number("unitCapacitanceFarads", 0.01e-6, "F", 1e-15, 1e-3),
                    s.integer32("bits", 11, "bits")));
            case "tabulated" -> s.build(() -> new TabulatedTuningMap(
                    s.requiredNumbers("positionsSteps", "steps", 0, 1 << 30),
                    s.requiredNumbers("values", unit, tunedMin(unit), tunedMax(unit))));
            default -> throw new IllegalStateException(kind);
        };
    }

    private static SensorSettings readSensor(ConfigSection s, RigDefaults defaults, CalibrationFile calibration) {
        AdcChannel loadChannel = calibration == null ? new AdcChannel(0, 0.0, 0.0) : calibration.adcChannel(0);
        for (String key : List.of("offsetVolts", "gainErrorFraction")) {
            if (calibration != null && s.has(key)) {
                throw new ConfigException(s.keyPath(key) + " is set and so is calibrationFile: allowed one of them"
                        + " (the ADC offset and gain are the calibration file's channel 0)");
            }
        }
        return s.build(() -> new SensorSettings(
                s.number("sampleRateHz", defaults.sampleRateHz(), "Hz"),
                s.integer32("adcBits", defaults.adcBits(), "bits"),
                s.number("fullScaleVolts", defaults.fullScaleVolts(), "V"),
                s.number("noiseVoltsRms", defaults.noiseVoltsRms(), "V"),
                s.number("offsetVolts", loadChannel.offsetVolts(), "V"),
                s.number("gainErrorFraction", loadChannel.gainErrorFraction(), ""),
                s.number("watchdogTimeoutSeconds", 1.0, "s")));
    }

    private static MeterSettings readMeter(ConfigSection s, RigDefaults defaults) {
        return s.build(() -> new MeterSettings(
                s.integer32("windowPeriods", 10, "periods"),
                s.number("maxWindowSeconds", defaults.maxWindowSeconds(), "s")));
    }

    private static DriveProfile readDrive(ConfigSection s, RigDefaults defaults, long runSeed, DriveFrequencies reached) {
        String unit = defaults.driveUnit();
        ConfigSection f = s.section("frequency");
        String frequencyKind = f.choice("kind", "constant",
                List.of("constant", "ramp", "steps", "trapezoid", "random-walk"));
        FrequencyProfile frequency = switch (frequencyKind) {
            case "constant" -> f.build(() -> new ConstantFrequency(reached.hz(f, "frequencyHz", defaults.driveFrequencyHz())));
            case "ramp" -> f.build(() -> new FrequencyRamp(
                    reached.hz(f, "startHz", defaults.driveFrequencyHz()),
                    reached.hz(f, "endHz", defaults.driveFrequencyHz() * 1.1),
                    f.number("startTimeSeconds", 0.0, "s", 0, MAX_SECONDS),
                    f.number("endTimeSeconds", 10.0, "s", 0, MAX_SECONDS)));
            case "steps" -> f.build(() -> new FrequencySteps(
                    reached.hz(f, "initialHz", defaults.driveFrequencyHz()),
                    f.requiredNumbers("stepTimesSeconds", "s", 0, MAX_SECONDS),
                    reached.hzArray(f, "frequenciesHz")));
            case "trapezoid" -> f.build(() -> new FrequencyTrapezoid(
                    reached.hz(f, "lowHz", defaults.driveFrequencyHz()),
                    reached.hz(f, "highHz", defaults.driveFrequencyHz() * 1.1),
                    f.number("lowHoldSeconds", 5.0, "s", 0, MAX_SECONDS),
                    f.number("rampSeconds", 10.0, "s", 1e-3, MAX_SECONDS),
                    f.number("highHoldSeconds", 5.0, "s", 0, MAX_SECONDS),
                    f.number("finalHoldSeconds", 5.0, "s", 0, MAX_SECONDS),
                    f.bool("repeat", false)));
            case "random-walk" -> f.build(() -> new FrequencyRandomWalk(
                    reached.hz(f, "startHz", defaults.driveFrequencyHz()),
                    reached.hz(f, "minHz", defaults.driveFrequencyHz() * 0.9),
                    reached.hz(f, "maxHz", defaults.driveFrequencyHz() * 1.1),
                    f.number("stepStdHz", defaults.driveFrequencyHz() * 0.001, "Hz", 0, MAX_DRIVE_HZ),
                    f.number("stepIntervalSeconds", 0.1, "s", 1e-3, MAX_SECONDS),
                    Seeds.derive(runSeed, "drive.frequency")));
            default -> throw new IllegalStateException(frequencyKind);
        };
        ConfigSection a = s.section("amplitude");
        String amplitudeKind = a.choice("kind", "constant", List.of("constant", "steps", "ramp"));
        AmplitudeProfile amplitude = switch (amplitudeKind) {
            case "constant" -> a.build(() -> new ConstantAmplitude(a.number("amplitude", defaults.driveAmplitude(), unit, 0, maxAmplitude(unit))));
            case "steps" -> a.build(() -> new AmplitudeSteps(
                    a.number("initialAmplitude", defaults.driveAmplitude(), unit, 0, maxAmplitude(unit)),
                    a.requiredNumbers("stepTimesSeconds", "s", 0, MAX_SECONDS),
                    a.requiredNumbers("amplitudes", unit, 0, maxAmplitude(unit))));
            case "ramp" -> a.build(() -> new AmplitudeRamp(
                    a.number("startAmplitude", defaults.driveAmplitude(), unit, 0, maxAmplitude(unit)),
                    a.number("endAmplitude", defaults.driveAmplitude() * 2, unit, 0, maxAmplitude(unit)),
                    a.number("startTimeSeconds", 0.0, "s", 0, MAX_SECONDS),
                    a.number("endTimeSeconds", 10.0, "s", 0, MAX_SECONDS)));
            default -> throw new IllegalStateException(amplitudeKind);
        };
        ConfigSection n = s.section("noise");
        GaussianNoise noise = n.build(() -> new GaussianNoise(
                n.number("rms", 0.0, unit, 0, maxAmplitude(unit)),
                n.number("sampleRateHz", defaults.sampleRateHz(), "Hz", 1, 10e6),
                Seeds.derive(runSeed, "drive.noise")));
        return new Drive(frequency, amplitude, noise);
    }
}
