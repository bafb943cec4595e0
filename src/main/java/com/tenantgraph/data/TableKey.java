package com.tenantgraph.data;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The primary key of one item of the table. Only {@link Keys} creates them for tenant data.
 *
 * <p>{@link #equals} and {@link #hashCode} are written out, with the meaning a record gives them: keys are map keys
 * on the first request's path (the batched reads), and a record's generated methods are linked at their first call
 * through {@code java.lang.runtime.ObjectMethods}, which spins about 40 method-handle classes at a cold start.
 */
public record TableKey(String pk, String sk) {
    public static final String PK = "PK";
    public static final String SK = "SK";

    public TableKey {
        if (pk == null || pk.isEmpty() || sk == null || sk.isEmpty()) {
            throw new IllegalArgumentException("a table key needs PK and SK");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TableKey key && pk.equals(key.pk) && sk.equals(key.sk);
    }

    @Override
    public int hashCode() {
        return 31 * pk.hashCode() + sk.hashCode();
    }

    public Map<String, AttributeValue> toAttributeMap() {
        return Map.of(PK, AttributeValue.fromS(pk), SK, AttributeValue.fromS(sk));
    }

    /** The key of a raw item, or null when the item has no string PK/SK. */
    public static TableKey of(Map<String, AttributeValue> item) {
        AttributeValue pk = item.get(PK);
        AttributeValue sk = item.get(SK);
        if (pk == null || sk == null || pk.s() == null || sk.s() == null) {
            return null;
        }
        return new TableKey(pk.s(), sk.s());
    }
}
