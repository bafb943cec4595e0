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
 * not apply it twice); a single Put is read back. A condition that fails on the very item this write put (the SDK
 * retried an attempt that had committed) is the write's own success. What still cannot be known is an
 * {@link DataAccessException.OutcomeUnknownException}; a write that certainly never reached the database stays
 * {@link DataAccessException.StoreUnavailableException}.
 */
public final class Writes {
    static final int TRANSACTION_ATTEMPTS = 3;

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
     * size-checked first. Returns the attributes {@code returnValue} asks for.
     */
    public <T extends Record> Map<String, AttributeValue> update(String operation, EntityModel<T> model, TableKey key,
                                                                 com.tenantgraph.data.model.Update update,
                                                                 Expr condition, ReturnValue returnValue,
                                                                 Map<String, AttributeValue> estimatedItem) {
        Write write = new Write(Write.Kind.UPDATE, operation, model, key, now(), null, 0, update, estimatedItem);
        model.plugins().forEach(plugin -> plugin.before(write));
        Expr expression = update.toExpr();
        Map<String, AttributeValue> attributes = unresolvable(operation, () -> table.client().updateItem(
                UpdateItemRequest.builder().tableName(table.name()).key(key.toAttributeMap())
                        .updateExpression(expression.text())
                        .conditionExpression(condition == null ? null : condition.text())
                        .expressionAttributeNames(Expr.names(expression, condition))
                        .expressionAttributeValues(Expr.values(expression, condition))
                        .returnValues(returnValue)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build())).attributes();
        after(operation, write);
        return attributes == null ? Map.of() : attributes;
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

    /** A single DeleteItem, conditional or not (purges use it, with bounded concurrency). */
    public void delete(String operation, EntityModel<?> model, TableKey key, Expr condition) {
        Write write = new Write(Write.Kind.DELETE, operation, model, key, now(), null, 0, null, null);
        model.plugins().forEach(plugin -> plugin.before(write));
        unresolvable(operation, () -> table.client().deleteItem(DeleteItemRequest.builder()
                .tableName(table.name()).key(key.toAttributeMap())
                .conditionExpression(condition == null ? null : condition.text())
                .expressionAttributeNames(condition == null ? null : condition.names())
                .expressionAttributeValues(condition == null ? null : condition.values())
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()));
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
            Write write = new Write(Write.Kind.UPDATE, operation, model, key, now(), null, 0, update, null);
            model.plugins().forEach(plugin -> plugin.before(write));
            writes.add(write);
            Expr expression = update.toExpr();
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
