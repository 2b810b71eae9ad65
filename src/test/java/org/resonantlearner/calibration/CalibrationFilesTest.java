package org.resonantlearner.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading calibration files: the examples load; every error is one line naming file, line and field. */
class CalibrationFilesTest {
    private static final Path RLC_EXAMPLE = Path.of("calibration/rlc-reference.json");
    private static final Path MECHANICAL_EXAMPLE = Path.of("calibration/mechanical-reference.json");

    @TempDir
    Path directory;

    @Test
    void theRlcExampleLoads() {
        CalibrationFile calibration = CalibrationFiles.load(RLC_EXAMPLE, "rlc-reference");
        assertEquals("rlc", calibration.rigKind());
        assertEquals(LocalDate.of(2026, 11, 23), calibration.date());
        assertEquals("capacitance", calibration.tunedParameter());
        assertEquals("F", calibration.tunedUnit());
        assertEquals(2.0, calibration.loadResistanceOhms(), 0.0);
        assertEquals(21, calibration.table().size());
        assertEquals(0.0, calibration.adcChannel(0).offsetVolts(), 0.0);
        assertEquals(RLC_EXAMPLE.toString(), calibration.source());
        assertFalse(calibration.comment().isEmpty());
    }

    @Test
    void theMechanicalExampleLoads() {
        CalibrationFile calibration = CalibrationFiles.load(MECHANICAL_EXAMPLE, "mechanical-reference");
        assertEquals("mechanical-force", calibration.rigKind());
        assertEquals("N/m", calibration.tunedUnit());
        assertEquals(10.0, calibration.loadResistanceOhms(), 0.0);
    }

    /** The RLC example with {@code from} replaced by {@code to} (exactly once), written to a file. */
    private Path edited(String from, String to) throws IOException {
        String text = Files.readString(RLC_EXAMPLE);
        int at = text.indexOf(from);
        assertTrue(at >= 0 && text.indexOf(from, at + 1) < 0, "edit target must occur once: " + from);
        Path file = directory.resolve("edited.json");
        Files.writeString(file, text.substring(0, at) + to + text.substring(at + from.length()));
        return file;
    }

