package com.tenantgraph.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.tenantgraph.data.Sha256;
import com.tenantgraph.tenancy.TenantId;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AcceptCodeTest {
    private static final TenantId ACME = TenantId.of("acme");

    @Test
    void issuedCode_carriesItsTenantAnd128RandomBits_andParsesBack() {
        AcceptCode code = AcceptCode.issue(ACME);

        assertThat(Base64.getUrlDecoder().decode(code.secret())).hasSize(16);
        assertThat(code.value()).startsWith("acme.");
        assertThat(AcceptCode.parse(code.value())).contains(code);
        assertThat(AcceptCode.parse("  " + code.value() + "\n")).contains(code);
    }

    @Test
    void issuedCodes_differ() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            secrets.add(AcceptCode.issue(ACME).secret());
        }
        assertThat(secrets).hasSize(1000);
    }

    @Test
    void onlyTheHashIsMatched_andOnlyTheRightSecretMatches() {
        AcceptCode code = AcceptCode.issue(ACME);
        String stored = code.secretHash();

        assertThat(stored).isEqualTo(Sha256.hex(code.secret())).doesNotContain(code.secret());
        assertThat(code.matches(stored)).isTrue();
        assertThat(AcceptCode.issue(ACME).matches(stored)).isFalse();
        assertThat(code.matches(null)).isFalse();
        assertThat(code.toString()).doesNotContain(code.secret());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "acme", "acme.", ".AAAAAAAAAAAAAAAAAAAAAA", "acme.short", "acme.AAAAAAAAAAAAAAAAAAAAAAA",
            "ac me.AAAAAAAAAAAAAAAAAAAAAA", "acme.AAAAAAAAAAAAAAAAAAAA+/", "acme.AAAAAAAAAAAAAAAAAAAA\u001b["})
    void malformedCodes_areNotCodes(String value) {
        assertThat(AcceptCode.parse(value)).isEmpty();
    }
}
