package com.tenantgraph.local.e2e;

import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.local.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An invitation as a person accepts it: the ADMIN's inviteUser gives the accept code once; the person signs up
 * through the app client with it in custom:invitation (PreSignUp checks it) and confirms the email with the code
 * Cognito sent (PostConfirmation binds the account). cognito-local sends no email: the code it would have sent is
 * read from its user database, and {@link #confirm} hands it to the real ConfirmSignUp.
 */
final class Invitations {
    static final String INVITE = "mutation Invite($input: InviteUserInput!) { inviteUser(input: $input) {"
            + " clientMutationId acceptCode invitation { email name role invitedById createdAt expiresAt } } }";
    static final String REVOKE = "mutation Revoke($input: RevokeInvitationInput!) { revokeInvitation(input: $input) {"
            + " clientMutationId revokedEmail } }";
    static final String LIST = "query Pending($first: Int, $after: String) { tenant { invitations(first: $first,"
            + " after: $after) { edges { cursor node { email role expiresAt } } pageInfo { hasNextPage endCursor } } } }";
    static final String PASSWORD = "Invitee-Passw0rd!";

    private Invitations() {
    }

    /** The accept code of a successful inviteUser answer. */
    static String acceptCode(ApiClient.Response invited) {
        Object code = invited.data("inviteUser").get("acceptCode");
        if (!(code instanceof String value)) {
            throw new AssertionError("inviteUser gave no accept code: " + invited.body());
        }
        return value;
    }

    /** The person's own sign-up, carrying the accept code; returns the new account's sub (still unconfirmed). */
    static String signUp(LocalStack stack, String email, String acceptCode) {
        return stack.cognito().signUp(request -> request.clientId(stack.output("userPoolClientId"))
                .username(email).password(PASSWORD)
                .userAttributes(TenantFixture.attribute("email", email), TenantFixture.attribute("name", "Invitee"),
                        TenantFixture.attribute("custom:invitation", acceptCode))).userSub();
    }

    /** The confirmation code Cognito would have emailed to {@code email} (cognito-local keeps it in its database). */
    @SuppressWarnings("unchecked")
    static String sentCode(LocalStack stack, String email) {
        Path db = stack.cognitoData().resolve(".cognito/db/" + stack.output("userPoolId") + ".json");
        try {
            Map<String, Object> users = (Map<String, Object>) JSON.std.mapFrom(Files.readString(db)).get("Users");
            for (Object value : users.values()) {
                Map<String, Object> user = (Map<String, Object>) value;
                List<Map<String, Object>> attributes = (List<Map<String, Object>>) user.get("Attributes");
                boolean hers = attributes.stream().anyMatch(a -> "email".equals(a.get("Name"))
                        && email.equalsIgnoreCase(String.valueOf(a.get("Value"))));
                if (hers && user.get("ConfirmationCode") != null) {
                    return (String) user.get("ConfirmationCode");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("no confirmation code was sent to " + email);
    }

    /** The real ConfirmSignUp with the code that was sent: PostConfirmation runs. */
    static void confirm(LocalStack stack, String email) {
        String code = sentCode(stack, email);
        stack.cognito().confirmSignUp(request -> request.clientId(stack.output("userPoolClientId")).username(email)
                .confirmationCode(code));
    }

    /** Invites {@code email} into the ADMIN's tenant and accepts it the way the person does; their account. */
    static TenantFixture.Account inviteAndAccept(AdminApi admin, LocalStack stack, String adminToken, String email,
                                                 String role) {
        String code = acceptCode(admin.invite(adminToken, email, role));
        String sub = signUp(stack, email, code);
        confirm(stack, email);
        return new TenantFixture.Account(email, PASSWORD, sub);
    }
}
