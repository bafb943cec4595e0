package com.tenantgraph.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run as data: sections of figures (maps, lists, numbers, strings) written as one JSON document, with the machine
 * and the command, so a later run (or a chart) can be compared with this one. Each bench adds its own section.
 */
final class BenchReport {
    private final Map<String, Object> root = new LinkedHashMap<>();

    BenchReport() {
        root.put("command", "./dev bench");
    }

    void machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        machine.put("cpu", cpuModel());
        root.put("machine", machine);
    }

    void section(String name, Object figures) {
        root.put(name, figures);
    }

    void put(String name, Object value) {
        root.put(name, value);
    }

    /** The authorizer bench's own JSON, when it ran first in the same ./dev bench. */
    void mergeAuthorizer(Path file) throws IOException {
        if (Files.exists(file)) {
            root.put("authorizer", new RawJson(Files.readString(file).strip()));
        }
    }

    void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, json(root, "") + "\n");
    }

    private record RawJson(String text) {
    }

    private static String json(Object value, String indent) {
        if (value instanceof RawJson raw) {
            return raw.text();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            String inner = indent + "  ";
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "\n" : ",\n").append(inner).append(string(e.getKey().toString())).append(": ")
                        .append(json(e.getValue(), inner));
                first = false;
            }
            return out.append(first ? "" : "\n" + indent).append('}').toString();
        }
        if (value instanceof List<?> list) {
            StringBuilder out = new StringBuilder("[");
            String inner = indent + "  ";
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "\n" : ",\n").append(inner).append(json(list.get(i), inner));
            }
            return out.append(list.isEmpty() ? "" : "\n" + indent).append(']').toString();
        }
        if (value instanceof Double d) {
            return d.isNaN() || d.isInfinite() ? "null" : String.format(java.util.Locale.ROOT, "%.3f", d);
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return value == null ? "null" : string(value.toString());
    }

    private static String string(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
