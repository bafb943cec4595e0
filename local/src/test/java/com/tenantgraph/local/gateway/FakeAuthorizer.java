package com.tenantgraph.local.gateway;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayCustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.IamPolicyResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A TOKEN authorizer Lambda for tests: answers as told and records every event it got. */
final class FakeAuthorizer implements RequestHandler<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> {
    static final String ALL_METHODS = "arn:aws:execute-api:us-east-1:000000000000:local/local/*/*";

    private final Function<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> answer;
    private final List<APIGatewayCustomAuthorizerEvent> events = new CopyOnWriteArrayList<>();

    private FakeAuthorizer(Function<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> answer) {
        this.answer = answer;
    }

    static FakeAuthorizer answering(Function<APIGatewayCustomAuthorizerEvent, IamPolicyResponse> answer) {
        return new FakeAuthorizer(answer);
    }

    /** Allows every method of the stage, with this context. */
    static FakeAuthorizer allowingAll(Map<String, Object> context) {
        return answering(event -> policy("user-1", IamPolicyResponse.allowStatement(ALL_METHODS), context));
    }

    static FakeAuthorizer allowingAll() {
        return allowingAll(Map.of("tenantId", "t-1"));
    }

    static FakeAuthorizer throwing(RuntimeException error) {
        return answering(event -> {
            throw error;
        });
    }

    static IamPolicyResponse policy(String principalId, IamPolicyResponse.Statement statement,
                                    Map<String, Object> context) {
        return IamPolicyResponse.builder()
                .withPrincipalId(principalId)
                .withPolicyDocument(IamPolicyResponse.PolicyDocument.builder()
                        .withVersion(IamPolicyResponse.VERSION_2012_10_17)
                        .withStatement(List.of(statement))
                        .build())
                .withContext(context)
                .build();
    }

    @Override
    public IamPolicyResponse handleRequest(APIGatewayCustomAuthorizerEvent event, Context context) {
        events.add(event);
        return answer.apply(event);
    }

    int calls() {
        return events.size();
    }

    List<APIGatewayCustomAuthorizerEvent> events() {
        return events;
    }
}
