package com.tenantgraph.local.emulator;

import com.tenantgraph.data.TableDefinition;
import java.time.Duration;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;

/**
 * Creates the application's table on an emulator that was just started with empty state.
 *
 * <p>moto_server's first CreateTable can take longer than the function's 3 s attempt timeout on a busy machine; the
 * SDK then retries, and the retry is told the table exists although the first attempt made it. So the call gets a
 * minute, and on an emulator whose state this process created a moment ago "already exists" can only mean that
 * first attempt, which is the success it looks like.
 */
public final class FreshTable {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private FreshTable() {
    }

    public static void create(DynamoDbClient dynamoDb, String tableName) {
        CreateTableRequest request = TableDefinition.createTableRequest(tableName).toBuilder()
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(PATIENCE).apiCallTimeout(PATIENCE.multipliedBy(2)))
                .build();
        try {
            dynamoDb.createTable(request);
        } catch (ResourceInUseException createdByAnEarlierAttempt) {
            // see the class comment: the state is fresh, so this table is the one the first attempt created
        }
    }
}
