package com.tenantgraph.local;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.tenantgraph.cognito.UserDirectory;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.UserRepository;
import com.tenantgraph.data.UserWrites;
import com.tenantgraph.local.lambda.LocalLambdaEndpoint;
import com.tenantgraph.triggers.Onboarding;
import com.tenantgraph.triggers.UserDirectories;
import com.tenantgraph.triggers.PostAuthenticationHandler;
import com.tenantgraph.triggers.PostConfirmationHandler;
import com.tenantgraph.triggers.PreSignUpHandler;
import java.time.Clock;
import java.util.Map;

/**
 * The Cognito trigger functions of the local stack: the real handlers of the GraphQL module, registered on the local
 * Lambda Invoke endpoint under the names cognito-local is configured to call (as template.yaml wires the pool's
 * LambdaConfig to the deployed functions).
 */
public final class TriggerFunctions {
    public static final String PRE_SIGN_UP = "tenantgraph-pre-sign-up";
    public static final String POST_CONFIRMATION = "tenantgraph-post-confirmation";
    public static final String POST_AUTHENTICATION = "tenantgraph-post-authentication";

    /** cognito-local's TriggerFunctions: trigger to function name. */
    public static final Map<String, String> NAMES = Map.of(
            "PreSignUp", PRE_SIGN_UP,
            "PostConfirmation", POST_CONFIRMATION,
            "PostAuthentication", POST_AUTHENTICATION);

    private TriggerFunctions() {
    }

    /** Registers the three handlers, sharing the local table and the pool's directory. */
    public static Onboarding register(LocalLambdaEndpoint lambda, Table table, UserDirectory directory) {
        Onboarding onboarding = new Onboarding(new TenantProvisioning(table), new UserRepository(table),
                new UserWrites(table), UserDirectories.only(directory), Clock.systemUTC());
        lambda.register(PRE_SIGN_UP, CognitoUserPoolPreSignUpEvent.class, new PreSignUpHandler(onboarding));
        lambda.register(POST_CONFIRMATION, CognitoUserPoolPostConfirmationEvent.class,
                new PostConfirmationHandler(onboarding));
        lambda.register(POST_AUTHENTICATION, CognitoUserPoolPostAuthenticationEvent.class,
                new PostAuthenticationHandler(onboarding));
        return onboarding;
    }
}
