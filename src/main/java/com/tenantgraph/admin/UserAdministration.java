package com.tenantgraph.admin;

import com.tenantgraph.tenancy.Member;
import com.tenantgraph.cognito.CognitoException;
import com.tenantgraph.cognito.UserDirectory;
import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.InvitationItem;
import com.tenantgraph.data.Keys;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.data.UserItem;
import com.tenantgraph.data.UserRepository;
import com.tenantgraph.data.UserWrites;
import com.tenantgraph.data.UserWrites.MarkerChange;
import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User administration by a tenant's ADMIN: invite (and revoke an invitation), change role, disable, enable, remove.
 * The actor is the caller's verified, active membership (the Guard has applied the role matrix); every target is
 * looked up in the actor's tenant only, so a user of another tenant is simply not found.
 *
 * <p>Two systems change together, the membership record (authoritative: the membership check reads it on every
 * request) and the Cognito user. The order and the compensation of each operation are in
 * docs/user-administration.md: the record is written first and undone if Cognito then fails. An invitation touches
 * DynamoDB only: the account is the invitee's own, bound when they accept ({@code triggers/Onboarding}).
 */
public final class UserAdministration {
    private static final Logger LOG = LoggerFactory.getLogger(UserAdministration.class);
    /** How long an invitation can be accepted. */
    public static final Duration INVITATION_VALIDITY = Duration.ofDays(7);

    private final UserRepository users;
    private final UserWrites writes;
    private final UserDirectory directory;
    private final Clock clock;

    public UserAdministration(UserRepository users, UserWrites writes, UserDirectory directory, Clock clock) {
        this.users = users;
        this.writes = writes;
        this.directory = directory;
        this.clock = clock;
    }

    /** An invitation as the ADMIN sent it; {@code clientMutationId} may be null (it is echoed, see {@link #invite}). */
    public record Invitation(String clientMutationId, String email, String name, Role role) {
    }

    /** An invitation as issued: the stored invitation and its accept code, which exists only in this answer. */
    public record IssuedInvitation(InvitationItem invitation, AcceptCode code) {
    }

    /**
     * Invites {@code invitation.email()} into the actor's tenant: a pending invitation in the tenant's own partition,
     * with the hash of a fresh single-use secret. No Cognito call at all, so the answer cannot depend on whether the
     * email has an account anywhere in the pool, and no address is occupied. An email that is a member of this
     * tenant is refused (CONFLICT, {@code reason: ALREADY_MEMBER}: the admin can list their own members anyway). An
     * email with a pending invitation is re-issued: a new secret and expiry, the old code stops working. That is also
     * what a retry does, with or without the same clientMutationId: the secret is never stored, so a lost answer can
     * only be replaced, and the one pending invitation is the retried one.
     */
    public IssuedInvitation invite(Member actor, Invitation invitation) {
        String email;
        String name;
        try {
            email = InputRules.email("email", invitation.email());
            name = InputRules.personName("name", invitation.name());
        } catch (InputRules.InvalidInputException e) {
            throw AdminErrors.badInput(e);
        }
        TenantId tenant = actor.tenant();
        AcceptCode code = AcceptCode.issue(tenant);
        Instant now = clock.instant();
        InvitationItem pending = new InvitationItem(tenant, email, name, invitation.role(), actor.user(),
                code.secretHash(), now, now, 1, now.plus(INVITATION_VALIDITY).getEpochSecond());
        try {
            return new IssuedInvitation(writes.issueInvitation(pending), code);
        } catch (DataAccessException.ConditionFailedException e) {
            if (e.failedOn(Keys.emailMarker(tenant, email))) {
                throw AdminErrors.alreadyMember();
            }
            if (e.failedOn(Keys.user(tenant, actor.user()))) {
                throw AdminErrors.notAnAdminAnyMore();
            }
            throw e;
        }
    }

    /** Revokes the pending invitation of {@code email} in the actor's tenant; NOT_FOUND when there is none. */
    public String revokeInvitation(Member actor, String email) {
        String normalized;
        try {
            normalized = InputRules.email("email", email);
        } catch (InputRules.InvalidInputException e) {
            throw AdminErrors.badInput(e);
        }
        try {
            if (!writes.revokeInvitation(actor.tenant(), normalized, actor.user())) {
                throw ApiException.notFound("Invitation");
            }
        } catch (DataAccessException.ConditionFailedException e) {
            throw AdminErrors.notAnAdminAnyMore();
        }
        return normalized;
    }

    public UserItem changeRole(Member actor, UserId target, Role role, long expectedVersion) {
        UserItem current = loadForChange(actor, target, expectedVersion);
        Transition change = current.role() == role ? Transition.none(current)
                : write(actor, current, user -> user.role(role), MarkerChange.NONE);
        if (change.isNone()) {
            return change.current();
        }
        Role from = change.current().role();
        UserId user = change.current().userId();
        return syncDirectory(change, () -> {
            directory.addToGroup(user, role);
            directory.removeFromGroup(user, from);
        }, () -> {
            directory.addToGroup(user, from);
            directory.removeFromGroup(user, role);
        });
    }

    public UserItem disable(Member actor, UserId target, long expectedVersion) {
        refuseSelf(actor, target, "disable");
        UserItem current = loadForChange(actor, target, expectedVersion);
        Transition change = current.status() == UserStatus.DISABLED ? Transition.none(current)
                : write(actor, current, user -> user.status(UserStatus.DISABLED), MarkerChange.NONE);
        if (change.isNone()) {
            return change.current();
        }
        UserId user = change.current().userId();
        return syncDirectory(change, () -> directory.disable(user), () -> directory.enable(user));
    }

