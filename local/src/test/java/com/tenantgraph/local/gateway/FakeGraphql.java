package com.tenantgraph.local.gateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A GraphQL Lambda for tests: answers as told and records every proxy event it got. */
final class FakeGraphql implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {
    static final String DATA = "{\"data\":{\"me\":{\"id\":\"u-1\"}}}";

    private final Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> answer;
    private final List<APIGatewayProxyRequestEvent> events = new CopyOnWriteArrayList<>();

    private FakeGraphql(Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> answer) {
        this.answer = answer;
    }

    static FakeGraphql answering(Function<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> answer) {
        return new FakeGraphql(answer);
    }

    /** Answers 200 with a small GraphQL result. */
    static FakeGraphql ok() {
        return answering(event -> new APIGatewayProxyResponseEvent()
                .withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/graphql-response+json"))
                .withBody(DATA));
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        events.add(event);
        return answer.apply(event);
    }

    int calls() {
        return events.size();
    }

    APIGatewayProxyRequestEvent lastEvent() {
        return events.get(events.size() - 1);
    }
}
