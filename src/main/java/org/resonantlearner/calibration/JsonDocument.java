package org.resonantlearner.calibration;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * The one JSON dialect of the project's files (configs, calibrations, scenarios): exactly one JSON
 * object per file, comments allowed, duplicate keys refused, nothing after the object. Syntax errors
 * are one line with the line, column and the key being read, in plain words (no parser internals).
 */
public final class JsonDocument {
    /** The shared reader: comments allowed, a key twice in one object refused. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.ALLOW_COMMENTS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonDocument() {}

    /** Malformed JSON: the message is "line L column C (near key): reason", without the source. */
    public static final class MalformedException extends RuntimeException {
        MalformedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Parses {@code text} as one JSON object.
     *
     * @throws MalformedException when it is not JSON, not an object, or has content after the object
     */
    public static ObjectNode parseObject(String text) {
        JsonParser parser;
        try {
            parser = JSON.createParser(text);
        } catch (IOException e) {
            // A String source cannot fail to open.
            throw new IllegalStateException("cannot open a parser over a string", e);
        }
        try (parser) {
            JsonNode tree = JSON.readTree(parser);
            if (tree == null || tree.isMissingNode()) {
                throw new MalformedException("line 1: the file is empty: expected a JSON object { ... }", null);
            }
            if (!tree.isObject()) {
                throw new MalformedException("line 1: expected a JSON object { ... } at the top", null);
            }
            JsonLocation end = parser.currentLocation();
            JsonToken next;
            try {
                next = parser.nextToken();
            } catch (JsonProcessingException e) {
                next = JsonToken.NOT_AVAILABLE;
            }
            if (next != null) {
                throw new MalformedException(where(end) + ": content after the end of the JSON object:"
                        + " allowed exactly one JSON document", null);
            }
            return (ObjectNode) tree;
        } catch (JsonProcessingException e) {
            throw syntaxError(e, parser);
        } catch (IOException e) {
            throw new IllegalStateException("a string cannot fail to be read", e);
        }
    }

    /** The error at the parser's position (a limit error carries no location of its own). */
    private static MalformedException syntaxError(JsonProcessingException e, JsonParser parser) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parser.currentLocation();
        String path = path(parser.getParsingContext());
        String field = path.isEmpty() ? "" : " (near " + path + ")";
        return new MalformedException(where(at) + field + ": malformed JSON: " + plainReason(e), e);
    }

    private static String where(JsonLocation at) {
        return "line " + at.getLineNr() + " column " + at.getColumnNr();
    }

    /** The parser's reason in the file's terms: limits in numbers, no class or feature names. */
    static String plainReason(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage()).replaceAll("\\s*\\R\\s*", " ");
        if (e instanceof StreamConstraintsException) {
            if (message.contains("Number value length") || message.contains("Number length")) {
                return "a number longer than " + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " characters";
            }
            if (message.contains("nesting depth")) {
                return "nested deeper than " + StreamReadConstraints.DEFAULT_MAX_DEPTH + " levels";
            }
            if (message.contains("String value length")) {
                return "a string longer than " + StreamReadConstraints.DEFAULT_MAX_STRING_LEN + " characters";
            }
            return "the file exceeds a size limit of the JSON reader";
        }
        if (message.startsWith("Non-standard token")) {
            int quote = message.indexOf('\'');
            int endQuote = quote < 0 ? -1 : message.indexOf('\'', quote + 1);
            String token = endQuote < 0 ? "this token" : message.substring(quote, endQuote + 1);
            return token + " is not a JSON number: allowed a finite number";
        }
        // Drop hints that name the parser's own types and switches ("enable `JsonReadFeature.X` to allow").
        return message.replaceAll(":?\\s*enable `[^`]*` to allow", "")
                .replaceAll("\\s*\\([^()]*`[^`]*`[^()]*\\)", "")
                .replaceAll("`[^`]*`", "")
                .strip();
    }

    /** "table[3].loadedQ" for a parser context. */
    public static String path(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                path.insert(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                path.insert(0, (c.getParent() != null && c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
            }
        }
        return path.toString();
    }
}
