package com.tenantgraph.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

class BatchGetterTest {
    private static final String TABLE = "t";
    private static final TenantId T1 = TenantId.of("t1");

    private final DynamoDbClient client = mock(DynamoDbClient.class);
    private final BatchGetter getter = new BatchGetter(new Table(client, TABLE));
    private final List<BatchGetItemRequest> requests = Collections.synchronizedList(new ArrayList<>());

    private static TableKey key(int i) {
        return Keys.user(T1, UserId.of("u" + i));
    }

    private static Map<String, AttributeValue> itemOf(TableKey key) {
        Map<String, AttributeValue> item = new HashMap<>(key.toAttributeMap());
        item.put("name", AttributeValue.fromS("item " + key.pk()));
        return item;
    }

    private static List<Map<String, AttributeValue>> requestedKeys(BatchGetItemRequest request) {
        return request.requestItems().get(TABLE).keys();
    }

    private static BatchGetItemResponse answer(List<Map<String, AttributeValue>> found,
                                               List<Map<String, AttributeValue>> unprocessed) {
        BatchGetItemResponse.Builder response = BatchGetItemResponse.builder().responses(Map.of(TABLE, found));
        if (!unprocessed.isEmpty()) {
            response.unprocessedKeys(Map.of(TABLE, KeysAndAttributes.builder().keys(unprocessed)
                    .consistentRead(true).build()));
        }
        return response.build();
    }

    /** A table holding every key it is asked for, except {@code missing}; records each request. */
    private void givenTableHoldsAllExcept(TableKey... missing) {
        List<TableKey> absent = List.of(missing);
        when(client.batchGetItem(any(BatchGetItemRequest.class))).thenAnswer(call -> {
            BatchGetItemRequest request = call.getArgument(0);
            requests.add(request);
            List<Map<String, AttributeValue>> found = new ArrayList<>(requestedKeys(request).stream()
                    .map(TableKey::of).filter(k -> !absent.contains(k)).map(BatchGetterTest::itemOf).toList());
            Collections.reverse(found);
            return answer(found, List.of());
        });
    }

    @Test
    void getAll_splits250KeysIntoChunksOf100_100And50() {
        // GIVEN a table holding everything
        givenTableHoldsAllExcept();
        List<TableKey> keys = IntStream.range(0, 250).mapToObj(BatchGetterTest::key).toList();

        // WHEN 250 keys are read
        List<Map<String, AttributeValue>> items = getter.getAll(keys);

        // THEN three BatchGetItem calls of 100, 100 and 50 keys, all consistent reads of the one table
        assertThat(requests).extracting(r -> requestedKeys(r).size()).containsExactly(100, 100, 50);
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.requestItems()).containsOnlyKeys(TABLE);
            assertThat(r.requestItems().get(TABLE).consistentRead()).isTrue();
        });
        assertThat(items).hasSize(250).doesNotContainNull();
    }

    @Test
    void getAll_returnsItemsInKeyOrder_withNullForAMissingItem() {
        // GIVEN a table without u2, answering in an order of its own
        givenTableHoldsAllExcept(key(2));

        // WHEN u3, u1, u2 are read
        List<Map<String, AttributeValue>> items = getter.getAll(List.of(key(3), key(1), key(2)));

        // THEN the items come back in the order asked, u2 as null
        assertThat(items).hasSize(3);
        assertThat(items.get(0)).isEqualTo(itemOf(key(3)));
        assertThat(items.get(1)).isEqualTo(itemOf(key(1)));
        assertThat(items.get(2)).isNull();
    }

    @Test
    void getAll_requestsADuplicatedKeyOnce_andReturnsItForEachOccurrence() {
        // GIVEN a table holding everything
        givenTableHoldsAllExcept();

        // WHEN u1, u2, u1 are read
        List<Map<String, AttributeValue>> items = getter.getAll(List.of(key(1), key(2), key(1)));

        // THEN one request with two distinct keys (DynamoDB refuses duplicates), and three results
        assertThat(requests).hasSize(1);
        assertThat(requestedKeys(requests.get(0))).containsExactly(key(1).toAttributeMap(), key(2).toAttributeMap());
        assertThat(items).containsExactly(itemOf(key(1)), itemOf(key(2)), itemOf(key(1)));
    }

    @Test
    void getAll_dedupsBeforeChunking() {
        // GIVEN a table holding everything
        givenTableHoldsAllExcept();
        List<TableKey> keys = new ArrayList<>();
        IntStream.range(0, 100).forEach(i -> {
            keys.add(key(i));
            keys.add(key(i));
        });

        // WHEN 200 keys with 100 distinct ones are read
        List<Map<String, AttributeValue>> items = getter.getAll(keys);

        // THEN one full request of 100
        assertThat(requests).extracting(r -> requestedKeys(r).size()).containsExactly(100);
        assertThat(items).hasSize(200).doesNotContainNull();
    }

    @Test
    void getAll_retriesUnprocessedKeysUntilAllAreRead() {
        // GIVEN a table that processes one key per call and hands the rest back as UnprocessedKeys
        when(client.batchGetItem(any(BatchGetItemRequest.class))).thenAnswer(call -> {
            BatchGetItemRequest request = call.getArgument(0);
            requests.add(request);
            List<Map<String, AttributeValue>> asked = requestedKeys(request);
            return answer(List.of(itemOf(TableKey.of(asked.get(0)))), asked.subList(1, asked.size()));
        });

        // WHEN three keys are read
        List<Map<String, AttributeValue>> items = getter.getAll(List.of(key(1), key(2), key(3)));

        // THEN three calls, each asking only for what was still unprocessed, and every item returned in order
        assertThat(requests).extracting(r -> requestedKeys(r).size()).containsExactly(3, 2, 1);
        assertThat(requests).allSatisfy(r -> assertThat(r.requestItems().get(TABLE).consistentRead()).isTrue());
        assertThat(items).containsExactly(itemOf(key(1)), itemOf(key(2)), itemOf(key(3)));
    }

    @Test
    void getAll_givesUpWithThrottled_whenKeysStayUnprocessedAfterAllAttempts() {
        // GIVEN a table that never processes anything
        when(client.batchGetItem(any(BatchGetItemRequest.class))).thenAnswer(call -> {
            BatchGetItemRequest request = call.getArgument(0);
            return answer(List.of(), requestedKeys(request));
        });

        // WHEN a key is read
        // THEN after the bounded attempts (six) the read fails as Throttled, so the caller sees RATE_LIMITED
        assertThatThrownBy(() -> getter.getAll(List.of(key(1))))
                .isInstanceOf(DataAccessException.ThrottledException.class)
                .hasMessageContaining("unprocessed");
        verify(client, times(6)).batchGetItem(any(BatchGetItemRequest.class));
    }

    @Test
    void getAll_translatesAThrottledCall() {
        // GIVEN a table whose BatchGetItem itself is throttled (the SDK's retries exhausted)
        ProvisionedThroughputExceededException throttled = ProvisionedThroughputExceededException.builder().build();
        when(client.batchGetItem(any(BatchGetItemRequest.class))).thenThrow(throttled);

        // WHEN a key is read
        // THEN Throttled, keeping the SDK exception as the cause
        assertThatThrownBy(() -> getter.getAll(List.of(key(1))))
                .isInstanceOf(DataAccessException.ThrottledException.class).hasCause(throttled);
    }

    @Test
    void getAll_readsNothing_forNoKeys() {
        // GIVEN no keys
        // WHEN read
        List<Map<String, AttributeValue>> items = getter.getAll(List.of());

        // THEN no call and no items
        assertThat(items).isEmpty();
        verifyNoInteractions(client);
    }
}
