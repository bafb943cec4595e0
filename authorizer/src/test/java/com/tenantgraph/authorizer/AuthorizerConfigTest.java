package com.tenantgraph.authorizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Configuration from the environment: defaults, and a clear init failure naming the variable for every mistake. */
class AuthorizerConfigTest {

    private static final String COGNITO_ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc";

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("USER_POOL_ISSUER", COGNITO_ISSUER);
        env.put("ALLOWED_CLIENT_IDS", "client-a");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void fromEnvironment_appliesDefaults_whenOnlyRequiredVariablesSet() {
        // GIVEN only the issuer and the client ids / WHEN read
        AuthorizerConfig config = AuthorizerConfig.fromEnvironment(env());

        // THEN every other setting has its documented default, and the JWKS URL derives from the issuer
        assertThat(config.issuer()).isEqualTo(COGNITO_ISSUER);
        assertThat(config.allowedClientIds()).containsExactly("client-a");
        assertThat(config.allowedTokenUses()).containsExactly("id");
        assertThat(config.tenantClaim()).isEqualTo("custom:tenantId");
        assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.maxTokenLength()).isEqualTo(8192);
        assertThat(config.jwksUrl()).isEqualTo(URI.create(COGNITO_ISSUER + "/.well-known/jwks.json"));
        assertThat(config.jwksRefreshMinInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.jwksConnectTimeout()).isEqualTo(Duration.ofMillis(1000));
        assertThat(config.jwksReadTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.jwksMaxBytes()).isEqualTo(65_536);
        assertThat(config.signatureProvider()).isEqualTo(SignatureProvider.Requested.ACCP);
    }

    @Test
    void fromEnvironment_readsEveryVariable() {
        AuthorizerConfig config = AuthorizerConfig.fromEnvironment(env(
                "ALLOWED_CLIENT_IDS", " client-a , client-b ",
                "ALLOWED_TOKEN_USES", "id,access",
                "TENANT_CLAIM", "tenant_id",
                "CLOCK_SKEW_SECONDS", "5",
                "MAX_TOKEN_LENGTH", "4096",
                "JWKS_URL_OVERRIDE", "http://127.0.0.1:9229/us-east-1_abc/.well-known/jwks.json",
                "JWKS_REFRESH_MIN_INTERVAL_SECONDS", "300",
                "JWKS_CONNECT_TIMEOUT_MS", "250",
                "JWKS_READ_TIMEOUT_MS", "750",
                "JWKS_MAX_BYTES", "16384",
                "SIGNATURE_PROVIDER", "jdk"));

        assertThat(config.allowedClientIds()).containsExactlyInAnyOrder("client-a", "client-b");
        assertThat(config.allowedTokenUses()).containsExactlyInAnyOrder("id", "access");
        assertThat(config.tenantClaim()).isEqualTo("tenant_id");
        assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.maxTokenLength()).isEqualTo(4096);
        assertThat(config.jwksUrl()).isEqualTo(URI.create("http://127.0.0.1:9229/us-east-1_abc/.well-known/jwks.json"));
        assertThat(config.issuerJwksUrl()).isEqualTo(URI.create(COGNITO_ISSUER + "/.well-known/jwks.json"));
        assertThat(config.jwksRefreshMinInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.jwksConnectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.jwksReadTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(config.jwksMaxBytes()).isEqualTo(16_384);
        assertThat(config.signatureProvider()).isEqualTo(SignatureProvider.Requested.JDK);
    }

    @Test
    void fromEnvironment_treatsBlankOptionalVariableAsUnset() {
        AuthorizerConfig config = AuthorizerConfig.fromEnvironment(env("CLOCK_SKEW_SECONDS", " ",
                "JWKS_URL_OVERRIDE", ""));
        assertThat(config.clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.jwksUrl()).isEqualTo(config.issuerJwksUrl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"USER_POOL_ISSUER", "ALLOWED_CLIENT_IDS"})
    void fromEnvironment_failsNamingVariable_whenRequiredMissing(String variable) {
        Map<String, String> env = env();
        env.remove(variable);
        assertThatThrownBy(() -> AuthorizerConfig.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(variable);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc", // plain http off loopback
        "http://10.0.0.5/us-east-1_abc",
        "http://127.0.0.1.nip.example/us-east-1_abc",
        "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc/", // trailing slash never equals a Cognito iss
        "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc?x=1",
        "https://user@cognito-idp.us-east-1.amazonaws.com/us-east-1_abc",
        "cognito-idp.us-east-1.amazonaws.com/us-east-1_abc",
        "ftp://127.0.0.1/us-east-1_abc",
    })
    void fromEnvironment_refusesIssuer_whenNotHttpsOrLoopbackHttp(String issuer) {
        assertThatThrownBy(() -> AuthorizerConfig.fromEnvironment(env("USER_POOL_ISSUER", issuer)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("USER_POOL_ISSUER");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1:9229/pool", "http://127.10.20.30/pool", "http://localhost:9229/pool",
        "http://[::1]:9229/pool", "https://127.0.0.1/pool"})
    void fromEnvironment_acceptsPlainHttpIssuer_onLoopback(String issuer) {
        AuthorizerConfig config = AuthorizerConfig.fromEnvironment(env("USER_POOL_ISSUER", issuer));
        assertThat(config.jwksUrl()).isEqualTo(URI.create(issuer + "/.well-known/jwks.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://evil.example.com/.well-known/jwks.json",
        "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other/.well-known/jwks.json",
        "http://10.0.0.1/jwks.json",
        "http://169.254.169.254/latest/meta-data",
        "http://127.0.0.1.evil.example/jwks.json",
        "http://localhost.evil.example/jwks.json",
        "http://127.0.0.256/jwks.json",
        "http://[::2]/jwks.json",
        "http://0.0.0.0/jwks.json",
        "file:///etc/passwd",
        "jwks.json",
    })
    void fromEnvironment_refusesJwksOverride_whenNotLoopback(String override) {
        // GIVEN a JWKS override that is not a loopback http(s) URL / WHEN read / THEN init fails naming it
        assertThatThrownBy(() -> AuthorizerConfig.fromEnvironment(env("JWKS_URL_OVERRIDE", override)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JWKS_URL_OVERRIDE");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1:9229/pool/.well-known/jwks.json", "http://127.255.0.1/jwks.json",
        "http://localhost:1234/jwks.json", "http://[::1]:1234/jwks.json", "https://localhost/jwks.json"})
    void fromEnvironment_acceptsJwksOverride_whenLoopback(String override) {
        assertThat(AuthorizerConfig.fromEnvironment(env("JWKS_URL_OVERRIDE", override)).jwksUrl())
                .isEqualTo(URI.create(override));
    }

    @Test
    void constructor_refusesNonLoopbackJwksUrl_thatIsNotTheIssuers() {
        // GIVEN code building the config directly (not from the environment) with a foreign JWKS URL
        assertThatThrownBy(() -> new AuthorizerConfig(COGNITO_ISSUER, Set.of("c"), Set.of("id"), "custom:tenantId",
                Duration.ofSeconds(30), 8192, URI.create("https://evil.example.com/jwks.json"),
                Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofSeconds(1), 65_536,
                SignatureProvider.Requested.ACCP))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JWKS_URL_OVERRIDE");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ALLOWED_CLIENT_IDS|a,,b",
        "ALLOWED_CLIENT_IDS|' , '",
        "ALLOWED_TOKEN_USES|refresh",
        "ALLOWED_TOKEN_USES|id,refresh",
        "ALLOWED_TOKEN_USES|ID",
        "CLOCK_SKEW_SECONDS|abc",
        "CLOCK_SKEW_SECONDS|-1",
        "CLOCK_SKEW_SECONDS|301",
        "MAX_TOKEN_LENGTH|100",
        "MAX_TOKEN_LENGTH|4294975488",
        "JWKS_REFRESH_MIN_INTERVAL_SECONDS|0",
        "JWKS_CONNECT_TIMEOUT_MS|0",
        "JWKS_READ_TIMEOUT_MS|60000",
        "JWKS_MAX_BYTES|10",
        "JWKS_MAX_BYTES|1.5",
        "SIGNATURE_PROVIDER|openssl",
        "SIGNATURE_PROVIDER|ACCP",
    })
    void fromEnvironment_failsNamingVariable_whenValueInvalid(String variable, String value) {
        assertThatThrownBy(() -> AuthorizerConfig.fromEnvironment(env(variable, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(variable);
    }
}
