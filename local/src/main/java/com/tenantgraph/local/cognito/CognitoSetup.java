package com.tenantgraph.local.cognito;

import com.tenantgraph.tenancy.Role;
import java.util.Arrays;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeDataType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.CreateUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ExplicitAuthFlowsType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.SchemaAttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.StringAttributeConstraintsType;

/**
 * Creates the local user pool as template.yaml declares it (custom:tenantId and custom:workspaceName, groups ADMIN,
 * MEMBER and VIEWER), plus an app client with USER_PASSWORD_AUTH for local sign-in (cognito-local has no SRP). The
 * client's WriteAttributes leave out custom:tenantId, as in the template; cognito-local does not enforce that, so the
 * API never trusts anything but the verified token and the membership record.
 */
public final class CognitoSetup {
    public static final String TENANT_ATTRIBUTE = "custom:tenantId";

    private CognitoSetup() {
    }

    /** The ids of the pool and its app client. */
    public record UserPool(String poolId, String clientId) {
    }

    public static UserPool create(CognitoIdentityProviderClient cognito, String poolName) {
        String poolId = cognito.createUserPool(CreateUserPoolRequest.builder()
                .poolName(poolName)
                .schema(customString("tenantId"), customString("workspaceName"))
                .build()).userPool().id();
        String clientId = cognito.createUserPoolClient(CreateUserPoolClientRequest.builder()
                .userPoolId(poolId)
                .clientName("web-local")
                .explicitAuthFlows(ExplicitAuthFlowsType.ALLOW_USER_PASSWORD_AUTH,
                        ExplicitAuthFlowsType.ALLOW_REFRESH_TOKEN_AUTH)
                .readAttributes("email", "name", TENANT_ATTRIBUTE, "custom:workspaceName")
                .writeAttributes("email", "name", "custom:workspaceName")
                .build()).userPoolClient().clientId();
        Arrays.stream(Role.values()).forEach(role -> cognito.createGroup(CreateGroupRequest.builder()
                .userPoolId(poolId).groupName(role.name()).description(role.name() + " members of a tenant").build()));
        return new UserPool(poolId, clientId);
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
