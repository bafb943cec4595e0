package com.tenantgraph.cognito;

import com.tenantgraph.tenancy.Role;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.util.List;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DeliveryMediumType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/** {@link UserDirectory} over the Cognito admin API of one user pool, through the AWS SDK. */
public final class CognitoUserDirectory implements UserDirectory {
    public static final String TENANT_ATTRIBUTE = "custom:tenantId";
    /** The accept code an invitee signs up with (client-writable; admin/AcceptCode reads it). */
    public static final String INVITATION_ATTRIBUTE = "custom:invitation";

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
        return toUser(user.attributes(), Boolean.TRUE.equals(user.enabled()), user.userStatusAsString());
    }

    @Override
    public void setTenant(UserId user, TenantId tenant) {
        CognitoErrors.call("AdminUpdateUserAttributes", () -> client.adminUpdateUserAttributes(request -> request
                .userPoolId(userPoolId).username(user.value()).userAttributes(attribute(TENANT_ATTRIBUTE, tenant.value()))));
    }

    @Override
    public void clearInvitation(UserId user) {
        CognitoErrors.call("AdminDeleteUserAttributes", () -> client.adminDeleteUserAttributes(request -> request
                .userPoolId(userPoolId).username(user.value()).userAttributeNames(INVITATION_ATTRIBUTE)));
    }

    @Override
    public void addToGroup(UserId user, Role role) {
        CognitoErrors.call("AdminAddUserToGroup", () -> client.adminAddUserToGroup(request -> request
                .userPoolId(userPoolId).username(user.value()).groupName(role.name())));
    }

    @Override
    public void removeFromGroup(UserId user, Role role) {
        CognitoErrors.call("AdminRemoveUserFromGroup", () -> client.adminRemoveUserFromGroup(request -> request
                .userPoolId(userPoolId).username(user.value()).groupName(role.name())));
    }

    @Override
    public void disable(UserId user) {
        CognitoErrors.call("AdminDisableUser", () -> client.adminDisableUser(request -> request
                .userPoolId(userPoolId).username(user.value())));
    }

    @Override
    public void enable(UserId user) {
        CognitoErrors.call("AdminEnableUser", () -> client.adminEnableUser(request -> request
                .userPoolId(userPoolId).username(user.value())));
    }

    @Override
    public void delete(UserId user) {
        CognitoErrors.call("AdminDeleteUser", () -> client.adminDeleteUser(request -> request
                .userPoolId(userPoolId).username(user.value())));
    }

    private static CognitoUser toUser(List<AttributeType> attributes, boolean enabled, String status) {
        return new CognitoUser(value(attributes, "sub"), value(attributes, TENANT_ATTRIBUTE), enabled, status);
    }

    private static String value(List<AttributeType> attributes, String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).map(AttributeType::value).findFirst()
                .orElse(null);
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
