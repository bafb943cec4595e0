package com.tenantgraph.admin;

import com.tenantgraph.data.Sha256;

import com.tenantgraph.tenancy.Member;
import com.tenantgraph.cognito.CognitoException;
import com.tenantgraph.cognito.CognitoUser;
import com.tenantgraph.cognito.UserDirectory;
import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.EmailMarker;
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
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * User administration by a tenant's ADMIN: invite, change role, disable, enable, remove. The actor is the caller's
 * verified, active membership (the Guard has applied the role matrix); every target is looked up in the actor's
 * tenant only, so a user of another tenant is simply not found.
 *
 * <p>Two systems change together, the membership record (authoritative: the membership check reads it on every
 * request) and the Cognito user. The order and the compensation of each operation are in
 * docs/user-administration.md: the record is written first and undone if Cognito then fails, except for an
 * invitation, which needs the Cognito {@code sub} first and deletes the Cognito user if the record cannot be written.
 */
public final class UserAdministration {
    private static final Logger LOG = LoggerFactory.getLogger(UserAdministration.class);

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

    /** An invitation as the ADMIN sent it; {@code clientMutationId} may be null. */
    public record Invitation(String clientMutationId, String email, String name, Role role) {
    }

    /**
     * Invites {@code invitation.email()} into the actor's tenant: a Cognito user with custom:tenantId set here and a
     * temporary password, the role's group, and an INVITED record with its email marker. A retry with the same
     * clientMutationId returns the first result; an email that has an account anywhere is refused the same way.
     */
    public UserItem invite(Member actor, Invitation invitation) {
        String email;
        String name;
        try {
            email = InputRules.email("email", invitation.email());
            name = InputRules.personName("name", invitation.name());
        } catch (InputRules.InvalidInputException e) {
            throw AdminErrors.badInput(e);
        }
        TenantId tenant = actor.tenant();
        String requestHash = invitation.clientMutationId() == null ? null
                : Sha256.hex("inviteUser\n" + invitation.clientMutationId() + "\n" + email + "\n" + name + "\n"
                        + invitation.role());
        Optional<EmailMarker> marker = writes.findEmailMarker(tenant, email);
        if (marker.isPresent()) {
            return replayOrRefuse(tenant, marker.get(), requestHash);
        }
        CognitoUser account = createAccount(tenant, email, name);
        try {
            directory.addToGroup(account.id(), invitation.role());
        } catch (CognitoException e) {
            deleteAccountQuietly(account);
            throw AdminErrors.unavailable(null, e);
        }
        UserItem invited = UserItem.builder().tenantId(tenant).userId(UserId.of(account.sub())).email(email).name(name)
                .role(invitation.role()).status(UserStatus.INVITED).createdAt(clock.instant()).build();
        try {
            return writes.createInvited(invited, requestHash);
        } catch (DataAccessException e) {
            return recoverFailedInvite(invited, account, requestHash, e);
        }
    }

    private UserItem replayOrRefuse(TenantId tenant, EmailMarker marker, String requestHash) {
        if (requestHash != null && requestHash.equals(marker.requestHash())) {
            return users.find(tenant, marker.userId()).orElseThrow(AdminErrors::emailTaken);
        }
        throw AdminErrors.emailTaken();
    }

    /**
     * AdminCreateUser. An existing account is never adopted: an account's {@code custom:tenantId} does not prove that
     * this tenant made it (a misconfigured app client lets a person write it), and adopting it would hand the invited
     * role to whoever holds its password. The one account that is put out of the way is this tenant's own failed
     * invitation (the record write failed and so did the compensating delete): made by the admin API
     * ({@link CognitoUser#NEVER_SIGNED_IN}, which no self-service sign-up can reach), never signed in, with this
     * tenant's id and no record. It is deleted and the invitation starts over with a fresh account and a fresh
     * temporary password, so no one who may have seen the old one holds anything. Anything else is "taken", without
     * saying where.
     */
    private CognitoUser createAccount(TenantId tenant, String email, String name) {
        try {
            return directory.createUser(email, name, tenant);
        } catch (CognitoException.UsernameTakenException e) {
            deleteFailedInvitation(tenant, email);
        } catch (CognitoException e) {
            throw AdminErrors.unavailable(null, e);
        }
        try {
            return directory.createUser(email, name, tenant);
        } catch (CognitoException.UsernameTakenException e) {
            throw AdminErrors.emailTaken();
        } catch (CognitoException e) {
            throw AdminErrors.unavailable(null, e);
        }
    }

    private void deleteFailedInvitation(TenantId tenant, String email) {
        try {
            CognitoUser orphan = directory.find(email)
                    .filter(account -> account.sub() != null && UserId.isWellFormed(account.sub()))
                    .filter(account -> CognitoUser.NEVER_SIGNED_IN.equals(account.status()))
                    .filter(account -> tenant.value().equals(account.tenantId()))
                    .filter(account -> users.find(tenant, account.id()).isEmpty())
                    .orElseThrow(AdminErrors::emailTaken);
            LOG.warn("deleting the Cognito user {} left by a failed invitation of tenant {}", orphan.sub(), tenant);
            directory.delete(orphan.id());
        } catch (CognitoException.UserNotFoundException e) {
            // gone meanwhile: the second AdminCreateUser decides
        } catch (CognitoException e) {
            throw AdminErrors.unavailable(null, e);
        } catch (DataAccessException e) {
            throw AdminErrors.unavailable(null, e);
        }
    }

    private UserItem recoverFailedInvite(UserItem invited, CognitoUser account, String requestHash,
                                         DataAccessException failure) {
        Optional<UserItem> existing = findQuietly(invited);
        if (existing.isPresent()) {
            // a concurrent retry of the same invitation wrote the record: the account is in use, keep it
            if (requestHash != null) {
                return existing.get();
            }
            throw AdminErrors.emailTaken();
        }
        deleteAccountQuietly(account);
        if (failure instanceof DataAccessException.ConditionFailedException) {
            throw AdminErrors.emailTaken();
        }
        throw failure;
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

    private void deleteAccountQuietly(CognitoUser account) {
        try {
            directory.delete(account.id());
        } catch (CognitoException e) {
            LOG.error("could not delete the Cognito user {} of a failed invitation; a retry of the invitation deletes"
                    + " it", account.sub(), e);
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
