package com.tenantgraph.authorizer;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the authorizer trusts, read once at init. Every component is validated here, so a misconfigured function
 * fails its init with a message naming the environment variable instead of answering 401 to everyone.
 *
 * @param issuer                 {@code USER_POOL_ISSUER}: the exact {@code iss} of the user pool's tokens
 * @param allowedClientIds       {@code ALLOWED_CLIENT_IDS}: app clients whose tokens are accepted ({@code aud} of an
 *                               ID token, {@code client_id} of an access token)
 * @param allowedTokenUses       {@code ALLOWED_TOKEN_USES}: {@code id} and/or {@code access}
 * @param tenantClaim            {@code TENANT_CLAIM}: the claim holding the tenant id
 * @param clockSkew              {@code CLOCK_SKEW_SECONDS}: tolerance for {@code exp}, {@code nbf} and {@code iat}
 * @param maxTokenLength         {@code MAX_TOKEN_LENGTH}: longest token looked at, checked before any parsing
 * @param jwksUrl                where the signing keys come from: {@code issuer + "/.well-known/jwks.json"}, or
 *                               {@code JWKS_URL_OVERRIDE} (loopback only)
 * @param jwksRefreshMinInterval {@code JWKS_REFRESH_MIN_INTERVAL_SECONDS}: at most one JWKS fetch per interval
 * @param jwksConnectTimeout     {@code JWKS_CONNECT_TIMEOUT_MS}
 * @param jwksReadTimeout        {@code JWKS_READ_TIMEOUT_MS}
 * @param jwksMaxBytes           {@code JWKS_MAX_BYTES}: a larger JWKS response is refused
 * @param signatureProvider      {@code SIGNATURE_PROVIDER}: {@code accp} (the default; the JDK's provider if ACCP's
 *                               native library does not load) or {@code jdk} ({@link SignatureProvider})
 */
