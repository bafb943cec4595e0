package com.tenantgraph.triggers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.CognitoUserPoolPreSignUpEvent;
import com.tenantgraph.admin.InputRules;
import com.tenantgraph.cognito.CognitoUserDirectory;
import java.util.Map;

/**
 * Cognito PreSignUp trigger. A self-service sign-up ({@code PreSignUp_SignUp}, or a federated first sign-in) must not
 * carry {@code custom:tenantId} (only the server writes that: docs/security.md, rule 9). Then either:
 * <ul>
 *   <li>it carries {@code custom:invitation}: the accept code must name a pending, unexpired invitation of the email
 *       being signed up (one consistent GetItem, {@link Onboarding#checkInvitation}); PostConfirmation binds the
 *       account once the email is confirmed;</li>
 *   <li>or it founds a new tenant (PostConfirmation), and must name it in {@code custom:workspaceName} (1 to 64
 *       characters, no control characters).</li>
 * </ul>
 * A user created by the admin API ({@code PreSignUp_AdminCreateUser}: the operator's bootstrap, the local demo
 * users) carries the tenant id the server set, and passes. A refusal's message is written for the person signing
 * up; any other failure (the table unreachable, …) becomes {@link TriggerFailures}'s "try again in a moment".
 */
public final class PreSignUpHandler implements RequestHandler<CognitoUserPoolPreSignUpEvent, CognitoUserPoolPreSignUpEvent> {
    static final String WORKSPACE_ATTRIBUTE = "custom:workspaceName";
    static final String ADMIN_CREATE_USER = "PreSignUp_AdminCreateUser";

    private final Onboarding onboarding;

    /** For the Lambda runtime: dependencies from the environment, built once per container. */
    public PreSignUpHandler() {
        this(TriggerServices.container().onboarding());
    }

    public PreSignUpHandler(Onboarding onboarding) {
        this.onboarding = onboarding;
    }

    @Override
    public CognitoUserPoolPreSignUpEvent handleRequest(CognitoUserPoolPreSignUpEvent event, Context context) {
        TriggerFailures.run(TriggerFailures.Trigger.PRE_SIGN_UP, event, event.getRequest(), context,
                attributes -> screen(event.getTriggerSource(), attributes));
        return event;
    }

    private void screen(String triggerSource, Map<String, String> attributes) {
        if (ADMIN_CREATE_USER.equals(triggerSource)) {
            return;
        }
        if (attributes.containsKey(CognitoUserDirectory.TENANT_ATTRIBUTE)) {
            throw new SignUpRefusedException("custom:tenantId cannot be chosen at sign-up: a new workspace gets its id"
                    + " from the server");
        }
        if (attributes.containsKey(CognitoUserDirectory.INVITATION_ATTRIBUTE)) {
            onboarding.checkInvitation(attributes);
            return;
        }
        try {
            InputRules.workspaceName(WORKSPACE_ATTRIBUTE, attributes.get(WORKSPACE_ATTRIBUTE));
        } catch (InputRules.InvalidInputException e) {
            throw new SignUpRefusedException(WORKSPACE_ATTRIBUTE + ": " + e.getMessage() + " (the name of the new"
                    + " workspace, 1 to " + InputRules.MAX_WORKSPACE_NAME + " characters)");
        }
    }
}
