package com.tenantgraph.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.tenantgraph.api.MockedTableApi.Reply;
import com.tenantgraph.pipeline.QueryLimits;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GraphQL-over-HTTP through the whole handler: status codes, media types and the GraphQL error shape of refusals made
 * before GraphQL runs (every one an {@code errors} array whose first entry has {@code extensions.code}).
 */
class GraphQlOverHttpTest {
    private static final String QUERY = "{\"query\":\"{ tenant { name } }\"}";

    private final MockedTableApi api = new MockedTableApi().withActiveAdmin();

    private static APIGatewayProxyRequestEvent post(Map<String, String> headers, String body) {
        return MockedTableApi.event("POST", headers, body, MockedTableApi.validAuthorizer());
    }

    @Test
    void post_isUnsupportedMediaType_withoutContentType() {
        // GIVEN a POST without Content-Type
        // WHEN sent
        Reply reply = api.send(post(Map.of(), QUERY));

        // THEN 415 with a GraphQL-shaped error, and nothing read
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(reply.firstErrorMessage()).isEqualTo("Content-Type must be application/json");
        verifyNoInteractions(api.dynamoDb);
    }

    @Test
    void post_isUnsupportedMediaType_withAWrongContentType() {
        // GIVEN a POST as a form
        // WHEN sent
        Reply reply = api.send(post(Map.of("Content-Type", "application/x-www-form-urlencoded"), QUERY));

        // THEN 415
        assertThat(reply.status()).isEqualTo(415);
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "''                                                       | The request body is empty",
            "'not json at all'                                        | The request body is not valid JSON",
            "'[1, 2]'                                                 | The request body must be a JSON object",
            "'{\"operationName\":\"Q\"}'                              | The query must be a non-empty string",
            "'{\"query\":[\"{ me { id } }\"]}'                        | The query must be a non-empty string",
            "'{\"query\":\"{ me { id } }\",\"variables\":\"x=1\"}'    | variables must be a JSON object",
            "'{\"query\":\"{ me { id } }\",\"operationName\":true}'   | operationName must be a string"})
    void post_isBadRequestWithSpecificMessage_whenTheBodyIsMalformed(String body, String message) {
        // GIVEN a JSON POST with a malformed body
        // WHEN sent
        Reply reply = api.send(post(Map.of("Content-Type", "application/json"), body));

        // THEN 400 BAD_USER_INPUT saying exactly what is wrong, with no data, and nothing read
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(reply.firstErrorMessage()).startsWith(message);
        assertThat(reply.body()).doesNotContainKey("data");
        verifyNoInteractions(api.dynamoDb);
    }

    @Test
    void put_isMethodNotAllowed_withAnAllowHeader() {
        // GIVEN a PUT
        // WHEN sent
        Reply reply = api.send(MockedTableApi.event("PUT", Map.of("Content-Type", "application/json"), QUERY,
                MockedTableApi.validAuthorizer()));

        // THEN 405 naming the allowed methods
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.headers()).containsEntry("Allow", "GET, POST");
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
    }

    @Test
    void get_isMethodNotAllowed_forAMutation() {
        // GIVEN a GET carrying a mutation (GET must be safe)
        APIGatewayProxyRequestEvent event = MockedTableApi.get(Map.of("query", "mutation { renameTenant }"));

        // WHEN sent
        Reply reply = api.send(event);

        // THEN 405 with Allow: POST, and the table untouched
        assertThat(reply.status()).isEqualTo(405);
        assertThat(reply.headers()).containsEntry("Allow", "POST");
        assertThat(reply.firstErrorMessage()).isEqualTo("Mutations must be sent with POST");
        verifyNoInteractions(api.dynamoDb);
    }

    @Test
    void get_isMethodNotAllowed_whenTheNamedOperationIsAMutation() {
        // GIVEN a GET whose document holds a query and a mutation, naming the mutation
        APIGatewayProxyRequestEvent event = MockedTableApi.get(Map.of(
                "query", "query Q { tenant { name } } mutation M { renameTenant }", "operationName", "M"));

        // WHEN sent
        Reply reply = api.send(event);

        // THEN 405
        assertThat(reply.status()).isEqualTo(405);
    }

    @Test
    void get_answersAQuery() {
        // GIVEN a GET with a query in the query string
        APIGatewayProxyRequestEvent event = MockedTableApi.get(Map.of("query", "{ tenant { name } }"));

        // WHEN sent
        Reply reply = api.send(event);

        // THEN answered like a POST
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.data()).isEqualTo(Map.of("tenant", Map.of("name", "Acme")));
    }

    @Test
    void get_answersTheNamedQueryWithVariables() {
        // GIVEN a GET naming one of two queries, with variables
        APIGatewayProxyRequestEvent event = MockedTableApi.get(Map.of(
                "query", "query A { me { role } } query B($skip: Boolean!) { tenant { name @skip(if: $skip) plan } }",
                "operationName", "B", "variables", "{\"skip\":true}"));

        // WHEN sent
        Reply reply = api.send(event);

        // THEN B runs with its variables
        assertThat(reply.data()).isEqualTo(Map.of("tenant", Map.of("plan", "TEAM")));
    }

    @Test
    void request_isNotAcceptable_whenAcceptNamesOnlyHtml() {
        // GIVEN a browser-style Accept header without JSON
        Reply reply = api.send(post(Map.of("Content-Type", "application/json", "Accept", "text/html"), QUERY));

        // THEN 406, in application/json (the one thing always produced), and nothing read
        assertThat(reply.status()).isEqualTo(406);
        assertThat(reply.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
        verifyNoInteractions(api.dynamoDb);
    }

    @Test
    void request_answersInGraphQlResponseJson_whenTheClientAcceptsIt() {
        // GIVEN a client that accepts application/graphql-response+json
        Reply reply = api.send(post(Map.of("Content-Type", "application/json",
                "Accept", "application/graphql-response+json"), QUERY));

        // THEN that is the content type, and a successful query is 200
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/graphql-response+json; charset=utf-8");
        assertThat(reply.data()).isEqualTo(Map.of("tenant", Map.of("name", "Acme")));
    }

    @Test
    void syntaxError_isHttp400_inGraphQlResponseJson() {
        // GIVEN a client that accepts application/graphql-response+json
        // WHEN it sends a query that does not parse
        Reply reply = api.send(post(Map.of("Content-Type", "application/json",
                "Accept", "application/graphql-response+json"), "{\"query\":\"{ tenant { name }\"}"));

        // THEN 400 with a BAD_USER_INPUT error and no data key
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/graphql-response+json");
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(reply.body()).doesNotContainKey("data");
    }

    @Test
    void syntaxError_isHttp200WithErrors_inApplicationJson() {
        // GIVEN a client that accepts application/json only
        // WHEN it sends a query that does not parse
        Reply reply = api.send(post(Map.of("Content-Type", "application/json", "Accept", "application/json"),
                "{\"query\":\"{ tenant { name }\"}"));

        // THEN 200 (GraphQL ran) with a BAD_USER_INPUT error
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(reply.body()).doesNotContainKey("data");
    }

    @Test
    void validationError_isHttp400_inGraphQlResponseJson() {
        // GIVEN a client that accepts application/graphql-response+json
        // WHEN it asks for a field that does not exist
        Reply reply = api.send(post(Map.of("Content-Type", "application/json",
                "Accept", "application/graphql-response+json"), "{\"query\":\"{ tenant { secret } }\"}"));

        // THEN 400 BAD_USER_INPUT
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
        assertThat(reply.firstErrorMessage()).contains("secret");
    }

    @Test
    void post_isPayloadTooLarge_whenTheBodyExceedsMaxBodyBytes() {
        // GIVEN a body one byte over MAX_BODY_BYTES
        int limit = QueryLimits.defaults().maxBodyBytes();
        String prefix = "{\"query\":\"{ tenant { name } }\",\"padding\":\"";
        String body = prefix + "x".repeat(limit - prefix.length() - 2 + 1) + "\"}";

        // WHEN sent
        Reply reply = api.send(post(Map.of("Content-Type", "application/json"), body));

        // THEN 413, and nothing read
        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.firstErrorCode()).isEqualTo("BAD_USER_INPUT");
        verifyNoInteractions(api.dynamoDb);
    }

    @Test
    void post_decodesABase64EncodedBody() {
        // GIVEN a body API Gateway passed base64-encoded
        String encoded = Base64.getEncoder().encodeToString(QUERY.getBytes(StandardCharsets.UTF_8));
        APIGatewayProxyRequestEvent event = post(Map.of("Content-Type", "application/json"), encoded)
                .withIsBase64Encoded(true);

        // WHEN sent
        Reply reply = api.send(event);

        // THEN the decoded query runs
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.data()).isEqualTo(Map.of("tenant", Map.of("name", "Acme")));
    }

    @Test
    void everyReply_isUncachableAndVariesOnAccept() {
        // GIVEN any answered request
        Reply reply = api.send(post(Map.of("Content-Type", "application/json"), QUERY));

        // THEN it must not be cached by intermediaries, and says it depends on Accept
        assertThat(reply.headers()).containsEntry("Cache-Control", "no-store").containsEntry("Vary", "Accept");
    }
}
