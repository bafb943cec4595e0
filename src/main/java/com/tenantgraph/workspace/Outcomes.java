package com.tenantgraph.workspace;

import com.tenantgraph.data.Attributes;
import com.tenantgraph.errors.ApiException;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The caller-facing outcomes of a failed version condition: NOT_FOUND, or CONFLICT carrying the current version. */
final class Outcomes {
    private Outcomes() {
    }

    /** From the ALL_OLD item of a failed condition: gone or soft-deleted is NOT_FOUND, otherwise a CONFLICT. */
    static ApiException fromOldItem(String what, Map<String, AttributeValue> old) {
        if (old == null || old.isEmpty() || old.containsKey("deletedAt")) {
            return ApiException.notFound(what);
        }
        AttributeValue version = old.get(Attributes.VERSION);
        return ApiException.conflict(what, version == null ? 0 : Long.parseLong(version.n()));
    }

    static void requireVersion(String what, long expected, long current) {
        if (expected != current) {
            throw ApiException.conflict(what, current);
        }
    }
}
