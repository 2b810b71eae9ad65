package org.resonantlearner.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.resonantlearner.telemetry.AtomicFiles;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A hil report as JUnit XML, the shape Jenkins and GitLab read: one {@code <testsuite>} (name, tests,
 * failures, errors, skipped, time, timestamp) with one {@code <testcase classname="SUITE"
 * name="SCENARIO: CRITERION" time>} per row, a {@code <failure message type>} on a failed row and a
 * {@code <skipped message>} on a skipped one. Written with the JDK's DOM and Transformer (escaping
 * theirs), atomically.
 */
public final class JunitReport {
    private JunitReport() {}

    /**
     * The XML document, UTF-8.
     *
     * @param suiteName the suite's name (the test cases' classname)
     * @param rows the report's rows, scenario by scenario
     * @param runWallSeconds each scenario's run wall time (s): booked on its first row, so that the test
     *     cases add up to the runs' time (judging takes no measurable time)
     * @param wallSeconds the whole suite's wall time (s)
     * @param timestamp when the suite started (local time, as JUnit's schema has it)
     */
    public static byte[] xml(String suiteName, List<HilVerdict> rows, Map<String, Double> runWallSeconds,
            double wallSeconds, LocalDateTime timestamp) {
        Document document;
        try {
            document = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML document builder is unavailable", e);
        }
        Element suite = document.createElement("testsuite");
        document.appendChild(suite);
        suite.setAttribute("name", text(suiteName));
        suite.setAttribute("tests", Integer.toString(rows.size()));
        suite.setAttribute("failures", Long.toString(HilVerdict.count(rows, HilVerdict.Status.FAIL)));
        suite.setAttribute("errors", "0");
        suite.setAttribute("skipped", Long.toString(HilVerdict.count(rows, HilVerdict.Status.SKIP)));
        suite.setAttribute("time", seconds(wallSeconds));
        suite.setAttribute("timestamp", timestamp.truncatedTo(ChronoUnit.SECONDS).toString());
        Set<String> timed = new HashSet<>();
        for (HilVerdict row : rows) {
            Element testcase = document.createElement("testcase");
            testcase.setAttribute("classname", text(suiteName));
            testcase.setAttribute("name", text(row.testName()));
            boolean first = timed.add(row.scenario());
            testcase.setAttribute("time", seconds(first ? runWallSeconds.getOrDefault(row.scenario(), 0.0) : 0));
            if (row.status() == HilVerdict.Status.FAIL) {
                Element failure = document.createElement("failure");
                failure.setAttribute("message", text(row.message()));
                failure.setAttribute("type", row.criterion().equals(HilVerdict.RUN) ? "run" : "criterion");
                failure.setTextContent(text(row.message()));
                testcase.appendChild(failure);
            } else if (row.status() == HilVerdict.Status.SKIP) {
                Element skipped = document.createElement("skipped");
                skipped.setAttribute("message", text(row.reason()));
                testcase.appendChild(skipped);
            }
            suite.appendChild(testcase);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.UTF_8));
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            // The declaration by hand: the JDK's says standalone="no", or without it runs into the root element.
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            transformer.transform(new DOMSource(document), new StreamResult(bytes));
        } catch (TransformerException e) {
            throw new IllegalStateException("the JUnit report cannot be serialised: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /** Writes {@link #xml} to {@code file} atomically (a temporary file beside it, then a rename). */
    public static void write(Path file, String suiteName, List<HilVerdict> rows, Map<String, Double> runWallSeconds,
            double wallSeconds, LocalDateTime timestamp) throws IOException {
        AtomicFiles.write(file, xml(suiteName, rows, runWallSeconds, wallSeconds, timestamp));
    }

    private static String seconds(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /**
     * {@code value} with the characters XML 1.0 cannot carry at all (control characters but tab, line
     * feed and carriage return; unpaired surrogates) replaced by U+FFFD: the Transformer escapes
     * markup, but would write these as character references no parser accepts.
     */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pairedSurrogate) {
                out.append(c).append(value.charAt(++i));
            } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD)) {
                out.append(c);
            } else {
                out.append('\uFFFD');
            }
        }
        return out.toString();
    }
}
