package com.tenantgraph.workspace;

import com.tenantgraph.data.Sha256;

import com.tenantgraph.data.IdempotencyRecord;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.model.Expr;
import com.tenantgraph.data.model.Writes;
import com.tenantgraph.errors.ApiException;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * Idempotent creates (docs/data-model.md §7): before a create, a live record with the same key either replays the
 * first result (same operation, caller and input) or refuses the reuse (BAD_USER_INPUT on clientMutationId); the
 * create then writes its record in its own transaction, conditioned on no live record, so two concurrent retries
 * cannot both create. Records live a day; expiry is checked here because TTL deletes lazily (and moto never).
 */
public final class Idempotency {
    private final Table table;
    private final Writes writes;

    public Idempotency(Table table, Writes writes) {
        this.table = table;
        this.writes = writes;
    }

    /** The key of the first result when this create was already done; empty when it must run. */
    public Optional<TableKey> replay(TenantId tenant, IdempotencyKey key, String operation, UserId caller) {
        if (key == null) {
            return Optional.empty();
        }
        Optional<IdempotencyRecord> record = table.getConsistent(Keys.idempotency(tenant, Sha256.hex(key.clientMutationId())),
                "GetIdempotencyRecord").flatMap(IdempotencyRecord.MODEL::fromItem);
        if (record.isEmpty() || record.get().expired(writes.now())) {
            return Optional.empty();
        }
        IdempotencyRecord found = record.get();
        if (!found.operation().equals(operation) || !found.userId().equals(caller.value())
                || !found.requestHash().equals(key.requestHash())) {
            throw ApiException.badInput("clientMutationId",
                    "This clientMutationId was already used for a different request in the last 24 hours");
        }
        return Optional.of(found.resultKey());
    }

    /** Adds the record's Put to a create's transaction; returns its action index (or -1 without a key). */
    public int record(Writes.Transaction transaction, TenantId tenant, IdempotencyKey key, String operation,
                      UserId caller, TableKey result, Instant now) {
        if (key == null) {
            return -1;
        }
        IdempotencyRecord record = new IdempotencyRecord(tenant, Sha256.hex(key.clientMutationId()), operation,
                caller.value(), key.requestHash(), result.pk(), result.sk(), null,
                now.getEpochSecond() + IdempotencyRecord.LIFETIME_SECONDS);
        return transaction.put(writes.create(IdempotencyRecord.MODEL, record, now),
                Expr.of("attribute_not_exists(PK) OR #exp < :now").name("#exp", "expiresAt")
                        .value(":now", now.getEpochSecond()));
    }

    /** Validates a clientMutationId (1 to 100 characters). */
    public static void validate(String clientMutationId) {
        if (clientMutationId != null && (clientMutationId.isEmpty()
                || clientMutationId.length() > IdempotencyKey.MAX_LENGTH)) {
            throw ApiException.badInput("clientMutationId", "clientMutationId must be 1 to "
                    + IdempotencyKey.MAX_LENGTH + " characters");
        }
        if (clientMutationId != null && !com.tenantgraph.data.model.Rules.storable(clientMutationId)) {
            throw ApiException.badInput("clientMutationId", "clientMutationId "
                    + com.tenantgraph.data.model.Rules.NOT_STORABLE);
        }
    }

}
