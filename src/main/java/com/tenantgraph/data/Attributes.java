package com.tenantgraph.data;

/** Attribute names shared by every entity of the single table. */
public final class Attributes {
    public static final String ENTITY_TYPE = "entityType";
    public static final String VERSION = "version";

    private Attributes() {
    }
}
