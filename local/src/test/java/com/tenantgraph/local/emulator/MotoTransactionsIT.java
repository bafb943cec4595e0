package com.tenantgraph.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tenantgraph.local.SdkClients;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The local DynamoDB's transactions are atomic and isolated, and honour {@code ClientRequestToken}, as DynamoDB's are:
 * raw TransactWriteItems from the real SDK, many at once, at moto as {@link MotoServer} launches it, and no
 * application code. moto_server started on its own fails the first two tests (it serves requests on threads, and a
 * cancelled transaction restores a copy of the table taken before it began), and ignores the token.
 */
class MotoTransactionsIT {
    private static final int CLIENTS = 10;
    private static final String PK = "PK";
    private static final String SK = "SK";

    private static final ServerErrors SERVER_ERRORS = new ServerErrors();
    private static MotoServer moto;
    private static DynamoDbClient dynamoDb;
    private static ExecutorService clients;

    private String table;

    @BeforeAll
    static void startMoto() throws IOException {
        moto = MotoServer.start(Ports.free(), Files.createTempDirectory("tenantgraph-moto-transactions"));
        dynamoDb = SdkClients.dynamoDb(moto.endpoint(), "us-east-1", SERVER_ERRORS);
        clients = Executors.newFixedThreadPool(CLIENTS + 1); // the clients and one reader
    }

    @AfterAll
    static void stopMoto() {
        clients.shutdownNow();
        dynamoDb.close();
        moto.close();
    }

    @BeforeEach
    void newTable() {
        table = createTable(dynamoDb);
        SERVER_ERRORS.reset();
    }

    @Test
    void racingTransactionsOnOneRecord_haveExactlyOneWinner_andLeaveOnlyTheWinnersWrites() throws Exception {
        // GIVEN a table of 200 items, so that copying it (what moto does per transaction) takes a while
        fill(table, 200);

        for (int round = 0; round < 10; round++) {
            raceForOneRecord("ROUND#" + round);
        }
        assertThat(SERVER_ERRORS.count()).as("5xx answers").isZero();
    }

    @Test
    void concurrentCreates_someCancelled_keepEveryAcknowledgedWrite_andNoServerErrors() throws Exception {
        // GIVEN a counter and a closed gate: a create that checks the gate is cancelled
        dynamoDb.putItem(b -> b.tableName(table).item(item("P", "COUNTER", "next", "0")));
        dynamoDb.putItem(b -> b.tableName(table).item(item("P", "GATE")));
        int perClient = 16;

        // WHEN ten clients at once each make 16 creates (increment the counter, put an item if absent), one in four
        // of them also checking the closed gate, while a reader queries the partition all along
        CountDownLatch writersDone = new CountDownLatch(CLIENTS);
        Future<Integer> reader = clients.submit(() -> readUntil(writersDone));
        List<Outcome> outcomes = atOnce(CLIENTS, client -> {
            try {
                for (int i = 0; i < perClient; i++) {
                    createItem(client, i, i % 4 == 0);
                }
            } finally {
                writersDone.countDown();
            }
        });

        // THEN every create that did not check the gate committed and is there, every one that did is absent, the
        // counter counts exactly the commits, and moto never answered 5xx
        assertThat(outcomes).allMatch(Outcome::committed);
        assertThat(reader.get()).isPositive();
        List<String> expected = new ArrayList<>(List.of("COUNTER", "GATE"));
        IntStream.range(0, CLIENTS).forEach(c -> IntStream.range(0, perClient).filter(i -> i % 4 != 0)
                .forEach(i -> expected.add("ITEM#" + c + "#" + i)));
        assertThat(sortKeys("P")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(get("P", "COUNTER").get("next").n()).isEqualTo(Integer.toString(expected.size() - 2));
        assertThat(SERVER_ERRORS.count()).as("5xx answers").isZero();
    }

    @Test
    void aCancelledTransactionOfSeveralActionsOnOneTable_leavesTheTableAsItWas_andACommittedOneAppliesEveryAction() {
        // GIVEN items and a counter in one table (the launcher keeps one backup of a table per transaction, taken
        // before the first action and shared by every action on that table)
        fill(table, 30);
        dynamoDb.putItem(b -> b.tableName(table).item(item("M", "COUNTER", "next", "5")));
        List<Map<String, AttributeValue>> before = dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true))
                .items().stream().toList();