public record AuthorizerConfig(
        String issuer,
        Set<String> allowedClientIds,
        Set<String> allowedTokenUses,
        String tenantClaim,
        Duration clockSkew,
        int maxTokenLength,
        URI jwksUrl,
        Duration jwksRefreshMinInterval,
        Duration jwksConnectTimeout,
        Duration jwksReadTimeout,
        int jwksMaxBytes,
        SignatureProvider.Requested signatureProvider) {

    public static final String TOKEN_USE_ID = "id";
    public static final String TOKEN_USE_ACCESS = "access";

    static final String JWKS_PATH = "/.well-known/jwks.json";
    private static final Set<String> KNOWN_TOKEN_USES = Set.of(TOKEN_USE_ID, TOKEN_USE_ACCESS);

    public AuthorizerConfig {
        URI issuerUri = validateIssuer(issuer);
        allowedClientIds = validateClientIds(allowedClientIds);
        allowedTokenUses = validateTokenUses(allowedTokenUses);
        require(tenantClaim != null && !tenantClaim.isBlank() && tenantClaim.strip().equals(tenantClaim),
                "TENANT_CLAIM must be a claim name without surrounding whitespace");
        requireRange(clockSkew, Duration.ZERO, Duration.ofMinutes(5), "CLOCK_SKEW_SECONDS");
        require(maxTokenLength >= 1024 && maxTokenLength <= 65_536, "MAX_TOKEN_LENGTH must be between 1024 and 65536");
        validateJwksUrl(jwksUrl, issuerUri);
        requireRange(jwksRefreshMinInterval, Duration.ofSeconds(1), Duration.ofDays(1),
                "JWKS_REFRESH_MIN_INTERVAL_SECONDS");
        requireRange(jwksConnectTimeout, Duration.ofMillis(1), Duration.ofSeconds(30), "JWKS_CONNECT_TIMEOUT_MS");
        requireRange(jwksReadTimeout, Duration.ofMillis(1), Duration.ofSeconds(30), "JWKS_READ_TIMEOUT_MS");
        require(jwksMaxBytes >= 1024 && jwksMaxBytes <= 1_048_576, "JWKS_MAX_BYTES must be between 1024 and 1048576");
        require(signatureProvider != null, "SIGNATURE_PROVIDER must be 'accp' or 'jdk'");
    }

    /**
     * Reads the configuration from environment variables (see the README for each one and its default).
     *
     * @throws IllegalArgumentException naming the variable that is missing or wrong
     */
    public static AuthorizerConfig fromEnvironment(Map<String, String> env) {
        String issuer = required(env, "USER_POOL_ISSUER");
        validateIssuer(issuer);
        String override = optional(env, "JWKS_URL_OVERRIDE", null);
        URI jwksUrl = override == null ? URI.create(issuer + JWKS_PATH) : parseOverride(override);
        return new AuthorizerConfig(
                issuer,
                commaSeparated(required(env, "ALLOWED_CLIENT_IDS")),
                commaSeparated(optional(env, "ALLOWED_TOKEN_USES", TOKEN_USE_ID)),
                optional(env, "TENANT_CLAIM", "custom:tenantId"),
                Duration.ofSeconds(integer(env, "CLOCK_SKEW_SECONDS", 30)),
                integer(env, "MAX_TOKEN_LENGTH", 8192),
                jwksUrl,
                Duration.ofSeconds(integer(env, "JWKS_REFRESH_MIN_INTERVAL_SECONDS", 60)),
                Duration.ofMillis(integer(env, "JWKS_CONNECT_TIMEOUT_MS", 1000)),
                Duration.ofMillis(integer(env, "JWKS_READ_TIMEOUT_MS", 1500)),
                integer(env, "JWKS_MAX_BYTES", 64 * 1024),
                SignatureProvider.Requested.fromCode(optional(env, "SIGNATURE_PROVIDER", "accp")));
    }

    /** The JWKS location the issuer implies; {@link #jwksUrl()} differs from it only for a loopback override. */
    public URI issuerJwksUrl() {
        return URI.create(issuer + JWKS_PATH);
    }

    private static URI validateIssuer(String issuer) {
        require(issuer != null && !issuer.isBlank(), "USER_POOL_ISSUER is required");
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("USER_POOL_ISSUER is not a valid URL: " + e.getMessage(), e);
        }
        require(uri.isAbsolute() && uri.getHost() != null && uri.getRawUserInfo() == null
                        && uri.getRawQuery() == null && uri.getRawFragment() == null,
                "USER_POOL_ISSUER must be an absolute URL with a host and no user info, query or fragment");
        require(!issuer.endsWith("/"), "USER_POOL_ISSUER must not end with '/' (it is compared exactly with iss)");
        requireSecureOrLoopback(uri, "USER_POOL_ISSUER");
        return uri;
    }

    private static void validateJwksUrl(URI jwksUrl, URI issuer) {
        require(jwksUrl != null, "jwksUrl is required (derived from USER_POOL_ISSUER, or JWKS_URL_OVERRIDE)");
        if (jwksUrl.equals(URI.create(issuer + JWKS_PATH))) {
            return;
        }
        validateOverride(jwksUrl);
    }

    private static URI parseOverride(String override) {
        URI uri;
        try {
            uri = new URI(override);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("JWKS_URL_OVERRIDE is not a valid URL: " + e.getMessage(), e);
        }
        validateOverride(uri);
        return uri;
    }

    private static void validateOverride(URI uri) {
        require(uri.isAbsolute() && uri.getHost() != null && uri.getRawUserInfo() == null
                        && uri.getRawFragment() == null,
                "JWKS_URL_OVERRIDE must be an absolute URL with a host and no user info or fragment");
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        require(scheme.equals("http") || scheme.equals("https"), "JWKS_URL_OVERRIDE must be an http(s) URL");
        require(Loopback.isLoopbackHost(uri),
                "JWKS_URL_OVERRIDE is allowed only for a loopback host (127.0.0.0/8, ::1, localhost); "
                        + "deployed functions derive the JWKS URL from USER_POOL_ISSUER");
    }

    private static void requireSecureOrLoopback(URI uri, String variable) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return;
        }
        require(scheme.equals("http") && Loopback.isLoopbackHost(uri),
                variable + " must be an https URL (plain http is allowed only for a loopback host)");
    }

    private static Set<String> validateClientIds(Set<String> ids) {
        require(ids != null && !ids.isEmpty(), "ALLOWED_CLIENT_IDS must list at least one app client id");
        for (String id : ids) {
            require(id != null && !id.isEmpty() && id.chars().noneMatch(c -> c <= ' ' || c == ','),
                    "ALLOWED_CLIENT_IDS has an empty or malformed entry");
        }
        return Set.copyOf(ids);
    }

    private static Set<String> validateTokenUses(Set<String> uses) {
        require(uses != null && !uses.isEmpty(), "ALLOWED_TOKEN_USES must list 'id' and/or 'access'");
        require(KNOWN_TOKEN_USES.containsAll(uses), "ALLOWED_TOKEN_USES may contain only 'id' and 'access'");
        return Set.copyOf(uses);
    }

    private static void requireRange(Duration value, Duration min, Duration max, String variable) {
        require(value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0,
                variable + " must be between " + min + " and " + max);
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        require(value != null && !value.isBlank(), name + " is required");
        return value.strip();
    }

    private static String optional(Map<String, String> env, String name, String defaultValue) {
        String value = env.get(name);
        return value == null || value.isBlank() ? defaultValue : value.strip();
    }

    private static int integer(Map<String, String> env, String name, int defaultValue) {
        String value = optional(env, name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }

    private static Set<String> commaSeparated(String value) {
        Set<String> items = new LinkedHashSet<>();
        Arrays.stream(value.split(",", -1)).map(String::strip).forEach(items::add);
        return items;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
