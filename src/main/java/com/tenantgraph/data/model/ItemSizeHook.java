package com.tenantgraph.data.model;

import com.tenantgraph.data.ItemSize;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB's 400 KB item limit, checked on the full new item of every create and replace (moto does not). */
public final class ItemSizeHook implements WriteHook {
    @Override
    public void beforeCreate(EntityModel<?> model, Map<String, AttributeValue> item, Instant now) {
        ItemSize.check(item);
    }

    @Override
    public void beforeReplace(EntityModel<?> model, Map<String, AttributeValue> item, long previousVersion,
                              Instant now) {
        ItemSize.check(item);
    }
}
