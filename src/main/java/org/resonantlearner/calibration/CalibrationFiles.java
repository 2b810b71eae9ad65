package org.resonantlearner.calibration;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.resonantlearner.check.BoundedTextFile;
import org.resonantlearner.check.InvalidValueException;
import org.resonantlearner.telemetry.AtomicFiles;

/**
 * Reads calibration files (calibration/FORMAT.md). Every error is one {@link CalibrationException}
 * line naming the file, the line and the field; a file is read completely and validated before
 * anything is returned, so a caller never sees a half-read calibration.
 */
public final class CalibrationFiles {
    private static final ObjectMapper JSON = JsonDocument.JSON;
    /**
     * Largest calibration file read (bytes): {@code calibrate} writes about 250 bytes per table row
     * (rlc-calibrate-example.json: 21 rows in 5.3 KB) and at most 10,000 rows (its --positions
     * limit), about 2.5 MB; 4 MiB leaves a margin for comments and longer numbers.
     */
    public static final long MAX_FILE_BYTES = 4L << 20;

    private CalibrationFiles() {}

    /**
     * Loads {@code file} and checks that it was measured on {@code expectedRigId}.
     *
     * @throws CalibrationException when the file is missing, malformed, incomplete, out of range or
     *     for another rig
     */
    public static CalibrationFile load(Path file, String expectedRigId) {
        String text;
        try {
            text = BoundedTextFile.read(file, MAX_FILE_BYTES);
        } catch (BoundedTextFile.UnreadableFileException e) {
            // A relative path says where it was looked for only together with the working directory.
            String absolute = file.toAbsolutePath().normalize().toString();
            throw new CalibrationException("calibration file " + file + ": " + e.getMessage()
                    + (absolute.equals(file.toString()) ? "" : " (looked for " + absolute + ")"), e);
        }
        return parse(file.toString(), text, expectedRigId);
    }

