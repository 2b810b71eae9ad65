package org.resonantlearner.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.resonantlearner.bench.HilCriterion;
import org.resonantlearner.bench.HilSuite;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code hil} end to end: the shipped suite in sim mode, a failing suite's exit code and JUnit XML
 * (read back by the JDK's XML parser), a failed run beside runs that still run, bad input, and a
 * suite through {@code emulate-frontend} on a pseudo-terminal in serial mode.
 */
@Timeout(180)
class HilCommandTest {
    @TempDir
    Path directory;

    /** The table's rows: {scenario, criterion, limit, measured, result}. */
    private static List<String[]> rows(String out) {
        List<String[]> rows = new ArrayList<>();
        for (String line : out.lines().toList()) {
            if (line.startsWith("| ") && !line.startsWith("| scenario |")) {
                String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
                rows.add(cells);
            }
        }
        return rows;
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    /** The testcase element named {@code name}. */
    private static Element testcase(Document document, String name) {
        NodeList cases = document.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            if (testcase.getAttribute("name").equals(name)) {
                return testcase;
            }
        }
        throw new AssertionError("no testcase " + name);
    }

    @Test
    void theShippedSuitePassesInSimModeSkippingOnlyTheFrontEndCounters() throws Exception {
        Path junit = directory.resolve("junit.xml");
        Object[] result = CommandLineTest.execute("hil", "--suite", "reference", "--junit", junit.toString());
        String out = (String) result[1];
        assertEquals(0, result[0], out + result[2]);
        HilSuite suite = HilSuite.builtIn("reference", null);
        int checks = suite.cases().stream().mapToInt(c -> c.limits().size()).sum();
        List<String[]> rows = rows(out);
        assertEquals(checks, rows.size(), out);
        Set<String> noFrontEndInSim = Set.of(HilCriterion.SAMPLES_LOST_MAX.key(), HilCriterion.CORRUPT_FRAMES_MAX.key());
        int skipped = 0;
        for (String[] row : rows) {
            if (noFrontEndInSim.contains(row[1])) {
                assertEquals("SKIP", row[4], String.join(" | ", row));
                assertTrue(row[3].startsWith("– (no front-end link in sim mode"), row[3]);
                skipped++;
            } else {
                assertEquals("PASS", row[4], String.join(" | ", row));
                assertFalse(row[3].startsWith("–"), "a measured value: " + String.join(" | ", row));
            }
        }
        assertTrue(out.contains(String.format("hil: PASS: %d checks in %d scenarios: %d PASS, 0 FAIL, %d SKIP (",
                checks, suite.cases().size(), checks - skipped, skipped)), out);
        Element testsuite = xml(junit).getDocumentElement();
        assertEquals("reference", testsuite.getAttribute("name"));
        assertEquals(Integer.toString(checks), testsuite.getAttribute("tests"));
        assertEquals("0", testsuite.getAttribute("failures"));
        assertEquals(Integer.toString(skipped), testsuite.getAttribute("skipped"));
    }

    @Test
    void anImpossibleCriterionExitsOneAndItsJunitXmlNamesTheScenarioAndTheCriterion() throws Exception {
        Path suite = directory.resolve("impossible.json");
        Files.writeString(suite, """
                {"scenarios": [
                  {"name": "static-detuned", "durationSeconds": 1, "actuator": {"initialPositionSteps": 659},
                   "criteria": {"captureRatioMin": 1, "movesMax": 1000}},
                  {"name": "static-fine", "durationSeconds": 1, "actuator": {"initialPositionSteps": 1043},
                   "criteria": {"lockTimeMaxSeconds": 0.9}}
                ]}
                """);
        Path junit = directory.resolve("reports").resolve("hil.xml");
        Path out = directory.resolve("out");
        Object[] result = CommandLineTest.execute("hil", "--suite", suite.toString(), "--junit", junit.toString(),
                "--out", out.toString());
        String console = (String) result[1];
        assertEquals(1, result[0], console + result[2]);
        List<String[]> rows = rows(console);
        assertEquals(List.of("static-detuned", "captureRatioMin", ">= 1", "FAIL"),
                List.of(rows.get(0)[0], rows.get(0)[1], rows.get(0)[2], rows.get(0)[4]));
        assertEquals("PASS", rows.get(1)[4]);
        assertEquals("PASS", rows.get(2)[4]);
        assertTrue(console.contains("hil: FAIL: 3 checks in 2 scenarios: 2 PASS, 1 FAIL, 0 SKIP ("), console);

        Document document = xml(junit);
        assertEquals("1", document.getDocumentElement().getAttribute("failures"));
        assertEquals("impossible", document.getDocumentElement().getAttribute("name"));
        Element failing = testcase(document, "static-detuned: captureRatioMin");
        assertEquals("impossible", failing.getAttribute("classname"));
        String message = ((Element) failing.getElementsByTagName("failure").item(0)).getAttribute("message");
        assertTrue(message.startsWith("static-detuned: captureRatioMin >= 1: measured " + rows.get(0)[3] + ": FAIL"),
                message);
        assertEquals(0, testcase(document, "static-fine: lockTimeMaxSeconds").getElementsByTagName("failure")
                .getLength());

        JsonNode results = new ObjectMapper().readTree(out.resolve(HilCommand.RESULTS_FILE).toFile());
        assertEquals("FAIL", results.get(0).get("result").asText());
        assertEquals("PASS", results.get(1).get("result").asText());
        assertEquals("captureRatioMin", results.get(0).get("checks").get(0).get("criterion").asText());
        assertEquals(1.0, results.get(0).get("summary").get("durationSeconds").asDouble(), 0.01);
        Object[] again = CommandLineTest.execute("hil", "--suite", suite.toString(), "--out", out.toString());
        assertEquals(2, again[0], "results are never overwritten");
        assertTrue(((String) again[2]).contains(HilCommand.RESULTS_FILE + " already exists"), (String) again[2]);
    }

    @Test
    void aRunThatFailsFailsItsScenarioInOneLineAndTheOthersStillRun() throws IOException {
        Path missing = directory.resolve("no-such-tty");
        Path suite = directory.resolve("mixed.json");
        Files.writeString(suite, "{\"scenarios\": [{\"name\": \"static-serial\", \"mode\": \"serial\", \"serial\":"
                + " {\"port\": \"" + missing + "\"}, \"durationSeconds\": 1, \"criteria\": {\"movesMax\": 100}},"
                + " {\"name\": \"static-sim\", \"durationSeconds\": 1, \"criteria\": {\"movesMax\": 1000}}]}");
        Object[] result = CommandLineTest.execute("hil", "--suite", suite.toString());
        String out = (String) result[1];
        assertEquals(1, result[0], out + result[2]);
        List<String[]> rows = rows(out);
        assertEquals(2, rows.size(), out);
        assertEquals(List.of("static-serial", "run", "completes", "FAIL"),
                List.of(rows.get(0)[0], rows.get(0)[1], rows.get(0)[2], rows.get(0)[4]));
        assertTrue(rows.get(0)[3].startsWith("failed: front-end at " + missing), rows.get(0)[3]);
        assertTrue(rows.get(0)[3].endsWith(missing + " does not exist"), rows.get(0)[3]);
        assertEquals(List.of("static-sim", "movesMax", "PASS"), List.of(rows.get(1)[0], rows.get(1)[1], rows.get(1)[4]));
        assertFalse(out.contains("Exception") || ((String) result[2]).contains("\tat "), out + result[2]);
    }

    @Test
    void badInputExitsTwoWithOneLineBeforeAnythingRuns() throws IOException {
        Path suite = directory.resolve("typo.json");
        Files.writeString(suite, "{\"name\": \"static-x\", \"criteria\": {\"lockTimeMax\": 1}}");
        Path junit = directory.resolve("junit.xml");
        Object[] typo = CommandLineTest.execute("hil", "--suite", suite.toString(), "--junit", junit.toString());
        assertEquals(2, typo[0]);
        String err = ((String) typo[2]).strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("error: " + suite + ": scenario static-x: criteria.lockTimeMax is not a known key"),
                err);
        assertEquals("", typo[1], "nothing ran");
        assertFalse(Files.exists(junit), "nothing written");

        Object[] none = CommandLineTest.execute("hil", "--suite", directory.resolve("nothing.json").toString());
        assertEquals(2, none[0]);
        assertEquals("error: --suite " + directory.resolve("nothing.json")
                + ": no such file, and not a built-in suite [reference]", ((String) none[2]).strip());

        Object[] noSuite = CommandLineTest.execute("hil");
        assertEquals(2, noSuite[0]);
        assertTrue(((String) noSuite[2]).contains("Missing required option: '--suite=FILE|NAME'"), (String) noSuite[2]);

        Object[] directoryJunit = CommandLineTest.execute("hil", "--suite", "reference", "--junit",
                directory.toString());
        assertEquals(2, directoryJunit[0]);
        assertTrue(((String) directoryJunit[2]).contains("--junit " + directory + ": is a directory"),
                (String) directoryJunit[2]);
    }

    /**
     * The runner in serial mode: {@code emulate-frontend --link} (a child JVM) makes the host's device
     * node, a pseudo-terminal that socat holds; the base config points the suite at it. No oracle
     * through the wire: the capture ratio is skipped, the front-end's counters are judged.
     */
    @Test
    void aSuiteThroughEmulateFrontendOnAPtyReportsWhatHardwareCanJudge() throws Exception {
        org.resonantlearner.hal.serial.AvrBuilds.requireTools("socat", "socat");
        Path node = directory.resolve("dev");
        Path base = directory.resolve("serial.json");
        Files.writeString(base, "{\"mode\": \"serial\", \"serial\": {\"port\": \"" + node + "\"}}");
        Path suite = directory.resolve("serial-suite.json");
        Files.writeString(suite, """
                {"name": "static-serial", "durationSeconds": 2,
                 "criteria": {"captureRatioMin": 0.5, "movesMax": 1000, "meanHarvestedPowerMinWatts": 0,
                              "corruptFramesMax": 0, "samplesLostMax": 1000000, "watchdogStallsMax": 100}}
                """);
        Path junit = directory.resolve("serial.xml");
        ChildJvm emulator = ChildJvm.start(directory.resolve("emulator.txt"), "emulate-frontend", "--link",
                node.toString());
        Object[] result;
        try {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!Files.exists(node) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Files.exists(node), "the emulator made its device node: " + emulator.output());
            result = CommandLineTest.execute("hil", "--suite", suite.toString(), "--config", base.toString(),
                    "--junit", junit.toString());
        } finally {
            emulator.terminate();
            emulator.waitFor(10);
            emulator.kill();
        }
        String out = (String) result[1];
        assertEquals(0, result[0], out + result[2]);
        assertTrue(out.contains("mode serial"), out);
        assertTrue(out.contains("Hardware mode: 1 runs on one device, one at a time"), out);
        List<String[]> rows = rows(out);
        assertEquals(6, rows.size(), out);
        assertEquals(List.of("captureRatioMin", ">= 0.5", "– (no oracle in serial mode: the capture ratio needs the"
                + " simulated rig's truth)", "SKIP"), List.of(rows.get(0)).subList(1, 5));
        for (String[] row : rows.subList(1, 6)) {
            assertEquals("PASS", row[4], String.join(" | ", row));
            assertTrue(row[3].matches("[0-9.e+-]+( W)?"), "measured through the wire: " + String.join(" | ", row));
        }
        assertEquals("0", rows.get(3)[3], "corruptFramesMax: an undamaged link");
        Document document = xml(junit);
        assertEquals("1", document.getDocumentElement().getAttribute("skipped"));
        assertEquals("no oracle in serial mode: the capture ratio needs the simulated rig's truth",
                ((Element) testcase(document, "static-serial: captureRatioMin").getElementsByTagName("skipped")
                        .item(0)).getAttribute("message"));
    }
}
