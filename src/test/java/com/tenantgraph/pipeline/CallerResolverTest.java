package com.tenantgraph.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import com.tenantgraph.tenancy.Caller;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The caller from API Gateway's {@code requestContext.authorizer}: a REST API passes every context value as a string. */
class CallerResolverTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final long IN_AN_HOUR = NOW.plusSeconds(3_600).getEpochSecond();

    private final CallerResolver resolver = new CallerResolver(Clock.fixed(NOW, ZoneOffset.UTC));

    /** What the TOKEN authorizer puts in its context, as a REST API delivers it (strings) plus principalId. */
    private static Map<String, Object> restApiContext() {
        Map<String, Object> context = new HashMap<>();
        context.put("principalId", "0f8fad5b-d9cb-469f-a165-70867728950e");
        context.put("tenantId", "t1");
        context.put("userId", "0f8fad5b-d9cb-469f-a165-70867728950e");
        context.put("username", "alice");
        context.put("email", "alice@example.com");
        context.put("groups", "ADMIN,MEMBER");
        context.put("exp", String.valueOf(IN_AN_HOUR));
        return context;
    }

    private ApiException refusal(Map<String, Object> context) {
        return catchThrowableOfType(ApiException.class, () -> resolver.resolve(context));
    }

    @Test
    void resolve_buildsTheCaller_fromARestApiAuthorizerContext() {
        // GIVEN the context of a verified token, all values strings
        Map<String, Object> context = restApiContext();

        // WHEN resolved
        Caller caller = resolver.resolve(context);

        // THEN every field is taken from it
        assertThat(caller).isEqualTo(new Caller(TenantId.of("t1"), UserId.of("0f8fad5b-d9cb-469f-a165-70867728950e"),
                "alice", "alice@example.com", Instant.ofEpochSecond(IN_AN_HOUR), "ADMIN,MEMBER"));
    }

    @Test
    void resolve_acceptsExpAsANumber() {
        // GIVEN a context whose exp is a number (an HTTP API, or the local gateway, keeps numbers)
        Map<String, Object> context = restApiContext();
        context.put("exp", IN_AN_HOUR);

        // WHEN resolved
        Caller caller = resolver.resolve(context);

        // THEN the expiry is the same instant
        assertThat(caller.expiresAt()).isEqualTo(Instant.ofEpochSecond(IN_AN_HOUR));
    }

    @Test
    void resolve_acceptsExpAsAnIntegerOrDouble() {
        // GIVEN exp as the other numeric types a JSON parser produces
        Map<String, Object> asInteger = restApiContext();
        asInteger.put("exp", (int) IN_AN_HOUR);
        Map<String, Object> asDouble = restApiContext();
        asDouble.put("exp", (double) IN_AN_HOUR);

        // WHEN resolved
        // THEN both read the same instant
        assertThat(resolver.resolve(asInteger).expiresAt()).isEqualTo(Instant.ofEpochSecond(IN_AN_HOUR));
        assertThat(resolver.resolve(asDouble).expiresAt()).isEqualTo(Instant.ofEpochSecond(IN_AN_HOUR));
    }

    @Test
    void resolve_leavesOptionalFieldsNull_whenAbsent() {
        // GIVEN a context with only the required values
        Map<String, Object> context = Map.of("tenantId", "t1", "userId", "u1", "exp", String.valueOf(IN_AN_HOUR));

        // WHEN resolved
        Caller caller = resolver.resolve(context);

        // THEN the caller has no username, email or groups
        assertThat(caller.username()).isNull();
        assertThat(caller.email()).isNull();
        assertThat(caller.groups()).isNull();
    }

    @Test
    void resolve_rejects_whenTheContextIsMissing() {
        // GIVEN no authorizer context
        // WHEN resolved
        ApiException refused = refusal(null);

        // THEN UNAUTHENTICATED
        assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenantId", "userId", "exp"})
    void resolve_rejects_whenARequiredValueIsMissing(String missing) {
        // GIVEN a context without one required value
        Map<String, Object> context = restApiContext();
        context.remove(missing);

        // WHEN resolved
        ApiException refused = refusal(context);

        // THEN UNAUTHENTICATED
        assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"t1#USER#victim", "t#", "", " t1", "t1 ", "tënant"})
    void resolve_rejects_whenTheTenantIsMalformed(String tenant) {
        // GIVEN a tenant value that could escape its key space
        Map<String, Object> context = restApiContext();
        context.put("tenantId", tenant);

        // WHEN resolved
        ApiException refused = refusal(context);

        // THEN UNAUTHENTICATED
        assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void resolve_rejects_whenTheUserIsMalformed() {
        // GIVEN a user id with the key delimiter
        Map<String, Object> context = restApiContext();
        context.put("userId", "u1#ADMIN");

        // WHEN resolved
        ApiException refused = refusal(context);

        // THEN UNAUTHENTICATED
        assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void resolve_rejects_whenExpHasPassed() {
        // GIVEN a token that expired a second ago (API Gateway may serve a cached Allow after exp)
        Map<String, Object> context = restApiContext();
        context.put("exp", String.valueOf(NOW.getEpochSecond() - 1));

        // WHEN resolved
        ApiException refused = refusal(context);

        // THEN UNAUTHENTICATED, saying the token expired
        assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(refused.getMessage()).contains("expired");
    }

    @Test
    void resolve_rejects_whenExpIsExactlyNow() {
        // GIVEN a token whose exp is this very second (exp is the first instant it is no longer valid)
        Map<String, Object> context = restApiContext();
        context.put("exp", String.valueOf(NOW.getEpochSecond()));

        // WHEN resolved
        ApiException refused = refusal(context);

        // THEN UNAUTHENTICATED
        assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void resolve_accepts_whenExpIsOneSecondAhead() {
        // GIVEN a token valid for one more second
        Map<String, Object> context = restApiContext();
        context.put("exp", String.valueOf(NOW.getEpochSecond() + 1));

        // WHEN resolved
        Caller caller = resolver.resolve(context);

        // THEN accepted
        assertThat(caller.expiresAt()).isEqualTo(NOW.plusSeconds(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "", "1.5e9", "0x6A", "99999999999999999999", "12 34"})
    void resolve_rejects_whenExpIsNotAnEpochSecond(String exp) {
        // GIVEN an exp that is not a whole number of seconds
        Map<String, Object> context = restApiContext();
        context.put("exp", exp);

        // WHEN resolved
        ApiException refused = refusal(context);

        // THEN UNAUTHENTICATED
        assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void resolve_rejects_whenExpIsNeitherStringNorNumber() {
        // GIVEN an exp of another JSON type
        Map<String, Object> context = restApiContext();
        context.put("exp", true);

        // WHEN resolved
        ApiException refused = refusal(context);

        // THEN UNAUTHENTICATED
        assertThat(refused.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }

    @Test
    void resolve_ignoresPrincipalId_forTheUser() {
        // GIVEN a principalId that differs from userId (the user comes from the userId the authorizer verified)
        Map<String, Object> context = restApiContext();
        context.put("principalId", "someone-else");

        // WHEN resolved
        Caller caller = resolver.resolve(context);

        // THEN the user is userId
        assertThat(caller.user()).isEqualTo(UserId.of("0f8fad5b-d9cb-469f-a165-70867728950e"));
    }

    @Test
    void identify_holdsTheCaller_orTheRefusal_forThePipelineToReport() {
        // GIVEN a valid context and one without a tenant
        Map<String, Object> valid = restApiContext();
        Map<String, Object> noTenant = restApiContext();
        noTenant.remove("tenantId");

        // WHEN each is identified at the edge
        Identity verified = resolver.identify(valid);
        Identity refused = resolver.identify(noTenant);

        // THEN the first yields its caller; the second throws UNAUTHENTICATED only when the pipeline asks for it
        assertThat(verified.caller()).isEqualTo(resolver.resolve(valid));
        assertThat(refused.verified()).isNull();
        assertThat(catchThrowableOfType(ApiException.class, refused::caller).code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    }
}
