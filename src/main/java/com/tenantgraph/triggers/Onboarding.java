package com.tenantgraph.triggers;

import com.tenantgraph.admin.InputRules;
import com.tenantgraph.cognito.UserDirectory;
import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.data.TenantProvisioning;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.data.UserRepository;
import com.tenantgraph.data.UserWrites;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the Cognito triggers do to the data, each safe to run twice with the same event:
 * <ul>
 *   <li>{@link #provisionFounder}: a new tenant (id derived from the founder's sub), its ADMIN record, email marker and
 *       registry entry in one conditional transaction ("already there for the same founder" counts as done), then
 *       {@code custom:tenantId} and the ADMIN group in Cognito (both idempotent);</li>
 *   <li>{@link #activate}: INVITED to ACTIVE at the first sign-in, conditioned on the status read (an ADMIN also
 *       counts in {@code adminCount}); any other state is left alone.</li>
 * </ul>
 */
public final class Onboarding {
    private static final Logger LOG = LoggerFactory.getLogger(Onboarding.class);

    private final TenantProvisioning provisioning;
    private final UserRepository users;
    private final UserWrites writes;
    private final UserDirectories directories;
    private final Clock clock;

    public Onboarding(TenantProvisioning provisioning, UserRepository users, UserWrites writes,
                      UserDirectories directories, Clock clock) {
        this.provisioning = provisioning;
        this.users = users;
        this.writes = writes;
        this.directories = directories;
        this.clock = clock;
    }

    /** The directory of the pool an event came from, or empty when this pool's events are ignored. */
    public Optional<UserDirectory> directory(String userPoolId) {
        return directories.forPool(userPoolId);
    }

    /** Provisions the founder's tenant from their Cognito attributes; returns its id. */
    public TenantId provisionFounder(UserDirectory directory, Map<String, String> attributes) {
        UserId founder = UserId.of(required(attributes, "sub"));
        String email = InputRules.email("email", required(attributes, "email"));
        String name = nameOrDefault(attributes.get("name"), email);
        TenantId tenant = FounderTenantId.of(founder);
        TenantItem tenantItem = TenantItem.builder().tenantId(tenant).name(workspaceNameOrDefault(
                attributes.get(PreSignUpHandler.WORKSPACE_ATTRIBUTE), name)).plan(Plan.FREE).createdAt(clock.instant())
                .build();
        UserItem admin = UserItem.builder().tenantId(tenant).userId(founder).email(email).name(name).role(Role.ADMIN)
                .status(UserStatus.ACTIVE).createdAt(clock.instant()).build();
        boolean created = provisioning.createTenantWithAdminIdempotently(tenantItem, admin);
        directory.setTenant(founder, tenant);
        directory.addToGroup(founder, Role.ADMIN);
        LOG.info("tenant {} {} for founder {}", tenant, created ? "provisioned" : "already provisioned", founder);
        return tenant;
    }

    /** INVITED to ACTIVE; true when this call changed the record. */
    public boolean activate(TenantId tenant, UserId user) {
        UserItem current = users.find(tenant, user).orElse(null);
        if (current == null || current.status() != UserStatus.INVITED) {
            return false;
        }
        UserItem next = current.toBuilder().status(UserStatus.ACTIVE).build();
        try {
            writes.transition(current, next, null, UserWrites.MarkerChange.NONE);
            return true;
        } catch (DataAccessException.ConditionFailedException e) {
            LOG.info("user {} of tenant {} changed while being activated; left as it is", user, tenant);
            return false;
        }
    }

    private static String required(Map<String, String> attributes, String name) {
        String value = attributes.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the Cognito event has no " + name + " attribute");
        }
        return value;
    }

    private static String nameOrDefault(String name, String email) {
        try {
            return InputRules.personName("name", name);
        } catch (InputRules.InvalidInputException e) {
            return email.substring(0, email.indexOf('@'));
        }
    }

    private static String workspaceNameOrDefault(String workspaceName, String founderName) {
        try {
            return InputRules.workspaceName(PreSignUpHandler.WORKSPACE_ATTRIBUTE, workspaceName);
        } catch (InputRules.InvalidInputException e) {
            String fallback = founderName + "'s workspace";
            return fallback.length() <= InputRules.MAX_WORKSPACE_NAME ? fallback
                    : fallback.substring(0, InputRules.MAX_WORKSPACE_NAME).strip().toLowerCase(Locale.ROOT);
        }
    }
}
