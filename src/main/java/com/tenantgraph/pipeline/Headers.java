package com.tenantgraph.pipeline;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** HTTP request headers with case-insensitive names, as HTTP defines them. */
public final class Headers {
    private final Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public Headers(Map<String, String> headers) {
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null) {
                    byName.put(name.toLowerCase(Locale.ROOT), value);
                }
            });
        }
    }

    public String get(String name) {
        return byName.get(name);
    }
}
