package com.tenantgraph.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.model.EntityModel;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;

/** The table definition is derived from the models, and projects what a list needs to read each indexed entity. */
class TableDefinitionTest {
    @Test
    void theTablesIndexes_areTheModelsIndexes() {
        CreateTableRequest request = TableDefinition.createTableRequest("t");
        TreeSet<String> fromModels = new TreeSet<>();
        Entities.ALL.forEach(model -> fromModels.addAll(model.indexes()));
        assertThat(request.globalSecondaryIndexes()).extracting(GlobalSecondaryIndex::indexName)
                .containsExactlyElementsOf(fromModels).containsExactly("GSI1", "GSI2", "GSI3", "GSI4");
    }

    @Test
    void everyIndexedEntity_hasItsRequiredAttributesProjected() {
        for (EntityModel<?> model : Entities.ALL) {
            if (!model.indexes().isEmpty()) {
                assertThat(TableDefinition.PROJECTED_ATTRIBUTES).as(model.entityType())
                        .containsAll(model.requiredAttributes());
            }
        }
        assertThat(TaskItem.MODEL.requiredAttributes()).contains("tenantId", "projectId", "title", "status");
    }

    @Test
    void everyEntityTypeIsDistinct() {
        assertThat(Entities.ALL).extracting(EntityModel::entityType).doesNotHaveDuplicates();
    }
}
