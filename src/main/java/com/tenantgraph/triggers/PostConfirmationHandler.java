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
 * Cognito PostConfirmation trigger: the email of a self-service sign-up is now proven. A sign-up that carries
 * {@code custom:invitation} joins the invitation's tenant ({@link Onboarding#acceptInvitation}); any other becomes the
 * ADMIN of a new tenant (record, group, {@code custom:tenantId}, see {@link Onboarding#provisionFounder}); both
 * idempotently. Anything else passes untouched: a confirmed forgotten password, a user who already has a tenant (a
 * bootstrapped one), an event from another pool. A failure fails the trigger; the user is confirmed anyway, and the
 * next sign-in repairs it ({@link PostAuthenticationHandler}). A refusal keeps its message; any other failure tells
 * the person to sign in a moment later to finish ({@link TriggerFailures}).
 */
public final class PostConfirmationHandler
        implements RequestHandler<CognitoUserPoolPostConfirmationEvent, CognitoUserPoolPostConfirmationEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(PostConfirmationHandler.class);
    static final String CONFIRM_SIGN_UP = "PostConfirmation_ConfirmSignUp";

    private final Onboarding onboarding;

    /** For the Lambda runtime: dependencies from the environment, built once per container. */
    public PostConfirmationHandler() {
        this(TriggerServices.container().onboarding());
    }

    public PostConfirmationHandler(Onboarding onboarding) {
        this.onboarding = onboarding;
    }

    @Override
    public CognitoUserPoolPostConfirmationEvent handleRequest(CognitoUserPoolPostConfirmationEvent event,
                                                              Context context) {
        TriggerFailures.run(TriggerFailures.Trigger.POST_CONFIRMATION, event, event.getRequest(), context,
                attributes -> onboard(event, attributes));
        return event;
    }

    private void onboard(CognitoUserPoolPostConfirmationEvent event, Map<String, String> attributes) {
        UserDirectory directory = onboarding.directory(event.getUserPoolId()).orElse(null);
        if (directory == null) {
            LOG.warn("ignored a PostConfirmation event of another user pool");
            return;
        }
        if (!CONFIRM_SIGN_UP.equals(event.getTriggerSource())) {
            return;
        }
        if (attributes.containsKey(CognitoUserDirectory.INVITATION_ATTRIBUTE)) {
            onboarding.acceptInvitation(directory, attributes);
        } else if (!attributes.containsKey(CognitoUserDirectory.TENANT_ATTRIBUTE)) {
            onboarding.provisionFounder(directory, attributes);
        }
    }
}
