package com.tenantgraph.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.LayoutBase;
import com.tenantgraph.json.Json;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per log line: time, level, logger, message, then the event's key-value pairs (SLF4J 2's
 * {@code addKeyValue}) and MDC entries as top-level fields, then the error if any. CloudWatch Logs Insights queries
 * these fields directly. Strings are escaped by {@link Json#escape}, the one rule of every JSON text of this
 * deployable (the authorizer's DecisionLog escapes exactly so). Callers never put a token, a password or a secret into
 * a log event.
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
            Json.escape(json, key);
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
        Json.escape(json, key);
        json.append("\":");
        if (value == null) {
            json.append("null,");
            return;
        }
        json.append('"');
        Json.escape(json, value);
        json.append("\",");
    }
}
