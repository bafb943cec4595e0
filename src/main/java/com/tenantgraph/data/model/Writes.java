package com.tenantgraph.data.model;

import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.DynamoDbErrors;
import com.tenantgraph.data.ItemSize;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TableKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Every write of the domain goes through here: new and replaced items get the hooks (audit fields, then the item-size
 * guard), transactions are retried on TransactionConflict with backoff and full jitter (then RATE_LIMITED), and every
 * failed condition asks for ALL_OLD so the caller can report the current version without another read. The
 * conditions themselves are passed in by each call site, explicitly.
 *
 * <p>Every answer is true (README, "Retries"). A write whose request may have reached the database without an
 * answer coming back is resolved here, not reported as a failure: a transaction is sent once more under the same
 * {@code ClientRequestToken} (DynamoDB answers a token it has committed in the last ten minutes with success and does
 * not apply it twice); a single Put is read back. A condition that fails on the very item this write put (the SDK
 * retried an attempt that had committed) is the write's own success. What still cannot be known is an
 * {@link DataAccessException.OutcomeUnknownException}; a write that certainly never reached the database stays
 * {@link DataAccessException.StoreUnavailableException}.
 */
public final class Writes {
    static final int TRANSACTION_ATTEMPTS = 3;
    private static final long BASE_BACKOFF_MILLIS = 25;

    private final Table table;
    private final Clock clock;
    private final List<WriteHook> hooks;

    public Writes(Table table, Clock clock) {
        this(table, clock, List.of(new AuditHook(), new ItemSizeHook()));
    }

    public Writes(Table table, Clock clock, List<WriteHook> hooks) {
        this.table = table;
        this.clock = clock;
        this.hooks = List.copyOf(hooks);
    }

    public Table table() {
        return table;
    }

    /** The time of a write, from the layer's clock (callers never choose timestamps). */
    public Instant now() {
        return clock.instant();
    }

    /** A new entity as an item: validated, with the audit fields set, checked for size. */
    public <T> Map<String, AttributeValue> newItem(EntityModel<T> model, T entity, Instant now) {
        model.validate(entity);
        Map<String, AttributeValue> item = model.toItem(entity);
        hooks.forEach(hook -> hook.beforeCreate(model, item, now));
        return item;
    }

    /** The new full state of an entity whose stored version was {@code previousVersion}. */
    public <T> Map<String, AttributeValue> replacedItem(EntityModel<T> model, T entity, long previousVersion,
                                                        Instant now) {
        model.validate(entity);
        Map<String, AttributeValue> item = model.toItem(entity);
        hooks.forEach(hook -> hook.beforeReplace(model, item, previousVersion, now));
        return item;
    }

    public Transaction transaction(String operation) {
        return new Transaction(operation);
    }

    /** A single UpdateItem; {@code estimatedItem} (the item as it will be, or a bound on it) is size-checked first. */
    public Map<String, AttributeValue> update(String operation, TableKey key, Expr update, Expr condition,
                                              ReturnValue returnValue, Map<String, AttributeValue> estimatedItem) {
        if (estimatedItem != null) {
            ItemSize.check(estimatedItem);
        }
        Map<String, AttributeValue> attributes = unresolvable(operation, () -> table.client().updateItem(
                UpdateItemRequest.builder().tableName(table.name()).key(key.toAttributeMap())
                        .updateExpression(update.text())
                        .conditionExpression(condition == null ? null : condition.text())
                        .expressionAttributeNames(Expr.names(update, condition))
                        .expressionAttributeValues(Expr.values(update, condition))
                        .returnValues(returnValue)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build())).attributes();
        return attributes == null ? Map.of() : attributes;
    }

