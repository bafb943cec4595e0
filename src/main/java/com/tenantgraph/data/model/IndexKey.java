package com.tenantgraph.data.model;

/** The key of an item in one GSI: its partition and sort values (both built by {@code Keys}). */
public record IndexKey(String pk, String sk) {
    public IndexKey {
        if (pk == null || pk.isEmpty() || sk == null || sk.isEmpty()) {
            throw new IllegalArgumentException("an index key needs a partition and a sort value");
        }
    }
}
