package com.tenantgraph.pipeline;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import com.tenantgraph.tenancy.Caller;
import com.tenantgraph.tenancy.TenantId;
import com.tenantgraph.tenancy.UserId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Reads the caller from {@code requestContext.authorizer} (API Gateway passes the authorizer's context there, values
 * as strings for a REST API). Nothing else of the request can name a tenant. Rejects a request whose token has
 * expired: API Gateway may serve a cached Allow after {@code exp}.
 */
public final class CallerResolver {
    private final Clock clock;

    public CallerResolver(Clock clock) {
        this.clock = clock;
    }

    /** The caller, or the reason it is refused, for the pipeline to report once it has read the request. */
    public Identity identify(Map<String, Object> authorizerContext) {
        try {
            return Identity.of(resolve(authorizerContext));
        } catch (ApiException refused) {
            return Identity.refused(refused);
        }
    }

    public Caller resolve(Map<String, Object> authorizerContext) {
        if (authorizerContext == null) {
            throw unauthenticated("no authorizer context");
        }
        String tenant = string(authorizerContext, "tenantId");
        String user = string(authorizerContext, "userId");
        if (!TenantId.isWellFormed(tenant) || !UserId.isWellFormed(user)) {
            throw unauthenticated("authorizer context lacks a well-formed tenant or user");
        }
        Instant expiresAt = expiry(authorizerContext.get("exp"));
        if (!expiresAt.isAfter(clock.instant())) {
            throw new ApiException(ErrorCode.UNAUTHENTICATED, "The token has expired");
        }
        return new Caller(TenantId.of(tenant), UserId.of(user), string(authorizerContext, "username"),
                string(authorizerContext, "email"), expiresAt, string(authorizerContext, "groups"));
    }

    private static Instant expiry(Object exp) {
        try {
            if (exp instanceof Number number) {
                return Instant.ofEpochSecond(number.longValue());
            }
            if (exp instanceof String text) {
                return Instant.ofEpochSecond(Long.parseLong(text.trim()));
            }
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw unauthenticated("malformed exp");
        }
        throw unauthenticated("no exp");
    }

    private static String string(Map<String, Object> context, String key) {
        Object value = context.get(key);
        return value == null ? null : value.toString();
    }

    private static ApiException unauthenticated(String reason) {
        return new ApiException(ErrorCode.UNAUTHENTICATED, "Unauthenticated: " + reason);
    }
}
