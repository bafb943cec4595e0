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
 * not apply it twice); a single Put is read back; a single Update carries its own id and recognises it; a conditional
 * single Delete is a one-action transaction. A condition that fails on the very item this write put or updated (the
 * SDK retried an attempt that had committed) is the write's own success. What still cannot be known is an
 * {@link DataAccessException.OutcomeUnknownException}; a write that certainly never reached the database stays
 * {@link DataAccessException.StoreUnavailableException}.
 */
public final class Writes {
    static final int TRANSACTION_ATTEMPTS = 3;
    /** Where a single UpdateItem leaves its own id (see {@link #update}); no reader interprets it. */
    public static final String WRITE_ID = "writeId";
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

    /**
     * A single UpdateItem that is its own proof: it also sets {@value #WRITE_ID} to a fresh id, and its condition
     * refuses an item already carrying that id. The SDK's own retry of an attempt that committed (its answer lost)
     * therefore fails its condition on our own write, and {@code ALL_OLD} shows our id: that is this write's success,
     * and the item returned is the item as it is now (our write included). A write whose every answer was lost is
     * sent once more with the same id: success or our id is the answer; anything else is
     * {@link DataAccessException.OutcomeUnknownException} (it may have landed and been overwritten since).
     * {@code returnValue} is ALL_NEW, UPDATED_NEW (both answered with the whole item when resolved) or NONE: an old
     * value cannot be recovered once the write is ours. {@code estimatedItem} (the item as it will be, or a bound on
     * it) is size-checked first.
     */
    public Map<String, AttributeValue> update(String operation, TableKey key, Expr update, Expr condition,
                                              ReturnValue returnValue, Map<String, AttributeValue> estimatedItem) {
        if (returnValue != ReturnValue.ALL_NEW && returnValue != ReturnValue.UPDATED_NEW
                && returnValue != ReturnValue.NONE) {
            throw new IllegalArgumentException(operation + ": an update returns new values or none");
        }
        if (estimatedItem != null) {
            ItemSize.check(estimatedItem);
        }
        String writeId = UUID.randomUUID().toString();
        String text = update.text().strip();
        Expr marked = Expr.of(text.startsWith("SET ") ? "SET #writeId = :writeId, " + text.substring(4)
                : "SET #writeId = :writeId " + text);
        copy(update, marked);
        Expr notYet = Expr.of((condition == null ? "" : "(" + condition.text() + ") AND ")
                + "(attribute_not_exists(#writeId) OR #writeId <> :writeId)");
        if (condition != null) {
            copy(condition, notYet);
        }
        notYet.name("#writeId", WRITE_ID).value(":writeId", writeId);
        UpdateItemRequest request = UpdateItemRequest.builder().tableName(table.name()).key(key.toAttributeMap())
                .updateExpression(marked.text())
                .conditionExpression(notYet.text())
                .expressionAttributeNames(Expr.names(marked, notYet))
                .expressionAttributeValues(Expr.values(marked, notYet))
                .returnValues(returnValue)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        try {
            return sendUpdate(operation, request, writeId);
        } catch (DataAccessException.StoreUnavailableException unanswered) {
            if (DynamoDbErrors.neverSent(unanswered)) {
                throw unanswered;
            }
            try {
                return sendUpdate(operation, request, writeId);
            } catch (DataAccessException again) {
                unanswered.addSuppressed(again);
                throw new DataAccessException.OutcomeUnknownException(operation + ": outcome unknown", unanswered);
            }
        }
    }

    /** One UpdateItem; a condition failing on an item that carries {@code writeId} is this write, already done. */
    private Map<String, AttributeValue> sendUpdate(String operation, UpdateItemRequest request, String writeId) {
        try {
            Map<String, AttributeValue> attributes = DynamoDbErrors.call(operation,
                    () -> table.client().updateItem(request)).attributes();
            return attributes == null ? Map.of() : attributes;
        } catch (DataAccessException.ConditionFailedException e) {
            Map<String, AttributeValue> current = e.oldItem(0);
            AttributeValue stored = current == null ? null : current.get(WRITE_ID);
            if (stored != null && writeId.equals(stored.s())) {
                return current;
            }
            throw e;
        }
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

    /**
     * A single DeleteItem. A conditional one is sent as a one-action transaction, so that its
     * {@code ClientRequestToken} resolves a lost answer (a deleted item leaves nothing to recognise it by): the same
     * rules as {@link Transaction#execute()}. An unconditional one is idempotent, so a lost answer is resent once.
     */
    public void delete(String operation, TableKey key, Expr condition) {
        if (condition != null) {
            Transaction single = transaction(operation);
            single.delete(key, condition);
            single.execute();
            return;
        }
        DeleteItemRequest request = DeleteItemRequest.builder().tableName(table.name()).key(key.toAttributeMap())
                .build();
        try {
            DynamoDbErrors.call(operation, () -> table.client().deleteItem(request));
        } catch (DataAccessException.StoreUnavailableException unanswered) {
            if (DynamoDbErrors.neverSent(unanswered)) {
                throw unanswered;
            }
            try {
                DynamoDbErrors.call(operation, () -> table.client().deleteItem(request));
            } catch (DataAccessException again) {
                unanswered.addSuppressed(again);
                throw new DataAccessException.OutcomeUnknownException(operation + ": outcome unknown", unanswered);
            }
        }
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
