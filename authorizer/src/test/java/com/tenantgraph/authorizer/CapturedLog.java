package com.tenantgraph.authorizer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A log sink that keeps every line, for assertions on what the authorizer logged. */
public final class CapturedLog implements LogSink {

    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void write(String jsonLine) {
        lines.add(jsonLine);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String all() {
        return String.join("\n", lines);
    }

    /** The last decision line. */
    public String lastDecision() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains("\"event\":\"authorizer_decision\"")) {
                return lines.get(i);
            }
        }
        throw new AssertionError("no decision was logged; log: " + lines);
    }
}
