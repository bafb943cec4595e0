package com.tenantgraph.pipeline;

/**
 * Where a subscription root field, executed to subscribe, records the topic it watches once it has checked that the
 * caller may read the watched object. One per subscribe; read by {@link SubscriptionOperations} afterwards.
 */
public final class SubscriptionTopic {
    private volatile String topic;

    public void set(String value) {
        topic = value;
    }

    public String get() {
        return topic;
    }
}