    /** The RLC example with {@code from} replaced by {@code to} (exactly once), loaded for its own rig id. */
    private String errorOfEdited(String from, String to) throws IOException {
        Path file = edited(from, to);
        CalibrationException e = assertThrows(CalibrationException.class,
                () -> CalibrationFiles.load(file, "rlc-reference"));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(file + " line "), "names the file: " + e.getMessage());
        return e.getMessage().substring(file.toString().length() + 1);
    }

    /** The RLC example with {@code from} replaced by {@code to} (exactly once), loaded: the edit is accepted. */
    private CalibrationFile loadEdited(String from, String to) throws IOException {
        return CalibrationFiles.load(edited(from, to), "rlc-reference");
    }

    @Test
    void malformedJsonNamesLineColumnAndField() throws IOException {
        String message = errorOfEdited("\"loadedQ\": 15.97191}", "\"loadedQ\": 15.97191,}");
        assertTrue(message.startsWith("line 15 column "), message);
        assertTrue(message.contains("(near table[2].loadedQ)"), message);
        assertTrue(message.contains("malformed JSON"), message);
    }

    @Test
    void aMissingFieldNamesItsObjectsLine() throws IOException {
        String message = errorOfEdited(", \"loadedQ\": 15.97191}", "}");
        assertEquals("line 15: table[2].loadedQ is missing: required a number", message);
    }

    @Test
    void aMissingTopLevelFieldNamesIt() throws IOException {
        String message = errorOfEdited("  \"loadResistanceOhms\": 2.0,\n", "");
        assertEquals("line 1: loadResistanceOhms is missing: required a number", message);
    }

    @Test
    void aWrongTypeNamesTheField() throws IOException {
        String message = errorOfEdited("\"loadResistanceOhms\": 2.0", "\"loadResistanceOhms\": \"2 ohm\"");
        assertEquals("line 9: loadResistanceOhms = \"2 ohm\" is invalid: allowed a number", message);
    }

    @Test
    void aFractionalPositionIsAWrongType() throws IOException {
        String message = errorOfEdited("\"positionSteps\": 1000,", "\"positionSteps\": 1000.5,");
        assertEquals("line 15: table[2].positionSteps = 1000.5 is invalid: allowed a whole number within 32 bits", message);
    }

    @Test
    void aNegativeQIsOutOfRange() throws IOException {
        String message = errorOfEdited("\"loadedQ\": 15.97191}", "\"loadedQ\": -15.97191}");
        assertEquals("line 15: table[2].loadedQ = -15.97191 is invalid: allowed a finite value > 0", message);
    }

    @Test
    void aNonFiniteFrequencyIsOutOfRange() throws IOException {
        String message = errorOfEdited("\"resonantFrequencyHz\": 1016.804", "\"resonantFrequencyHz\": 1e999");
        assertEquals("line 15: table[2].resonantFrequencyHz = Infinity Hz is invalid: allowed a finite value > 0 Hz", message);
    }

    @Test
    void aNegativeTunedValueNamesItsUnit() throws IOException {
        String message = errorOfEdited("\"tunedValue\": 2.45e-06", "\"tunedValue\": -2.45e-06");
        assertEquals("line 15: table[2].tunedValue = -2.45E-6 F is invalid: allowed a finite value > 0 F", message);
    }

    @Test
    void decreasingPositionsNameBothRows() throws IOException {
        String message = errorOfEdited("\"positionSteps\": 1500,", "\"positionSteps\": 900,");
        assertEquals("line 16: table[3].positionSteps = 900.0 steps is invalid: allowed a value > table[2].positionSteps (1000.0 steps)",
                message);
    }

    @Test
    void anOutOfRangeGainNamesTheChannelField() throws IOException {
        String message = errorOfEdited("\"gainErrorFraction\": 0.0", "\"gainErrorFraction\": 0.7");
        assertEquals("line 7: adcChannels[0].gainErrorFraction = 0.7 is invalid: allowed [-0.5, 0.5]", message);
    }

    @Test
    void anOffsetBeyondOneHundredVoltsNamesTheChannelFieldAndItsUnit() throws IOException {
        String message = errorOfEdited("\"offsetVolts\": 0.0", "\"offsetVolts\": 100.5");
        assertEquals("line 7: adcChannels[0].offsetVolts = 100.5 V is invalid: allowed [-100.0, 100.0] V", message);
        message = errorOfEdited("\"offsetVolts\": 0.0", "\"offsetVolts\": -100.5");
        assertEquals("line 7: adcChannels[0].offsetVolts = -100.5 V is invalid: allowed [-100.0, 100.0] V", message);
    }

    @Test
    void anOffsetOfExactlyOneHundredVoltsLoads() throws IOException {
        CalibrationFile calibration = loadEdited("\"offsetVolts\": 0.0", "\"offsetVolts\": -100");
        assertEquals(-100.0, calibration.adcChannel(0).offsetVolts(), 0.0);
    }

    @Test
    void aFitResidualOutsideZeroToOneNamesTheRowField() throws IOException {
        String row = "\"loadedQ\": 15.97191}";
        String message = errorOfEdited(row, "\"loadedQ\": 15.97191, \"fitResidualRmsFraction\": 1.5}");
        assertEquals("line 15: table[2].fitResidualRmsFraction = 1.5 is invalid: allowed [0.0, 1.0]", message);
        message = errorOfEdited(row, "\"loadedQ\": 15.97191, \"fitResidualRmsFraction\": -0.001}");
        assertEquals("line 15: table[2].fitResidualRmsFraction = -0.001 is invalid: allowed [0.0, 1.0]", message);
    }

    @Test
    void aFitResidualOfZeroOrOneLoads() throws IOException {
        String row = "\"loadedQ\": 15.97191}";
        assertEquals(1.0, loadEdited(row, "\"loadedQ\": 15.97191, \"fitResidualRmsFraction\": 1}")
                .table().get(2).fitResidualRmsFraction().getAsDouble(), 0.0);
        assertEquals(0.0, loadEdited(row, "\"loadedQ\": 15.97191, \"fitResidualRmsFraction\": 0}")
                .table().get(2).fitResidualRmsFraction().getAsDouble(), 0.0);
    }

    @Test
    void aBadDateNamesTheField() throws IOException {
        String message = errorOfEdited("\"2026-11-23\"", "\"23/11/2026\"");
        assertEquals("line 4: date = \"23/11/2026\" is invalid: allowed an ISO-8601 date such as \"2026-11-23\"", message);
    }

    @Test
    void aTunedParameterOfAnotherRigKindIsRefused() throws IOException {
        String message = errorOfEdited("\"tunedParameter\": \"capacitance\"", "\"tunedParameter\": \"stiffness\"");
        assertEquals("line 10: tunedParameter = \"stiffness\" is invalid: allowed one of [capacitance] for rigKind \"rlc\"",
                message);
    }

    @Test
    void anUnknownUnitIsRefusedBeforeTheTable() throws IOException {
        String message = errorOfEdited("\"tunedUnit\": \"F\"", "\"tunedUnit\": \"uF\"");
        assertEquals("line 11: tunedUnit = \"uF\" is invalid: allowed one of [F, N/m, kg]", message);
    }

    @Test
    void aMisspeltFieldIsRefused() throws IOException {
        String message = errorOfEdited("\"loadResistanceOhms\"", "\"loadResistanceOhm\"");
        assertTrue(message.startsWith("line 1: loadResistanceOhms is missing"), message);
    }

    @Test
    void anUnknownFieldIsRefused() throws IOException {
        String message = errorOfEdited("\"tunedUnit\": \"F\",", "\"tunedUnit\": \"F\", \"tunedUnits\": \"F\",");
        assertTrue(message.startsWith("line 11: tunedUnits is not a known field"), message);
    }

    @Test
    void aSingleRowTableIsRefused() throws IOException {
        String text = Files.readString(RLC_EXAMPLE);
        String edited = text.replaceAll("(?s)\"table\": \\[.*\\]", "\"table\": [\n    {\"positionSteps\": 0,"
                + " \"tunedValue\": 5e-07, \"resonantFrequencyHz\": 2250.791, \"loadedQ\": 35.35534}\n  ]");
        Path file = directory.resolve("one-row.json");
        Files.writeString(file, edited);
        CalibrationException e = assertThrows(CalibrationException.class, () -> CalibrationFiles.load(file, "rlc-reference"));
        assertEquals(file + " line 12: table = 1 rows is invalid: allowed at least 2 rows", e.getMessage());
    }

    @Test
    void anotherRigsFileIsRefused() {
        CalibrationException e = assertThrows(CalibrationException.class,
                () -> CalibrationFiles.load(RLC_EXAMPLE, "rlc-bench-2"));
        assertEquals(RLC_EXAMPLE + " line 2: rigId = \"rlc-reference\" is invalid: allowed \"rlc-bench-2\""
                + " (the config's rig.id): this file calibrates another rig", e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = directory.resolve("absent.json");
        CalibrationException e = assertThrows(CalibrationException.class, () -> CalibrationFiles.load(file, "x"));
        assertEquals("calibration file " + file + ": no such file", e.getMessage());
    }

    @Test
    void aMissingRelativeFileIsNamedAsWrittenAndWhereItWasLookedFor() {
        // Issue 9: "no such file: bench-3.json" did not say which directory it was read from.
        Path file = Path.of("target", "no-such-calibration-" + System.nanoTime() + ".json");
        CalibrationException e = assertThrows(CalibrationException.class, () -> CalibrationFiles.load(file, "x"));
        assertEquals("calibration file " + file + ": no such file (looked for "
                + System.getProperty("user.dir") + "/" + file + ")", e.getMessage());
    }

    @Test
    void aFileThatIsNotAnObjectIsRefused() throws IOException {
        Path file = directory.resolve("array.json");
        Files.writeString(file, "[1, 2]");
        CalibrationException e = assertThrows(CalibrationException.class, () -> CalibrationFiles.load(file, "x"));
        assertEquals(file + " line 1: expected a JSON object { ... } at the top", e.getMessage());
    }

    @Test
    void anUnknownFieldInAChannelOrARowIsRefused() throws IOException {
        assertEquals("line 7: adcChannels[0].gain is not a known field: known fields here are"
                + " [channel, offsetVolts, gainErrorFraction]",
                errorOfEdited("\"gainErrorFraction\": 0.0}", "\"gainErrorFraction\": 0.0, \"gain\": 0.0}"));
        assertEquals("line 15: table[2].q is not a known field: known fields here are [positionSteps, tunedValue,"
                + " resonantFrequencyHz, loadedQ, fitResidualRmsFraction, ringdownResonantFrequencyHz, ringdownLoadedQ]",
                errorOfEdited("\"loadedQ\": 15.97191}", "\"loadedQ\": 15.97191, \"q\": 16}"));
    }

    @Test
    void aZeroTunedValueNamesItsUnit() throws IOException {
        String message = errorOfEdited("\"tunedValue\": 2.45e-06", "\"tunedValue\": 0");
        assertEquals("line 15: table[2].tunedValue = 0.0 F is invalid: allowed a finite value > 0 F", message);
    }

    @Test
    void anOptionalNumberOfTheWrongTypeIsRefused() throws IOException {
        String message = errorOfEdited("\"loadedQ\": 15.97191}",
                "\"loadedQ\": 15.97191, \"ringdownLoadedQ\": \"16\"}");
        assertEquals("line 15: table[2].ringdownLoadedQ = \"16\" is invalid: allowed a number", message);
    }

    /** Two channels, a comment that needs escaping, and rows with and without the optional figures. */
    private static CalibrationFile written(Path file) {
        return new CalibrationFile(file.toString(), "bench-2", "rlc", LocalDate.of(2027, 1, 31),
                "calibrate \"quick\"\nsecond line", List.of(new AdcChannel(0, 0.0125, -0.002), new AdcChannel(3, -1.5, 0)),
                2.0, "capacitance", "F", List.of(
                        new CalibrationRow(0, 5e-7, 2250.791, 35.35534, OptionalDouble.of(0.0021), OptionalDouble.of(2250.5),
                                OptionalDouble.of(35.1)),
                        new CalibrationRow(5000, 1.025e-5, 497.1, 7.8125, OptionalDouble.empty(), OptionalDouble.empty(),
                                OptionalDouble.empty()),
                        new CalibrationRow(10_000, 2e-5, 355.8813, 5.590170, OptionalDouble.of(0.01), OptionalDouble.empty(),
                                OptionalDouble.empty())));
    }

    @Test
    void aWrittenFileHasTheDocumentedLayoutAndLoadsBackUnchanged() throws IOException {
        Path file = directory.resolve("out/bench-2.json");
        CalibrationFile calibration = written(file);
        CalibrationFiles.write(calibration, file, false);
        // calibration/FORMAT.md: one channel and one table row per line, numbers to 7 significant
        // digits without trailing zeros, optional figures only when measured.
        assertEquals("""
                {
                  "rigId": "bench-2",
                  "rigKind": "rlc",
                  "date": "2027-01-31",
                  "comment": "calibrate \\"quick\\"\\nsecond line",
                  "adcChannels": [
                    {"channel": 0, "offsetVolts": 0.0125, "gainErrorFraction": -0.002},
                    {"channel": 3, "offsetVolts": -1.5, "gainErrorFraction": 0}
                  ],
                  "loadResistanceOhms": 2,
                  "tunedParameter": "capacitance",
                  "tunedUnit": "F",
                  "table": [
                    {"positionSteps": 0, "tunedValue": 5E-7, "resonantFrequencyHz": 2250.791, "loadedQ": 35.35534, \
                "fitResidualRmsFraction": 0.0021, "ringdownResonantFrequencyHz": 2250.5, "ringdownLoadedQ": 35.1},
                    {"positionSteps": 5000, "tunedValue": 0.00001025, "resonantFrequencyHz": 497.1, "loadedQ": 7.8125},
                    {"positionSteps": 10000, "tunedValue": 0.00002, "resonantFrequencyHz": 355.8813, "loadedQ": 5.59017, \
                "fitResidualRmsFraction": 0.01}
                  ]
                }
                """, Files.readString(file));
        assertEquals(calibration, CalibrationFiles.load(file, "bench-2"));
    }

    @Test
    void aFileWithoutACommentLoadsWithAnEmptyOne() throws IOException {
        Path file = directory.resolve("plain.json");
        CalibrationFile calibration = written(file);
        CalibrationFile plain = new CalibrationFile(calibration.source(), calibration.rigId(), calibration.rigKind(),
                calibration.date(), "", calibration.adcChannels(), calibration.loadResistanceOhms(),
                calibration.tunedParameter(), calibration.tunedUnit(), calibration.table());
        CalibrationFiles.write(plain, file, false);
        assertFalse(Files.readString(file).contains("comment"), "no comment field when there is none");
        assertEquals("", CalibrationFiles.load(file, "bench-2").comment());
    }

    @Test
    void anExistingFileIsReplacedOnlyWhenAskedTo() throws IOException {
        Path file = directory.resolve("bench-2.json");
        Files.writeString(file, "earlier calibration");
        CalibrationException e = assertThrows(CalibrationException.class,
                () -> CalibrationFiles.write(written(file), file, false));
        assertEquals("calibration file " + file + " exists already: choose another path, or overwrite it deliberately",
                e.getMessage());
        assertEquals("earlier calibration", Files.readString(file), "left as it was");
        CalibrationFiles.write(written(file), file, true);
        assertEquals(written(file), CalibrationFiles.load(file, "bench-2"));
    }

    @Test
    void aFileThatCannotBeWrittenIsNamed() throws IOException {
        Path notADirectory = directory.resolve("plain-file");
        Files.writeString(notADirectory, "");
        Path file = notADirectory.resolve("bench-2.json");
        CalibrationException e = assertThrows(CalibrationException.class,
                () -> CalibrationFiles.write(written(file), file, false));
        assertTrue(e.getMessage().startsWith("calibration file " + file + ": cannot write: "), e.getMessage());
    }

    @Test
    void theBuiltInReferencesLoadUnderTheirBuiltInName() throws IOException {
        CalibrationFile builtIn = CalibrationFiles.loadBuiltIn("rlc-reference.json", "rlc-reference");
        assertEquals("builtin:rlc-reference.json", builtIn.source());
        assertEquals(CalibrationFiles.load(RLC_EXAMPLE, "rlc-reference").table(), builtIn.table(), "the same file");
        assertEquals("mechanical-force", CalibrationFiles.loadBuiltIn("mechanical-reference.json", "mechanical-reference")
                .rigKind());
    }

    @Test
    void aBuiltInNameOutsideTheDirectoryOrAbsentIsRefused() {
        CalibrationException path = assertThrows(CalibrationException.class,
                () -> CalibrationFiles.loadBuiltIn("../pom.xml", "x"));
        assertEquals("calibration file builtin:../pom.xml: allowed a file name from the built-in calibration/ directory,"
                + " such as builtin:rlc-reference.json", path.getMessage());
        CalibrationException absent = assertThrows(CalibrationException.class,
                () -> CalibrationFiles.loadBuiltIn("bench-2.json", "x"));
        assertEquals("calibration file builtin:bench-2.json: no such built-in file (built in: rlc-reference.json,"
                + " mechanical-reference.json)", absent.getMessage());
    }
}
