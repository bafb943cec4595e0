package com.tenantgraph.data;

import com.tenantgraph.tenancy.Role;
import com.tenantgraph.domain.UserStatus;
import com.tenantgraph.tenancy.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The write transactions of user administration (docs/data-model.md §7, "Users and tenant"). Every change of a
 * user's role or status is one TransactWriteItems: the full new user item, conditioned on the version, role and
 * status that were read; the tenant's {@code adminCount} when the number of ACTIVE ADMINs changes (a decrement only
 * while {@code adminCount > 1}, so the last ADMIN can never go); a check that the acting admin is still an ACTIVE
 * ADMIN; and the email marker when the membership ends or is restored. A cancelled transaction is reported as the
 * rule that failed.
 */
public final class UserWrites {
    private static final String NOT_EXISTS = "attribute_not_exists(" + TableKey.PK + ")";

    private final Table table;

    public UserWrites(Table table) {
        this.table = table;
    }

    /** What happens to the user's email marker in a transition. */
    public enum MarkerChange {
        NONE, DELETE, RESTORE
    }

    /**
     * Creates an INVITED membership and its email marker; the marker keeps {@code requestHash} (may be null) so that a
     * retried invite with the same clientMutationId can be recognised. Fails with ConditionFailed if either exists.
     */
    public void createInvited(UserItem user, String requestHash) {
        if (user.status() != UserStatus.INVITED) {
            throw new IllegalArgumentException("an invited user starts INVITED");
        }
        Map<String, AttributeValue> marker = emailMarker(user);
        if (requestHash != null) {
            marker.put("requestHash", AttributeValue.fromS(requestHash));
        }
        transact("InviteUser", List.of(put(UserItem.SCHEMA.itemToMap(user, true), NOT_EXISTS), put(marker, NOT_EXISTS)));
    }

    /** The email marker of {@code email} in the user's tenant: its owner and the request that created it. */
    public record EmailMarker(UserId userId, String requestHash) {
    }

    public java.util.Optional<EmailMarker> findEmailMarker(com.tenantgraph.tenancy.TenantId tenant, String email) {
        return table.getConsistent(Keys.emailMarker(tenant, email), "GetEmailMarker").map(item -> new EmailMarker(
                UserId.of(item.get("userId").s()), item.containsKey("requestHash") ? item.get("requestHash").s() : null));
    }

    /**
     * Replaces {@code current} by {@code next} (the same user, {@code next.version() == current.version() + 1}) in one
     * transaction, as described on the class. {@code actor} is the admin making the change (null for a trigger).
     *
     * @throws StaleUserException      when the user's version, role or status moved since it was read
     * @throws LastAdminException      when the change would leave the tenant without an ACTIVE ADMIN
     * @throws ActorNotAdminException  when the acting admin is no longer an ACTIVE ADMIN
     */
    public void transition(UserItem current, UserItem next, UserId actor, MarkerChange marker) {
        requireSameUser(current, next);
        List<TransactWriteItem> writes = new ArrayList<>();
        List<Rule> rules = new ArrayList<>();
        writes.add(putNext(current, next));
        rules.add(Rule.USER);
        int adminDelta = activeAdmin(next) - activeAdmin(current);
        if (adminDelta != 0) {
            writes.add(adminCount(current, adminDelta));
            rules.add(Rule.ADMIN_COUNT);
        }
        if (actor != null && !actor.equals(current.userId())) {
            writes.add(actorIsActiveAdmin(current, actor));
            rules.add(Rule.ACTOR);
        }
        if (marker == MarkerChange.DELETE) {
            writes.add(deleteMarker(current));
            rules.add(Rule.MARKER);
        } else if (marker == MarkerChange.RESTORE) {
            writes.add(put(emailMarker(next), NOT_EXISTS));
            rules.add(Rule.MARKER);
        }
        transact("UpdateUser", writes, rules);
    }

    private enum Rule {
        USER, ADMIN_COUNT, ACTOR, MARKER
    }

    private static int activeAdmin(UserItem user) {
        return user.role() == Role.ADMIN && user.status() == UserStatus.ACTIVE ? 1 : 0;
    }