        // WHEN a transaction of four actions on the table, whose last condition fails, is sent
        TransactWriteItem increment = TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(key("M", "COUNTER")).updateExpression("SET #n = #n + :one")
                .expressionAttributeNames(Map.of("#n", "next"))
                .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))).build()).build();
        TransactWriteItem first = TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(item("M", "ONE")).build()).build();
        TransactWriteItem second = TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(item("M", "TWO")).build()).build();
        TransactWriteItem failing = TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(key("FILL#1", "FILL")).conditionExpression("attribute_not_exists(PK)").build()).build();
        assertThatThrownBy(() -> dynamoDb.transactWriteItems(b -> b.transactItems(increment, first, second, failing)))
                .isInstanceOf(TransactionCanceledException.class);

        // THEN nothing of it is there, and every other item is as it was
        assertThat(dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream().toList())
                .containsExactlyInAnyOrderElementsOf(before);

        // AND the same three writes without the failing check all commit
        dynamoDb.transactWriteItems(b -> b.transactItems(increment, first, second));
        assertThat(sortKeys("M")).containsExactlyInAnyOrder("COUNTER", "ONE", "TWO");
        assertThat(get("M", "COUNTER").get("next").n()).isEqualTo("6");
    }

    @Test
    void aTransactionRetriedWithItsToken_isAppliedOnce_andTheTokenWithOtherParameters_isRefused() {
        // GIVEN a counter
        dynamoDb.putItem(b -> b.tableName(table).item(item("P", "COUNTER", "next", "0")));

        // WHEN one increment is sent twice with one token, and then once more with a token of its own
        TransactWriteItemsRequest once = increment(table, 1).toBuilder().clientRequestToken("token-1").build();
        dynamoDb.transactWriteItems(once);
        dynamoDb.transactWriteItems(once);
        dynamoDb.transactWriteItems(increment(table, 1).toBuilder().clientRequestToken("token-2").build());

        // THEN the retry changed nothing: two increments in all
        assertThat(counter()).isEqualTo(2);

        // WHEN the first token comes back with another increment
        // THEN it is refused as DynamoDB refuses it, and nothing changed
        assertThatThrownBy(() -> dynamoDb.transactWriteItems(
                increment(table, 5).toBuilder().clientRequestToken("token-1").build()))
                .isInstanceOf(IdempotentParameterMismatchException.class);
        assertThat(counter()).isEqualTo(2);
    }

    @Test
    void aTokenWhoseTransactionWasCancelled_isNotRemembered_soItsRetryCommits() {
        // GIVEN a counter and a closed gate
        dynamoDb.putItem(b -> b.tableName(table).item(item("P", "COUNTER", "next", "0")));
        dynamoDb.putItem(b -> b.tableName(table).item(item("P", "GATE")));
        TransactWriteItemsRequest gated = TransactWriteItemsRequest.builder().clientRequestToken("gated")
                .transactItems(gateIsOpen(table), incrementItem(table, 1)).build();

        // WHEN the gated increment is cancelled, the gate opens, and the same call is retried with the same token
        assertThatThrownBy(() -> dynamoDb.transactWriteItems(gated)).isInstanceOf(TransactionCanceledException.class);
        dynamoDb.putItem(b -> b.tableName(table).item(item("P", "GATE", "open", "yes")));
        dynamoDb.transactWriteItems(gated);

        // THEN the retry ran and committed
        assertThat(counter()).isEqualTo(1);
    }

    @Test
    void oneTokenSentByTenClientsAtOnce_isAppliedOnce_andEveryCallSucceeds() throws Exception {
        // GIVEN a counter
        dynamoDb.putItem(b -> b.tableName(table).item(item("P", "COUNTER", "next", "0")));

        // WHEN ten clients send the same increment with the same token at once
        TransactWriteItemsRequest same = increment(table, 1).toBuilder().clientRequestToken("same").build();
        List<Outcome> outcomes = atOnce(CLIENTS, client -> dynamoDb.transactWriteItems(same));

        // THEN every call succeeds and the counter moved once
        assertThat(outcomes).allMatch(Outcome::committed);
        assertThat(counter()).isEqualTo(1);
    }

    @Test
    void aTokenPastItsWindow_isANewRequest() throws Exception {
        // GIVEN moto remembering tokens for one second, and a counter
        try (MotoServer shortMemory = MotoServer.start(Ports.free(),
                Files.createTempDirectory("tenantgraph-moto-window"), Duration.ofSeconds(1));
             DynamoDbClient client = SdkClients.dynamoDb(shortMemory.endpoint(), "us-east-1")) {
            String shortTable = createTable(client);
            client.putItem(b -> b.tableName(shortTable).item(item("P", "COUNTER", "next", "0")));
            TransactWriteItemsRequest once = increment(shortTable, 1).toBuilder().clientRequestToken("late").build();

            // WHEN the same call is sent within the window and again after it
            client.transactWriteItems(once);
            client.transactWriteItems(once);
            Thread.sleep(1_500);
            client.transactWriteItems(once);

            // THEN the retry inside the window changed nothing, the one after it was applied
            assertThat(client.getItem(b -> b.tableName(shortTable).key(key("P", "COUNTER")).consistentRead(true))
                    .item().get("next").n()).isEqualTo("2");
        }
    }

    // --- the calls -------------------------------------------------------------------------------------------------

    private void raceForOneRecord(String partition) throws Exception {
        // WHEN ten clients at once each put an item of their own and the partition's record, both only if absent
        List<Outcome> outcomes = atOnce(CLIENTS, client -> dynamoDb.transactWriteItems(transaction(
                putIfAbsent(table, item(partition, "CLIENT#" + client)),
                putIfAbsent(table, item(partition, "RECORD", "winner", "CLIENT#" + client)))));

        // THEN exactly one committed; every other one was cancelled by the record's condition alone
        List<Integer> winners = IntStream.range(0, CLIENTS).filter(c -> outcomes.get(c).committed()).boxed().toList();
        assertThat(winners).as("%s: committed clients", partition).hasSize(1);
        outcomes.stream().filter(o -> !o.committed()).forEach(o -> assertThat(o.cancellationCodes())
                .as("%s: cancellation reasons", partition).containsExactly("None", "ConditionalCheckFailed"));
        // AND the partition holds the record naming the winner and the winner's item, nothing else
        String winner = "CLIENT#" + winners.get(0);
        assertThat(sortKeys(partition)).as("%s: items", partition).containsExactlyInAnyOrder("RECORD", winner);
        assertThat(get(partition, "RECORD").get("winner").s()).isEqualTo(winner);
    }

    private void createItem(int client, int i, boolean checkGate) {
        List<TransactWriteItem> items = new ArrayList<>();
        if (checkGate) {
            items.add(gateIsOpen(table));
        }
        items.add(incrementItem(table, 1));
        items.add(putIfAbsent(table, item("P", "ITEM#" + client + "#" + i)));
        try {
            dynamoDb.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(items).build());
            assertThat(checkGate).as("a create that checked the closed gate committed").isFalse();
        } catch (TransactionCanceledException cancelled) {
            assertThat(checkGate).as("a create that did not check the gate was cancelled: %s",
                    cancelled.cancellationReasons()).isTrue();
        }
    }

    private int readUntil(CountDownLatch done) {
        int reads = 0;
        while (done.getCount() > 0) {
            dynamoDb.query(QueryRequest.builder().tableName(table).consistentRead(true).limit(20)
                    .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", s("P"))).build());
            reads++;
        }
        return reads;
    }

    private static TransactWriteItemsRequest transaction(TransactWriteItem... items) {
        return TransactWriteItemsRequest.builder().transactItems(items).build();
    }

    private static TransactWriteItemsRequest increment(String table, int by) {
        return transaction(incrementItem(table, by));
    }

    private static TransactWriteItem incrementItem(String table, int by) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key("P", "COUNTER"))
                .updateExpression("ADD #next :by").expressionAttributeNames(Map.of("#next", "next"))
                .expressionAttributeValues(Map.of(":by", AttributeValue.fromN(Integer.toString(by)))).build()).build();
    }

    private static TransactWriteItem gateIsOpen(String table) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(key("P", "GATE")).conditionExpression("attribute_exists(#open)")
                .expressionAttributeNames(Map.of("#open", "open")).build()).build();
    }

    private static TransactWriteItem putIfAbsent(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(PK)").build()).build();
    }

    private int counter() {
        return Integer.parseInt(get("P", "COUNTER").get("next").n());
    }

    private Map<String, AttributeValue> get(String pk, String sk) {
        return dynamoDb.getItem(b -> b.tableName(table).key(key(pk, sk)).consistentRead(true)).item();
    }

    private List<String> sortKeys(String pk) {
        return dynamoDb.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("PK = :pk").expressionAttributeValues(Map.of(":pk", s(pk))).build())
                .items().stream().map(item -> item.get(SK).s()).toList();
    }

    private void fill(String table, int count) {
        for (int first = 0; first < count; first += 25) {
            List<WriteRequest> puts = IntStream.range(first, Math.min(count, first + 25))
                    .mapToObj(i -> WriteRequest.builder().putRequest(PutRequest.builder()
                            .item(item("FILL#" + i, "FILL", "payload", "x".repeat(200))).build()).build())
                    .toList();
            dynamoDb.batchWriteItem(BatchWriteItemRequest.builder().requestItems(Map.of(table, puts)).build());
        }
    }

    /** A table shaped as ours is: PK/SK and a GSI, which moto maintains inside each transaction too. */
    private static String createTable(DynamoDbClient client) {
        String name = "isolation-" + UUID.randomUUID();
        client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(stringAttribute(PK), stringAttribute(SK), stringAttribute("GSI1PK"))
                .keySchema(keyElement(PK, KeyType.HASH), keyElement(SK, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("GSI1")
                        .keySchema(keyElement("GSI1PK", KeyType.HASH), keyElement(SK, KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
        return name;
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement keyElement(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk));
    }

    private static Map<String, AttributeValue> item(String pk, String sk) {
        return Map.of(PK, s(pk), SK, s(sk), "GSI1PK", s(pk));
    }

    private static Map<String, AttributeValue> item(String pk, String sk, String name, String value) {
        AttributeValue attribute = name.equals("next") ? AttributeValue.fromN(value) : s(value);
        return Map.of(PK, s(pk), SK, s(sk), "GSI1PK", s(pk), name, attribute);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    // --- many clients at once --------------------------------------------------------------------------------------

    /** How one client's call ended: committed, or cancelled with the reasons' codes. */
    private record Outcome(boolean committed, List<String> cancellationCodes) {
    }

    /** Runs {@code call} for clients 0..n-1, all released at the same moment; their outcomes in client order. */
    private static List<Outcome> atOnce(int n, Consumer<Integer> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int client = 0; client < n; client++) {
            int id = client;
            Callable<Outcome> task = () -> {
                start.await();
                try {
                    call.accept(id);
                    return new Outcome(true, List.of());
                } catch (TransactionCanceledException cancelled) {
                    return new Outcome(false, cancelled.cancellationReasons().stream().map(CancellationReason::code)
                            .toList());
                }
            };
            futures.add(clients.submit(task));
        }
        start.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            outcomes.add(future.get());
        }
        return outcomes;
    }

    /** Counts every HTTP attempt answered 5xx, including those the SDK then retried successfully. */
    private static final class ServerErrors implements ExecutionInterceptor {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            if (context.httpResponse().statusCode() >= 500) {
                count.incrementAndGet();
            }
        }

        int count() {
            return count.get();
        }

        void reset() {
            count.set(0);
        }
    }
}
