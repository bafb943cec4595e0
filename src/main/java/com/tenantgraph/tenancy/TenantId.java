package com.tenantgraph.tenancy;

import java.util.regex.Pattern;

/**
 * The id of a tenant (workspace). Its only source on a request is the verified token, passed by the authorizer; it
 * never comes from a GraphQL argument, a header or a cursor. The format excludes {@code #}, the key delimiter, so one
 * tenant's keys can never be a prefix of another's ({@code TENANT#t1#…} never matches {@code TENANT#t12#…}).
 */
public record TenantId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public TenantId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("malformed tenant id");
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    /** True when {@code value} is a well-formed tenant id (the authorizer applies the same rule to the claim). */
    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
