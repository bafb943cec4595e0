package com.tenantgraph.authorizer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench's report must stay valid JSON whatever a line holds (a failed cold start's stack trace has tabs and newlines). */
class AuthorizerBenchJsonTest {

    @Test
    void reportJson_readsBackExactly_whateverAColdStartLineHolds() throws Exception {
        // GIVEN a cold-start line with quotes, a backslash, a newline, a tab, a carriage return and a control character
        String failure = "Exception \"main\" java.lang.NoClassDefFoundError\n\tat C:\\x\r\u0001";

        // WHEN written and read back
        Map<String, Object> report = JSONObjectUtils.parse(AuthorizerBench.reportJson(26_001.4, 500_000, 31_374.6,
                24_000.5, List.of("  Cold start, medians of 7: 412 ms", failure)));

        // THEN every figure and every line comes back as it went in (lines stripped of their indentation)
        assertThat(report).containsEntry("freshTokensPerSecond", 26_001L).containsEntry("repeatedTokenPerSecond", 500_000L)
                .containsEntry("jdkRawVerifyPerSecond", 31_375L).containsEntry("awsJwtVerifySyncPerSecond", 24_001L)
                .containsEntry("freshOverJdkRaw", 0.829)
                .containsEntry("coldStart", List.of("Cold start, medians of 7: 412 ms", failure.strip()));
    }

    @Test
    void reportJson_writesNull_whenAwsJwtVerifyWasNotMeasured() throws Exception {
        Map<String, Object> report = JSONObjectUtils.parse(AuthorizerBench.reportJson(1, 2, 3, Double.NaN, List.of()));

        assertThat(report).containsEntry("awsJwtVerifySyncPerSecond", null).containsEntry("coldStart", List.of());
    }
}
