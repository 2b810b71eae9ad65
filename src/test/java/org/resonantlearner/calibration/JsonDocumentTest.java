package org.resonantlearner.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Columns are the parser's: the position just after the token it stopped at (counted by hand below). */
class JsonDocumentTest {
    private static String refusal(String text) {
        return assertThrows(JsonDocument.MalformedException.class, () -> JsonDocument.parseObject(text)).getMessage();
    }

    @Test
    void parsesOneObjectWithComments() {
        assertEquals(1, JsonDocument.parseObject("// c\n{\"seed\": 1 /* one */}\n  \n").get("seed").intValue());
    }

    @Test
    void refusesASecondDocument() {
        // The reproduction: {"seed":1}{"seed":2} ran with seed 1 and exit 0.
        assertEquals("line 1 column 11: content after the end of the JSON object: allowed exactly one JSON document",
                refusal("{\"seed\":1}{\"seed\":2}"));
    }

    @Test
    void refusesTrailingGarbage() {
        // The reproduction: {"seed":1} garbage ran with exit 0.
        assertEquals("line 1 column 11: content after the end of the JSON object: allowed exactly one JSON document",
                refusal("{\"seed\":1} garbage"));
        // Line 2 is ` "a":2}]`: the stray ']' is column 8.
        assertEquals("line 2 column 8: content after the end of the JSON object: allowed exactly one JSON document",
                refusal("{\"seed\":1,\n \"a\":2}]"));
    }

    @Test
    void refusesAnEmptyFileAndATopLevelArray() {
        assertEquals("line 1: the file is empty: expected a JSON object { ... }", refusal("  // nothing\n"));
        assertEquals("line 1: expected a JSON object { ... } at the top", refusal("[{\"seed\": 1}]"));
    }

    @Test
    void nanNamesTheKeyWithoutParserFeatureNames() {
        // {"rig": {"inductanceHenries": NaN}}: NaN spans columns 31-33.
        assertEquals("line 1 column 34 (near rig.inductanceHenries): malformed JSON: 'NaN' is not a JSON number:"
                + " allowed a finite number", refusal("{\"rig\": {\"inductanceHenries\": NaN}}"));
    }

    @Test
    void aTooLongNumberNamesTheKeyAndTheLimitInPlainWords() {
        String message = refusal("{\"seed\": " + "9".repeat(1200) + "}");
        // The digits span columns 10-1209; the parser stops one past the closing brace.
        // Jackson's text is "Number value length (1200) exceeds the maximum allowed (1000, from
        // `StreamReadConstraints.getMaxNumberLength()`)"; the user reads the limit, not the class.
        assertEquals("line 1 column 1211 (near seed): malformed JSON: a number longer than 1000 characters", message);
    }

    @Test
    void tooDeepNestingSaysTheDepth() {
        String message = refusal("{\"rig\": " + "[".repeat(1100) + "]".repeat(1100) + "}");
        assertEquals("malformed JSON: nested deeper than 1000 levels", message.substring(message.indexOf("malformed")));
    }

    @Test
    void aDuplicateKeyIsNamed() {
        // The second "seed" spans columns 13-18.
        assertEquals("line 1 column 19 (near seed): malformed JSON: Duplicate field 'seed'", refusal("{\"seed\": 1, \"seed\": 2}"));
    }

    @Test
    void arrayElementsAreNamedByIndex() {
        assertEquals("table[1].q", refusal("{\"table\": [{}, {\"q\": NaN}]}").replaceAll(".*\\(near ([^)]*)\\).*", "$1"));
    }

    @Test
    void otherParserMessagesLoseTheirBacktickedNames() {
        String message = refusal("{\"a\": 1,}");
        assertEquals(-1, message.indexOf('`'), message);
        assertEquals(-1, message.indexOf("Feature"), message);
    }
}
