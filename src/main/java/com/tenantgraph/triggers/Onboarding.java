package com.tenantgraph.triggers;

import com.tenantgraph.admin.AcceptCode;
import com.tenantgraph.admin.InputRules;
import com.tenantgraph.cognito.CognitoUserDirectory;
import com.tenantgraph.cognito.UserDirectory;
import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.InvitationItem;
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
 *   <li>{@link #checkInvitation} (PreSignUp) and {@link #acceptInvitation} (PostConfirmation, and PostAuthentication
 *       as the repair): an invitee's account bound to the invitation's tenant, the invitation consumed once.</li>
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

    /**
     * PreSignUp of an invitee: the sign-up's {@code custom:invitation} must name a pending, unexpired invitation of
     * the email being signed up, with the same secret. Anything else is refused with one message that names no
     * workspace and does not say which check failed.
     */
    public void checkInvitation(Map<String, String> attributes) {
        String email;
        try {
            email = InputRules.email("email", attributes.get("email"));
        } catch (InputRules.InvalidInputException e) {
            throw invalidInvitation();
        }
        AcceptCode code = AcceptCode.parse(attributes.get(CognitoUserDirectory.INVITATION_ATTRIBUTE))
                .orElseThrow(Onboarding::invalidInvitation);
        pendingInvitation(code, email).orElseThrow(Onboarding::invalidInvitation);
    }

    /**
     * Binds a confirmed account (its email proven by the confirmation code) to the invitation it signed up with: the
     * ACTIVE membership keyed by the account's sub, its email marker and the invitation's consumption in one
     * transaction ({@link UserWrites#acceptInvitation}); then {@code custom:tenantId}, the role's group and, last,
     * the deletion of {@code custom:invitation}, all idempotent. Run again (PostConfirmation retried, or the next
     * sign-in while {@code custom:invitation} is still there), it finds the membership of this sub and finishes the
     * Cognito side only. An account that already belongs to a tenant is never moved to another. Refused (the
     * person sees the message) when the invitation is not pending for this email any more.
     */
    public Optional<TenantId> acceptInvitation(UserDirectory directory, Map<String, String> attributes) {
        UserId account = UserId.of(required(attributes, "sub"));
        String bound = attributes.get(CognitoUserDirectory.TENANT_ATTRIBUTE);
        Optional<AcceptCode> parsed = AcceptCode.parse(attributes.get(CognitoUserDirectory.INVITATION_ATTRIBUTE));
        if (bound != null && !bound.isBlank() && (parsed.isEmpty() || !parsed.get().tenant().value().equals(bound))) {
            LOG.warn("ignored the invitation attribute of user {}: the account already belongs to tenant {}", account,
                    bound);
            return Optional.empty();
        }
        AcceptCode code = parsed.orElseThrow(Onboarding::invalidInvitation);
        TenantId tenant = code.tenant();
        UserItem member = users.find(tenant, account).orElseGet(() -> join(tenant, account, code, attributes));
        directory.setTenant(account, tenant);
        directory.addToGroup(account, member.role());
        directory.clearInvitation(account);
        LOG.info("user {} bound to tenant {} as {}", account, tenant, member.role());
        return Optional.of(tenant);
    }

    private UserItem join(TenantId tenant, UserId account, AcceptCode code, Map<String, String> attributes) {
        String email = InputRules.email("email", required(attributes, "email"));
        InvitationItem invitation = pendingInvitation(code, email).orElseThrow(Onboarding::invalidInvitation);
        UserItem member = UserItem.builder().tenantId(tenant).userId(account).email(email).name(invitation.name())
                .role(invitation.role()).status(UserStatus.ACTIVE).createdAt(clock.instant()).build();
        try {
            return writes.acceptInvitation(invitation, member);
        } catch (DataAccessException.ConditionFailedException e) {
            // a concurrent run for this same account got there first; anything else (revoked or re-issued meanwhile,
            // the email became a member another way) is a refusal
            return users.find(tenant, account).orElseThrow(Onboarding::invalidInvitation);
        }
    }

    private Optional<InvitationItem> pendingInvitation(AcceptCode code, String email) {
        return writes.findInvitation(code.tenant(), email)
                .filter(invitation -> code.matches(invitation.secretHash()))
                .filter(invitation -> invitation.isPendingAt(clock.instant()));
    }

    private static SignUpRefusedException invalidInvitation() {
        return new SignUpRefusedException("This invitation code is not valid for this email address: it may have"
                + " expired, been revoked, been replaced by a newer one or been used already. Ask the workspace's"
                + " administrator for a new invitation, and sign up with the email address it was sent to.");
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
