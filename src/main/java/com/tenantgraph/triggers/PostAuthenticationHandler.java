package com.tenantgraph.triggers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPostAuthenticationEvent;
import com.tenantgraph.cognito.CognitoUserDirectory;
import com.tenantgraph.cognito.UserDirectory;
import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cognito PostAuthentication trigger, off the request path:
 * <ul>
 *   <li>a user with {@code custom:tenantId}: an INVITED record becomes ACTIVE (first sign-in); any other record, or
 *       none, is left alone — so a demo or bootstrapped user who is already ACTIVE costs one consistent GetItem;
 *       a failure is logged and does not block the sign-in (INVITED members may already use the API);</li>
 *   <li>a confirmed user without a tenant (PostConfirmation failed): the tenant is provisioned now, as at sign-up;
 *       the ID token of the next sign-in carries it. A failure here fails the sign-in, so the next one retries.</li>
 * </ul>
 */
public final class PostAuthenticationHandler
        implements RequestHandler<CognitoUserPoolPostAuthenticationEvent, CognitoUserPoolPostAuthenticationEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(PostAuthenticationHandler.class);

    private final Onboarding onboarding;

    /** For the Lambda runtime: dependencies from the environment, built once per container. */
    public PostAuthenticationHandler() {
        this(TriggerServices.onboarding());
    }

    public PostAuthenticationHandler(Onboarding onboarding) {
        this.onboarding = onboarding;
    }

    @Override
    public CognitoUserPoolPostAuthenticationEvent handleRequest(CognitoUserPoolPostAuthenticationEvent event,
                                                                Context context) {
        UserDirectory directory = onboarding.directory(event.getUserPoolId()).orElse(null);
        if (directory == null) {
            LOG.warn("ignored a PostAuthentication event of another user pool");
            return event;
        }
        Map<String, String> attributes = event.getRequest() == null || event.getRequest().getUserAttributes() == null
                ? Map.of() : event.getRequest().getUserAttributes();
        String tenant = attributes.get(CognitoUserDirectory.TENANT_ATTRIBUTE);
        if (tenant == null || tenant.isBlank()) {
            onboarding.provisionFounder(directory, attributes);
            return event;
        }
        String sub = attributes.get("sub");
        if (!TenantId.isWellFormed(tenant) || !UserId.isWellFormed(sub)) {
            LOG.warn("ignored a sign-in with a malformed tenant or sub");
            return event;
        }
        try {
            onboarding.activate(TenantId.of(tenant), UserId.of(sub));
        } catch (DataAccessException e) {
            LOG.warn("could not activate user {} of tenant {} at sign-in; the next sign-in retries", sub, tenant, e);
        }
        return event;
    }
}
