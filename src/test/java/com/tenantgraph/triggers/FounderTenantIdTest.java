package com.tenantgraph.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import org.junit.jupiter.api.Test;

class FounderTenantIdTest {
    @Test
    void tenantId_isTheSame_forTheSameSub_andWellFormed() {
        UserId sub = UserId.of("3f2b7e2a-8d1c-4c59-9d0e-5b7f1a2c3d4e");

        TenantId first = FounderTenantId.of(sub);
        TenantId second = FounderTenantId.of(UserId.of(sub.value()));

        assertThat(first).isEqualTo(second);
        assertThat(first.value()).matches("t-[0-9a-f]{20}");
        assertThat(TenantId.isWellFormed(first.value())).isTrue();
    }

    @Test
    void tenantId_differs_forDifferentSubs() {
        assertThat(FounderTenantId.of(UserId.of("a"))).isNotEqualTo(FounderTenantId.of(UserId.of("b")));
    }

    @Test
    void tenantId_isStable_acrossReleases() {
        // a founder's tenant id is stored everywhere: it is "t-" and the first 20 hex digits of SHA-256(sub), for good
        assertThat(FounderTenantId.of(UserId.of("a")).value()).isEqualTo("t-ca978112ca1bbdcafac2");
    }
}
