package com.tenantgraph.authorizer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The API-wide resource derived from the methodArn. */
class ApiArnTest {

    @ParameterizedTest
    @CsvSource({
        "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/POST/graphql,"
                + "arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*/*",
        "arn:aws:execute-api:eu-west-3:123456789012:a1B2c3/dev_2/GET/,"
                + "arn:aws:execute-api:eu-west-3:123456789012:a1B2c3/dev_2/*/*",
        "arn:aws-cn:execute-api:cn-north-1:123456789012:abc/v1/GET/a/b/c,"
                + "arn:aws-cn:execute-api:cn-north-1:123456789012:abc/v1/*/*",
    })
    void apiWideResource_coversEveryMethodAndPathOfApiAndStage(String methodArn, String expected) {
        assertThat(ApiArn.apiWideResource(methodArn)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "*",
        "arn:aws:execute-api:us-east-1:123456789012:*/prod/POST/graphql",
        "arn:aws:execute-api:us-east-1:123456789012:abc/*/POST/graphql",
        "arn:aws:execute-api:us-east-1:*:abc/prod/POST/graphql",
        "arn:aws:execute-api:*:123456789012:abc/prod/POST/graphql",
        "arn:aws:execute-api:us-east-1:123456789012:abc",
        "arn:aws:execute-api:us-east-1:123456789012:abc/prod",
        "arn:aws:lambda:us-east-1:123456789012:function/prod/x",
        "arn:aws:execute-api:us-east-1:1234:abc/prod/GET/x",
    })
    void apiWideResource_isNull_whenArnNamesNoSingleApiAndStage(String methodArn) {
        assertThat(ApiArn.apiWideResource(methodArn)).isNull();
    }

    @Test
    void apiWideResource_isNull_whenMissing() {
        assertThat(ApiArn.apiWideResource(null)).isNull();
    }
}
