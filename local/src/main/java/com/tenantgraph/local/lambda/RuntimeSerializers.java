package com.tenantgraph.local.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

/**
 * Picks the serializer the Lambda Java runtime picks for a handler's input or output type: the event serializers
 * (with their mixins and naming rules) for the event classes Lambda knows, its preconfigured Jackson for everything
 * else (POJOs such as the Cognito user pool trigger events, IamPolicyResponse, String, Map).
 */
final class RuntimeSerializers {
    private RuntimeSerializers() {
    }

    static <T> PojoSerializer<T> forType(Class<T> type, ClassLoader classLoader) {
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return LambdaEventSerializers.serializerFor(type, classLoader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
