package com.tenantgraph.admin;

import com.tenantgraph.errors.ApiException;
import com.tenantgraph.errors.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The caller-facing errors of user and tenant administration (docs/user-administration.md lists them). The rules
 * "never the last ADMIN" and "never disable or remove yourself" are FORBIDDEN with {@code extensions.reason}
 * (LAST_ADMIN, SELF); a stale version is the one CONFLICT of {@link ApiException#conflict}; inviting a member of the
 * caller's own tenant is CONFLICT on the field {@code email}, and nothing ever says whether an email has an account
 * elsewhere.
 */
final class AdminErrors {
    private AdminErrors() {
    }

    static ApiException userNotFound() {
        return ApiException.notFound("User");
    }

    static ApiException badInput(InputRules.InvalidInputException e) {
        return ApiException.badInput(e.field(), e.getMessage());
    }

    static ApiException lastAdmin() {
        return new ApiException(ErrorCode.FORBIDDEN, "A workspace must keep at least one active ADMIN",
                Map.of("reason", "LAST_ADMIN"), null);
    }

    static ApiException self(String what) {
        return new ApiException(ErrorCode.FORBIDDEN, "You cannot " + what + " yourself", Map.of("reason", "SELF"), null);
    }

    static ApiException notAnAdminAnyMore() {
        return new ApiException(ErrorCode.FORBIDDEN, "Your role no longer allows managing users",
                Map.of("reason", "NOT_ADMIN"), null);
    }

    static ApiException removed(long currentVersion) {
        return new ApiException(ErrorCode.CONFLICT, "The user was removed", Map.of("currentVersion", currentVersion,
                "reason", "REMOVED"), null);
    }

    /** Only ever about the caller's own tenant: whether an email has an account elsewhere is never said. */
    static ApiException alreadyMember() {
        return new ApiException(ErrorCode.CONFLICT, "This email address is already a member of this workspace",
                Map.of("field", "email", "reason", "ALREADY_MEMBER"), null);
    }

    /**
     * The record's Cognito user does not exist: an inconsistency between the two stores that retrying cannot mend.
     * The record was put back ({@code currentVersion}); an operator must look (the log names the user).
     */
    static ApiException accountMissing(long currentVersion, Throwable cause) {
        return new ApiException(ErrorCode.INTERNAL, "The user's sign-in account is missing; nothing was changed",
                Map.of("currentVersion", currentVersion, "reason", "ACCOUNT_MISSING"), cause);
    }

    /** Nothing was changed (the other side was undone); {@code currentVersion} when a record was written and undone. */
    static ApiException unavailable(Long currentVersion, Throwable cause) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (currentVersion != null) {
            extensions.put("currentVersion", currentVersion);
        }
        return new ApiException(ErrorCode.UNAVAILABLE,
                "User administration is temporarily unavailable; nothing was changed, retry shortly", extensions, cause);
    }
}
