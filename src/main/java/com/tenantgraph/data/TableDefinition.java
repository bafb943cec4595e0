package com.tenantgraph.data;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The table's shape, derived from the models' indexes and the same as template.yaml declares it (a test compares the
 * two): PK/SK and the models' GSIs with INCLUDE projections, no LSIs. Used by the local stack and the tests to create the table.
 */
public final class TableDefinition {
    /** TTL attribute: epoch seconds. TTL deletes lazily, so code also checks it when reading. */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    /**
     * GSI names in order, derived from the models ({@link Entities}): each has partition key {@code <name>PK} and sort
     * key {@code <name>SK}.
     */
    public static final List<String> GSI_NAMES = Entities.indexes();

    /** The attributes every GSI projects besides the keys: what a list page shows. */
    public static final List<String> PROJECTED_ATTRIBUTES = List.of(
            "entityType", "tenantId", "userId", "email", "name", "role", "status", "projectId", "key", "number",
            "title", "priority", "assigneeId", "reporterId", "dueDate", "createdAt", "updatedAt", "version", "deletedAt");

    private TableDefinition() {
    }

    public static CreateTableRequest createTableRequest(String tableName) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        attributes.add(stringAttribute(TableKey.PK));
        attributes.add(stringAttribute(TableKey.SK));
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (String gsi : GSI_NAMES) {
            attributes.add(stringAttribute(gsi + "PK"));
            attributes.add(stringAttribute(gsi + "SK"));
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(gsi)
                    .keySchema(key(gsi + "PK", KeyType.HASH), key(gsi + "SK", KeyType.RANGE))
                    .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                            .nonKeyAttributes(PROJECTED_ATTRIBUTES).build())
                    .build());
        }
        return CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributes)
                .keySchema(key(TableKey.PK, KeyType.HASH), key(TableKey.SK, KeyType.RANGE))
                .globalSecondaryIndexes(indexes)
                // the subscriptions' fan-out reads every change of a project, task or comment from the stream
                .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                .build();
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
