package com.tenantgraph.local.cognito;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An app client's {@code WriteAttributes}, applied as Cognito applies them to the public (unsigned, app-client)
 * operations that write user attributes: {@code SignUp} ({@code UserAttributes}, client from {@code ClientId}),
 * {@code UpdateUserAttributes} ({@code UserAttributes}, client from the access token's {@code client_id}) and
 * {@code RespondToAuthChallenge} (the {@code userAttributes.NAME} challenge responses of NEW_PASSWORD_REQUIRED,
 * client from {@code ClientId}). Admin* operations are IAM-signed calls, which WriteAttributes do not limit.
 *
 * <p>It only refuses: a request it cannot read (no JSON, a token that is no JWT) or for a client it does not know is
 * left to cognito-local, which refuses what is malformed or unknown itself. The access token's signature is not
 * checked here either: cognito-local checks it before it writes anything, so a forged {@code client_id} gets no
 * further than a forged token.
 */
final class WriteAttributesPolicy {
    static final String TARGET_PREFIX = "AWSCognitoIdentityProviderService.";
    private static final String CHALLENGE_ATTRIBUTE = "userAttributes.";

    private final Map<String, Set<String>> writableByClient;

    /** @param writableByClient app client id to the attributes it may write */
    WriteAttributesPolicy(Map<String, ? extends java.util.Collection<String>> writableByClient) {
        this.writableByClient = writableByClient.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Set.copyOf(e.getValue())));
    }

    /** True when Cognito would refuse this request with "A client attempted to write unauthorized attribute". */
    boolean refuses(String target, byte[] body) {
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            return false;
        }
        String operation = target.substring(TARGET_PREFIX.length());
        if (!List.of("SignUp", "UpdateUserAttributes", "RespondToAuthChallenge").contains(operation)) {
            return false;
        }
        Map<String, Object> request = json(body).orElse(null);
        if (request == null) {
            return false;
        }
        String clientId = operation.equals("UpdateUserAttributes")
                ? clientIdOfAccessToken(request.get("AccessToken")).orElse(null)
                : request.get("ClientId") instanceof String id ? id : null;
        Set<String> writable = clientId == null ? null : writableByClient.get(clientId);
        if (writable == null) {
            return false;
        }
        return written(operation, request).stream().anyMatch(name -> !writable.contains(name));
    }

    /** The attribute names the request writes. */
    private static List<String> written(String operation, Map<String, Object> request) {
        if (operation.equals("RespondToAuthChallenge")) {
            return request.get("ChallengeResponses") instanceof Map<?, ?> responses
                    ? responses.keySet().stream().map(String::valueOf).filter(k -> k.startsWith(CHALLENGE_ATTRIBUTE))
                            .map(k -> k.substring(CHALLENGE_ATTRIBUTE.length())).toList()
                    : List.of();
        }
        return request.get("UserAttributes") instanceof List<?> attributes
                ? attributes.stream().filter(Map.class::isInstance).map(a -> String.valueOf(((Map<?, ?>) a).get("Name")))
                        .toList()
                : List.of();
    }

    private static Optional<String> clientIdOfAccessToken(Object token) {
        if (!(token instanceof String jwt)) {
            return Optional.empty();
        }
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return json(Base64.getUrlDecoder().decode(parts[1]))
                    .map(claims -> claims.get("client_id") instanceof String id ? id : null);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static Optional<Map<String, Object>> json(byte[] bytes) {
        try {
            Object value = JSON.std.anyFrom(new String(bytes, StandardCharsets.UTF_8));
            @SuppressWarnings("unchecked")
            Map<String, Object> map = value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
            return Optional.ofNullable(map);
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }
}
