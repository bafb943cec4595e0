package com.tenantgraph.local.e2e;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.tenantgraph.triggers.PostAuthenticationHandler;
import com.tenantgraph.triggers.PostConfirmationHandler;
import com.tenantgraph.triggers.PreSignUpHandler;
import java.util.Map;

/**
 * The trigger functions as the Lambda runtime starts them, in a fresh JVM started by {@link TriggerRuntimeIT}: the
 * handlers' no-argument constructors (the composition root reads its configuration from the environment), then a
 * sign-up's PreSignUp event, the confirmed sign-up's PostConfirmation event and the founder's first
 * PostAuthentication. Prints "done" at the end.
 * Arguments: pool id, username, sub, email.
 */
public final class TriggerProbe {
    private TriggerProbe() {
    }

    public static void main(String[] args) {
        String poolId = args[0];
        String username = args[1];
        Map<String, String> attributes = Map.of("sub", args[2], "email", args[3], "name", "Runtime Founder",
                "custom:workspaceName", "Runtime Triggers");
        new PreSignUpHandler().handleRequest(CognitoUserPoolPreSignUpEvent.builder()
                .withTriggerSource("PreSignUp_SignUp").withUserPoolId(poolId).withUserName(username)
                .withRequest(CognitoUserPoolPreSignUpEvent.Request.builder().withUserAttributes(Map.of("email",
                        args[3], "custom:workspaceName", "Runtime Triggers")).build()).build(), null);
        new PostConfirmationHandler().handleRequest(CognitoUserPoolPostConfirmationEvent.builder()
                .withTriggerSource("PostConfirmation_ConfirmSignUp").withUserPoolId(poolId).withUserName(username)
                .withRequest(CognitoUserPoolPostConfirmationEvent.Request.builder().withUserAttributes(attributes)
                        .build()).build(), null);
        new PostAuthenticationHandler().handleRequest(CognitoUserPoolPostAuthenticationEvent.builder()
                .withTriggerSource("PostAuthentication_Authentication").withUserPoolId(poolId).withUserName(username)
                .withRequest(CognitoUserPoolPostAuthenticationEvent.Request.builder().withUserAttributes(attributes)
                        .build()).build(), null);
        System.out.println("done");
        System.exit(0);
    }
}
