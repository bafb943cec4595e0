package com.tenantgraph.triggers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.tenantgraph.cognito.CognitoUserDirectory;
import com.tenantgraph.cognito.UserDirectory;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cognito PostAuthentication trigger, off the request path; it repairs what a failed PostConfirmation left:
 * <ul>
 *   <li>a user who still has {@code custom:invitation} (its binding did not finish): {@link Onboarding#acceptInvitation}
 *       runs again, idempotently; an invitation no longer pending for an unbound account fails the sign-in with the
 *       refusal's message;</li>
 *   <li>a confirmed user without a tenant (PostConfirmation failed): the tenant is provisioned now, as at sign-up;</li>
 *   <li>anyone else: nothing, no I/O.</li>
 * </ul>
 * The ID token of the next sign-in carries the repaired tenant. A failed repair fails the sign-in, so the next one
 * retries it; the person is told to try again in a moment, or the refusal's message ({@link TriggerFailures}).
 */
public final class PostAuthenticationHandler
        implements RequestHandler<CognitoUserPoolPostAuthenticationEvent, CognitoUserPoolPostAuthenticationEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(PostAuthenticationHandler.class);

    private final Onboarding onboarding;

    /** For the Lambda runtime: dependencies from the environment, built once per container. */
    public PostAuthenticationHandler() {
        this(TriggerServices.container().onboarding());
    }

    public PostAuthenticationHandler(Onboarding onboarding) {
        this.onboarding = onboarding;
    }

    @Override
    public CognitoUserPoolPostAuthenticationEvent handleRequest(CognitoUserPoolPostAuthenticationEvent event,
                                                                Context context) {
        TriggerFailures.run(TriggerFailures.Trigger.POST_AUTHENTICATION, event, event.getRequest(), context,
                attributes -> repair(event.getUserPoolId(), attributes));
        return event;
    }

    private void repair(String userPoolId, Map<String, String> attributes) {
        UserDirectory directory = onboarding.directory(userPoolId).orElse(null);
        if (directory == null) {
            LOG.warn("ignored a PostAuthentication event of another user pool");
            return;
        }
        if (attributes.containsKey(CognitoUserDirectory.INVITATION_ATTRIBUTE)) {
            onboarding.acceptInvitation(directory, attributes);
        } else if (isBlank(attributes.get(CognitoUserDirectory.TENANT_ATTRIBUTE))) {
            onboarding.provisionFounder(directory, attributes);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
