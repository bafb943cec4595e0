package com.tenantgraph.authorizer.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bench's report must stay valid JSON whatever a line holds (a failed cold start's stack trace has tabs and newlines). */
class AuthorizerBenchJsonTest {

    @Test
    void jsonString_escapesQuotesBackslashesAndEveryControlCharacter() {
        String line = "Exception \"main\" java.lang.NoClassDefFoundError\n\tat C:\\x\r\u0001";

        assertThat(AuthorizerBench.jsonString(line))
                .isEqualTo("\"Exception \\\"main\\\" java.lang.NoClassDefFoundError\\n\\tat C:\\\\x\\r\\u0001\"");
    }

    @Test
    void jsonString_leavesOrdinaryTextAlone() {
        assertThat(AuthorizerBench.jsonString("Cold start, medians of 7: 412 ms")).isEqualTo("\"Cold start, medians of 7: 412 ms\"");
    }
}
