package com.tenantgraph.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/** One valid JSON object per line, whatever the message, MDC and key-value pairs hold. */
class JsonLineLayoutTest {
    private static final Instant TIME = Instant.parse("2026-03-01T12:00:00.123Z");

    private final JsonLineLayout layout = new JsonLineLayout();

    private static LoggingEvent event(String message, Object... arguments) {
        return event(Map.of(), message, arguments);
    }

    private static LoggingEvent event(Map<String, String> mdc, String message, Object... arguments) {
        Logger logger = (Logger) LoggerFactory.getLogger("tenantgraph.test");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, arguments);
        event.setTimeStamp(TIME.toEpochMilli());
        event.setMDCPropertyMap(mdc);
        return event;
    }

    /** Lays the event out and parses it back: the line must be exactly one JSON object followed by a newline. */
    private Map<String, Object> line(LoggingEvent event) {
        String line = layout.doLayout(event);
        assertThat(line).endsWith("\n");
        assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n", "\r");
        try {
            return JSON.std.mapFrom(line);
        } catch (IOException e) {
            throw new AssertionError("not valid JSON: " + line, e);
        }
    }

    @Test
    void layout_writesTimeLevelLoggerAndFormattedMessage() {
        // GIVEN an event with a parameterized message
        LoggingEvent event = event("request {} took {} ms", "r-1", 12);

        // WHEN laid out
        Map<String, Object> json = line(event);

        // THEN the standard fields, the message formatted
        assertThat(json).containsEntry("time", "2026-03-01T12:00:00.123Z").containsEntry("level", "INFO")
                .containsEntry("logger", "tenantgraph.test").containsEntry("message", "request r-1 took 12 ms");
    }

    @Test
    void layout_writesKeyValuePairsAsTopLevelFields_keepingNumbersAndBooleans() {
        // GIVEN an event with key-value pairs of several types
        LoggingEvent event = event("request");
        event.addKeyValuePair(new KeyValuePair("requestId", "r-1"));
        event.addKeyValuePair(new KeyValuePair("durationMs", 42L));
        event.addKeyValuePair(new KeyValuePair("status", 200));
        event.addKeyValuePair(new KeyValuePair("ratio", 0.5));
        event.addKeyValuePair(new KeyValuePair("cold", true));
        event.addKeyValuePair(new KeyValuePair("tenantId", null));
        event.addKeyValuePair(new KeyValuePair("instant", TIME));

        // WHEN laid out
        Map<String, Object> json = line(event);

        // THEN each is a field; numbers and booleans stay JSON numbers and booleans, others become strings
        assertThat(json).containsEntry("requestId", "r-1").containsEntry("durationMs", 42)
                .containsEntry("status", 200).containsEntry("ratio", 0.5).containsEntry("cold", true)
                .containsEntry("tenantId", null).containsEntry("instant", TIME.toString());
    }

    @Test
    void layout_writesMdcEntriesAsTopLevelFields() {
        // GIVEN an event with MDC entries
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("AWSRequestId", "aws-1");
        mdc.put("coldStart", "true");
        LoggingEvent event = event(mdc, "hello");

        // WHEN laid out
        Map<String, Object> json = line(event);

        // THEN they are fields
        assertThat(json).containsEntry("AWSRequestId", "aws-1").containsEntry("coldStart", "true");
    }

    @Test
    void layout_escapesQuotesBackslashesNewlinesAndControlCharacters() {
        // GIVEN a message, a key and values full of characters JSON must escape
        String nasty = "say \"hi\"\\ now\nnext line\r\ttab \u0000\u0001\u001f\u007f end";
        LoggingEvent event = event(Map.of("mdc\tkey", nasty), nasty);
        event.addKeyValuePair(new KeyValuePair("we\"ird\nkey", nasty));

        // WHEN laid out
        Map<String, Object> json = line(event);

        // THEN the line parses, and each value reads back exactly
        assertThat(json).containsEntry("message", nasty).containsEntry("we\"ird\nkey", nasty)
                .containsEntry("mdc\tkey", nasty);
    }

    @Test
    void layout_escapesLineAndParagraphSeparators_asTheAuthorizersDecisionLogDoes() {
        // GIVEN a message with U+2028 and U+2029: legal in JSON, but line breaks to JavaScript and some log viewers
        String text = "one" + (char) 0x2028 + "two" + (char) 0x2029 + "three";

        // WHEN laid out
        String line = layout.doLayout(event(text));

        // THEN the line holds them as unicode escapes (one line, whatever reads it) and reads back exactly
        assertThat(line).contains("one\\u2028two\\u2029three").doesNotContain(String.valueOf((char) 0x2028));
        assertThat(line(event(text))).containsEntry("message", text);
    }

    @Test
    void layout_keepsNonAsciiText() {
        // GIVEN a message with accents and an emoji
        LoggingEvent event = event("Élodie a créé l'espace 😀");

        // WHEN laid out
        Map<String, Object> json = line(event);

        // THEN it reads back unchanged
        assertThat(json).containsEntry("message", "Élodie a créé l'espace 😀");
    }

    @Test
    void layout_writesTheErrorWithTypeMessageAndStackTrace() {
        // GIVEN an event carrying an exception with a cause
        LoggingEvent event = event("unexpected failure");
        IllegalStateException error = new IllegalStateException("outer \"quoted\"",
                new IllegalArgumentException("inner\ncause"));
        event.setThrowableProxy(new ThrowableProxy(error));

        // WHEN laid out
        Map<String, Object> json = line(event);

        // THEN the error fields are there, the stack trace one escaped string with both exceptions
        assertThat(json).containsEntry("errorType", "java.lang.IllegalStateException")
                .containsEntry("errorMessage", "outer \"quoted\"");
        assertThat((String) json.get("stackTrace")).contains("java.lang.IllegalStateException: outer \"quoted\"")
                .contains("java.lang.IllegalArgumentException: inner\ncause").contains("\tat ");
    }

    @Test
    void layout_writesANullMessageAsNull() {
        // GIVEN an event without a message
        LoggingEvent event = event(null);

        // WHEN laid out
        Map<String, Object> json = line(event);

        // THEN message is JSON null
        assertThat(json).containsEntry("message", null);
    }

    @Test
    void layout_staysValidJson_forNonFiniteNumbers() {
        // GIVEN key-value pairs holding NaN and infinities (JSON has no literal for them)
        LoggingEvent event = event("ratio");
        event.addKeyValuePair(new KeyValuePair("nan", Double.NaN));
        event.addKeyValuePair(new KeyValuePair("inf", Double.POSITIVE_INFINITY));
        event.addKeyValuePair(new KeyValuePair("negInf", Float.NEGATIVE_INFINITY));

        // WHEN laid out
        Map<String, Object> json = line(event);

        // THEN the line still parses, the values kept as strings
        assertThat(json).containsEntry("nan", "NaN").containsEntry("inf", "Infinity")
                .containsEntry("negInf", "-Infinity");
    }
}
