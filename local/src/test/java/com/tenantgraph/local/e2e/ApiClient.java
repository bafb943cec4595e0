package com.tenantgraph.local.e2e;

import com.fasterxml.jackson.jr.ob.JSON;
import com.tenantgraph.local.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthFlowType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AuthenticationResultType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InitiateAuthRequest;

/** What a front end does: sign in through the Cognito API, then send GraphQL over HTTP with the ID token. */
final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final LocalStack stack;

    ApiClient(LocalStack stack) {
        this.stack = stack;
    }

    AuthenticationResultType signIn(String username, String password) {
        return stack.cognito().initiateAuth(InitiateAuthRequest.builder()
                .clientId(stack.output("userPoolClientId"))
                .authFlow(AuthFlowType.USER_PASSWORD_AUTH)
                .authParameters(Map.of("USERNAME", username, "PASSWORD", password))
                .build()).authenticationResult();
    }

    String idToken(String username, String password) {
        return signIn(username, password).idToken();
    }

    Response query(String idToken, String query) {
        return post(idToken == null ? Map.of() : Map.of("Authorization", "Bearer " + idToken),
                json(Map.of("query", query)));
    }

    Response post(Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.graphqlUrl())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    Response get(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    private static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), JSON.std.mapFrom(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(Object value) {
        try {
            return JSON.std.asString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP response with its JSON body. */
    record Response(int status, Map<String, List<String>> headers, Map<String, Object> body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> data(String field) {
            return (Map<String, Object>) ((Map<String, Object>) body.get("data")).get(field);
        }

        @SuppressWarnings("unchecked")
        String firstErrorCode() {
            List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
            return errors == null || errors.isEmpty() ? null
                    : (String) ((Map<String, Object>) errors.get(0).get("extensions")).get("code");
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }
}
