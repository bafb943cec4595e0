package com.tenantgraph.tenancy;

import java.util.regex.Pattern;

/** The id of a user: the Cognito {@code sub}. No {@code #}, so it is safe inside a key. */
public record UserId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    public UserId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("malformed user id");
        }
    }

    public static UserId of(String value) {
        return new UserId(value);
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