    /**
     * Loads {@code name} from the calibration/ directory packaged in the jar (the reference
     * calibrations), named "builtin:NAME" in errors and records.
     */
    public static CalibrationFile loadBuiltIn(String name, String expectedRigId) {
        String source = "builtin:" + name;
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new CalibrationException("calibration file " + source + ": allowed a file name from the built-in"
                    + " calibration/ directory, such as builtin:rlc-reference.json");
        }
        try (InputStream in = CalibrationFiles.class.getResourceAsStream("/calibration/" + name)) {
            if (in == null) {
                throw new CalibrationException("calibration file " + source + ": no such built-in file"
                        + " (built in: rlc-reference.json, mechanical-reference.json)");
            }
            return parse(source, new String(in.readAllBytes(), StandardCharsets.UTF_8), expectedRigId);
        } catch (IOException e) {
            throw new CalibrationException("calibration file " + source + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses calibration text; {@code source} names it in errors and in the result. */
    public static CalibrationFile parse(String source, String text, String expectedRigId) {
        ObjectNode tree;
        Map<String, Integer> lines;
        try {
            tree = JsonDocument.parseObject(text);
            lines = fieldLines(text);
        } catch (JsonDocument.MalformedException e) {
            throw new CalibrationException(source + " " + e.getMessage(), e);
        } catch (IOException e) {
            throw new CalibrationException(source + ": cannot parse: " + e.getMessage(), e);
        }
        Fields root = new Fields(source, lines, "", tree);
        CalibrationFile calibration = read(root);
        if (!calibration.rigId().equals(expectedRigId)) {
            throw root.error("rigId", "rigId = \"" + calibration.rigId() + "\" is invalid: allowed \""
                    + expectedRigId + "\" (the config's rig.id): this file calibrates another rig");
        }
        return calibration;
    }

    /**
     * Writes {@code calibration} to {@code file} in the documented layout (one table row per line),
     * after reading the text back through {@link #parse}: a file that would not load is never
     * published. Atomic: a reader sees the old file or the new one, never half of it.
     *
     * @param overwrite false to refuse a file that exists already (a recorded calibration is not lost by mistake)
     * @throws CalibrationException when the file exists (and overwrite is false) or cannot be written
     */
    public static void write(CalibrationFile calibration, Path file, boolean overwrite) {
        if (!overwrite && Files.exists(file)) {
            throw new CalibrationException("calibration file " + file + " exists already: choose another path,"
                    + " or overwrite it deliberately");
        }
        String text = format(calibration);
        parse(file.toString(), text, calibration.rigId());
        try {
            AtomicFiles.writeString(file, text);
        } catch (IOException e) {
            throw new CalibrationException("calibration file " + file + ": cannot write: " + e.getMessage(), e);
        }
    }

    /** The file text of {@code calibration}: numbers to 7 significant digits, optional fields only when present. */
    static String format(CalibrationFile calibration) {
        StringBuilder text = new StringBuilder("{\n");
        text.append("  \"rigId\": ").append(quoted(calibration.rigId())).append(",\n");
        text.append("  \"rigKind\": ").append(quoted(calibration.rigKind())).append(",\n");
        text.append("  \"date\": ").append(quoted(calibration.date().toString())).append(",\n");
        if (!calibration.comment().isEmpty()) {
            text.append("  \"comment\": ").append(quoted(calibration.comment())).append(",\n");
        }
        text.append("  \"adcChannels\": [\n");
        for (int i = 0; i < calibration.adcChannels().size(); i++) {
            AdcChannel channel = calibration.adcChannels().get(i);
            text.append("    {\"channel\": ").append(channel.channel())
                    .append(", \"offsetVolts\": ").append(number(channel.offsetVolts()))
                    .append(", \"gainErrorFraction\": ").append(number(channel.gainErrorFraction())).append('}')
                    .append(i + 1 < calibration.adcChannels().size() ? ",\n" : "\n");
        }
        text.append("  ],\n");
        text.append("  \"loadResistanceOhms\": ").append(number(calibration.loadResistanceOhms())).append(",\n");
        text.append("  \"tunedParameter\": ").append(quoted(calibration.tunedParameter())).append(",\n");
        text.append("  \"tunedUnit\": ").append(quoted(calibration.tunedUnit())).append(",\n");
        text.append("  \"table\": [\n");
        for (int i = 0; i < calibration.table().size(); i++) {
            CalibrationRow row = calibration.table().get(i);
            text.append("    {\"positionSteps\": ").append(row.positionSteps())
                    .append(", \"tunedValue\": ").append(number(row.tunedValue()))
                    .append(", \"resonantFrequencyHz\": ").append(number(row.resonantFrequencyHz()))
                    .append(", \"loadedQ\": ").append(number(row.loadedQ()));
            appendOptional(text, "fitResidualRmsFraction", row.fitResidualRmsFraction());
            appendOptional(text, "ringdownResonantFrequencyHz", row.ringdownResonantFrequencyHz());
            appendOptional(text, "ringdownLoadedQ", row.ringdownLoadedQ());
            text.append('}').append(i + 1 < calibration.table().size() ? ",\n" : "\n");
        }
        text.append("  ]\n}\n");
        return text.toString();
    }

    private static void appendOptional(StringBuilder text, String name, OptionalDouble value) {
        if (value.isPresent()) {
            text.append(", \"").append(name).append("\": ").append(number(value.getAsDouble()));
        }
    }

    private static String number(double value) {
        return new BigDecimal(value).round(new MathContext(7)).stripTrailingZeros().toString();
    }

    private static String quoted(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }

    private static CalibrationFile read(Fields root) {
        String rigId = root.text("rigId");
        String rigKind = root.text("rigKind");
        String dateText = root.text("date");
        LocalDate date;
        try {
            date = LocalDate.parse(dateText);
        } catch (DateTimeParseException e) {
            throw root.error("date", "date = \"" + dateText + "\" is invalid: allowed an ISO-8601 date such as \"2026-11-23\"");
        }
        String comment = root.optionalText("comment", "");
        List<AdcChannel> channels = new ArrayList<>();
        for (Fields c : root.objects("adcChannels")) {
            int channel = c.integer("channel");
            double offsetVolts = c.number("offsetVolts");
            double gainErrorFraction = c.number("gainErrorFraction");
            channels.add(c.build(() -> new AdcChannel(channel, offsetVolts, gainErrorFraction)));
            c.rejectUnknownKeys();
        }
        double loadResistanceOhms = root.number("loadResistanceOhms");
        String tunedParameter = root.text("tunedParameter");
        String tunedUnit = root.text("tunedUnit");
        // Checked before the table, whose tunedValue errors quote this unit.
        if (!CalibrationFile.TUNED_UNITS.containsValue(tunedUnit)) {
            throw root.error("tunedUnit", "tunedUnit = \"" + tunedUnit + "\" is invalid: allowed one of [F, N/m, kg]");
        }
        List<CalibrationRow> table = new ArrayList<>();
        for (Fields r : root.objects("table")) {
            int positionSteps = r.integer("positionSteps");
            double tunedValue = r.number("tunedValue");
            double resonantFrequencyHz = r.number("resonantFrequencyHz");
            double loadedQ = r.number("loadedQ");
            OptionalDouble fit = r.optionalNumber("fitResidualRmsFraction");
            OptionalDouble ringdownHz = r.optionalNumber("ringdownResonantFrequencyHz");
            OptionalDouble ringdownQ = r.optionalNumber("ringdownLoadedQ");
            // The unit of tunedValue is the file's; check it here so the error names it.
            if (!Double.isFinite(tunedValue) || tunedValue <= 0) {
                throw r.error("tunedValue", r.key("tunedValue") + " = " + tunedValue + " " + tunedUnit
                        + " is invalid: allowed a finite value > 0 " + tunedUnit);
            }
            table.add(r.build(() -> new CalibrationRow(positionSteps, tunedValue, resonantFrequencyHz, loadedQ, fit,
                    ringdownHz, ringdownQ)));
            r.rejectUnknownKeys();
        }
        root.rejectUnknownKeys();
        return root.build(() -> new CalibrationFile(root.source, rigId, rigKind, date, comment, channels,
                loadResistanceOhms, tunedParameter, tunedUnit, table));
    }

    /**
     * The line of every field and array element, keyed by its path ("table[3].loadedQ"): a second
     * pass over text that {@code readTree} has already accepted.
     */
    private static Map<String, Integer> fieldLines(String text) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != null) {
                walk(parser, "", lines);
            }
        }
        return lines;
    }

    private static void walk(JsonParser parser, String path, Map<String, Integer> lines) throws IOException {
        lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String child = path.isEmpty() ? parser.currentName() : path + "." + parser.currentName();
                lines.put(child, parser.currentTokenLocation().getLineNr());
                parser.nextToken();
                walk(parser, child, lines);
            }
        } else if (parser.currentToken() == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                walk(parser, path + "[" + index + "]", lines);
                index++;
            }
        }
    }

    /** One JSON object of the file, read field by field; every error names file, line and field. */
    private static final class Fields {
        private final String source;
        private final Map<String, Integer> lines;
        private final String path;
        private final ObjectNode node;
        private final List<String> readKeys = new ArrayList<>();

        Fields(String source, Map<String, Integer> lines, String path, ObjectNode node) {
            this.source = source;
            this.lines = lines;
            this.path = path;
            this.node = node;
        }

        String key(String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        /** The error at {@code name}'s line, or this object's line when the field is absent. */
        CalibrationException error(String name, String message) {
            Integer line = lines.get(key(name));
            if (line == null) {
                line = lines.getOrDefault(path, 1);
            }
            return new CalibrationException(source + " line " + line + ": " + message);
        }

        private JsonNode required(String name, String allowed) {
            readKeys.add(name);
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                throw error(name, key(name) + " is missing: required " + allowed);
            }
            return value;
        }

        private CalibrationException wrongType(String name, JsonNode value, String allowed) {
            return error(name, key(name) + " = " + value + " is invalid: allowed " + allowed);
        }

        String text(String name) {
            JsonNode value = required(name, "a string");
            if (!value.isTextual()) {
                throw wrongType(name, value, "a string");
            }
            return value.textValue();
        }

        String optionalText(String name, String defaultValue) {
            readKeys.add(name);
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return defaultValue;
            }
            if (!value.isTextual()) {
                throw wrongType(name, value, "a string");
            }
            return value.textValue();
        }

        double number(String name) {
            JsonNode value = required(name, "a number");
            if (!value.isNumber()) {
                throw wrongType(name, value, "a number");
            }
            return value.doubleValue();
        }

        OptionalDouble optionalNumber(String name) {
            readKeys.add(name);
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return OptionalDouble.empty();
            }
            if (!value.isNumber()) {
                throw wrongType(name, value, "a number");
            }
            return OptionalDouble.of(value.doubleValue());
        }

        int integer(String name) {
            JsonNode value = required(name, "a whole number");
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                throw wrongType(name, value, "a whole number within 32 bits");
            }
            return value.intValue();
        }

        List<Fields> objects(String name) {
            JsonNode value = required(name, "an array of objects");
            if (!value.isArray()) {
                throw wrongType(name, value, "an array of objects");
            }
            List<Fields> result = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                String elementKey = key(name) + "[" + i + "]";
                JsonNode element = value.get(i);
                if (!element.isObject()) {
                    throw new CalibrationException(source + " line " + lines.getOrDefault(elementKey, 1) + ": "
                            + elementKey + " = " + element + " is invalid: allowed an object { ... }");
                }
                result.add(new Fields(source, lines, elementKey, (ObjectNode) element));
            }
            return result;
        }

        /** Builds a record whose constructor validates; its error is placed at the field it names. */
        <T> T build(Supplier<T> constructor) {
            try {
                return constructor.get();
            } catch (InvalidValueException e) {
                // Keys of the whole-file record are already full paths ("table[3].positionSteps").
                String field = path.isEmpty() ? e.key() : path + "." + e.key();
                Integer line = lines.get(field);
                if (line == null) {
                    line = lines.getOrDefault(path, 1);
                }
                String message = path.isEmpty() ? e.getMessage() : e.underKey(path).getMessage();
                throw new CalibrationException(source + " line " + line + ": " + message, e);
            }
        }

        void rejectUnknownKeys() {
            var names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!readKeys.contains(name)) {
                    throw error(name, key(name) + " is not a known field: known fields here are " + readKeys);
                }
            }
        }
    }
}
