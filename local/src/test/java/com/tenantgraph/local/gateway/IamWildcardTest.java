package com.tenantgraph.local.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IamWildcardTest {
    private static final String ARN = "arn:aws:execute-api:us-east-1:000000000000:local/local/POST/graphql";

    @ParameterizedTest
    @CsvSource({
            "arn:aws:execute-api:us-east-1:000000000000:local/local/POST/graphql",
            "*",
            "arn:aws:execute-api:us-east-1:000000000000:local/local/*/*",
            "arn:aws:execute-api:us-east-1:000000000000:local/*",
            "arn:aws:execute-api:*:*:local/local/POST/*",
            "arn:aws:execute-api:us-east-1:000000000000:local/local/P?ST/graphql",
            "arn:aws:execute-api:*",
            "*graphql",
            "arn:*:local/**/graphql",
    })
    void matches_whenPatternCoversArn(String pattern) {
        assertThat(IamWildcard.matches(pattern, ARN, false)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({
            "arn:aws:execute-api:us-east-1:000000000000:local/local/GET/graphql",
            "arn:aws:execute-api:us-east-1:000000000000:local/prod/*/*",
            "arn:aws:execute-api:us-east-1:000000000000:other/*",
            "arn:aws:execute-api:us-east-1:000000000000:local/local/POST/graphql/*x",
            "arn:aws:execute-api:us-east-1:000000000000:local/local/post/graphql",
            "arn:aws:execute-api:us-east-1:000000000000:local/local/POST/graph",
            "arn:aws:execute-api:us-east-1:000000000000:local/local/POST/graphql?",
            "''",
    })
    void doesNotMatch_whenPatternMissesArn(String pattern) {
        assertThat(IamWildcard.matches(pattern, ARN, false)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"execute-api:Invoke", "execute-api:*", "*", "EXECUTE-API:invoke", "execute-api:Inv*"})
    void matchesAction_ignoringCase(String action) {
        assertThat(IamWildcard.matches(action, "execute-api:Invoke", true)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"execute-api:ManageConnections", "lambda:*", "execute-api:Invoke2"})
    void doesNotMatchOtherActions(String action) {
        assertThat(IamWildcard.matches(action, "execute-api:Invoke", true)).isFalse();
    }
}