    /** A single conditional PutItem of an item prepared by {@link #newItem} or {@link #replacedItem}. */
    public void put(String operation, Map<String, AttributeValue> item, Expr condition) {
        try {
            DynamoDbErrors.call(operation, () -> table.client().putItem(PutItemRequest.builder()
                    .tableName(table.name())
                    .item(item)
                    .conditionExpression(condition.text())
                    .expressionAttributeNames(condition.names())
                    .expressionAttributeValues(condition.values())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()));
        } catch (DataAccessException.ConditionFailedException e) {
            if (!item.equals(e.oldItem(0))) {
                throw e;
            }
        } catch (DataAccessException.StoreUnavailableException e) {
            if (DynamoDbErrors.neverSent(e) || !item.equals(readBack(operation, item, e))) {
                throw e;
            }
        }
    }

    /**
     * The item stored under {@code item}'s key, read consistently, to tell whether a Put without an answer landed
     * (a Put of a fresh version or id cannot be confused with anyone else's). The read failing too is unknown.
     */
    private Map<String, AttributeValue> readBack(String operation, Map<String, AttributeValue> item,
                                                 DataAccessException.StoreUnavailableException unanswered) {
        TableKey key = new TableKey(item.get("PK").s(), item.get("SK").s());
        try {
            return table.getConsistent(key, operation + "ReadBack").orElse(Map.of());
        } catch (DataAccessException e) {
            unanswered.addSuppressed(e);
            throw new DataAccessException.OutcomeUnknownException(operation + ": outcome unknown", unanswered);
        }
    }

    /** A single Update or Delete: without a token or an item of its own to read back, an unanswered one is unknown. */
    private static <T> T unresolvable(String operation, java.util.function.Supplier<T> call) {
        try {
            return DynamoDbErrors.call(operation, call);
        } catch (DataAccessException.StoreUnavailableException e) {
            if (DynamoDbErrors.neverSent(e)) {
                throw e;
            }
            throw new DataAccessException.OutcomeUnknownException(operation + ": outcome unknown", e);
        }
    }

    /**
     * A single UpdateItem of some attributes of an entity, with the model's audit fields appended to the update
     * (update time, version + 1), returning the item as written (ALL_NEW). {@code set} is a list of SET clauses
     * without the keyword. {@code estimatedItem} bounds the new item's size and is checked first.
     */
    public <T> Map<String, AttributeValue> updateAudited(String operation, EntityModel<T> model, TableKey key,
                                                         Expr set, Expr condition,
                                                         Map<String, AttributeValue> estimatedItem) {
        EntityModel.Audit audit = model.audit();
        StringBuilder text = new StringBuilder("SET ").append(set.text());
        Expr update = Expr.of("");
        if (audit.updatedOnUpdate() != null) {
            text.append(", #auditUpdated = :auditNow");
            update.name("#auditUpdated", audit.updatedOnUpdate())
                    .value(":auditNow", com.tenantgraph.data.Timestamps.format(now()));
        }
        if (audit.versioned()) {
            text.append(", #auditVersion = #auditVersion + :auditOne");
            update.name("#auditVersion", com.tenantgraph.data.Attributes.VERSION).value(":auditOne", 1);
        }
        Expr full = Expr.of(text.toString());
        copy(set, full);
        copy(update, full);
        return update(operation, key, full, condition, ReturnValue.ALL_NEW, estimatedItem);
    }

    private static void copy(Expr from, Expr to) {
        if (from.names() != null) {
            from.names().forEach(to::name);
        }
        if (from.values() != null) {
            from.values().forEach(to::value);
        }
    }

