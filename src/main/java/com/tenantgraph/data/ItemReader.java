package com.tenantgraph.data;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads items by table key: in key order, null where no item exists. {@link BatchGetter} is the real one. */
@FunctionalInterface
public interface ItemReader {
    List<Map<String, AttributeValue>> getAll(List<TableKey> keys);
}
