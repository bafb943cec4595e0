package com.tenantgraph.local.seed;

import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.local.cognito.CognitoSetup;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminAddUserToGroupRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminCreateUserRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AdminSetUserPasswordRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * The demo data of the local stack: two tenants, each with an ADMIN, a MEMBER and a VIEWER. Each user is created in
 * Cognito first (the user id is its {@code sub}), with custom:tenantId set by this server-side code and the role's
 * group, then its membership record is written through the same provisioning code the product uses.
 */
public final class DemoData {
    public static final String PASSWORD = "Demo-Passw0rd!";

    /** The tenants and users seeded on every ./dev up. */
    public static final List<DemoTenant> TENANTS = List.of(
            new DemoTenant("acme", "Acme Corporation", Plan.TEAM, List.of(
                    new DemoUser("acme", "ada@acme.test", PASSWORD, Role.ADMIN, "Ada Admin"),
                    new DemoUser("acme", "max@acme.test", PASSWORD, Role.MEMBER, "Max Member"),
                    new DemoUser("acme", "vic@acme.test", PASSWORD, Role.VIEWER, "Vic Viewer"))),
            new DemoTenant("globex", "Globex Industries", Plan.ENTERPRISE, List.of(
                    new DemoUser("globex", "gina@globex.test", PASSWORD, Role.ADMIN, "Gina Admin"),
                    new DemoUser("globex", "mo@globex.test", PASSWORD, Role.MEMBER, "Mo Member"),
                    new DemoUser("globex", "val@globex.test", PASSWORD, Role.VIEWER, "Val Viewer"))));

    /** A demo tenant and its users; the first user is its ADMIN. */
    public record DemoTenant(String id, String name, Plan plan, List<DemoUser> users) {
    }

    private final CognitoIdentityProviderClient cognito;
    private final String poolId;
    private final TenantProvisioning provisioning;

    public DemoData(CognitoIdentityProviderClient cognito, String poolId, TenantProvisioning provisioning) {
        this.cognito = cognito;
        this.poolId = poolId;
        this.provisioning = provisioning;
    }

    /** Seeds every demo tenant and returns the demo logins. */
    public List<DemoUser> seed(Instant now) {
        TENANTS.forEach(tenant -> seedTenant(tenant, now));
        return TENANTS.stream().flatMap(t -> t.users().stream()).toList();
    }

    /** Adds one more user to an existing tenant, in Cognito and as a membership record (tests use it too). */
    public UserId addUser(DemoUser user, Instant now) {
        UserId id = createCognitoUser(user);
        provisioning.addMember(member(TenantId.of(user.tenant()), user, id, now));
        return id;
    }

    private void seedTenant(DemoTenant demo, Instant now) {
        TenantId tenant = TenantId.of(demo.id());
        TenantItem item = TenantItem.builder().tenantId(tenant).name(demo.name()).plan(demo.plan()).createdAt(now)
                .build();
        DemoUser admin = demo.users().get(0);
        provisioning.createTenantWithAdmin(item, member(tenant, admin, createCognitoUser(admin), now));
        demo.users().subList(1, demo.users().size())
                .forEach(user -> provisioning.addMember(member(tenant, user, createCognitoUser(user), now)));
    }

    private static UserItem member(TenantId tenant, DemoUser user, UserId id, Instant now) {
        return UserItem.builder().tenantId(tenant).userId(id).email(user.username()).name(user.name())
                .role(user.role()).status(UserStatus.ACTIVE).createdAt(now).build();
    }

    /** Creates the Cognito user only, with no membership record (tests use it for users outside any tenant). */
    public UserId createCognitoUserOnly(DemoUser user) {
        return createCognitoUser(user);
    }

    private UserId createCognitoUser(DemoUser user) {
        UserType created = cognito.adminCreateUser(AdminCreateUserRequest.builder()
                .userPoolId(poolId)
                .username(user.username())
                .messageAction(MessageActionType.SUPPRESS)
                .userAttributes(
                        attribute("email", user.username()),
                        attribute("email_verified", "true"),
                        attribute("name", user.name()),
                        attribute(CognitoSetup.TENANT_ATTRIBUTE, user.tenant()))
                .build()).user();
        cognito.adminSetUserPassword(AdminSetUserPasswordRequest.builder()
                .userPoolId(poolId).username(user.username()).password(user.password()).permanent(true).build());
        cognito.adminAddUserToGroup(AdminAddUserToGroupRequest.builder()
                .userPoolId(poolId).username(user.username()).groupName(user.role().name()).build());
        String sub = created.attributes().stream().filter(a -> a.name().equals("sub")).map(AttributeType::value)
                .findFirst().orElseThrow(() -> new IllegalStateException("Cognito returned no sub for "
                        + user.username()));
        return UserId.of(sub);
    }

    private static AttributeType attribute(String name, String value) {
        return AttributeType.builder().name(name).value(value).build();
    }
}
