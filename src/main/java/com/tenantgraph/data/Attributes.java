package com.tenantgraph.data;

/** Attribute names shared by every entity of the single table. */
public final class Attributes {
    public static final String ENTITY_TYPE = "entityType";
    public static final String VERSION = "version";
    public static final String GSI1PK = "GSI1PK";
    public static final String GSI1SK = "GSI1SK";
    public static final String GSI2PK = "GSI2PK";
    public static final String GSI2SK = "GSI2SK";
    public static final String GSI3PK = "GSI3PK";
    public static final String GSI3SK = "GSI3SK";
    public static final String GSI4PK = "GSI4PK";
    public static final String GSI4SK = "GSI4SK";

    private Attributes() {
    }
}
