package com.tenantgraph.local.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.BatchGetter;
import com.tenantgraph.data.Keys;
import com.tenantgraph.data.Table;
import com.tenantgraph.data.TableKey;
import com.tenantgraph.data.TenantItem;
import com.tenantgraph.domain.Plan;
import com.tenantgraph.tenancy.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/** BatchGetItem against moto_server: more keys than one request holds, in order, missing items as null. */
@ExtendWith(SharedMoto.class)
class BatchGetterIT {

    @Test
    void getAll_readsMoreThanOneRequestHolds_inKeyOrder_withNullForMissing(Table table) {
        // GIVEN 230 tenants stored, and 250 keys asked for (20 missing, interleaved, one repeated)
        List<TableKey> keys = new ArrayList<>();
        IntStream.range(0, 250).forEach(i -> {
            TenantId tenant = TenantId.of("tenant-" + i);
            if (i % 12 != 5) {
                table.client().putItem(PutItemRequest.builder().tableName(table.name())
                        .item(TenantItem.MODEL.toItem(TenantItem.builder().tenantId(tenant).name("T" + i)
                                .plan(Plan.FREE).createdAt(Instant.EPOCH).build())).build());
            }
            keys.add(Keys.tenant(tenant));
        });
        keys.add(Keys.tenant(TenantId.of("tenant-0")));

        // WHEN they are read in one call
        List<Map<String, AttributeValue>> items = new BatchGetter(table).getAll(keys);

        // THEN each position holds its own item, or null where none exists
        assertThat(items).hasSize(keys.size());
        for (int i = 0; i < 250; i++) {
            if (i % 12 == 5) {
                assertThat(items.get(i)).as("missing item %d", i).isNull();
            } else {
                assertThat(items.get(i).get("name").s()).isEqualTo("T" + i);
            }
        }
        assertThat(items.get(250).get("name").s()).isEqualTo("T0");
    }
}
