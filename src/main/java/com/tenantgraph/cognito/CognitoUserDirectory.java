package com.tenantgraph.cognito;

import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminGetUserResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/** {@link UserDirectory} over the Cognito admin API of one user pool, through the AWS SDK. */
public final class CognitoUserDirectory implements UserDirectory {
    public static final String TENANT_ATTRIBUTE = "custom:tenantId";

    private final CognitoIdentityProviderClient client;
    private final String userPoolId;

    public CognitoUserDirectory(CognitoIdentityProviderClient client, String userPoolId) {
        if (userPoolId == null || userPoolId.isBlank()) {
            throw new IllegalArgumentException("USER_POOL_ID is required");
        }
        this.client = client;
        this.userPoolId = userPoolId;
    }

    @Override
    public String userPoolId() {
        return userPoolId;
    }

    @Override
    public CognitoUser createUser(String email, String name, TenantId tenant) {
        UserType user = CognitoErrors.call("AdminCreateUser", () -> client.adminCreateUser(request -> request
                .userPoolId(userPoolId)
                .username(email)
                .desiredDeliveryMediums(DeliveryMediumType.EMAIL)
                .userAttributes(attribute("email", email), attribute("email_verified", "true"),
                        attribute("name", name), attribute(TENANT_ATTRIBUTE, tenant.value())))).user();
        return toUser(user.username(), user.attributes(), Boolean.TRUE.equals(user.enabled()));
    }

    @Override
    public Optional<CognitoUser> find(String username) {
        try {
            AdminGetUserResponse user = client.adminGetUser(request -> request.userPoolId(userPoolId)
                    .username(username));
            return Optional.of(toUser(user.username(), user.userAttributes(), Boolean.TRUE.equals(user.enabled())));
        } catch (UserNotFoundException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw CognitoErrors.translate("AdminGetUser", e);
        }
    }

    @Override
    public void setTenant(String username, TenantId tenant) {
        CognitoErrors.call("AdminUpdateUserAttributes", () -> client.adminUpdateUserAttributes(request -> request
                .userPoolId(userPoolId).username(username).userAttributes(attribute(TENANT_ATTRIBUTE, tenant.value()))));
    }

    @Override
    public void addToGroup(String username, Role role) {
        CognitoErrors.call("AdminAddUserToGroup", () -> client.adminAddUserToGroup(request -> request
                .userPoolId(userPoolId).username(username).groupName(role.name())));
    }

    @Override
    public void removeFromGroup(String username, Role role) {
        CognitoErrors.call("AdminRemoveUserFromGroup", () -> client.adminRemoveUserFromGroup(request -> request
                .userPoolId(userPoolId).username(username).groupName(role.name())));
    }

    @Override
    public void disable(String username) {
        CognitoErrors.call("AdminDisableUser", () -> client.adminDisableUser(request -> request
                .userPoolId(userPoolId).username(username)));
    }

    @Override
    public void enable(String username) {
        CognitoErrors.call("AdminEnableUser", () -> client.adminEnableUser(request -> request
                .userPoolId(userPoolId).username(username)));
    }

    @Override
    public void delete(String username) {
        try {
            client.adminDeleteUser(request -> request.userPoolId(userPoolId).username(username));
        } catch (UserNotFoundException e) {
            // already gone: the outcome the caller wants
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw CognitoErrors.translate("AdminDeleteUser", e);
        }
    }

    private static CognitoUser toUser(String username, List<AttributeType> attributes, boolean enabled) {
        return new CognitoUser(username, value(attributes, "sub"), value(attributes, TENANT_ATTRIBUTE), enabled);
    }

    private static String value(List<AttributeType> attributes, String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(AttributeType::value).findFirst()
                .orElse(null);
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
