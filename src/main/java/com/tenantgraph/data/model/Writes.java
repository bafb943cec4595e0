package com.tenantgraph.data.model;

import com.tenantgraph.data.Backoff;
import com.tenantgraph.data.DataAccessException;
import com.tenantgraph.data.DynamoDbErrors;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TableKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * The one write path: every write of every entity goes through here, alone or in a transaction, and each runs its
 * model's plugins before (audit fields, item-size guard, the model's own) and after it is applied (audit log).
 * Transactions are retried on TransactionConflict with backoff and full jitter (then RATE_LIMITED), and every
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

    private final Table table;
    private final Clock clock;

    public Writes(Table table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    public Table table() {
        return table;
    }

    /** The time of a write, from the layer's clock (callers never choose timestamps). */
    public Instant now() {
        return clock.instant();
    }

    /** A new entity, validated, as the item its model's plugins made of it, ready for {@link #put} or a transaction. */
    public <T extends Record> Prepared<T> create(EntityModel<T> model, T entity, Instant now) {
        model.validate(entity);
        Map<String, AttributeValue> item = new LinkedHashMap<>(model.toItem(entity));
        Write write = new Write(Write.Kind.CREATE, null, model, model.key(entity), now, item, 0, null, null);
        model.plugins().forEach(plugin -> plugin.before(write));
        return new Prepared<>(model, write);
    }

    /**
     * The next full state of a stored entity ({@code current}, as read): validated, read-only attributes and the key
     * unchanged, with the plugins' update (the audit fields: update time, {@code current}'s version plus one).
     */
    public <T extends Record> Prepared<T> replace(EntityModel<T> model, T current, T next, Instant now) {
        model.validate(next);
        model.checkReadOnly(current, next);
        Map<String, AttributeValue> item = new LinkedHashMap<>(model.toItem(next));
        long previous = model.audit().versioned() ? versionOf(model, current) : 0;
        Write write = new Write(Write.Kind.UPDATE, null, model, model.key(next), now, item, previous, null, null);
        model.plugins().forEach(plugin -> plugin.before(write));
        return new Prepared<>(model, write);
    }

    private static <T extends Record> long versionOf(EntityModel<T> model, T entity) {
        return Long.parseLong(model.toItem(entity).get(com.tenantgraph.data.Attributes.VERSION).n());
    }

    /** A created or replaced item, with its model: {@link #entity()} reads it back as it will be stored. */
    public record Prepared<T extends Record>(EntityModel<T> model, Write write) {
        public Map<String, AttributeValue> item() {
            return write.item();
        }

        public T entity() {
            return model.fromItem(write.item()).orElseThrow();
        }

        public TableKey key() {
            return write.key();
        }
    }

    public Transaction transaction(String operation) {
        return new Transaction(operation);
    }

    /**
     * A single UpdateItem of some attributes of an entity, with the plugins' clauses added (the audit fields: update
     * time, version + 1). {@code estimatedItem} (the item as it will be, or a bound on it; may be null) is
     * size-checked first.
     *
     * <p>The update is its own proof: it also sets {@value #WRITE_ID} to a fresh id, and its condition refuses an item
     * already carrying that id. The SDK's own retry of an attempt that committed (its answer lost) therefore fails its
     * condition on our own write, and {@code ALL_OLD} shows our id: that is this write's success, and the item
     * returned is the item as it is now (our write included). A write whose every answer was lost is sent once more
     * with the same id: success or our id is the answer; anything else is
     * {@link DataAccessException.OutcomeUnknownException} (it may have landed and been overwritten since).
     * {@code returnValue} is ALL_NEW, UPDATED_NEW (both answered with the whole item when resolved) or NONE: an old
     * value cannot be recovered once the write is ours.
     */
    public <T extends Record> Map<String, AttributeValue> update(String operation, EntityModel<T> model, TableKey key,
                                                                 com.tenantgraph.data.model.Update update,
                                                                 Expr condition, ReturnValue returnValue,
                                                                 Map<String, AttributeValue> estimatedItem) {
        if (returnValue != ReturnValue.ALL_NEW && returnValue != ReturnValue.UPDATED_NEW
                && returnValue != ReturnValue.NONE) {
            throw new IllegalArgumentException(operation + ": an update returns new values or none");
        }
        com.tenantgraph.data.model.Update own = update.copy();
        Write write = new Write(Write.Kind.UPDATE, operation, model, key, now(), null, 0, own, estimatedItem);
        model.plugins().forEach(plugin -> plugin.before(write));
        String writeId = UUID.randomUUID().toString();
        Expr expression = own.andSet("#writeId = :writeId").name("#writeId", WRITE_ID).value(":writeId", writeId)
                .toExpr();
        Expr notYet = Expr.of((condition == null ? "" : "(" + condition.text() + ") AND ")
                + "(attribute_not_exists(#writeId) OR #writeId <> :writeId)");
        if (condition != null) {
            copy(condition, notYet);
        }
        notYet.name("#writeId", WRITE_ID).value(":writeId", writeId);
        UpdateItemRequest request = UpdateItemRequest.builder().tableName(table.name()).key(key.toAttributeMap())
                .updateExpression(expression.text())
                .conditionExpression(notYet.text())
                .expressionAttributeNames(Expr.names(expression, notYet))
                .expressionAttributeValues(Expr.values(expression, notYet))
                .returnValues(returnValue)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
        Map<String, AttributeValue> attributes;
        try {
            attributes = sendUpdate(operation, request, writeId);
        } catch (DataAccessException.StoreUnavailableException unanswered) {
            if (DynamoDbErrors.neverSent(unanswered)) {
                throw unanswered;
            }
            try {
                attributes = sendUpdate(operation, request, writeId);
            } catch (DataAccessException again) {
                unanswered.addSuppressed(again);
                throw new DataAccessException.OutcomeUnknownException(operation + ": outcome unknown", unanswered);
            }
        }
        after(operation, write);
        return attributes;
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

    /** A single conditional PutItem of an item prepared by {@link #create} or {@link #replace}. */
    public void put(String operation, Prepared<?> prepared, Expr condition) {
        Map<String, AttributeValue> item = prepared.item();
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
        after(operation, prepared.write());
    }

    /** The after-plugins of an applied write, told the operation it belonged to. */
    private static void after(String operation, Write write) {
        Write applied = new Write(write.kind(), operation, write.model(), write.key(), write.now(), write.item(),
                write.previousVersion(), write.update(), write.estimatedItem());
        write.model().plugins().forEach(plugin -> plugin.after(applied));
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
    public void delete(String operation, EntityModel<?> model, TableKey key, Expr condition) {
        if (condition != null) {
            Transaction single = transaction(operation);
            single.delete(model, key, condition);
            single.execute();
            return;
        }
        Write write = new Write(Write.Kind.DELETE, operation, model, key, now(), null, 0, null, null);
        model.plugins().forEach(plugin -> plugin.before(write));
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
        after(operation, write);
    }

    /**
     * One TransactWriteItems, built action by action; {@link #execute()} retries it on TransactionConflict. Action
     * indexes (in the order added) are the indexes of {@link DataAccessException.ConditionFailedException}.
     */
    public final class Transaction {
        private final String operation;
        private final List<TransactWriteItem> actions = new ArrayList<>();
        private final List<TableKey> keys = new ArrayList<>();
        private final List<Write> writes = new ArrayList<>();

        private Transaction(String operation) {
            this.operation = operation;
        }

        /** Adds a Put of an item prepared by {@link #create} or {@link #replace}; returns its index. */
        public int put(Prepared<?> prepared, Expr condition) {
            writes.add(prepared.write());
            return add(prepared.key(), TransactWriteItem.builder().put(Put.builder().tableName(table.name())
                    .item(prepared.item())
                    .conditionExpression(condition.text())
                    .expressionAttributeNames(condition.names())
                    .expressionAttributeValues(condition.values())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).build());
        }

        /** Adds an UpdateItem of {@code model}'s item at {@code key}, with the plugins' clauses; returns its index. */
        public int update(EntityModel<?> model, TableKey key, com.tenantgraph.data.model.Update update,
                          Expr condition) {
            com.tenantgraph.data.model.Update own = update.copy();
            Write write = new Write(Write.Kind.UPDATE, operation, model, key, now(), null, 0, own, null);
            model.plugins().forEach(plugin -> plugin.before(write));
            writes.add(write);
            Expr expression = own.toExpr();
            return add(key, TransactWriteItem.builder().update(Update.builder().tableName(table.name())
                    .key(key.toAttributeMap())
                    .updateExpression(expression.text())
                    .conditionExpression(condition == null ? null : condition.text())
                    .expressionAttributeNames(Expr.names(expression, condition))
                    .expressionAttributeValues(Expr.values(expression, condition))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).build());
        }

        public int delete(EntityModel<?> model, TableKey key, Expr condition) {
            Write write = new Write(Write.Kind.DELETE, operation, model, key, now(), null, 0, null, null);
            model.plugins().forEach(plugin -> plugin.before(write));
            writes.add(write);
            return add(key, TransactWriteItem.builder().delete(Delete.builder().tableName(table.name())
                    .key(key.toAttributeMap())
                    .conditionExpression(condition == null ? null : condition.text())
                    .expressionAttributeNames(condition == null ? null : condition.names())
                    .expressionAttributeValues(condition == null ? null : condition.values())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).build());
        }

        /** A condition on another item, written nothing (no plugin runs). */
        public int check(TableKey key, Expr condition) {
            return add(key, TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                    .tableName(table.name())
                    .key(key.toAttributeMap())
                    .conditionExpression(condition.text())
                    .expressionAttributeNames(condition.names())
                    .expressionAttributeValues(condition.values())
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).build());
        }

        private int add(TableKey key, TransactWriteItem action) {
            actions.add(action);
            keys.add(key);
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
                    applied();
                    return;
                } catch (DataAccessException.TransactionConflictException e) {
                    if (attempt >= TRANSACTION_ATTEMPTS) {
                        throw e;
                    }
                    Backoff.pause(attempt);
                } catch (DataAccessException.StoreUnavailableException e) {
                    if (DynamoDbErrors.neverSent(e)) {
                        throw e;
                    }
                    resendUnanswered(request, e);
                    applied();
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

        private void applied() {
            writes.forEach(write -> after(operation, write));
        }

        private void send(TransactWriteItemsRequest request) {
            try {
                DynamoDbErrors.call(operation, () -> table.client().transactWriteItems(request));
            } catch (DataAccessException.ConditionFailedException e) {
                if (!ownPutsLanded(e)) {
                    throw e.on(keys);
                }
            }
        }

        /**
         * This transaction had already committed: every failed condition is on a Put, and every Put of it failed, on
         * an item stored exactly as it writes it (a cancelled transaction wrote nothing, so one Put whose item is not
         * there means this is someone else's or a later state).
         */
        private boolean ownPutsLanded(DataAccessException.ConditionFailedException e) {
            if (e.failedActions().isEmpty()) {
                return false;
            }
            for (int i = 0; i < actions.size(); i++) {
                boolean put = actions.get(i).put() != null;
                if (put && !actions.get(i).put().item().equals(e.oldItem(i)) || !put && e.failed(i)) {
                    return false;
                }
            }
            return true;
        }
    }
}
