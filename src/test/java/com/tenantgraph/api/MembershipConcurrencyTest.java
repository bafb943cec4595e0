package com.tenantgraph.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.Keys;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/performance.md: the membership check adds no sequential round trip to a query. It rides in the first level's
 * BatchGetItem through the request's item loader, so a query costs exactly the round trips its own reads need.
 */
class MembershipConcurrencyTest {

    @ParameterizedTest
    @ValueSource(strings = {"{ tenant { name } }", "{ me { email } tenant { name } }", "{ tenant { name } me { email } }"})
    void membershipCheck_travelsInTheFirstLevelsBatch(String query) {
        // GIVEN an active member
        MockedTableApi api = new MockedTableApi().withActiveAdmin();

        // WHEN a query reads the tenant at its first level, with or without `me`, in either order
        MockedTableApi.Reply reply = api.query(query);

        // THEN the answer is complete, and one BatchGetItem carried the membership record and the tenant
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.rawBody()).contains("Acme");
        assertThat(api.calls("batchGetItem")).hasSize(1);
        assertThat(api.calls("getItem")).isEmpty();
        assertThat(api.keysReceived()).containsExactlyInAnyOrder(
                Keys.user(TenantId.of(MockedTableApi.TENANT), UserId.of(MockedTableApi.USER)),
                Keys.tenant(TenantId.of(MockedTableApi.TENANT)));
    }

    @Test
    void membershipCheck_isMade_evenWhenTheQueryReadsNothing() {
        // GIVEN an active member and a query that touches no item
        MockedTableApi api = new MockedTableApi().withActiveAdmin();

        // WHEN it is sent
        MockedTableApi.Reply reply = api.query("{ __typename }");

        // THEN the membership record (and the tenant's status beside it) was still read, once
        assertThat(reply.status()).isEqualTo(200);
        assertThat(api.keysReceived()).containsExactlyInAnyOrder(
                Keys.user(TenantId.of(MockedTableApi.TENANT), UserId.of(MockedTableApi.USER)),
                Keys.tenant(TenantId.of(MockedTableApi.TENANT)));
    }
}
