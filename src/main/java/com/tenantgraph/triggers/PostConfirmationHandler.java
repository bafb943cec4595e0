package com.tenantgraph.triggers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostConfirmationEvent;
import com.tenantgraph.cognito.CognitoUserDirectory;
import com.tenantgraph.cognito.UserDirectory;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cognito PostConfirmation trigger: a confirmed self-service sign-up becomes the ADMIN of a new tenant (record, group,
 * {@code custom:tenantId}), idempotently (see {@link Onboarding#provisionFounder}). Anything else passes untouched: a
 * confirmed forgotten password, a user who already has a tenant (an invited or bootstrapped one), an event from
 * another pool. A failure fails the trigger; the user is confirmed anyway, and the next sign-in repairs it
 * ({@link PostAuthenticationHandler}).
 */
public final class PostConfirmationHandler
        implements RequestHandler<CognitoUserPoolPostConfirmationEvent, CognitoUserPoolPostConfirmationEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(PostConfirmationHandler.class);
    static final String CONFIRM_SIGN_UP = "PostConfirmation_ConfirmSignUp";

    private final Onboarding onboarding;

    /** For the Lambda runtime: dependencies from the environment, built once per container. */
    public PostConfirmationHandler() {
        this(TriggerServices.onboarding());
    }

    public PostConfirmationHandler(Onboarding onboarding) {
        this.onboarding = onboarding;
    }

    @Override
    public CognitoUserPoolPostConfirmationEvent handleRequest(CognitoUserPoolPostConfirmationEvent event,
                                                              Context context) {
        UserDirectory directory = onboarding.directory(event.getUserPoolId()).orElse(null);
        if (directory == null) {
            LOG.warn("ignored a PostConfirmation event of another user pool");
            return event;
        }
        Map<String, String> attributes = event.getRequest() == null || event.getRequest().getUserAttributes() == null
                ? Map.of() : event.getRequest().getUserAttributes();
        if (!CONFIRM_SIGN_UP.equals(event.getTriggerSource())
                || attributes.containsKey(CognitoUserDirectory.TENANT_ATTRIBUTE)) {
            return event;
        }
        onboarding.provisionFounder(directory, attributes);
        return event;
    }
}
