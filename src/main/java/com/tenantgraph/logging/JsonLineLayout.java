package com.tenantgraph.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.LayoutBase;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per log line: time, level, logger, message, then the event's key-value pairs (SLF4J 2's
 * {@code addKeyValue}) and MDC entries as top-level fields, then the error if any. CloudWatch Logs Insights queries
 * these fields directly. Callers never put a token, a password or a secret into a log event.
 */
public final class JsonLineLayout extends LayoutBase<ILoggingEvent> {
    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        field(json, "level", event.getLevel().toString());
        field(json, "logger", event.getLoggerName());
        field(json, "message", event.getFormattedMessage());
        for (Map.Entry<String, String> entry : event.getMDCPropertyMap().entrySet()) {
            field(json, entry.getKey(), entry.getValue());
        }
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                value(json, pair.key, pair.value);
            }
        }
        IThrowableProxy error = event.getThrowableProxy();
        if (error != null) {
            field(json, "errorType", error.getClassName());
            field(json, "errorMessage", error.getMessage());
            field(json, "stackTrace", stackTrace(error));
        }
        json.setLength(json.length() - 1);
        return json.append("}\n").toString();
    }

    private static String stackTrace(IThrowableProxy error) {
        StringBuilder trace = new StringBuilder();
        for (IThrowableProxy current = error; current != null; current = current.getCause()) {
            trace.append(current.getClassName()).append(": ").append(current.getMessage()).append('\n');
            for (StackTraceElementProxy frame : current.getStackTraceElementProxyArray()) {
                trace.append("\tat ").append(frame.getStackTraceElement()).append('\n');
            }
            if (current.getCommonFrames() > 0) {
                trace.append("\t... ").append(current.getCommonFrames()).append(" more\n");
            }
        }
        return trace.toString();
    }

    private static void value(StringBuilder json, String key, Object value) {
        if (value instanceof Number && !isNonFinite(value) || value instanceof Boolean) {
            json.append('"');
            escape(json, key);
            json.append("\":").append(value).append(',');
        } else {
            field(json, key, value == null ? null : value.toString());
        }
    }

    /** JSON has no literal for NaN or the infinities: they are written as strings. */
    private static boolean isNonFinite(Object number) {
        return number instanceof Double d && !Double.isFinite(d) || number instanceof Float f && !Float.isFinite(f);
    }

    private static void field(StringBuilder json, String key, String value) {
        json.append('"');
        escape(json, key);
        json.append("\":");
        if (value == null) {
            json.append("null,");
            return;
        }
        json.append('"');
        escape(json, value);
        json.append("\",");
    }

    /**
     * Escapes {@code text} for a JSON string: quote, backslash and the short escapes, every other control character
     * and U+2028/U+2029 (valid in JSON but line breaks to JavaScript and to some log viewers) as a six-character
     * unicode escape.
     * The authorizer's DecisionLog escapes exactly so (the two deployables share no code; each is tested).
     */
    public static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
