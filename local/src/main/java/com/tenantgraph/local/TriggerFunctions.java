package com.tenantgraph.local;

import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.tenantgraph.local.lambda.LocalLambdaEndpoint;
import com.tenantgraph.triggers.PostAuthenticationHandler;
import com.tenantgraph.triggers.PostConfirmationHandler;
import com.tenantgraph.triggers.PreSignUpHandler;
import com.tenantgraph.triggers.TriggerServices;
import java.util.Map;

/**
 * The Cognito trigger functions of the local stack: the real handlers of the GraphQL module, registered on the local
 * Lambda Invoke endpoint under the names cognito-local is configured to call (as template.yaml wires the pool's
 * LambdaConfig to the deployed functions). Their services are built by the deployed composition root,
 * {@link TriggerServices#fromEnvironment}, from the environment a deployed trigger function has plus the emulators'
 * endpoints, so their clients have the deployed timeouts and retries ({@code AwsClients.Timeouts.TRIGGER}).
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

    /**
     * Builds the trigger services from {@code environment} (TABLE_NAME, AWS_REGION, USER_POOL_ID, DYNAMODB_ENDPOINT,
     * COGNITO_ENDPOINT) and registers the three handlers, which share them. The caller closes what is returned once
     * the endpoint is no longer called.
     */
    public static TriggerServices register(LocalLambdaEndpoint lambda, Map<String, String> environment) {
        TriggerServices services = TriggerServices.fromEnvironment(environment);
        try {
            lambda.register(PRE_SIGN_UP, CognitoUserPoolPreSignUpEvent.class,
                    new PreSignUpHandler(services.onboarding()));
            lambda.register(POST_CONFIRMATION, CognitoUserPoolPostConfirmationEvent.class,
                    new PostConfirmationHandler(services.onboarding()));
            lambda.register(POST_AUTHENTICATION, CognitoUserPoolPostAuthenticationEvent.class,
                    new PostAuthenticationHandler(services.onboarding()));
            return services;
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
    }
}
