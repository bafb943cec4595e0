package com.tenantgraph.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseFormatTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"application/json", "*/*", "application/*", "text/html, */*;q=0.8",
            "APPLICATION/JSON; charset=utf-8"})
    void negotiate_isJson_whenTheClientAcceptsJsonOrAnything(String accept) {
        // GIVEN an Accept header that allows application/json (or no header at all)
        // WHEN negotiated
        ResponseFormat format = ResponseFormat.negotiate(accept);

        // THEN application/json
        assertThat(format).isEqualTo(ResponseFormat.JSON);
        assertThat(format.contentType()).isEqualTo("application/json; charset=utf-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/graphql-response+json",
            "application/graphql-response+json, application/json;q=0.9", "application/json, application/graphql-response+json"})
    void negotiate_prefersGraphQlResponseJson_whenTheClientAcceptsIt(String accept) {
        // GIVEN an Accept header naming the GraphQL response media type
        // WHEN negotiated
        ResponseFormat format = ResponseFormat.negotiate(accept);

        // THEN application/graphql-response+json
        assertThat(format).isEqualTo(ResponseFormat.GRAPHQL_RESPONSE_JSON);
        assertThat(format.contentType()).isEqualTo("application/graphql-response+json; charset=utf-8");
    }

    @ParameterizedTest
    @CsvSource({"text/html", "text/html, application/xhtml+xml", "image/png"})
    void negotiate_isNull_whenNothingAcceptableIsNamed(String accept) {
        // GIVEN an Accept header naming only types the API cannot produce
        // WHEN negotiated
        ResponseFormat format = ResponseFormat.negotiate(accept);

        // THEN none (the processor answers 406)
        assertThat(format).isNull();
    }
}
