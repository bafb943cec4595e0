package com.tenantgraph.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error meant for the caller: it becomes a GraphQL error with {@code extensions.code} and any further extensions
 * (for example {@code field} for BAD_USER_INPUT or {@code currentVersion} for CONFLICT). Errors are data: the message
 * is for people, the extensions for programs.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Map<String, Object> extensions;

    public ApiException(ErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    public ApiException(ErrorCode code, String message, Map<String, Object> extensions, Throwable cause) {
        super(message, cause);
        this.code = code;
        Map<String, Object> all = new LinkedHashMap<>(extensions);
        all.put("code", code.name());
        this.extensions = Map.copyOf(all);
    }

    public static ApiException badInput(String field, String message) {
        return new ApiException(ErrorCode.BAD_USER_INPUT, message, Map.of("field", field), null);
    }

    /**
     * The one CONFLICT of a stale {@code expectedVersion}, worded alike for every type: {@code what} ("The task")
     * was changed meanwhile; {@code extensions.currentVersion} says to which version, so the client can reload.
     */
    public static ApiException conflict(String what, long currentVersion) {
        return new ApiException(ErrorCode.CONFLICT, what + " was changed by someone else (now version "
                + currentVersion + "); reload it and try again", Map.of("currentVersion", currentVersion), null);
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " not found");
    }

    public ErrorCode code() {
        return code;
    }

    /** Includes {@code code}. */
    public Map<String, Object> extensions() {
        return extensions;
    }
}
