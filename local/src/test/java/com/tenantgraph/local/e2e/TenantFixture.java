package com.tenantgraph.local.e2e;

import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.graphql.GlobalId;
import com.tenantgraph.local.LocalStack;
import com.tenantgraph.local.seed.DemoData;
import com.tenantgraph.local.seed.DemoUser;
import com.tenantgraph.tenancy.UserId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;

/**
 * A fresh tenant of a test's own, made the way a customer makes one: SignUp with custom:workspaceName, then
 * AdminConfirmSignUp (cognito-local sends no codes), which fires PostConfirmation through the local Lambda Invoke
 * endpoint. More members are added the way seeding adds them. The six demo users are never touched.
 */
final class TenantFixture {
    static final String PASSWORD = "Founder-Passw0rd!";

    final LocalStack stack;
    final ApiClient api;
    final String tenantId;
    final Account admin;

    private TenantFixture(LocalStack stack, String tenantId, Account admin) {
        this.stack = stack;
        this.api = new ApiClient(stack);
        this.tenantId = tenantId;
        this.admin = admin;
    }

    /** A person with a login: email (also the username), password, Cognito sub. */
    record Account(String email, String password, String sub) {
        String globalId() {
            return GlobalId.encode("User", sub);
        }
    }

    static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.test";
    }

    /** Signs a founder up and confirms them: PostConfirmation provisions the tenant. */
    static TenantFixture signUp(LocalStack stack, String workspaceName) {
        String email = uniqueEmail("founder");
        String sub = stack.cognito().signUp(request -> request
                .clientId(stack.output("userPoolClientId"))
                .username(email)
                .password(PASSWORD)
                .userAttributes(attribute("email", email), attribute("name", "Founder"),
                        attribute("custom:workspaceName", workspaceName))).userSub();
        stack.cognito().adminConfirmSignUp(request -> request.userPoolId(stack.output("userPoolId")).username(email));
        ApiClient api = new ApiClient(stack);
        String tenantId = (String) claims(api.idToken(email, PASSWORD)).get("custom:tenantId");
        return new TenantFixture(stack, tenantId, new Account(email, PASSWORD, sub));
    }

    /** An ACTIVE member with a Cognito login, as seeding creates one (an ADMIN counts in adminCount). */
    Account addMember(Role role) {
        String email = uniqueEmail(role.name().toLowerCase(java.util.Locale.ROOT));
        DemoUser user = new DemoUser(tenantId, email, DemoData.PASSWORD, role, "Test " + role);
        UserId id = new DemoData(stack.cognito(), stack.output("userPoolId"),
                new TenantProvisioning(new Table(stack.dynamoDb(), stack.output("tableName")))).addUser(user, Instant.now());
        return new Account(email, DemoData.PASSWORD, id.value());
    }

    String token(Account account) {
        return api.idToken(account.email(), account.password());
    }

    static Map<String, Object> claims(String jwt) {
        try {
            return JSON.std.mapFrom(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                    StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