    public UserItem enable(Member actor, UserId target, long expectedVersion) {
        UserItem current = loadForChange(actor, target, expectedVersion);
        Transition change = current.status() != UserStatus.DISABLED ? Transition.none(current)
                : write(actor, current, user -> user.status(UserStatus.ACTIVE), MarkerChange.NONE);
        if (change.isNone()) {
            return change.current();
        }
        UserId user = change.current().userId();
        return syncDirectory(change, () -> directory.enable(user), () -> directory.disable(user));
    }

    /** Removes the membership: a REMOVED tombstone, the email marker deleted, then the Cognito user deleted. */
    public UserItem remove(Member actor, UserId target, long expectedVersion) {
        refuseSelf(actor, target, "remove");
        UserItem current = loadForChange(actor, target, expectedVersion, true);
        Transition change = current.status() == UserStatus.REMOVED ? Transition.none(current)
                : write(actor, current, user -> user.status(UserStatus.REMOVED), MarkerChange.DELETE);
        if (change.isNone()) {
            return change.current();
        }
        UserId user = change.current().userId();
        return syncDirectory(change, () -> directory.delete(user), () -> { });
    }

    private static void refuseSelf(Member actor, UserId target, String what) {
        if (actor.user().equals(target)) {
            throw AdminErrors.self(what);
        }
    }

    private UserItem loadForChange(Member actor, UserId target, long expectedVersion) {
        return loadForChange(actor, target, expectedVersion, false);
    }

    private UserItem loadForChange(Member actor, UserId target, long expectedVersion, boolean removedAllowed) {
        UserItem current = users.find(actor.tenant(), target).orElseThrow(AdminErrors::userNotFound);
        if (current.version() != expectedVersion) {
            throw ApiException.conflict("The user", current.version());
        }
        if (current.status() == UserStatus.REMOVED && !removedAllowed) {
            throw AdminErrors.removed(current.version());
        }
        return current;
    }

    private Transition write(Member actor, UserItem current, UnaryOperator<UserItem.Builder> change,
                             MarkerChange marker) {
        UserItem next = change.apply(current.toBuilder()).build();
        try {
            return new Transition(current, writes.transition(current, next, actor.user(), marker), marker);
        } catch (DataAccessException.ConditionFailedException e) {
            if (e.failedOn(current.key())) {
                throw ApiException.conflict("The user", currentVersion(current, e.oldItem(0)));
            }
            if (e.failedOn(Keys.tenant(current.tenantId()))) {
                throw AdminErrors.lastAdmin();
            }
            if (e.failedOn(Keys.user(current.tenantId(), actor.user()))) {
                throw AdminErrors.notAnAdminAnyMore();
            }
            throw e;
        }
    }


    private long currentVersion(UserItem read, java.util.Map<String,
            software.amazon.awssdk.services.dynamodb.model.AttributeValue> old) {
        Optional<UserItem> reported = UserItem.MODEL.fromItem(old);
        if (reported.isPresent()) {
            return reported.get().version();
        }
        return findQuietly(read).map(UserItem::version).orElse(read.version());
    }

    /**
     * The record has changed; now Cognito follows. If Cognito fails, its partial change is undone (best effort) and
     * the record is put back as it was (a new version, conditioned on the one just written), so that nothing is left
     * half-done, and the caller gets UNAVAILABLE with the record's current version.
     *
     * <p>A record whose Cognito user does not exist (it is addressed by its immutable sub, so an email change cannot
     * cause this: someone deleted the account outside the API) is an inconsistency, reported, never a success: the
     * record is put back and the caller gets INTERNAL with {@code reason: ACCOUNT_MISSING}; the log names the user.
     * Removing such a member is the one exception: its goal, no account that can sign in to the tenant, holds, so the
     * tombstone stays, and the inconsistency is logged as an error.
     */
    private UserItem syncDirectory(Transition change, Runnable apply, Runnable undo) {
        try {
            apply.run();
            return change.next();
        } catch (CognitoException.UserNotFoundException e) {
            LOG.error("inconsistency: user {} of tenant {} has a {} record but no Cognito user", change.current()
                    .userId(), change.current().tenantId(), change.current().status(), e);
            if (change.next().status() == UserStatus.REMOVED) {
                return change.next();
            }
            throw AdminErrors.accountMissing(revert(change), e);
        } catch (CognitoException e) {
            undoQuietly(undo);
            throw AdminErrors.unavailable(revert(change), e);
        }
    }

    private Long revert(Transition change) {
        UserItem back = change.current();
        MarkerChange marker = switch (change.marker()) {
            case DELETE -> MarkerChange.RESTORE;
            case RESTORE -> MarkerChange.DELETE;
            case NONE -> MarkerChange.NONE;
        };
        try {
            return writes.transition(change.next(), back, null, marker).version();
        } catch (DataAccessException e) {
            LOG.error("could not undo the change of user {} in tenant {} after Cognito failed: the record is at "
                    + "version {} while Cognito was not changed", change.next().userId(), change.next().tenantId(),
                    change.next().version(), e);
            return change.next().version();
        }
    }

    private static void undoQuietly(Runnable undo) {
        try {
            undo.run();
        } catch (RuntimeException e) {
            LOG.warn("could not undo a partial Cognito change", e);
        }
    }


    private Optional<UserItem> findQuietly(UserItem user) {
        try {
            return users.find(user.tenantId(), user.userId());
        } catch (DataAccessException e) {
            return Optional.empty();
        }
    }

    /** A record change: the item read, the item written, and what happened to the email marker. */
    private record Transition(UserItem current, UserItem next, MarkerChange marker) {
        static Transition none(UserItem current) {
            return new Transition(current, null, MarkerChange.NONE);
        }

        boolean isNone() {
            return next == null;
        }
    }
}