    /** A single unconditional-or-conditional DeleteItem (purges use it, with bounded concurrency). */
    public void delete(String operation, TableKey key, Expr condition) {
        unresolvable(operation, () -> table.client().deleteItem(DeleteItemRequest.builder()
                .tableName(table.name()).key(key.toAttributeMap())
                .conditionExpression(condition == null ? null : condition.text())
                .expressionAttributeNames(condition == null ? null : condition.names())
                .expressionAttributeValues(condition == null ? null : condition.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()));
    }

    /**
     * One TransactWriteItems, built action by action; {@link #execute()} retries it on TransactionConflict. Action
     * indexes (in the order added) are the indexes of {@link DataAccessException.ConditionFailedException}.
     */
    public final class Transaction {
        private final String operation;
        private final List<TransactWriteItem> actions = new ArrayList<>();

        private Transaction(String operation) {
            this.operation = operation;
        }

        /** Adds a Put of an item prepared by {@link #newItem} or {@link #replacedItem}; returns its index. */
        public int put(Map<String, AttributeValue> item, Expr condition) {
            actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table.name()).item(item)
                    .conditionExpression(condition.text())
                    .expressionAttributeNames(condition.names())
                    .expressionAttributeValues(condition.values())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).build());
            return actions.size() - 1;
        }

        public int update(TableKey key, Expr update, Expr condition) {
            actions.add(TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                    .key(key.toAttributeMap())
                    .updateExpression(update.text())
                    .conditionExpression(condition == null ? null : condition.text())
                    .expressionAttributeNames(Expr.names(update, condition))
                    .expressionAttributeValues(Expr.values(update, condition))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).build());
            return actions.size() - 1;
        }

        public int delete(TableKey key, Expr condition) {
            actions.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table.name())
                    .key(key.toAttributeMap())
                    .conditionExpression(condition == null ? null : condition.text())
                    .expressionAttributeNames(condition == null ? null : condition.names())
                    .expressionAttributeValues(condition == null ? null : condition.values())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).build());
            return actions.size() - 1;
        }

        public int check(TableKey key, Expr condition) {
            actions.add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table.name())
                    .key(key.toAttributeMap())
                    .conditionExpression(condition.text())
                    .expressionAttributeNames(condition.names())
                    .expressionAttributeValues(condition.values())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).build());
            return actions.size() - 1;
        }

        /** Runs it; a conflict with a concurrent write is retried, a failed condition never is. */
        public void execute() {
            if (actions.size() > 100) {
                throw new IllegalStateException(operation + ": a transaction holds at most 100 actions");
            }
            for (int attempt = 1; ; attempt++) {
                TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(actions)
                        .clientRequestToken(UUID.randomUUID().toString()).build();
                try {
                    send(request);
                    return;
                } catch (DataAccessException.TransactionConflictException e) {
                    if (attempt >= TRANSACTION_ATTEMPTS) {
                        throw e;
                    }
                    backoff(attempt);
                } catch (DataAccessException.StoreUnavailableException e) {
                    if (DynamoDbErrors.neverSent(e)) {
                        throw e;
                    }
                    resendUnanswered(request, e);
                    return;
                }
            }
        }

        /**
         * The same request again, same token: success means it is applied exactly once (now or before); a failed
         * condition means it never was (a committed token would have answered success); anything else is unknown.
         */
        private void resendUnanswered(TransactWriteItemsRequest request,
                                      DataAccessException.StoreUnavailableException unanswered) {
            try {
                send(request);
            } catch (DataAccessException.ConditionFailedException e) {
                throw e;
            } catch (DataAccessException e) {
                unanswered.addSuppressed(e);
                throw new DataAccessException.OutcomeUnknownException(operation + ": outcome unknown", unanswered);
            }
        }

        private void send(TransactWriteItemsRequest request) {
            try {
                DynamoDbErrors.call(operation, () -> table.client().transactWriteItems(request));
            } catch (DataAccessException.ConditionFailedException e) {
                if (!ownPutsLanded(e)) {
                    throw e;
                }
            }
        }

        /** Every failed condition is on a Put whose item is stored exactly as this transaction wrote it. */
        private boolean ownPutsLanded(DataAccessException.ConditionFailedException e) {
            return !e.failedActions().isEmpty() && e.failedActions().stream().allMatch(i -> i < actions.size()
                    && actions.get(i).put() != null && actions.get(i).put().item().equals(e.oldItem(i)));
        }
    }

    private static void backoff(int attempt) {
        long cap = BASE_BACKOFF_MILLIS << attempt;
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessException("interrupted while retrying a transaction", e);
        }
    }
}
