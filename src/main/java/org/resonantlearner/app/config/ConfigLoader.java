package org.resonantlearner.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.resonantlearner.calibration.AdcChannel;
import org.resonantlearner.calibration.CalibrationException;
import org.resonantlearner.calibration.CalibrationFile;
import org.resonantlearner.calibration.CalibrationFiles;
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

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

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

    /** Parses a JSON object from {@code file}, with errors that name the file, line and column. */
    public static ObjectNode readObject(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException("config file " + file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException("config file " + file + ": cannot read: " + e.getMessage(), e);
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new ConfigException("config file " + file + where + ": " + e.getOriginalMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ConfigException("config file " + file + ": expected a JSON object { ... } at the top");
        }
        return (ObjectNode) tree;
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
        double fileDurationSeconds = root.number("durationSeconds", 30.0, "s");
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
        root.build(() -> org.resonantlearner.check.Check.inRange("durationSeconds", checkedDurationSeconds, "s", 1e-3, 1e7));

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
        SensorSettings sensor = readSensor(root.section("sensor"), defaults, calibration);
        // Read in every mode when present (a file switched to "pi4j" later is already checked); absent it is null.
        Pi4jSettings pi4j = mode == RunMode.PI4J || root.has("pi4j")
                ? Pi4jConfig.read(root.section("pi4j"), rig, sensor, actuator)
                : null;
        DriveProfile drive = readDrive(root.section("drive"), defaults, seed);
        MeterSettings meter = readMeter(root.section("meter"), defaults);

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
                outputSection.text("directory", "runs"),
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

    /** The rig's load resistance: the calibration's unless the config sets it; both must then agree within 0.1 %. */
    private static double loadResistanceOhms(ConfigSection s, String key, double defaultOhms, CalibrationFile calibration) {
        if (calibration == null) {
            return s.number(key, defaultOhms, "Ω");
        }
        double calibratedOhms = calibration.loadResistanceOhms();
        double ohms = s.number(key, calibratedOhms, "Ω");
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
                    s.number("inductanceHenries", 0.010, "H"),
                    s.number("sourceResistanceOhms", 0.5, "Ω"),
                    s.number("coilResistanceOhms", 1.5, "Ω"),
                    loadResistanceOhms(s, "loadResistanceOhms", 2.0, calibration),
                    s.number("cubicStiffness", 0.0, "1/(F*C^2)")));
            case "mechanical-force" -> s.build(() -> new ForceDrivenMechanicalRig(
                    s.number("massKg", 0.05, "kg"),
                    s.number("mechanicalDampingNsPerM", 0.05, "N*s/m"),
                    s.number("electricalDampingNsPerM", 0.10, "N*s/m"),
                    loadResistanceOhms(s, "transducerLoadResistanceOhms", 10.0, calibration),
                    s.number("cubicStiffnessNPerM3", 0.0, "N/m^3")));
            case "mechanical-base" -> {
                yield s.build(() -> new BaseExcitedMechanicalRig(
                        massTuned ? BaseExcitedMechanicalRig.TunedParameter.MASS
                                : BaseExcitedMechanicalRig.TunedParameter.STIFFNESS,
                        s.number("massKg", 0.05, "kg"),
                        s.number("stiffnessNPerM", 1776.5, "N/m"),
                        s.number("mechanicalDampingNsPerM", 0.05, "N*s/m"),
                        s.number("electricalDampingNsPerM", 0.10, "N*s/m"),
                        loadResistanceOhms(s, "transducerLoadResistanceOhms", 10.0, calibration),
                        s.number("cubicStiffnessNPerM3", 0.0, "N/m^3")));
            }
            default -> throw new IllegalStateException(kind);
        };
    }

    private static ActuatorSettings readActuator(ConfigSection s) {
        return s.build(() -> new ActuatorSettings(
                s.integer32("minPositionSteps", 0, "steps"),
                s.integer32("maxPositionSteps", 10_000, "steps"),
                s.integer32("initialPositionSteps", 2_000, "steps"),
                s.number("maxStepRateStepsPerSecond", 100_000, "steps/s"),
                s.number("tuningEnergyPerStepJoules", 1e-8, "J"),
                s.number("tuningEnergyPerMoveJoules", 1e-6, "J")));
    }

    private static TuningMap readTuningMap(ConfigSection s, RigDefaults defaults, ActuatorSettings actuator) {
        String kind = s.choice("kind", "linear", List.of("linear", "varactor", "capacitor-bank", "tabulated"));
        String unit = defaults.tunedUnit();
        return switch (kind) {
            case "linear" -> s.build(Map.of("valueAtMin", "valueAtMinPosition", "valueAtMax", "valueAtMaxPosition"),
                    () -> new LinearTuningMap(actuator.minPositionSteps(), actuator.maxPositionSteps(),
                    s.number("valueAtMinPosition", defaults.tunedValueAtMin(), unit),
                    s.number("valueAtMaxPosition", defaults.tunedValueAtMax(), unit)));
            case "varactor" -> s.build(() -> new VaractorTuningMap(
                    s.number("junctionCapacitanceFarads", 10e-6, "F"),
                    s.number("builtInPotentialVolts", 0.7, "V"),
                    s.number("gradingCoefficient", 0.5, ""),
                    s.number("fixedCapacitanceFarads", 0.5e-6, "F"),
                    s.number("dacFullScaleVolts", 30.0, "V"),
                    s.integer32("dacBits", 12, "bits")));
            case "capacitor-bank" -> s.build(() -> new CapacitorBankTuningMap(
                    s.number("baseCapacitanceFarads", 0.5e-6, "F"),
                    s.number("unitCapacitanceFarads", 0.01e-6, "F"),
                    s.integer32("bits", 11, "bits")));
            case "tabulated" -> s.build(() -> new TabulatedTuningMap(
                    s.requiredNumbers("positionsSteps", "steps"),
                    s.requiredNumbers("values", unit)));
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

    private static DriveProfile readDrive(ConfigSection s, RigDefaults defaults, long runSeed) {
        String unit = defaults.driveUnit();
        ConfigSection f = s.section("frequency");
        String frequencyKind = f.choice("kind", "constant",
                List.of("constant", "ramp", "steps", "trapezoid", "random-walk"));
        FrequencyProfile frequency = switch (frequencyKind) {
            case "constant" -> f.build(() -> new ConstantFrequency(f.number("frequencyHz", defaults.driveFrequencyHz(), "Hz")));
            case "ramp" -> f.build(() -> new FrequencyRamp(
                    f.number("startHz", defaults.driveFrequencyHz(), "Hz"),
                    f.number("endHz", defaults.driveFrequencyHz() * 1.1, "Hz"),
                    f.number("startTimeSeconds", 0.0, "s"),
                    f.number("endTimeSeconds", 10.0, "s")));
            case "steps" -> f.build(() -> new FrequencySteps(
                    f.number("initialHz", defaults.driveFrequencyHz(), "Hz"),
                    f.requiredNumbers("stepTimesSeconds", "s"),
                    f.requiredNumbers("frequenciesHz", "Hz")));
            case "trapezoid" -> f.build(() -> new FrequencyTrapezoid(
                    f.number("lowHz", defaults.driveFrequencyHz(), "Hz"),
                    f.number("highHz", defaults.driveFrequencyHz() * 1.1, "Hz"),
                    f.number("lowHoldSeconds", 5.0, "s"),
                    f.number("rampSeconds", 10.0, "s"),
                    f.number("highHoldSeconds", 5.0, "s"),
                    f.number("finalHoldSeconds", 5.0, "s"),
                    f.bool("repeat", false)));
            case "random-walk" -> f.build(() -> new FrequencyRandomWalk(
                    f.number("startHz", defaults.driveFrequencyHz(), "Hz"),
                    f.number("minHz", defaults.driveFrequencyHz() * 0.9, "Hz"),
                    f.number("maxHz", defaults.driveFrequencyHz() * 1.1, "Hz"),
                    f.number("stepStdHz", defaults.driveFrequencyHz() * 0.001, "Hz"),
                    f.number("stepIntervalSeconds", 0.1, "s"),
                    Seeds.derive(runSeed, "drive.frequency")));
            default -> throw new IllegalStateException(frequencyKind);
        };
        ConfigSection a = s.section("amplitude");
        String amplitudeKind = a.choice("kind", "constant", List.of("constant", "steps", "ramp"));
        AmplitudeProfile amplitude = switch (amplitudeKind) {
            case "constant" -> a.build(() -> new ConstantAmplitude(a.number("amplitude", defaults.driveAmplitude(), unit)));
            case "steps" -> a.build(() -> new AmplitudeSteps(
                    a.number("initialAmplitude", defaults.driveAmplitude(), unit),
                    a.requiredNumbers("stepTimesSeconds", "s"),
                    a.requiredNumbers("amplitudes", unit)));
            case "ramp" -> a.build(() -> new AmplitudeRamp(
                    a.number("startAmplitude", defaults.driveAmplitude(), unit),
                    a.number("endAmplitude", defaults.driveAmplitude() * 2, unit),
                    a.number("startTimeSeconds", 0.0, "s"),
                    a.number("endTimeSeconds", 10.0, "s")));
            default -> throw new IllegalStateException(amplitudeKind);
        };
        ConfigSection n = s.section("noise");
        GaussianNoise noise = n.build(() -> new GaussianNoise(
                n.number("rms", 0.0, unit),
                n.number("sampleRateHz", defaults.sampleRateHz(), "Hz"),
                Seeds.derive(runSeed, "drive.noise")));
        return new Drive(frequency, amplitude, noise);
    }
}
