package com.tenantgraph.authorizer;

import java.security.Provider;

/**
 * Formats the authorizer's log lines: one JSON object per decision, per JWKS fetch, and one at init naming the
 * provider that verifies signatures.
 *
 * <p>What may be logged is decided here, in one place. Never the token or any part of it. The {@code kid} only when
 * it names a key of the configured JWKS (so an attacker cannot write text into our logs through a header), the
 * {@code token_use} only once the signature was verified, and {@code tenantId} and {@code sub} only for a verified
 * token (Allow or Deny): they identify who was let in, which an operator needs, and are not secrets.
 */
final class DecisionLog {

    private final LogSink sink;

    DecisionLog(LogSink sink) {
        this.sink = sink;
    }

    void decision(Decision decision, String requestId) {
        // room for an Allow line with a Cognito kid (44 characters), a UUID sub and a Lambda request id, unresized
        StringBuilder line = new StringBuilder(320).append("{\"event\":\"authorizer_decision\"");
        if (decision instanceof Decision.Allow allow) {
            field(line, "outcome", "allow");
            field(line, "reason", "ok");
            verified(line, allow.token());
            line.append(",\"cached\":").append(allow.cached());
        } else if (decision instanceof Decision.Deny deny) {
            field(line, "outcome", "deny");
            field(line, "reason", deny.reason().code());
            verified(line, deny.token());
        } else if (decision instanceof Decision.Unauthorized unauthorized) {
            Verification.Rejected rejection = unauthorized.rejection();
            field(line, "outcome", "unauthorized");
            field(line, "reason", rejection.reason().code());
            optionalField(line, "kid", rejection.kid());
            optionalField(line, "token_use", rejection.tokenUse());
        }
        optionalField(line, "requestId", requestId);
        sink.write(line.append('}').toString());
    }

    void jwksRefreshed(int keyCount, long millis) {
        sink.write("{\"event\":\"jwks_refresh\",\"outcome\":\"ok\",\"keys\":" + keyCount + ",\"ms\":" + millis + "}");
    }

    void jwksRefreshFailed(Exception error, int cachedKeyCount, long millis) {
        StringBuilder line = new StringBuilder(160).append("{\"event\":\"jwks_refresh\"");
        field(line, "outcome", "failed");
        field(line, "error", error.getClass().getSimpleName() + ": " + error.getMessage());
        line.append(",\"cachedKeys\":").append(cachedKeyCount).append(",\"ms\":").append(millis);
        sink.write(line.append('}').toString());
    }

    /**
     * @param requested     {@code SIGNATURE_PROVIDER}'s value
     * @param used          the provider that verifies
     * @param unavailable   why the requested provider did not load ({@code null} when it is the one used)
     */
    void signatureProvider(String requested, Provider used, Throwable unavailable, long millis) {
        StringBuilder line = new StringBuilder(200).append("{\"event\":\"signature_provider\"");
        field(line, "outcome", unavailable == null ? "ok" : "fallback");
        field(line, "requested", requested);
        field(line, "provider", used.getName());
        field(line, "version", used.getVersionStr());
        if (unavailable != null) {
            Throwable cause = unavailable;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            field(line, "error", cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        line.append(",\"ms\":").append(millis);
        sink.write(line.append('}').toString());
    }

    private static void verified(StringBuilder line, VerifiedToken token) {
        field(line, "kid", token.kid());
        field(line, "token_use", token.tokenUse());
        field(line, "tenantId", token.tenantId());
        field(line, "sub", token.sub());
    }

    private static void optionalField(StringBuilder line, String name, String value) {
        if (value != null) {
            field(line, name, value);
        }
    }

    private static void field(StringBuilder line, String name, String value) {
        line.append(",\"").append(name).append("\":\"");
        appendEscaped(line, value);
        line.append('"');
    }

    static void appendEscaped(StringBuilder out, String value) {
        int plain = 0;
        while (plain < value.length() && !needsEscape(value.charAt(plain))) {
            plain++;
        }
        if (plain == value.length()) {
            out.append(value); // the usual case (kid, sub, tenant, reason codes): one copy, not one append per char
            return;
        }
        out.append(value, 0, plain);
        for (int i = plain; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }

    /** Whether JSON, or a reader of the log line, needs the character escaped: '"', '\\', controls, U+2028/U+2029. */
    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '"' || c == '\\' || c == 0x2028 || c == 0x2029;
    }
}
