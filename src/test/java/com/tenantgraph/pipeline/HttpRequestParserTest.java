package com.tenantgraph.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.tenantgraph.api.Application;
import com.tenantgraph.errors.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The GraphQL-over-HTTP request rules, on the parser itself. */
class HttpRequestParserTest {
    private static final Headers JSON = new Headers(Map.of("Content-Type", "application/json"));

    private final HttpRequestParser parser = new HttpRequestParser(QueryLimits.defaults());

    private HttpProblem problem(String method, Headers headers, Map<String, String> parameters, String body) {
        return catchThrowableOfType(HttpProblem.class, () -> parser.parse(method, headers, parameters, body, false));
    }

    @Test
    void parse_readsQueryOperationNameAndVariables_fromAPostedJsonObject() {
        // GIVEN a complete POST body
        String body = "{\"query\":\"query Q($n: Int) { me { id } }\",\"operationName\":\"Q\",\"variables\":{\"n\":3}}";

        // WHEN parsed
        GraphQlRequest request = parser.parse("POST", JSON, null, body, false);

        // THEN every part is taken
        assertThat(request.query()).isEqualTo("query Q($n: Int) { me { id } }");
        assertThat(request.operationName()).isEqualTo("Q");
        assertThat(request.variables()).containsEntry("n", 3);
        assertThat(request.viaGet()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON ;charset=UTF-8"})
    void parse_acceptsJsonContentType_withParametersAndAnyCase(String contentType) {
        // GIVEN a POST with a JSON media type, written in one of the ways clients write it
        Headers headers = new Headers(Map.of("content-type", contentType));

        // WHEN parsed
        GraphQlRequest request = parser.parse("post", headers, null, "{\"query\":\"{ me { id } }\"}", false);

        // THEN accepted
        assertThat(request.query()).isEqualTo("{ me { id } }");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/graphql", "application/x-www-form-urlencoded",
            "application/jsonx"})
    void parse_isUnsupportedMediaType_whenContentTypeIsNotJson(String contentType) {
        // GIVEN a POST with another media type
        Headers headers = new Headers(Map.of("Content-Type", contentType));

        // WHEN parsed
        HttpProblem problem = problem("POST", headers, null, "{\"query\":\"{ me { id } }\"}");

        // THEN 415
        assertThat(problem.status()).isEqualTo(415);
        assertThat(problem.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
        assertThat(problem.getMessage()).contains("application/json");
    }

    @Test
    void parse_isUnsupportedMediaType_whenContentTypeIsMissing() {
        // GIVEN a POST without Content-Type
        // WHEN parsed
        HttpProblem problem = problem("POST", new Headers(Map.of()), null, "{\"query\":\"{ me { id } }\"}");

        // THEN 415
        assertThat(problem.status()).isEqualTo(415);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
            "''                                         | The request body is empty",
            "'   '                                      | The request body is empty",
            "'{not json'                                | The request body is not valid JSON: unexpected character 'n', expected a string key at line 1, column 2",
            "'{\"query\":\"{ me { id } }\",}'            | The request body is not valid JSON: unexpected character '}', expected a string key at line 1, column 26",
            "'{\"query\":\"a\",\"query\":\"b\"}'      | The request body is not valid JSON: duplicate key \"query\" at line 1, column 14",
            "'[{\"query\":\"{ me { id } }\"}]'           | The request body must be a JSON object",
            "'\"{ me { id } }\"'                         | The request body must be a JSON object",
            "'{}'                                       | The query must be a non-empty string",
            "'{\"query\":42}'                           | The query must be a non-empty string",
            "'{\"query\":\"  \"}'                       | The query must be a non-empty string",
            "'{\"query\":{\"q\":1}}'                    | The query must be a non-empty string",
            "'{\"query\":\"{ me { id } }\",\"variables\":[1]}'       | variables must be a JSON object",
            "'{\"query\":\"{ me { id } }\",\"variables\":\"{}\"}'    | variables must be a JSON object",
            "'{\"query\":\"{ me { id } }\",\"operationName\":7}'     | operationName must be a string"})
    void parse_isBadRequestWithASpecificMessage_whenTheBodyIsMalformed(String body, String message) {
        // GIVEN a JSON POST whose body is wrong in one specific way
        // WHEN parsed
        HttpProblem problem = problem("POST", JSON, null, body);

        // THEN 400 BAD_USER_INPUT saying what is wrong
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.code()).isEqualTo(ErrorCode.BAD_USER_INPUT);
        assertThat(problem.getMessage()).startsWith(message);
    }

    @Test
    void parse_treatsNullAndEmptyOperationNameAndNullVariablesAsAbsent() {
        // GIVEN explicit nulls, as many clients send them
        String body = "{\"query\":\"{ me { id } }\",\"operationName\":\"\",\"variables\":null}";

        // WHEN parsed
        GraphQlRequest request = parser.parse("POST", JSON, null, body, false);

        // THEN no operation name and no variables
        assertThat(request.operationName()).isNull();
        assertThat(request.variables()).isEmpty();
    }

