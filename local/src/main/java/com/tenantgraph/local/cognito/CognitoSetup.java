package com.tenantgraph.local.cognito;

import com.tenantgraph.local.template.SamTemplate;
import com.tenantgraph.tenancy.Role;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.StringAttributeConstraintsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameConfigurationType;

/**
 * Creates the local user pool as template.yaml declares it (the email is the username, so each account's username
 * is its immutable sub and the email an alias of it; custom:tenantId, custom:workspaceName, custom:invitation; groups ADMIN, MEMBER
 * and VIEWER) and its two app clients: {@code web-local} (the web client; deployed it allows SRP only, which
 * cognito-local lacks, so locally it allows USER_PASSWORD_AUTH) and {@code explorer-local}, the explorer client that
 * the template's {@code GraphiQlSignIn} parameter creates (USER_PASSWORD_AUTH both locally and deployed: GraphiQL and
 * the front-end examples sign in through it with the same code in both places). Each client's ReadAttributes and
 * WriteAttributes are the template's ({@link AppClientAttributes}); cognito-local does not enforce WriteAttributes,
 * so the local stack puts {@link WriteAttributesProxy} in front of it, and the API never trusts anything but the
 * verified token and the membership record anyway.
 */
public final class CognitoSetup {
    public static final String TENANT_ATTRIBUTE = "custom:tenantId";

    private CognitoSetup() {
    }

    /**
     * The ids of the pool and its app clients, and what each client (by id) may write.
     */
    public record UserPool(String poolId, String clientId, String explorerClientId,
                           Map<String, List<String>> writeAttributesByClient) {
        public UserPool {
            writeAttributesByClient = Map.copyOf(writeAttributesByClient);
        }
    }

    /** The pool, its groups and its two app clients, with the attribute permissions {@code template} gives them. */
    public static UserPool create(CognitoIdentityProviderClient cognito, String poolName, SamTemplate template) {
        AppClientAttributes web = AppClientAttributes.fromTemplate(template, AppClientAttributes.WEB_CLIENT);
        AppClientAttributes explorer = AppClientAttributes.fromTemplate(template, AppClientAttributes.EXPLORER_CLIENT);
        String poolId = cognito.createUserPool(CreateUserPoolRequest.builder()
                .poolName(poolName)
                .usernameAttributes(UsernameAttributeType.EMAIL)
                .usernameConfiguration(UsernameConfigurationType.builder().caseSensitive(false).build())
                .schema(customString("tenantId"), customString("workspaceName"), customString("invitation"))
                .build()).userPool().id();
        String clientId = passwordClient(cognito, poolId, "web-local", web);
        String explorerClientId = passwordClient(cognito, poolId, "explorer-local", explorer);
        Arrays.stream(Role.values()).forEach(role -> cognito.createGroup(CreateGroupRequest.builder()
                .userPoolId(poolId).groupName(role.name()).description(role.name() + " members of a tenant").build()));
        return new UserPool(poolId, clientId, explorerClientId,
                Map.of(clientId, web.write(), explorerClientId, explorer.write()));
    }

    private static String passwordClient(CognitoIdentityProviderClient cognito, String poolId, String name,
                                         AppClientAttributes attributes) {
        return cognito.createUserPoolClient(CreateUserPoolClientRequest.builder()
                .userPoolId(poolId)
                .clientName(name)
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                .readAttributes(attributes.read())
                .writeAttributes(attributes.write())
                .build()).userPoolClient().clientId();
    }

    private static SchemaAttributeType customString(String name) {
        return SchemaAttributeType.builder()
                .name(name)
                .attributeDataType(AttributeDataType.STRING)
                .mutable(true)
                .stringAttributeConstraints(StringAttributeConstraintsType.builder().minLength("1").maxLength("64")
                        .build())
                .build();
    }
}