    private TransactWriteItem putNext(UserItem current, UserItem next) {
        Map<String, AttributeValue> item = UserItem.SCHEMA.itemToMap(next, true);
        ItemSize.check(item);
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression("#version = :version AND #role = :role AND #status = :status")
                .expressionAttributeNames(Map.of("#version", Attributes.VERSION, "#role", "role", "#status", "status"))
                .expressionAttributeValues(Map.of(
                        ":version", AttributeValue.fromN(Long.toString(current.version())),
                        ":role", AttributeValue.fromS(current.role().name()),
                        ":status", AttributeValue.fromS(current.status().name())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build();
    }

    private TransactWriteItem adminCount(UserItem user, int delta) {
        Update.Builder update = Update.builder().tableName(table.name())
                .key(Keys.tenant(user.tenantId()).toAttributeMap());
        if (delta > 0) {
            update.updateExpression("SET adminCount = adminCount + :one")
                    .conditionExpression("attribute_exists(" + TableKey.PK + ")")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")));
        } else {
            update.updateExpression("SET adminCount = adminCount - :one")
                    .conditionExpression("adminCount > :one")
                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")));
        }
        return TransactWriteItem.builder().update(update.build()).build();
    }

    private TransactWriteItem actorIsActiveAdmin(UserItem target, UserId actor) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table.name())
                .key(Keys.user(target.tenantId(), actor).toAttributeMap())
                .conditionExpression("#role = :admin AND #status = :active")
                .expressionAttributeNames(Map.of("#role", "role", "#status", "status"))
                .expressionAttributeValues(Map.of(":admin", AttributeValue.fromS(Role.ADMIN.name()),
                        ":active", AttributeValue.fromS(UserStatus.ACTIVE.name())))
                .build()).build();
    }

    private TransactWriteItem deleteMarker(UserItem user) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table.name())
                .key(Keys.emailMarker(user.tenantId(), user.email()).toAttributeMap())
                .conditionExpression("userId = :user")
                .expressionAttributeValues(Map.of(":user", AttributeValue.fromS(user.userId().value())))
                .build()).build();
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
        ItemSize.check(item);
        return TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                .conditionExpression(condition).build()).build();
    }

    private void transact(String operation, List<TransactWriteItem> writes) {
        DynamoDbErrors.call(operation, () -> table.client().transactWriteItems(
                TransactWriteItemsRequest.builder().transactItems(writes).build()));
    }

    private void transact(String operation, List<TransactWriteItem> writes, List<Rule> rules) {
        try {
            table.client().transactWriteItems(TransactWriteItemsRequest.builder().transactItems(writes).build());
        } catch (TransactionCanceledException e) {
            throw brokenRule(operation, e, rules);
        } catch (SdkException e) {
            throw DynamoDbErrors.translate(operation, e);
        }
    }

    private static DataAccessException brokenRule(String operation, TransactionCanceledException e, List<Rule> rules) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        for (int i = 0; i < reasons.size() && i < rules.size(); i++) {
            if (!"ConditionalCheckFailed".equals(reasons.get(i).code())) {
                continue;
            }
            switch (rules.get(i)) {
                case USER -> {
                    Map<String, AttributeValue> old = reasons.get(i).item();
                    Long version = old != null && old.containsKey(Attributes.VERSION)
                            ? Long.valueOf(old.get(Attributes.VERSION).n()) : null;
                    return new StaleUserException(operation + ": the user changed", version, e);
                }
                case ADMIN_COUNT -> {
                    return new LastAdminException(operation + ": the tenant's last ADMIN", e);
                }
                case ACTOR -> {
                    return new ActorNotAdminException(operation + ": the acting admin is no longer an ADMIN", e);
                }
                default -> {
                    return new DataAccessException.ConditionFailedException(operation + ": email marker", e);
                }
            }
        }
        return DynamoDbErrors.translate(operation, e);
    }

    private static Map<String, AttributeValue> emailMarker(UserItem user) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.emailMarker(user.tenantId(), user.email()).toAttributeMap());
        item.put(Attributes.ENTITY_TYPE, AttributeValue.fromS("EMAIL"));
        item.put("tenantId", AttributeValue.fromS(user.tenantId().value()));
        item.put("userId", AttributeValue.fromS(user.userId().value()));
        return item;
    }

    private static void requireSameUser(UserItem current, UserItem next) {
        if (!current.key().equals(next.key()) || next.version() != current.version() + 1) {
            throw new IllegalArgumentException("a transition replaces one user by its next version");
        }
    }

    /** The user's version, role or status moved since it was read; {@code currentVersion} when DynamoDB said. */
    public static final class StaleUserException extends DataAccessException.ConditionFailedException {
        private static final long serialVersionUID = 1L;
        private final Long currentVersion;

        StaleUserException(String message, Long currentVersion, Throwable cause) {
            super(message, cause);
            this.currentVersion = currentVersion;
        }

        /** The version DynamoDB returned with the failed condition, or null (then read the item). */
        public Long currentVersion() {
            return currentVersion;
        }
    }

    /** The change would leave the tenant without an ACTIVE ADMIN ({@code adminCount > 1} did not hold). */
    public static final class LastAdminException extends DataAccessException.ConditionFailedException {
        private static final long serialVersionUID = 1L;

        LastAdminException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The admin making the change was demoted, disabled or removed meanwhile. */
    public static final class ActorNotAdminException extends DataAccessException.ConditionFailedException {
        private static final long serialVersionUID = 1L;

        ActorNotAdminException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