    @Test
    void parse_isPayloadTooLarge_whenTheBodyExceedsMaxBodyBytes() {
        // GIVEN a body one byte over the limit, counted in UTF-8 bytes (each é is two)
        int limit = QueryLimits.defaults().maxBodyBytes();
        String prefix = "{\"query\":\"{ me { id } }\",\"x\":\"";
        String suffix = "\"}";
        int room = limit - prefix.length() - suffix.length();
        String body = prefix + "é".repeat(room / 2) + "a".repeat(room % 2) + "a" + suffix;
        assertThat(body.getBytes(StandardCharsets.UTF_8).length).isEqualTo(limit + 1);

        // WHEN parsed
        HttpProblem problem = problem("POST", JSON, null, body);

        // THEN 413
        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.getMessage()).contains(String.valueOf(limit));
    }

    @Test
    void parse_acceptsABodyOfExactlyMaxBodyBytes() {
        // GIVEN a body exactly at the limit
        int limit = QueryLimits.defaults().maxBodyBytes();
        String prefix = "{\"query\":\"{ me { id } }\",\"x\":\"";
        String suffix = "\"}";
        String body = prefix + "a".repeat(limit - prefix.length() - suffix.length()) + suffix;

        // WHEN parsed
        GraphQlRequest request = parser.parse("POST", JSON, null, body, false);

        // THEN accepted
        assertThat(request.query()).isEqualTo("{ me { id } }");
    }

    @Test
    void parse_isBadRequest_whenTheQueryIsLongerThanMaxQueryChars() {
        // GIVEN a query one character over the limit, in a body under the byte limit
        QueryLimits small = new QueryLimits(20, 4_000, 10, 500, 30, 65_536);
        String query = "{ me { id } }" + " ".repeat(8);

        // WHEN parsed
        HttpProblem problem = catchThrowableOfType(HttpProblem.class, () -> new HttpRequestParser(small)
                .parse("POST", JSON, null, "{\"query\":\"" + query + "\"}", false));

        // THEN 400 naming the limit
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage()).isEqualTo("The query exceeds 20 characters");
    }

    @Test
    void parse_decodesABase64Body() {
        // GIVEN a body API Gateway passed base64-encoded
        String body = Base64.getEncoder().encodeToString(
                "{\"query\":\"{ tenant { name } }\"}".getBytes(StandardCharsets.UTF_8));

        // WHEN parsed with isBase64Encoded
        GraphQlRequest request = parser.parse("POST", JSON, null, body, true);

        // THEN the decoded JSON is read
        assertThat(request.query()).isEqualTo("{ tenant { name } }");
    }

    @Test
    void parse_isBadRequest_whenTheBase64BodyIsNotBase64() {
        // GIVEN a body flagged base64 that is not
        // WHEN parsed
        HttpProblem problem = catchThrowableOfType(HttpProblem.class,
                () -> parser.parse("POST", JSON, null, "{\"query\":\"{ me { id } }\"}", true));

        // THEN 400
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage()).isEqualTo("The request body is not valid base64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"})
    void parse_isMethodNotAllowedWithAllowHeader_forOtherMethods(String method) {
        // GIVEN a request with a method GraphQL-over-HTTP does not use
        // WHEN parsed
        HttpProblem problem = problem(method, JSON, null, "{\"query\":\"{ me { id } }\"}");

        // THEN 405 with Allow: GET, POST
        assertThat(problem.status()).isEqualTo(405);
        assertThat(problem.headers()).containsEntry("Allow", "GET, POST");
    }

    @Test
    void parse_readsAGetRequestFromQueryParameters() {
        // GIVEN a GET with query, operationName and JSON-encoded variables
        Map<String, String> parameters = Map.of("query", "query Q { me { id } }", "operationName", "Q",
                "variables", "{\"a\":\"b\"}");

        // WHEN parsed
        GraphQlRequest request = parser.parse("GET", new Headers(null), parameters, null, false);

        // THEN every part is taken, and the request is marked as a GET
        assertThat(request.query()).isEqualTo("query Q { me { id } }");
        assertThat(request.operationName()).isEqualTo("Q");
        assertThat(request.variables()).containsEntry("a", "b");
        assertThat(request.viaGet()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{oops   | The variables parameter is not valid JSON: unexpected character 'o', expected a string key at line 1, column 2",
            "[1,2]   | variables must be a JSON object"})
    void parse_isBadRequest_whenGetVariablesAreNotAJsonObject(String variables, String message) {
        // GIVEN a GET whose variables parameter is wrong
        Map<String, String> parameters = Map.of("query", "{ me { id } }", "variables", variables);

        // WHEN parsed
        HttpProblem problem = problem("GET", new Headers(null), parameters, null);

        // THEN 400 saying so
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage()).isEqualTo(message);
    }

    @Test
    void parse_isBadRequest_whenAGetHasNoQuery() {
        // GIVEN a GET without parameters
        // WHEN parsed
        HttpProblem problem = problem("GET", new Headers(null), null, null);

        // THEN 400
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.getMessage()).isEqualTo("The query must be a non-empty string");
    }
}
