package com.tenantgraph.data;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Stored timestamps: ISO-8601 UTC with exactly millisecond precision ({@code 2026-11-25T21:08:53.120Z}). Fixed width,
 * so string order is time order in sort keys; {@code Instant.toString()} would drop a zero fraction and break that.
 * Entities that compare timestamps truncate them to milliseconds, so an item reads back equal to what was written.
 */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /** Millisecond precision, as stored. */
    public static Instant truncate(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
