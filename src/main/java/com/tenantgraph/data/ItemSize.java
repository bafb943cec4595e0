package com.tenantgraph.data;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.CallerFacingFailure;
import com.tenantgraph.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB's 400 KB item limit, enforced before a write: moto does not enforce it exactly (it refuses an item of
 * exactly 400 KB and lets an update grow one past it), and DynamoDB's own error would arrive as an opaque
 * ValidationException. Sizes follow DynamoDB's published rules (attribute name bytes plus value bytes; a number
 * counted at its upper bound of 21 bytes), so the estimate is never below the real size.
 */
public final class ItemSize {
    public static final int MAX_ITEM_BYTES = 400 * 1024;
    private static final int NUMBER_UPPER_BOUND = 21;

    private ItemSize() {
    }

    /** Throws {@link ItemTooLargeException} when the item would exceed the limit. */
    public static void check(Map<String, AttributeValue> item) {
        long size = of(item);
        if (size > MAX_ITEM_BYTES) {
            throw new ItemTooLargeException(size, MAX_ITEM_BYTES);
        }
    }

    public static long of(Map<String, AttributeValue> item) {
        long total = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            total += utf8(attribute.getKey()) + valueSize(attribute.getValue());
        }
        return total;
    }

    private static long valueSize(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> NUMBER_UPPER_BOUND;
            case B -> value.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(ItemSize::utf8).sum();
            case NS -> (long) value.ns().size() * NUMBER_UPPER_BOUND;
            case BS -> value.bs().stream().mapToLong(b -> b.asByteArray().length).sum();
            case L -> 3 + listSize(value.l());
            case M -> 3 + of(value.m()) + value.m().size();
            default -> throw new IllegalArgumentException("unknown attribute type " + value.type());
        };
    }

    private static long listSize(List<AttributeValue> values) {
        return values.stream().mapToLong(v -> 1 + valueSize(v)).sum();
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** An item that DynamoDB would refuse: the caller sent too much data. */
    public static final class ItemTooLargeException extends DataAccessException implements CallerFacingFailure {
        private static final long serialVersionUID = 1L;

        ItemTooLargeException(long size, int limit) {
            super("item of " + size + " bytes exceeds DynamoDB's limit of " + limit + " bytes", null);
        }

        @Override
        public ApiException toApiException() {
            return new ApiException(ErrorCode.BAD_USER_INPUT, "The input is too large to store",
                    Map.of("field", "input"), this);
        }
    }
}
