package org.resonantlearner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit XML of a hil report, read back by the JDK's XML parser: the shape CI servers read. */
class JunitReportTest {
    private static final LocalDateTime START = LocalDateTime.of(2026, 12, 1, 12, 30, 5, 123_000_000);

    @TempDir
    Path directory;

    /** A pass, a fail, a skip in scenario "a"; a failed run of scenario "b <&\"'>" with a control character. */
    private static List<HilVerdict> rows() {
        return List.of(
                new HilVerdict("a", "movesMax", "<= 40", "16", HilVerdict.Status.PASS, ""),
                new HilVerdict("a", "captureRatioMin", ">= 0.95", "0.9441", HilVerdict.Status.FAIL, ""),
                new HilVerdict("a", "samplesLostMax", "<= 0", "–", HilVerdict.Status.SKIP, "no front-end link in sim mode"),
                HilVerdict.runFailed("b <&\"'>", "port \u0001/dev/tty & co <gone>"));
    }

    private static Document parse(byte[] xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    @Test
    void oneTestsuiteWithOneTestcasePerRowAndItsFailuresAndSkips() throws Exception {
        byte[] xml = JunitReport.xml("reference", rows(), Map.of("a", 1.5, "b <&\"'>", 10.25), 11.75, START);
        Document document = parse(xml);
        Element suite = document.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("reference", suite.getAttribute("name"));
        assertEquals("4", suite.getAttribute("tests"));
        assertEquals("2", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
        assertEquals("1", suite.getAttribute("skipped"));
        assertEquals("11.750", suite.getAttribute("time"));
        assertEquals("2026-12-01T12:30:05", suite.getAttribute("timestamp"));
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(4, cases.getLength());
        Element pass = (Element) cases.item(0);
        assertEquals("reference", pass.getAttribute("classname"));
        assertEquals("a: movesMax", pass.getAttribute("name"));
        assertEquals("1.500", pass.getAttribute("time"), "the run's time on its scenario's first row");
        assertEquals(0, pass.getChildNodes().getLength(), "a pass has nothing inside");

        Element fail = (Element) cases.item(1);
        assertEquals("0.000", fail.getAttribute("time"));
        Element failure = (Element) fail.getElementsByTagName("failure").item(0);
        assertEquals("a: captureRatioMin >= 0.95: measured 0.9441: FAIL", failure.getAttribute("message"));
        assertEquals("criterion", failure.getAttribute("type"));
        assertEquals(failure.getAttribute("message"), failure.getTextContent());

        Element skip = (Element) cases.item(2);
        assertEquals("no front-end link in sim mode",
                ((Element) skip.getElementsByTagName("skipped").item(0)).getAttribute("message"));
        assertEquals(0, skip.getElementsByTagName("failure").getLength());

        Element run = (Element) cases.item(3);
        assertEquals("b <&\"'>: run", run.getAttribute("name"), "markup escaped, read back as written");
        assertEquals("10.250", run.getAttribute("time"));
        Element runFailure = (Element) run.getElementsByTagName("failure").item(0);
        assertEquals("run", runFailure.getAttribute("type"));
        assertEquals("b <&\"'>: the run failed: port \uFFFD/dev/tty & co <gone>", runFailure.getAttribute("message"),
                "a character XML 1.0 cannot carry is replaced, not written as a reference no parser reads");
    }

    @Test
    void theFileIsWrittenAtomicallyAndReplacedWhole() throws Exception {
        Path file = directory.resolve("reports").resolve("hil.xml");
        JunitReport.write(file, "s", rows(), Map.of(), 1.0, START);
        JunitReport.write(file, "s", rows().subList(0, 1), Map.of(), 1.0, START);
        assertEquals("1", parse(Files.readAllBytes(file)).getDocumentElement().getAttribute("tests"));
        try (var listing = Files.list(file.getParent())) {
            assertEquals(List.of(file), listing.toList(), "no temporary file left beside it");
        }
        assertTrue(Files.readString(file).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
    }
}
